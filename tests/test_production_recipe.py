"""The README's production recipe, end to end: `python -m server serve --workers 2` in production
mode on PostgreSQL with Redis rate limits and PostgreSQL live events (issue 15). A subscriber
on any worker gets an event raised through whichever worker takes the mutation, the rate limit
is one count across the workers, /metrics on the side port sums both, and every log line is
JSON without colour codes."""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path

import httpx
import pytest
import redis.asyncio as redis

from server.settings import PROJECT_ROOT
from tests.conftest import DATABASE_URL
from tests.factories import make_world
from tests.helpers import eventually, gid
from tests.test_subscriptions import ANNOUNCE, _free_port, _next_event, _subscription, _token

pytestmark = pytest.mark.skipif(
    not DATABASE_URL.startswith("postgres"),
    reason="the production recipe runs on PostgreSQL: covered by the PostgreSQL run",
)

REDIS = "redis://127.0.0.1:6379/11"  # a database of its own: its counts are cleared first
PER_IP = 60


def _read(log: Path) -> str:
    return log.read_text(encoding="utf-8")


@asynccontextmanager
async def production_server(log: Path) -> AsyncIterator[tuple[int, int]]:
    port, metrics_port = _free_port(), _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOMEROOM_")}
    env.update(
        HOMEROOM_ENVIRONMENT="production",
        HOMEROOM_SECRET_KEY="p" * 48,
        HOMEROOM_DATABASE_URL=DATABASE_URL,
        HOMEROOM_RATE_LIMIT_STORAGE=REDIS,
        HOMEROOM_RATE_LIMIT_PER_IP=f"{PER_IP}/minute",
        HOMEROOM_LIVE_EVENTS="postgres",
        HOMEROOM_METRICS_PORT=str(metrics_port),
    )
    with log.open("wb") as sink:
        proc = subprocess.Popen(  # noqa: ASYNC220 - one per test, waited for below
            [sys.executable, "-m", "server", "serve", "--workers", "2", "--port", str(port)],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=sink,
            stderr=sink,
        )
        try:
            async with httpx.AsyncClient() as client:

                async def both_workers_up() -> bool:
                    if proc.poll() is not None:
                        raise RuntimeError(_read(log))
                    started = _read(log).count("Application startup complete")
                    try:
                        health = await client.get(f"http://127.0.0.1:{port}/healthz")
                    except httpx.TransportError:
                        return False
                    return started == 2 and health.status_code == 200

                await eventually(both_workers_up, within=60, interval=0.1, what="two workers")
            yield port, metrics_port
        finally:
            proc.terminate()
            try:
                await asyncio.to_thread(proc.wait, 30)
            except subprocess.TimeoutExpired:
                proc.kill()


async def test_the_production_recipe_with_two_workers(tmp_path: Path) -> None:
    # given a fresh count in Redis and a class with a parent and a teacher
    async with redis.from_url(REDIS) as r:
        await r.flushdb()
    world = await make_world()
    log = tmp_path / "server.log"

    async with production_server(log) as (port, metrics_port), AsyncExitStack() as stack:
        parent = await _token(port, world.parent_a.phone)
        teacher = await _token(port, world.teacher_a.phone)
        # four sockets: the workers share the listening socket, so they land on both
        sockets = [await stack.enter_async_context(_subscription(port, parent)) for _ in range(4)]

        # when the teacher announces through whichever worker takes the request
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
            sent = await client.post(
                "/graphql",
                headers={"Authorization": f"Bearer {teacher}"},
                json={"query": ANNOUNCE, "variables": {"c": gid("SchoolClass", world.class_a.id)}},
            )
        assert sent.json()["data"]["sendAnnouncement"]["userErrors"] == []

        # then every socket, on either worker, gets it
        events = [await _next_event(ws) for ws in sockets]
        assert {e["title"] for e in events} == {"春游通知"}

        # when a client sends far more than the per-IP limit, each on a new connection
        statuses = []
        for _ in range(2 * PER_IP):
            async with httpx.AsyncClient() as fresh:
                answer = await fresh.post(
                    f"http://127.0.0.1:{port}/graphql", json={"query": "{ __typename }"}
                )
                statuses.append(answer.status_code)

        # then the workers counted together: no more than the limit passed in all
        assert statuses.count(200) <= PER_IP - 3  # the logins and the announcement counted
        assert statuses.count(429) >= PER_IP + 3

        # and /metrics is not on the API port; the side port sums both workers
        async with httpx.AsyncClient() as client:
            public = await client.get(f"http://127.0.0.1:{port}/metrics")
            side = (await client.get(f"http://127.0.0.1:{metrics_port}/metrics")).text
        assert public.status_code == 404
        typename = re.search(
            r'^homeroom_graphql_operations_total\{operation="other",type="query"\} (\S+)$',
            side,
            re.MULTILINE,
        )
        assert typename is not None, side
        assert float(typename.group(1)) == statuses.count(200)

    # and every line either worker or the supervisor wrote is JSON, requests with their id
    lines = [json.loads(line) for line in _read(log).splitlines() if line.strip()]
    assert "\x1b" not in _read(log)
    requests = [line for line in lines if line.get("logger") == "homeroom.http"]
    assert len(requests) >= 2 * PER_IP
    assert all(line["request_id"] for line in requests)
    assert any(line.get("logger") == "uvicorn.error" for line in lines)
