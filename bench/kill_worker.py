"""Duplicates after kill -9: one broadcast, a dispatcher worker process killed (SIGKILL) at
random moments while it sends, a new one started each time, then one left to drain; the FCM
stand-in counts what each token received and the database what was recorded (issue 15).

    .venv/bin/python bench/kill_worker.py                       # 10 kills, 10,000 devices
    .venv/bin/python bench/kill_worker.py --kills 10 --devices 5000

A killed worker's unrecorded pushes are sent again once its lease expires, so the bound is
what one worker can have out and unrecorded: its send loops × `record_every` (2 × 100) per
kill. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import asyncpg  # noqa: E402
import fanout  # noqa: E402

from tests.fcm_standin import StandInProcesses  # noqa: E402

LEASE_S = 3.0  # short, so a killed worker's rows come back within the run


async def worker_main(url: str, endpoint: str, ready: str) -> None:
    import datetime as dt

    from core.clock import SystemClock
    from notifications.config import PushConfig
    from notifications.dispatcher import DispatcherConfig, run_dispatcher
    from notifications.transports import build_transports
    from server.db import init_db

    await init_db(url)
    transports = build_transports(
        PushConfig(
            fcm_access_token=fanout.ACCESS_TOKEN,
            firebase_project_id=fanout.PROJECT,
            fcm_endpoint=endpoint,
            fcm_max_in_flight=fanout.IN_FLIGHT,
        )
    )
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    Path(ready).touch()  # noqa: ASYNC240 - once, before the loops start
    await run_dispatcher(
        transports=transports,
        clock=SystemClock(),
        stop=stop,
        poll_interval=0.05,
        config=DispatcherConfig(lease=dt.timedelta(seconds=LEASE_S), concurrency=fanout.LOOPS),
    )


def _spawn(url: str, endpoint: str, ready: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, __file__, "--worker", "--db-url", url, "--endpoint", endpoint,
         "--ready", ready],
        cwd=BENCH.parent,
    )  # fmt: skip


async def _started(ready: str) -> None:
    deadline = time.monotonic() + 60
    while not Path(ready).exists():  # noqa: ASYNC240 - another process's file, polled
        if time.monotonic() > deadline:
            raise RuntimeError("worker did not start")
        await asyncio.sleep(0.05)


async def main(args: argparse.Namespace) -> None:
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="homeroom-kill-") as tmp:
        url = await fanout.create_database(args.database_url, args.database)
        await fanout.seed(url, max(1, args.devices // 2), args.devices)
        standin = StandInProcesses(1, tmp).start()
        conn = await asyncpg.connect(url)
        try:
            await fanout.broadcast(url)
            kills = 0
            for i in range(args.kills):
                ready = os.path.join(tmp, f"w{i}.ready")
                proc = _spawn(url, standin.url, ready)
                await _started(ready)
                # kill once it is sending: some SENT rows recorded since it started
                before = await conn.fetchval("SELECT count(*) FROM push_attempt")
                deadline = time.monotonic() + 30
                while await conn.fetchval("SELECT count(*) FROM push_attempt") == before:
                    if time.monotonic() > deadline:
                        break
                    await asyncio.sleep(0.05)
                await asyncio.sleep(rng.uniform(0.1, 1.0))
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait()
                kills += 1
            ready = os.path.join(tmp, "last.ready")
            last = _spawn(url, standin.url, ready)
            await _started(ready)
            while not await fanout.drained(conn):  # noqa: ASYNC110 - another process
                await asyncio.sleep(0.2)
            last.send_signal(signal.SIGTERM)
            last.wait(60)
            attempts = await conn.fetchval("SELECT count(*) FROM push_attempt WHERE outcome='OK'")
            sent = await conn.fetchval("SELECT count(*) FROM push_delivery WHERE status='SENT'")
        finally:
            await conn.close()
        delivered, _ = standin.stop()
    received = sum(delivered.values())
    duplicates = sum(n - 1 for n in delivered.values() if n > 1)
    bound = kills * fanout.LOOPS * 100  # send loops × record_every per killed worker
    print(
        f"{kills} kill -9 of a worker sending {args.devices:,} pushes: the stand-in received "
        f"{received:,} ({duplicates} duplicates on {sum(1 for n in delivered.values() if n > 1)}"
        f" devices, bound {bound}); {attempts:,} OK attempts and {sent:,} SENT rows recorded; "
        f"missed {args.devices - len(delivered)}"
    )
    print(
        json.dumps(
            {
                "kills": kills,
                "devices": args.devices,
                "received": received,
                "duplicates": duplicates,
                "bound": bound,
                "ok_attempts": attempts,
                "sent_rows": sent,
                "missed": args.devices - len(delivered),
            }
        )
    )


def cli() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--devices", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default="homeroom_kill_bench")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--db-url", help=argparse.SUPPRESS)
    parser.add_argument("--endpoint", help=argparse.SUPPRESS)
    parser.add_argument("--ready", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        asyncio.run(worker_main(args.db_url, args.endpoint, args.ready))
    else:
        asyncio.run(main(args))


if __name__ == "__main__":
    cli()
