"""A server worker killed (SIGKILL) in the middle of idempotent mutations leaves no key stuck:
once the lease has run out every retry runs, and each mutation happens exactly once.

On PostgreSQL (a server process and this test share the database): the worker's requests are
held inside their transactions by a table lock, the worker is killed, the lock released, and
the app's retries go to a fresh server (the in-process app, with its clock at the worker's
claim, then past the lease).
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from collections.abc import AsyncIterator

import asyncpg
import httpx
import pytest

from core.clock import FrozenClock
from models.accounts import Invitation
from models.idempotency import LEASE, IdempotencyRecord
from server.app import create_app
from server.db import dialect_of
from server.settings import PROJECT_ROOT, Settings
from tests.client import GraphQLClient
from tests.factories import make_world
from tests.helpers import eventually, gid
from tests.test_invitations import ISSUE

KEYS = 20

pytestmark = pytest.mark.skipif(
    dialect_of(os.environ.get("HOMEROOM_TEST_DATABASE_URL", "sqlite://")) != "postgres",
    reason="a second server process on the same database: PostgreSQL",
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
async def worker(settings: Settings) -> AsyncIterator[tuple[asyncio.subprocess.Process, str]]:
    """A server process on the test database; yields it and its base URL."""
    port = _free_port()
    env = {
        **os.environ,
        "HOMEROOM_ENVIRONMENT": "test",
        "HOMEROOM_SECRET_KEY": settings.secret_key or "",
        "HOMEROOM_DATABASE_URL": f"{settings.db_url}?maxsize={KEYS + 5}",  # every key claimed
        "HOMEROOM_EMBEDDED_DISPATCHER": "false",
        "HOMEROOM_PASSWORD_HASH_PROFILE": "test",
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        *("-m", "server", "serve", "--port", str(port)),
        cwd=PROJECT_ROOT,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"

    async def listening() -> bool:
        try:
            async with httpx.AsyncClient(base_url=base) as client:
                return (await client.get("/healthz")).status_code == 200
        except httpx.TransportError:
            return False

    try:
        await eventually(listening, within=30, interval=0.05, what="the worker listening")
        yield process, base
    finally:
        if process.returncode is None:
            process.kill()
        await asyncio.wait_for(process.wait(), timeout=10)


async def test_no_key_stays_stuck_after_a_worker_is_killed(
    worker: tuple[asyncio.subprocess.Process, str], settings: Settings
) -> None:
    # given a teacher signed in on a worker, and invitations that cannot be written yet
    process, base = worker
    world = await make_world()
    variables = {"input": {"studentId": gid("Student", world.student_a.id)}}
    keys = [f"killed-{n}" for n in range(KEYS)]
    blocker = await asyncpg.connect(settings.db_url)
    async with httpx.AsyncClient(base_url=base, timeout=60) as to_worker:
        token = await GraphQLClient(to_worker).token(world.teacher_a.phone)
        await blocker.execute(f'BEGIN; LOCK TABLE "{Invitation._meta.db_table}" IN EXCLUSIVE MODE')
        sent = [
            asyncio.create_task(
                GraphQLClient(to_worker).post(
                    ISSUE, variables, token=token, headers={"Idempotency-Key": key}
                )
            )
            for key in keys
        ]

        async def all_claimed_and_held() -> bool:
            # every key claimed (in progress) while no invitation can be written, so none of
            # them can have an answer; one request waits on the table lock, the others on it
            claimed = await IdempotencyRecord.filter(status_code=None).count()
            waiting = await blocker.fetchval(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                " AND datname = current_database()"
            )
            return claimed == KEYS and waiting >= 1

        await eventually(all_claimed_and_held, within=30, what="every request mid-mutation")

        # when the worker is killed mid-request, and the database lets go
        process.send_signal(signal.SIGKILL)
        await asyncio.wait_for(process.wait(), timeout=10)
        await asyncio.gather(*sent, return_exceptions=True)
    await blocker.execute("ROLLBACK")
    await blocker.close()

    # then a retry at once is told to wait (the lease lives), never for long
    claims = await IdempotencyRecord.all()
    clock = FrozenClock(max(c.created_at for c in claims))
    app = create_app(settings, clock=clock, manage_database=False)
    transport = httpx.ASGITransport(app=app, client=("203.0.113.9", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://homeroom.test") as http:
        gql = GraphQLClient(http)
        early = [
            await gql.post(ISSUE, variables, token=token, headers={"Idempotency-Key": key})
            for key in keys
        ]
        assert {r.status_code for r in early} == {409}
        assert max(int(r.headers["retry-after"]) for r in early) <= LEASE.total_seconds()

        # and once the lease has run out, every retry runs, each mutation exactly once
        clock.set(max(c.lease_until for c in claims if c.lease_until is not None))
        clock.advance(LEASE / 15)  # a second past the last lease
        late = [
            await gql.post(ISSUE, variables, token=token, headers={"Idempotency-Key": key})
            for key in keys
        ]
    stuck = [key for key, r in zip(keys, late, strict=True) if r.status_code != 200]
    assert stuck == []
    assert await Invitation.filter(student_id=world.student_a.id).count() == KEYS
    assert not await IdempotencyRecord.filter(status_code=None).exists()
