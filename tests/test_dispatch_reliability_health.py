"""The worker's health signal and its logs while the database fails (issue 15): `/healthz` on
a side port, through real HTTP, and one trace per outage instead of one per poll."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import AsyncIterator

import httpx
import pytest

from core.clock import FrozenClock
from notifications.dispatcher import run_dispatcher
from notifications.dispatcher.health import Heartbeat
from notifications.models import NotificationOutbox, PushKind
from notifications.transports import LogTransport
from server.workers import serve_health
from tests.helpers import eventually

OUTBOX = NotificationOutbox._meta.db_table


async def _rename(old: str, new: str) -> None:
    await NotificationOutbox._meta.db.execute_script(f"ALTER TABLE {old} RENAME TO {new}")


@pytest.fixture
async def outage() -> AsyncIterator[list[bool]]:
    """`broken[0] = True` ... the outbox table is gone (a real database error each poll) until
    the test or the teardown puts it back."""
    state = [False]
    yield state
    if state[0]:
        await _rename(f"{OUTBOX}_away", OUTBOX)


async def test_a_worker_whose_database_fails_reads_unhealthy_logs_one_trace_and_recovers(
    clock: FrozenClock, caplog: pytest.LogCaptureFixture, outage: list[bool]
) -> None:
    # given a dispatcher polling every 20 ms, its heartbeat served on a side port
    heartbeat = Heartbeat(stale_after=0.5)
    stop = asyncio.Event()
    log = LogTransport()
    worker = asyncio.create_task(
        run_dispatcher(
            transports=dict.fromkeys(PushKind, log),
            clock=clock,
            stop=stop,
            poll_interval=0.02,
            heartbeat=heartbeat,
        )
    )
    health = await serve_health(heartbeat, "127.0.0.1", 0)
    url = f"http://127.0.0.1:{health.sockets[0].getsockname()[1]}/healthz"
    caplog.set_level(logging.INFO, logger="homeroom.push.dispatcher")

    async def status() -> int:
        async with httpx.AsyncClient() as client:
            return (await client.get(url)).status_code

    try:
        await eventually(lambda: heartbeat.beats.keys() >= {"expand", "send"}, what="beats")
        healthy = await status()
        # when the outbox table goes away (every expand poll fails) for a while
        await _rename(OUTBOX, f"{OUTBOX}_away")
        outage[0] = True
        await eventually(lambda: bool(heartbeat.stale()), within=10, what="a silent loop")
        async with httpx.AsyncClient() as client:
            sick = await client.get(url)
        # ... and comes back
        await _rename(f"{OUTBOX}_away", OUTBOX)
        outage[0] = False
        await eventually(lambda: _recovered(caplog) > 0, within=10, what="the recovery line")
        recovered = await status()
        async with httpx.AsyncClient() as client:
            elsewhere = (await client.get(url.replace("/healthz", "/metrics"))).status_code
    finally:
        stop.set()
        await worker
        health.close()
        await health.wait_closed()

    # then /healthz said so, and the log holds one trace for the outage, not one per poll
    assert (healthy, sick.status_code, recovered, elsewhere) == (200, 503, 200, 404)
    assert sick.json()["status"] == "unhealthy" and "expand" in sick.json()["stale"]
    errors = [
        r
        for r in caplog.records
        if r.name == "homeroom.push.dispatcher" and r.levelno >= logging.ERROR
    ]
    assert len(errors) == 1 and errors[0].exc_info is not None
    assert "expanding the outbox failed" in errors[0].getMessage()
    assert _recovered(caplog) >= 10  # polls that failed: logged once


def _recovered(caplog: pytest.LogCaptureFixture) -> int:
    """The failure count the recovery line gives; 0 before it."""
    for record in caplog.records:
        found = re.search(r"works again after (\d+) failures", record.getMessage())
        if found:
            return int(found.group(1))
    return 0
