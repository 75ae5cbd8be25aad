"""Live events: "person X has a new notification", for GraphQL subscriptions.

In-process by default. When several server processes run, an event published in one must reach
subscribers in all: PostgreSQL LISTEN/NOTIFY or Redis pub/sub carries it between them, chosen
by configuration (`memory`, `postgres`, or a `redis://` URL). Events carry ids only; the
subscriber loads the row through the viewer's own scope, so nothing private rides the channel.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

log = logging.getLogger("homeroom.live")
CHANNEL = "homeroom_notifications"
QUEUE_SIZE = 100  # a subscriber this far behind loses the oldest events; the inbox still has them


@dataclass(frozen=True, slots=True)
class NotificationEvent:
    user_id: int
    notification_id: int

    def encode(self) -> str:
        return f"{self.user_id}:{self.notification_id}"

    @classmethod
    def decode(cls, text: str) -> NotificationEvent | None:
        user, _, notification = text.partition(":")
        if not (user.isdigit() and notification.isdigit()):
            return None
        return cls(int(user), int(notification))


class LiveEvents:
    """Fans events out to this process's subscribers. Subclasses carry them between processes
    by overriding `publish`, `start` and `stop`, and call `_deliver` for what arrives."""

    def __init__(self) -> None:
        self._queues: dict[int, set[asyncio.Queue[NotificationEvent]]] = {}

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        return None

    async def publish(self, event: NotificationEvent) -> None:
        self._deliver(event)

    def _deliver(self, event: NotificationEvent) -> None:
        for queue in self._queues.get(event.user_id, ()):
            if queue.full():
                queue.get_nowait()
            queue.put_nowait(event)

    @contextlib.asynccontextmanager
    async def subscribe(self, user_id: int) -> AsyncIterator[asyncio.Queue[NotificationEvent]]:
        queue: asyncio.Queue[NotificationEvent] = asyncio.Queue(maxsize=QUEUE_SIZE)
        self._queues.setdefault(user_id, set()).add(queue)
        try:
            yield queue
        finally:
            queues = self._queues.get(user_id, set())
            queues.discard(queue)
            if not queues:
                self._queues.pop(user_id, None)

    def subscriber_count(self) -> int:
        return sum(len(q) for q in self._queues.values())


class PostgresLiveEvents(LiveEvents):
    """LISTEN on one dedicated connection; NOTIFY from any."""

    def __init__(self, dsn: str) -> None:
        super().__init__()
        self._dsn = dsn.replace("postgres://", "postgresql://", 1)
        self._conn: Any = None
        self._lock = asyncio.Lock()

    async def start(self) -> None:
        import asyncpg

        self._conn = await asyncpg.connect(self._dsn)
        await self._conn.add_listener(CHANNEL, self._on_notify)

    def _on_notify(self, connection: Any, pid: int, channel: str, payload: str) -> None:
        event = NotificationEvent.decode(payload)
        if event is not None:
            self._deliver(event)

    async def publish(self, event: NotificationEvent) -> None:
        async with self._lock:  # one connection: one statement at a time
            await self._conn.execute("SELECT pg_notify($1, $2)", CHANNEL, event.encode())

    async def stop(self) -> None:
        if self._conn is not None:
            await self._conn.close()
            self._conn = None


class RedisLiveEvents(LiveEvents):
    def __init__(self, url: str) -> None:
        super().__init__()
        self._url = url
        self._client: Any = None
        self._reader: asyncio.Task[None] | None = None

    async def start(self) -> None:
        import redis.asyncio as redis

        self._client = redis.from_url(self._url)
        pubsub = self._client.pubsub()
        await pubsub.subscribe(CHANNEL)
        self._reader = asyncio.create_task(self._read(pubsub))

    async def _read(self, pubsub: Any) -> None:
        async for message in pubsub.listen():
            if message.get("type") != "message":
                continue
            event = NotificationEvent.decode(message["data"].decode())
            if event is not None:
                self._deliver(event)

    async def publish(self, event: NotificationEvent) -> None:
        await self._client.publish(CHANNEL, event.encode())

    async def stop(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader
        if self._client is not None:
            await self._client.aclose()


def live_events_for(setting: str, database_url: str) -> LiveEvents:
    """`memory` (one process), `postgres` (the service's own database) or a `redis://` URL."""
    if setting == "memory":
        return LiveEvents()
    if setting == "postgres":
        if not database_url.startswith(("postgres://", "postgresql://")):
            raise ValueError("HOMEROOM_LIVE_EVENTS=postgres needs a PostgreSQL database URL")
        return PostgresLiveEvents(database_url)
    if setting.startswith(("redis://", "rediss://")):
        return RedisLiveEvents(setting)
    raise ValueError(
        f"HOMEROOM_LIVE_EVENTS must be memory, postgres or a redis:// URL, not {setting!r}"
    )
