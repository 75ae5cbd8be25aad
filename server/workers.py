"""The push dispatcher, embedded in the server process or run as its own worker process.

Embedded is the default: one process, SQLite, no setup. At scale, `python -m server dispatcher`
runs as many workers as needed against PostgreSQL (they claim work with FOR UPDATE SKIP LOCKED
and never send one message twice); turn the embedded one off with
HOMEROOM_EMBEDDED_DISPATCHER=false.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal

from core.clock import Clock
from notifications.config import PushConfig
from notifications.dispatcher import run_dispatcher
from notifications.live import LiveEvents, NotificationEvent
from notifications.transports import build_transports, close_transports

log = logging.getLogger("homeroom.dispatcher")


def _announce(config: PushConfig) -> None:
    if config.fcm_enabled:
        log.info("push: delivering through FCM (firebase-admin)")
    else:
        log.warning(
            "push: no Firebase credentials (HOMEROOM_FIREBASE_CREDENTIALS); "
            "pushes go to the log transport, the inbox works as usual"
        )


def _publisher(live: LiveEvents):
    async def publish(entries: list[tuple[int, int]]) -> None:
        for user_id, notification_id in entries:
            await live.publish(NotificationEvent(user_id, notification_id))

    return publish


class EmbeddedDispatcher:
    def __init__(self, *, clock: Clock, live: LiveEvents) -> None:
        self.clock = clock
        self.live = live
        self.stop_event = asyncio.Event()
        self.task: asyncio.Task[None] | None = None
        self.config = PushConfig.from_env()
        self.transports = build_transports(self.config)

    def start(self) -> None:
        _announce(self.config)
        self.task = asyncio.create_task(
            run_dispatcher(
                transports=self.transports,
                clock=self.clock,
                stop=self.stop_event,
                on_inbox=_publisher(self.live),
            )
        )

    async def stop(self) -> None:
        self.stop_event.set()
        if self.task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self.task
        await close_transports(self.transports)


async def run_worker(*, clock: Clock, live: LiveEvents) -> None:
    """`python -m server dispatcher`: runs until SIGTERM or SIGINT."""
    worker = EmbeddedDispatcher(clock=clock, live=live)
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, worker.stop_event.set)
    await live.start()
    worker.start()
    try:
        await worker.stop_event.wait()
    finally:
        await worker.stop()
        await live.stop()
