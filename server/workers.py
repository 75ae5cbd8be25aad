"""The background worker: the push dispatcher and the job runner, side by side.

It runs embedded in the server process by default (one process, SQLite, no setup), or as its
own process, `python -m server worker` (alias `dispatcher`): at scale, as many as needed
against PostgreSQL, with HOMEROOM_EMBEDDED_DISPATCHER=false on the servers. Workers claim
deliveries and jobs with FOR UPDATE SKIP LOCKED and leases, so any number may run at once.

Its health, for a supervisor: with HOMEROOM_WORKER_HEALTH_PORT set, `GET /healthz` on that
port (bound to HOMEROOM_WORKER_HEALTH_HOST, loopback by default) answers 200 while every loop
(expand, send, jobs) has reached the database within `stale_after` seconds, 503 with the
silent loops otherwise. While the database is down each loop logs its first failure with a
trace, then a count every 30 s, then a line when it works again (`FailureLog`).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import signal
from collections.abc import Awaitable, Callable

from core.clock import Clock
from models import load_domains
from models.jobs import JobConfig, JobRunner, registered_kinds, schedule_purge
from notifications.config import PushConfig
from notifications.dispatcher import run_dispatcher
from notifications.dispatcher.health import FailureLog, Heartbeat
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
    heartbeat: Heartbeat | None = None,
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
    failures = FailureLog(log, "running jobs (a job in hand runs again once its lease expires)")
    if heartbeat is not None:
        heartbeat.expect("jobs")
    while not stop.is_set():
        handled = False
        try:
            handled = await runner.run_once() is not None
            failures.succeeded()
            if heartbeat is not None:
                heartbeat.beat("jobs")
        except Exception as error:
            failures.failed(error)
        if not handled:
            await _pause(stop, poll_interval)
    log.info("job runner %s stopped", runner.name)


class BackgroundWorker:
    """The push dispatcher and the job runner as tasks of this process, until `stop()`."""

    def __init__(
        self,
        *,
        clock: Clock,
        live: LiveEvents,
        poll_interval: float = 1.0,
        heartbeat: Heartbeat | None = None,
    ) -> None:
        load_domains()  # every domain's job handlers registered before the first claim
        self.heartbeat = heartbeat or Heartbeat()
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
                    heartbeat=self.heartbeat,
                )
            ),
            asyncio.create_task(
                run_jobs(
                    clock=self.clock,
                    stop=self.stop_event,
                    poll_interval=self.poll_interval,
                    heartbeat=self.heartbeat,
                )
            ),
        ]

    async def stop(self) -> None:
        self.stop_event.set()
        for task in self.tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await close_transports(self.transports)


async def serve_health(heartbeat: Heartbeat, host: str, port: int) -> asyncio.Server:
    """`GET /healthz` on a side port: 200 and the loops' ages while they all beat, 503 and the
    silent ones otherwise; anything else 404. One request per connection."""

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            request = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout=5)
            method, path, *_ = request.split(b"\r\n", 1)[0].decode("latin-1").split(" ")
            if method in ("GET", "HEAD") and path.split("?")[0] == "/healthz":
                stale = heartbeat.stale()
                ok = heartbeat.healthy()
                status = "200 OK" if ok else "503 Service Unavailable"
                body = json.dumps(
                    {
                        "status": "ok" if ok else "unhealthy",
                        "stale": stale,
                        "loops": sorted(heartbeat.beats),
                    }
                ).encode()
            else:
                status, body = "404 Not Found", b'{"status":"not found"}'
            writer.write(
                f"HTTP/1.1 {status}\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
                + (b"" if method == "HEAD" else body)
            )
            await writer.drain()
        except (TimeoutError, asyncio.IncompleteReadError, ConnectionError, ValueError):
            pass
        finally:
            writer.close()

    return await asyncio.start_server(answer, host, port)


async def run_worker(
    *,
    clock: Clock,
    live: LiveEvents,
    health_port: int | None = None,
    health_host: str = "127.0.0.1",
    stop: asyncio.Event | None = None,
) -> None:
    """`python -m server worker`: runs until SIGTERM or SIGINT (or `stop`), then finishes
    what it holds. With `health_port`, serves `/healthz` there (see the module docstring)."""
    worker = BackgroundWorker(clock=clock, live=live)
    if stop is not None:
        worker.stop_event = stop
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, worker.stop_event.set)
    health = None
    if health_port is not None:
        health = await serve_health(worker.heartbeat, health_host, health_port)
        bound = health.sockets[0].getsockname()
        log.info("worker health on http://%s:%d/healthz", bound[0], bound[1])
    await live.start()
    worker.start()
    try:
        await worker.stop_event.wait()
    finally:
        await worker.stop()
        await live.stop()
        if health is not None:
            health.close()
            await health.wait_closed()
