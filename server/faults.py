"""Failures outside GraphQL execution (loading the viewer, claiming an idempotency key, any
middleware) leave as a JSON GraphQL answer with a code, never as a plain-text 500, and never
cost the client its keep-alive connection.

A database that cannot be reached (refused, dropped, shut down, locked) is `UNAVAILABLE`
(503 with `Retry-After`: the app tries again later); anything else is `INTERNAL` (500, logged
with its trace, the message says nothing more). Errors inside a resolver are classified by
the GraphQL layer (`graphql_schema.errors`).
"""

from __future__ import annotations

import json
import logging

from core.errors import ErrorCode
from core.faults import database_unavailable
from server.middleware import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("homeroom.http")
RETRY_AFTER_SECONDS = 5
INTERNAL_MESSAGE = "服务器内部错误"
UNAVAILABLE_MESSAGE = "服务暂时不可用，请稍后重试"


class FaultBarrier:
    """Turns an exception that escapes the app into a typed JSON answer. Placed around the
    middleware stack and around the GraphQL endpoint (inside Starlette, whose own error
    middleware would answer in plain text first and then re-raise)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = finished = False

        async def tracking_send(message: Message) -> None:
            nonlocal started, finished
            if message["type"] == "http.response.start":
                started = True
            elif message["type"] == "http.response.body" and not message.get("more_body"):
                finished = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            if finished:  # the client has its answer: keep the connection, keep the trace
                log.error("failure after the response was sent", exc_info=exc)
                return
            if started:  # half an answer can only be ended by closing the connection
                raise
            await send_fault(send, exc)


async def send_fault(send: Send, exc: BaseException) -> None:
    if database_unavailable(exc):
        log.warning("database unavailable: %s: %s", type(exc).__name__, exc)
        status, code, message = 503, ErrorCode.UNAVAILABLE, UNAVAILABLE_MESSAGE
        extra = [(b"retry-after", str(RETRY_AFTER_SECONDS).encode())]
    else:
        log.error("unexpected error", exc_info=exc)
        status, code, message = 500, ErrorCode.INTERNAL, INTERNAL_MESSAGE
        extra = []
    body = json.dumps(
        {"data": None, "errors": [{"message": message, "extensions": {"code": code.value}}]},
        ensure_ascii=False,
    ).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        *extra,
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
