"""ASGI middleware around /graphql: request id and access log, who is calling (from the
bearer token), rate limits, and idempotent replay of mutations."""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from graphql import OperationDefinitionNode, OperationType, parse
from graphql.error import GraphQLSyntaxError
from limits import parse as parse_limit
from limits.aio.strategies import SlidingWindowCounterRateLimiter
from limits.storage import storage_from_string
from packaging.version import InvalidVersion, Version
from tortoise.transactions import in_transaction

from core.clock import Clock
from core.errors import ErrorCode
from models import idempotency
from models.accounts import active_session_user
from server.logs import request_id_var
from server.metrics import Metrics
from server.tokens import AccessClaims, TokenIssuer

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

log = logging.getLogger("homeroom.http")


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return None


async def _json_error(
    send: Send, status: int, code: ErrorCode, message: str, headers: dict[str, str] | None = None
) -> None:
    body = json.dumps(
        {"errors": [{"message": message, "extensions": {"code": code.value}}]}, ensure_ascii=False
    ).encode()
    raw_headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
    ]
    raw_headers += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw_headers})
    await send({"type": "http.response.body", "body": body})


class RequestContextMiddleware:
    """Gives every request an id (or keeps the caller's), logs it, counts it."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = _header(scope, b"x-request-id") or uuid.uuid4().hex
        token = request_id_var.set(request_id[:64])
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", []).append(
                    (b"x-request-id", request_id[:64].encode())
                )
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            path = scope.get("path", "")
            self.metrics.http.labels(
                path if path in ("/graphql", "/healthz", "/metrics") else "other", str(status)
            ).inc()
            log.info(
                "request",
                extra={
                    "method": scope.get("method"),
                    "path": path,
                    "status": status,
                    "ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
            request_id_var.reset(token)


class BodySizeLimitMiddleware:
    """Refuses request bodies over a size (a roster CSV is the largest legitimate one)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _header(scope, b"content-length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            await _json_error(send, 413, ErrorCode.INVALID, f"请求体超过 {self.max_bytes} 字节")
            return
        if not declared and _header(scope, b"transfer-encoding"):
            # A body of undeclared length is read here, up to the limit, before the app runs:
            # refused past it as a 413 without an exception travelling through the app (which
            # would answer 500 and log a trace).
            buffered = await self._read_bounded(receive)
            if buffered is None:
                await _json_error(send, 413, ErrorCode.INVALID, f"请求体超过 {self.max_bytes} 字节")
                return
            await self.app(scope, _replay(buffered, receive), send)
            return
        seen = 0

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                raise _BodyTooLarge
            return message

        try:
            await self.app(scope, counting_receive, send)
        except _BodyTooLarge:
            await _json_error(send, 413, ErrorCode.INVALID, f"请求体超过 {self.max_bytes} 字节")

    async def _read_bounded(self, receive: Receive) -> list[Message] | None:
        """The request's body messages, or None once they pass the limit (the rest unread)."""
        messages: list[Message] = []
        seen = 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                return messages  # the client went away: the app sees the disconnect
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                return None
            if not message.get("more_body", False):
                return messages


def _replay(messages: list[Message], receive: Receive) -> Receive:
    pending = list(messages)

    async def replaying_receive() -> Message:
        return pending.pop(0) if pending else await receive()

    return replaying_receive


class _BodyTooLarge(Exception):
    pass


class CallerMiddleware:
    """Reads the bearer token once; downstream sees `scope["state"]["claims"]` (or None)."""

    def __init__(self, app: ASGIApp, tokens: TokenIssuer, clock: Clock) -> None:
        self.app = app
        self.tokens = tokens
        self.clock = clock

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            auth = _header(scope, b"authorization") or ""
            claims = None
            if auth.lower().startswith("bearer "):
                claims = self.tokens.verify(auth[7:].strip(), self.clock.now())
            scope.setdefault("state", {})["claims"] = claims
        await self.app(scope, receive, send)


class AppVersionMiddleware:
    """An app older than the contract's minimum version is told to update, not served
    answers it may misread."""

    def __init__(self, app: ASGIApp, minimum: str) -> None:
        self.app = app
        self.minimum = Version(minimum)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        raw = _header(scope, b"x-homeroom-app-version") if scope["type"] == "http" else None
        if raw:
            try:
                too_old = Version(raw) < self.minimum
            except InvalidVersion:
                too_old = False  # an odd header is not a reason to lock someone out
            if too_old:
                await _json_error(
                    send,
                    426,
                    ErrorCode.UPGRADE_REQUIRED,
                    f"当前版本过低，请升级到 {self.minimum} 或更高版本",
                )
                return
        await self.app(scope, receive, send)


class RateLimits:
    """Sliding windows per client IP and per account, shared by HTTP requests and socket
    messages, so a socket is no way around them.

    A sliding window counter (this minute's count plus the last minute's, weighted by how much
    of it still overlaps the window): two counters a key. `limits`' moving window keeps a
    timestamp a request and its memory storage sweeps every key with a thread hop each after
    every request, so its cost grew with the number of accounts signed in (64 parents on one
    process: 15 % of the feed's throughput, bench/README.md)."""

    def __init__(self, *, storage_uri: str, per_ip: str, per_account: str) -> None:
        uri = storage_uri if storage_uri.startswith("async+") else f"async+{storage_uri}"
        # redis-py (a dependency already) rather than limits' default coredis client (issue 15)
        options = {"implementation": "redispy"} if "redis" in uri.split("://", 1)[0] else {}
        self.limiter = SlidingWindowCounterRateLimiter(storage_from_string(uri, **options))
        self.per_ip = parse_limit(per_ip)
        self.per_account = parse_limit(per_account)

    async def retry_after(self, client: str, user_id: int | None) -> int | None:
        """Counts one request; None when it is within the limits, else seconds to wait."""
        checks = [(self.per_ip, "ip", client)]
        if user_id is not None:
            checks.append((self.per_account, "user", str(user_id)))
        for item, kind, ident in checks:
            if not await self.limiter.hit(item, kind, ident):
                stats = await self.limiter.get_window_stats(item, kind, ident)
                return max(1, int(stats.reset_time - time.time()) + 1)
        return None


def rate_limited_message(retry: int) -> str:
    return f"请求过于频繁，请 {retry} 秒后再试"


class RateLimitMiddleware:
    """Per client IP and per account, sliding windows, typed RATE_LIMITED with Retry-After."""

    def __init__(self, app: ASGIApp, limits: RateLimits) -> None:
        self.app = app
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("path") != "/graphql":
            await self.app(scope, receive, send)
            return
        client = (scope.get("client") or ("unknown", 0))[0]
        claims = scope.get("state", {}).get("claims")
        retry = await self.limits.retry_after(client, claims.user_id if claims else None)
        if retry is not None:
            await _json_error(
                send,
                429,
                ErrorCode.RATE_LIMITED,
                rate_limited_message(retry),
                {"Retry-After": str(retry)},
            )
            return
        await self.app(scope, receive, send)


def _operation_type(payload: dict[str, Any]) -> OperationType | None:
    try:
        document = parse(payload.get("query") or "")
    except GraphQLSyntaxError:
        return None
    ops = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    name = payload.get("operationName")
    for op in ops:
        if name is None or (op.name and op.name.value == name):
            return op.operation
    return None


class IdempotencyMiddleware:
    """A mutation sent with `Idempotency-Key` runs once per key and caller: a retry with the
    same input gets the first final answer again; the same key with other input is refused;
    a retry while the first try runs gets 409 until its lease runs out. The claim, lease and
    one-transaction design are described in `models.idempotency`."""

    def __init__(self, app: ASGIApp, clock: Clock, secret: str) -> None:
        self.app = app
        self.clock = clock
        self.sealer = idempotency.Sealer(secret)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        key = _header(scope, b"idempotency-key") if scope["type"] == "http" else None
        if not key or scope.get("method") != "POST" or scope.get("path") != "/graphql":
            await self.app(scope, receive, send)
            return
        body = b""
        more = True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)

        async def replay_receive() -> Message:
            return {"type": "http.request", "body": body, "more_body": False}

        try:
            payload = json.loads(body)
        except ValueError:
            payload = None
        if not isinstance(payload, dict) or _operation_type(payload) != OperationType.MUTATION:
            await self.app(scope, replay_receive, send)
            return
        if len(key) > 100:
            await _json_error(send, 400, ErrorCode.INVALID, "Idempotency-Key 最长 100 个字符")
            return
        canonical = json.dumps(
            [payload.get("query"), payload.get("variables") or {}, payload.get("operationName")],
            sort_keys=True,
            ensure_ascii=False,
        )
        claim = await idempotency.claim(
            await _caller(scope.get("state", {}).get("claims")),
            key,
            self.sealer.request_hash(canonical.encode()),
            self.clock.now(),
        )
        if claim.conflict == "reused":
            await _json_error(
                send, 422, ErrorCode.IDEMPOTENCY_KEY_REUSED, "该 Idempotency-Key 已用于另一个请求"
            )
            return
        if claim.conflict == "in_progress":
            await _in_progress(send, claim.retry_after)
            return
        if claim.replay is not None:
            stored = self.sealer.open(claim.replay.response_body or "")
            if stored is None:  # sealed under another secret: it cannot be shown again
                await _json_error(
                    send, 422, ErrorCode.IDEMPOTENCY_KEY_REUSED, "该 Idempotency-Key 已使用过"
                )
                return
            await _Answer(claim.replay.status_code or 200, stored).send_to(send, replayed=True)
            return
        assert claim.record_id is not None and claim.owner is not None
        await self._run_once(scope, replay_receive, send, claim.record_id, claim.owner)

    async def _run_once(
        self, scope: Scope, receive: Receive, send: Send, record_id: int, owner: str
    ) -> None:
        """Runs the request and stores its final answer in one transaction; the client gets
        the answer only after the commit."""
        answer = _Answer()
        try:
            async with in_transaction():
                if not await idempotency.held(record_id, owner, self.clock.now()):
                    raise _LeaseLost
                await self.app(scope, receive, answer.capture)
                if not answer.is_final:
                    raise _NotFinal  # roll back whatever the request wrote
                sealed = self.sealer.seal(answer.body)
                if not await idempotency.complete(record_id, owner, answer.status, sealed):
                    raise _LeaseLost
        except _LeaseLost:
            await _in_progress(send, 1)
            return
        except _NotFinal:
            await _release(record_id, owner)
        except Exception:
            await _release(record_id, owner)
            raise
        await answer.send_to(send)


