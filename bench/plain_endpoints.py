"""The baseline the read-path benchmarks divide by: plain Starlette endpoints that run the SQL a
screen needs with the bare driver (asyncpg, or aiosqlite) and answer the same JSON as the
GraphQL server. No framework between the socket and the SQL but Starlette and uvicorn.

    PLAIN_DATABASE_URL=postgres://… uvicorn bench.plain_endpoints:app

The caller is named by `X-User-Id` and `X-Session-Id` headers (no token to verify: the
baseline is the floor, so it does less than the server, never more), and the session's liveness
is checked by one query, as the server does for every request.
"""

from __future__ import annotations

import base64
import datetime as dt
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
# The feed page (issue 11) in one statement: the newest released micro-lessons read down the
# (released_at, id) index after the cursor, each kept when one of its targets matches one of
# the viewer's children (district, school, age band together), the first 21 (the page and one
# more) joined to their lesson and the viewer's own progress and reaction. Each $n once, in
# order (SQLite's `?` are positional).
FEED_SQL = (
    "SELECT m.id, m.series, m.episode, m.released_at, l.id AS lesson_id, l.title, l.kind,"
    " l.duration_seconds, p.position_seconds, p.watched_seconds, p.completed, r.liked, r.saved"
    " FROM (SELECT m.id, m.lesson_id, m.series, m.episode, m.released_at FROM micro_lesson m"
    " WHERE m.released_at IS NOT NULL{after} AND EXISTS ("
    "SELECT 1 FROM micro_lesson_target t JOIN school sc ON sc.district_id = t.district_id"
    " JOIN school_class c ON c.school_id = sc.id JOIN student st ON st.school_class_id = c.id"
    " JOIN guardianship g ON g.student_id = st.id"
    " WHERE t.micro_lesson_id = m.id AND g.guardian_id = {u1}"
    " AND (t.school_id IS NULL OR t.school_id = c.school_id)"
    " AND (t.age_band IS NULL OR t.age_band = c.age_band))"
    " ORDER BY m.released_at DESC, m.id DESC LIMIT 21) m"
    " JOIN lesson l ON l.id = m.lesson_id"
    " LEFT JOIN lesson_progress p ON p.lesson_id = m.lesson_id AND p.user_id = {u2}"
    " LEFT JOIN micro_lesson_reaction r ON r.micro_lesson_id = m.id AND r.user_id = {u3}"
    " ORDER BY m.released_at DESC, m.id DESC"
)
# keyset after the cursor, with a range bound on released_at so the index walk starts there
FEED_AFTER = " AND m.released_at <= $1 AND (m.released_at < $2 OR m.id < $3)"
FEED_FIRST = FEED_SQL.format(after="", u1="$1", u2="$2", u3="$3")
FEED_NEXT = FEED_SQL.format(after=FEED_AFTER, u1="$4", u2="$5", u3="$6")
FEED_PAGE = 20


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


def _global_id(type_name: str, pk: int) -> str:
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


def _datetime(value: Any) -> dt.datetime:
    """asyncpg's aware datetime, or SQLite's text as Tortoise stores it."""
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)


def _feed_cursor(released_at: dt.datetime, pk: int) -> str:
    """The server's keyset cursor: base64 of `k:` and the JSON of the sort key and id."""
    key = json.dumps([released_at.isoformat(), pk], separators=(",", ":"))
    return base64.b64encode(f"k:{key}".encode()).decode()


async def feed(request: Request, user_id: int) -> Any:
    """`viewer { microLessonFeed(first: 20, after: $after) { … } }`: the same JSON."""
    body = await request.body()
    after = json.loads(body).get("after") if body else None
    args: list[Any] = []
    sql = FEED_FIRST
    if after:
        released, pk = json.loads(base64.b64decode(after).decode().removeprefix("k:"))
        at = dt.datetime.fromisoformat(released)
        value = at.isoformat(" ") if DATABASE.sqlite else at  # SQLite compares the stored text
        sql, args = FEED_NEXT, [value, value, int(pk)]
    rows = await DATABASE.fetch(sql, *args, user_id, user_id, user_id)
    edges = []
    for r in rows[:FEED_PAGE]:
        released_at = _datetime(r["released_at"])
        progress = None
        if r["position_seconds"] is not None:
            progress = {
                "positionSeconds": r["position_seconds"],
                "watchedSeconds": r["watched_seconds"],
                "completed": bool(r["completed"]),
            }
        edges.append(
            {
                "cursor": _feed_cursor(released_at, r["id"]),
                "node": {
                    "id": _global_id("MicroLesson", r["id"]),
                    "series": r["series"],
                    "episode": r["episode"],
                    "releasedAt": released_at.isoformat(),
                    "lesson": {
                        "id": _global_id("Lesson", r["lesson_id"]),
                        "title": r["title"],
                        "kind": r["kind"],
                        "durationSeconds": r["duration_seconds"],
                    },
                    "viewerProgress": progress,
                    "liked": bool(r["liked"]),
                    "saved": bool(r["saved"]),
                },
            }
        )
    page_info = {
        "endCursor": edges[-1]["cursor"] if edges else None,
        "hasNextPage": len(rows) > FEED_PAGE,
    }
    return {"viewer": {"microLessonFeed": {"edges": edges, "pageInfo": page_info}}}


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
    Route("/feed", signed_in(feed), methods=["POST"]),
]
app = Starlette(routes=ROUTES, lifespan=lifespan)
