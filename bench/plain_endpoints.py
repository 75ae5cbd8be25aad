"""The baseline the read-path benchmarks divide by: plain Starlette endpoints that run the SQL a
screen needs with the bare driver (asyncpg, or aiosqlite) and answer the same JSON as the
GraphQL server. No framework between the socket and the SQL but Starlette and uvicorn.

    PLAIN_DATABASE_URL=postgres://… uvicorn bench.plain_endpoints:app

The caller is named by `X-User-Id` and `X-Session-Id` headers (no token to verify: the
baseline is the floor, so it does less than the server, never more), and the session's liveness
is checked by one query, as the server does for every request.
"""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

SESSION_SQL = (
    "SELECT 1 FROM auth_session s JOIN app_user u ON u.id = s.user_id"
    " WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND u.is_active"
)
CHILDREN_SQL = (
    "SELECT st.name, c.name AS class_name, sc.name AS school_name"
    " FROM guardianship g JOIN student st ON st.id = g.student_id"
    " JOIN school_class c ON c.id = st.school_class_id JOIN school sc ON sc.id = st.school_id"
    " WHERE g.guardian_id = $1 ORDER BY st.id LIMIT 11"
)


class Database:
    """`fetch(sql, *args)` → rows as dicts, on PostgreSQL ($n placeholders) or SQLite (?)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.sqlite = url.startswith("sqlite://")
        self._pool: Any = None
        self._connection: Any = None

    async def open(self) -> None:
        if self.sqlite:
            import aiosqlite

            self._connection = await aiosqlite.connect(self.url.removeprefix("sqlite://"))
            self._connection.row_factory = aiosqlite.Row
        else:
            import asyncpg

            self._pool = await asyncpg.create_pool(self.url, min_size=2, max_size=10)

    async def close(self) -> None:
        if self._connection is not None:
            await self._connection.close()
        if self._pool is not None:
            await self._pool.close()

    async def fetch(self, sql: str, *args: Any) -> list[dict[str, Any]]:
        if self.sqlite:
            for n in range(len(args), 0, -1):
                sql = sql.replace(f"${n}", "?")
            async with self._connection.execute(sql, args) as cursor:
                return [dict(row) for row in await cursor.fetchall()]
        async with self._pool.acquire() as connection:
            return [dict(row) for row in await connection.fetch(sql, *args)]


DATABASE = Database(os.environ.get("PLAIN_DATABASE_URL", "sqlite://var/homeroom.sqlite3"))


def _json(payload: Any) -> Response:
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return Response(body, media_type="application/json")


def signed_in(
    endpoint: Callable[[Request, int], Awaitable[Any]],
) -> Callable[[Request], Awaitable[Response]]:
    """The caller's session checked (one query), then `endpoint(request, user_id)`'s data."""

    async def handle(request: Request) -> Response:
        user_id = int(request.headers["x-user-id"])
        session_id = int(request.headers["x-session-id"])
        if not await DATABASE.fetch(SESSION_SQL, session_id, user_id):
            return _json({"errors": [{"message": "unauthenticated"}]})
        return _json({"data": await endpoint(request, user_id)})

    return handle


async def children(request: Request, user_id: int) -> Any:
    rows = await DATABASE.fetch(CHILDREN_SQL, user_id)
    edges = [
        {
            "node": {
                "name": r["name"],
                "schoolClass": {"name": r["class_name"]},
                "school": {"name": r["school_name"]},
            }
        }
        for r in rows[:10]
    ]
    return {"viewer": {"children": {"edges": edges}}}


async def ready(request: Request) -> Response:
    await DATABASE.fetch("SELECT 1")
    return _json({"status": "ok"})


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    await DATABASE.open()
    try:
        yield
    finally:
        await DATABASE.close()


ROUTES = [
    Route("/ready", ready),
    Route("/children", signed_in(children), methods=["POST"]),
]
app = Starlette(routes=ROUTES, lifespan=lifespan)
