"""Failures outside GraphQL execution (loading the viewer, claiming an idempotency key, any
middleware) leave as a JSON GraphQL answer with a code, never as a plain-text 500, and never
cost the client its keep-alive connection.

A database that cannot be reached (refused, dropped, shut down, locked) is `UNAVAILABLE`
(503 with `Retry-After`: the app tries again later); anything else is `INTERNAL` (500, logged
with its trace, the message says nothing more). Errors inside a resolver are classified by
the GraphQL layer (`graphql_schema.errors`).
"""

from __future__ import annotations

import errno
import json
import logging
import socket
import sqlite3
from collections.abc import Iterator

import asyncpg
from tortoise.exceptions import DBConnectionError

from core.errors import ErrorCode
from server.middleware import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("homeroom.http")
RETRY_AFTER_SECONDS = 5
INTERNAL_MESSAGE = "服务器内部错误"
UNAVAILABLE_MESSAGE = "服务暂时不可用，请稍后重试"

_UNREACHABLE_ERRNOS = {errno.ECONNREFUSED, errno.EHOSTUNREACH, errno.ENETUNREACH}
_UNAVAILABLE_TYPES: tuple[type[BaseException], ...] = (
    ConnectionError,  # refused, reset, broken pipe
    TimeoutError,
    socket.gaierror,
    DBConnectionError,
    asyncpg.PostgresConnectionError,  # the connection died
    asyncpg.exceptions.OperatorInterventionError,  # shutting down, starting up
    asyncpg.InvalidCatalogNameError,  # the database was dropped or renamed
    asyncpg.InterfaceError,  # "connection is closed", "pool is closing"
)
_SQLITE_UNAVAILABLE = ("unable to open database file", "database is locked", "disk i/o error")


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def database_unavailable(exc: BaseException) -> bool:
    """Whether this failure means "the database cannot be reached now" (worth a retry)."""
    for e in _chain(exc):
        if isinstance(e, _UNAVAILABLE_TYPES):
            return True
        if isinstance(e, OSError) and e.errno in _UNREACHABLE_ERRNOS and e.filename is None:
            return True
        if isinstance(e, sqlite3.OperationalError) and str(e).lower() in _SQLITE_UNAVAILABLE:
            return True
    return False


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
