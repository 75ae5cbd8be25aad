"""`serve --workers 2`: /metrics counts every worker's requests, not the one that answers the
scrape (Prometheus multiprocess mode, issue 15)."""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
from pathlib import Path

import httpx

from server.settings import PROJECT_ROOT
from tests.conftest import DATABASE_URL
from tests.helpers import eventually
from tests.test_subscriptions import _free_port

REQUESTS = 12


def _read(log: Path) -> str:
    return log.read_text(encoding="utf-8")


async def test_public_metrics_sum_both_workers(tmp_path: Path) -> None:
    # given two development workers with /metrics on the API port
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOMEROOM_")}
    env.update(
        HOMEROOM_ENVIRONMENT="test",
        HOMEROOM_SECRET_KEY="m" * 40,
        HOMEROOM_DATABASE_URL=DATABASE_URL,
        HOMEROOM_EMBEDDED_DISPATCHER="false",
    )
    log = tmp_path / "server.log"
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

                async def both_up() -> bool:
                    if proc.poll() is not None:
                        raise RuntimeError(_read(log))
                    return _read(log).count("Application startup complete") == 2

                await eventually(both_up, within=60, interval=0.1, what="two workers")

            # when requests arrive on new connections (so on both workers)
            for _ in range(REQUESTS):
                async with httpx.AsyncClient() as fresh:
                    answer = await fresh.post(
                        f"http://127.0.0.1:{port}/graphql", json={"query": "{ __typename }"}
                    )
                    assert answer.status_code == 200
            async with httpx.AsyncClient() as client:
                scraped = (await client.get(f"http://127.0.0.1:{port}/metrics")).text
        finally:
            proc.terminate()
            try:
                await asyncio.to_thread(proc.wait, 30)
            except subprocess.TimeoutExpired:
                proc.kill()

    # then one scrape, answered by either worker, counts them all
    found = re.search(
        r'^homeroom_graphql_operations_total\{operation="other",type="query"\} (\S+)$',
        scraped,
        re.MULTILINE,
    )
    assert found is not None, scraped
    assert float(found.group(1)) == REQUESTS