async def _caller(claims: AccessClaims | None) -> str:
    """A stored answer is replayed only to the live session that asked (or, signed out, to
    whoever sends the very same request: see `models.idempotency`)."""
    if claims is not None and await active_session_user(claims.session_id, claims.user_id):
        return f"user:{claims.user_id}:session:{claims.session_id}"
    return "anonymous"


async def _release(record_id: int, owner: str) -> None:
    try:
        await idempotency.release(record_id, owner)
    except Exception:  # the database is gone too: the lease runs out instead
        log.warning("could not release an idempotency key", exc_info=True)


async def _in_progress(send: Send, retry_after: int) -> None:
    await _json_error(
        send,
        409,
        ErrorCode.IDEMPOTENCY_KEY_IN_PROGRESS,
        "同一请求正在处理中，请稍后重试",
        {"Retry-After": str(retry_after)},
    )


class _LeaseLost(Exception):
    pass


class _NotFinal(Exception):
    pass


class _Answer:
    """A response held back until the transaction that produced it has committed."""

    def __init__(self, status: int = 500, body: bytes = b"") -> None:
        self.status = status
        self.headers: list[tuple[bytes, bytes]] = [(b"content-type", b"application/json")]
        self.chunks = [body] if body else []

    async def capture(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]
            self.headers = [
                (k, v) for k, v in message.get("headers", []) if k.lower() != b"content-length"
            ]
        elif message["type"] == "http.response.body":
            self.chunks.append(message.get("body", b""))

    @property
    def body(self) -> bytes:
        return b"".join(self.chunks)

    @property
    def is_final(self) -> bool:
        """A success or a business `userErrors` answer: HTTP 200 without top-level errors.
        An INTERNAL/UNAVAILABLE error, a refusal or anything unreadable may go another way
        on a retry."""
        if self.status != 200:
            return False
        try:
            parsed = json.loads(self.body)
        except ValueError:
            return False
        return isinstance(parsed, dict) and "data" in parsed and not parsed.get("errors")

    async def send_to(self, send: Send, *, replayed: bool = False) -> None:
        body = self.body
        headers = [*self.headers, (b"content-length", str(len(body)).encode())]
        if replayed:
            headers.append((b"idempotent-replayed", b"true"))
        await send({"type": "http.response.start", "status": self.status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
