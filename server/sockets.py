"""graphql-transport-ws sockets bound to the session that opened them (issue 14).

A socket is for subscriptions only: queries and mutations go over HTTP, where every request
is authenticated, rate limited and logged; over the socket they get a typed FORBIDDEN error.
Each `subscribe` counts against the same per-IP and per-account limits as an HTTP request.
The socket closes when its session ends (logout, a reused refresh token revoking the chain:
4403) or its access token expires (4401; the app re-connects with a fresh token). Expiry is
read from the server's clock before every message sent; the session is looked up on every
`subscribe` and every `session_check_seconds` in between.
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import suppress
from typing import Any, Protocol

from graphql import GraphQLError, OperationDefinitionNode, OperationType, parse
from graphql.error import GraphQLSyntaxError
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.types import (
    ConnectionInitMessage,
    Message,
    SubscribeMessage,
)

from core.clock import Clock
from core.errors import ErrorCode
from graphql_schema.context import Context
from models.accounts import active_session_user
from server.middleware import RateLimits, rate_limited_message
from server.tokens import AccessClaims

log = logging.getLogger("homeroom.ws")

CLOSE_TOKEN_EXPIRED = 4401  # re-connect with a fresh access token
CLOSE_SESSION_ENDED = 4403  # signed out or revoked: sign in again
CLOSE_RATE_LIMITED = 4429


class SocketView(Protocol):
    """What the handler needs from the GraphQL view (server.app.HomeroomGraphQL)."""

    clock: Clock
    rate_limits: RateLimits
    session_check_seconds: float

    def socket_claims(self, context: Context) -> AccessClaims | None: ...


def operation_type(query: object, operation_name: object) -> OperationType | None:
    """The type of the operation a subscribe message would run; None when it can't be told
    (the schema's own checks then answer)."""
    if not isinstance(query, str):
        return None
    try:
        document = parse(query)
    except GraphQLSyntaxError:
        return None
    for op in document.definitions:
        if isinstance(op, OperationDefinitionNode) and (
            operation_name is None or (op.name is not None and op.name.value == operation_name)
        ):
            return op.operation
    return None


class SessionBoundHandler(BaseGraphQLTransportWSHandler[Context, None]):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.claims: AccessClaims | None = None
        self.closed = False
        self.watcher: asyncio.Task[None] | None = None

    @property
    def _view(self) -> SocketView:
        return self.view  # type: ignore[return-value]

    @property
    def _client(self) -> str:
        request = self.context.request
        client = getattr(request, "client", None)
        return client.host if client is not None else "unknown"

    async def handle_connection_init(self, message: ConnectionInitMessage) -> None:
        if await self._view.rate_limits.retry_after(self._client, None) is not None:
            await self._close(CLOSE_RATE_LIMITED, "Too many requests")
            return
        await super().handle_connection_init(message)
        if self.connection_acknowledged and self.watcher is None:
            self.claims = self._view.socket_claims(self.context)
            self.watcher = asyncio.create_task(self._watch())

    async def handle_subscribe(self, message: SubscribeMessage) -> None:
        if not self.connection_acknowledged or self.claims is None:
            await super().handle_subscribe(message)
            return
        if await self._session_over():
            return
        retry = await self._view.rate_limits.retry_after(self._client, self.claims.user_id)
        if retry is not None:
            await self._refuse(
                message, ErrorCode.RATE_LIMITED, rate_limited_message(retry), retryAfter=retry
            )
            return
        payload = message.get("payload") or {}
        kind = operation_type(payload.get("query"), payload.get("operationName"))
        if kind is not None and kind != OperationType.SUBSCRIPTION:
            await self._refuse(
                message, ErrorCode.FORBIDDEN, "WebSocket 只用于订阅；查询和修改请通过 HTTP 发送"
            )
            return
        await super().handle_subscribe(message)

    async def send_message(self, message: Message) -> None:
        if self.closed:
            return
        if message["type"] == "next" and self._token_expired():
            await self._close(CLOSE_TOKEN_EXPIRED, "Access token expired")
            return
        await super().send_message(message)

    async def shutdown(self) -> None:
        if self.watcher is not None:
            self.watcher.cancel()
            with suppress(asyncio.CancelledError):
                await self.watcher
        await super().shutdown()

    async def _watch(self) -> None:
        try:
            while not self.closed:
                await asyncio.sleep(self._view.session_check_seconds)
                if await self._session_over():
                    return
        except Exception:  # a failed look-up must not leave the socket unwatched and silent
            log.exception("socket session check failed; closing the socket")
            await self._close(CLOSE_SESSION_ENDED, "Session check failed")

    def _token_expired(self) -> bool:
        return self.claims is not None and self._view.clock.now() >= self.claims.expires_at

    async def _session_over(self) -> bool:
        """Closes the socket when its token expired or its session ended; says whether it did."""
        if self.closed:
            return True
        if self._token_expired():
            await self._close(CLOSE_TOKEN_EXPIRED, "Access token expired")
            return True
        claims = self.claims
        if claims is not None and not await active_session_user(claims.session_id, claims.user_id):
            await self._close(CLOSE_SESSION_ENDED, "Session ended")
            return True
        return False

    async def _close(self, code: int, reason: str) -> None:
        if self.closed:
            return
        self.closed = True
        for operation_id in list(self.operations):
            await self.cleanup_operation(operation_id)
        with suppress(Exception):  # the peer may be gone already
            await self.websocket.close(code=code, reason=reason)

    async def _refuse(
        self, message: SubscribeMessage, code: ErrorCode, text: str, **extensions: Any
    ) -> None:
        error = GraphQLError(text, extensions={"code": code.value, **extensions})
        await self.send_message(
            {"id": message["id"], "type": "error", "payload": [error.formatted]}
        )
