"""The background worker: the push dispatcher and the job runner, side by side.

It runs embedded in the server process by default (one process, SQLite, no setup), or as its
own process, `python -m server worker` (alias `dispatcher`): at scale, as many as needed
against PostgreSQL, with HOMEROOM_EMBEDDED_DISPATCHER=false on the servers. Workers claim
deliveries and jobs with FOR UPDATE SKIP LOCKED and leases, so any number may run at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Awaitable, Callable

from core.clock import Clock
from models import load_domains
from models.jobs import JobConfig, JobRunner, registered_kinds, schedule_purge
from notifications.config import PushConfig
from notifications.dispatcher import run_dispatcher
from notifications.live import LiveEvents, NotificationEvent
from notifications.transports import build_transports, close_transports

log = logging.getLogger("homeroom.worker")


def _announce(config: PushConfig) -> None:
    if config.fcm_enabled:
        log.info("push: delivering through FCM (firebase-admin)")
    else:
        log.warning(
            "push: no Firebase credentials (HOMEROOM_FIREBASE_CREDENTIALS); "
            "pushes go to the log transport, the inbox works as usual"
        )


def _publisher(live: LiveEvents) -> Callable[[list[tuple[int, int]]], Awaitable[None]]:
    async def publish(entries: list[tuple[int, int]]) -> None:
        for user_id, notification_id in entries:
            await live.publish(NotificationEvent(user_id, notification_id))

    return publish


async def _pause(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=seconds)


async def run_jobs(
    *,
    clock: Clock,
    stop: asyncio.Event,
    poll_interval: float = 1.0,
    config: JobConfig | None = None,
    name: str | None = None,
) -> None:
    """Runs due jobs until `stop` is set, then returns once the job in hand is recorded.
    Errors outside a handler (a database blip) are logged and the loop goes on; a job
    claimed and not recorded runs again once its lease expires."""
    runner = JobRunner(clock, config, name)
    log.info(
        "job runner %s started (kinds: %s)", runner.name, ", ".join(sorted(registered_kinds()))
    )
    try:
        await schedule_purge(clock.now(), now=clock.now())
    except Exception:
        log.exception("scheduling today's purge of finished jobs failed")
    while not stop.is_set():
        handled = False
        try:
            handled = await runner.run_once() is not None
        except Exception:
            log.exception("running a job failed; its lease will expire and it runs again")
        if not handled:
            await _pause(stop, poll_interval)
    log.info("job runner %s stopped", runner.name)


class BackgroundWorker:
    """The push dispatcher and the job runner as tasks of this process, until `stop()`."""

    def __init__(self, *, clock: Clock, live: LiveEvents, poll_interval: float = 1.0) -> None:
        load_domains()  # every domain's job handlers registered before the first claim
        self.clock = clock
        self.live = live
        self.poll_interval = poll_interval
        self.stop_event = asyncio.Event()
        self.tasks: list[asyncio.Task[None]] = []
        self.config = PushConfig.from_env()
        self.transports = build_transports(self.config)

    def start(self) -> None:
        _announce(self.config)
        self.tasks = [
            asyncio.create_task(
                run_dispatcher(
                    transports=self.transports,
                    clock=self.clock,
                    stop=self.stop_event,
                    poll_interval=self.poll_interval,
                    on_inbox=_publisher(self.live),
                )
            ),
            asyncio.create_task(
                run_jobs(clock=self.clock, stop=self.stop_event, poll_interval=self.poll_interval)
            ),
        ]

    async def stop(self) -> None:
        self.stop_event.set()
        for task in self.tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await close_transports(self.transports)


async def run_worker(*, clock: Clock, live: LiveEvents) -> None:
    """`python -m server worker`: runs until SIGTERM or SIGINT, then finishes what it holds."""
    worker = BackgroundWorker(clock=clock, live=live)
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
