"""Whether a failure means "the database cannot be reached now": worth a retry, answered as
`UNAVAILABLE` (503 with `Retry-After`) by every layer that classifies errors (the HTTP fault
barrier in `server.faults`, the GraphQL error codes in `graphql_schema.errors`)."""

from __future__ import annotations

import errno
import socket
import sqlite3
from collections.abc import Iterator

import asyncpg
from tortoise.exceptions import DBConnectionError

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
