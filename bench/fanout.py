"""Fan-out bench: one broadcast to every device of N/2 parents, through firebase-admin to a
local FCM v1 stand-in, on PostgreSQL.

    .venv/bin/python bench/fanout.py                 # 100,000 devices of 50,000 parents
    .venv/bin/python bench/fanout.py --devices 10000 # a quick run

In one run it measures, in rounds (default 2) so that the machine's drift weighs on both:
1. the stand-in's ceiling: a lean raw client (httpx, keep-alive, the same connection pool and
   in-flight count as the dispatcher) posting the same payloads, with 1 and 2 processes;
2. right after each raw run, the dispatcher with as many worker processes (separate OS
   processes sharing the database), from the committed broadcast (one outbox row) to the
   last delivery recorded: expanding the audience, writing inbox rows and deliveries,
   claiming, sending through firebase-admin, recording every attempt.
Ratios compare the means over the rounds. Every phase gets a fresh stand-in, which counts
deliveries per token (each device must get exactly one). The database (`homeroom_bench`) is
created fresh for the run and holds an earlier, delivered broadcast, as production would.
The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import asyncpg  # noqa: E402
import httpx  # noqa: E402

from tests.fcm_standin import StandInProcesses  # noqa: E402

PROJECT = "homeroom-bench"
ACCESS_TOKEN = "bench-access-token"
SEND_BATCH = 500  # send_each_async's maximum
LOOPS = 2  # send loops per process, in the dispatcher and in the raw client alike
IN_FLIGHT = 4  # requests in flight per loop, in the dispatcher and in the raw client alike
POOL = 100  # firebase-admin's httpx pool holds 100 connections; the raw client gets the same


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ---------------------------------------------------------------- database


async def create_database(base_url: str, name: str) -> str:
    admin = await asyncpg.connect(f"{base_url}/postgres")
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    url = f"{base_url}/{name}"
    from server.db import migrate

    await migrate(url)
    return url


async def seed(url: str, parents: int, devices: int) -> None:
    """Parents, one child each in 50-pupil classes of one school, and `devices` tokens spread
    over the parents, all consenting to push. COPY, so seeding takes seconds."""
    now = dt.datetime.now(dt.UTC)
    conn = await asyncpg.connect(url)
    try:
        district = await conn.fetchval(
            "INSERT INTO district (name, timezone) VALUES ('基准区', 'Asia/Shanghai') RETURNING id"
        )
        school = await conn.fetchval(
            "INSERT INTO school (district_id, name, timezone) "
            "VALUES ($1, '基准学校', 'Asia/Shanghai') RETURNING id",
            district,
        )
        year = await conn.fetchval(
            "INSERT INTO school_year (name, starts_on, ends_on) "
            "VALUES ('2026-2027', '2026-09-01', '2027-08-31') RETURNING id"
        )
        classes = (parents + 49) // 50
        await conn.copy_records_to_table(
            "school_class",
            columns=["id", "name", "grade", "age_band", "school_id", "school_year_id"],
            records=[
                (c, f"{c}班", 5, "PRIMARY_UPPER", school, year) for c in range(1, classes + 1)
            ],
        )
        await conn.copy_records_to_table(
            "app_user",
            columns=["id", "phone", "name", "password_hash", "is_active", "created_at"],
            records=[
                (i, f"+86139{i:08d}", f"家长{i}", None, True, now) for i in range(1, parents + 1)
            ],
        )
        await conn.copy_records_to_table(
            "student",
            columns=[
                "id",
                "student_no",
                "name",
                "gender",
                "birth_date",
                "school_id",
                "school_class_id",
            ],
            records=[
                (
                    i,
                    f"S{i:07d}",
                    f"学生{i}",
                    "FEMALE",
                    dt.date(2016, 5, 1),
                    school,
                    (i - 1) // 50 + 1,
                )
                for i in range(1, parents + 1)
            ],
        )
        await conn.copy_records_to_table(
            "guardianship",
            columns=["student_id", "guardian_id", "relationship", "created_at"],
            records=[(i, i, "MOTHER", now) for i in range(1, parents + 1)],
        )
        await conn.copy_records_to_table(
            "push_device",
            columns=[
                "user_id",
                "token",
                "platform",
                "push_kind",
                "app_version",
                "locale",
                "created_at",
                "last_seen_at",
            ],
            records=[
                ((d % parents) + 1, f"bench-{d:07d}", "ANDROID", "FCM", "3.2.0", "zh-CN", now, now)
                for d in range(devices)
            ],
        )
        await conn.copy_records_to_table(
            "push_consent",
            columns=["user_id", "policy_version", "granted_at"],
            records=[(i, "2026-09", now) for i in range(1, parents + 1)],
        )
        # quiet hours off, so the run does not depend on the hour in Shanghai
        await conn.copy_records_to_table(
            "quiet_hours",
            columns=["user_id", "enabled", "start_minute", "end_minute", "timezone", "updated_at"],
            records=[(i, False, 1320, 420, "Asia/Shanghai", now) for i in range(1, parents + 1)],
        )
        for table in ("app_user", "student", "school_class"):
            await conn.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
        await conn.execute("ANALYZE")
    finally:
        await conn.close()


async def seed_history(url: str) -> None:
    """An earlier broadcast, read and delivered to every device: a production delivery table
    is never empty, and the planner's statistics of it say that PENDING rows are few. (With
    the statistics of an empty table every claim sorted the whole table.)"""
    conn = await asyncpg.connect(url)
    try:
        await conn.execute(
            "INSERT INTO notification_outbox (id, category, template, params, deep_link, data,"
            " urgent, audience, status, cursor, recipients_expanded, created_at, completed_at)"
            " VALUES (1, 'ANNOUNCEMENT', 'announcement.new', '{}', 'homeroom://announcements/0',"
            " '{}', false, NULL, 'DONE', 0, 0, now() - interval '7 days',"
            " now() - interval '7 days')"
        )
        await conn.execute(
            "INSERT INTO notification (outbox_id, recipient_id, category, template, params, title,"
            " body, deep_link, data, created_at, read_at)"
            " SELECT 1, id, 'ANNOUNCEMENT', 'announcement.new', '{}', '开学通知', '开学通知',"
            " 'homeroom://announcements/0', '{}', now() - interval '7 days', now() FROM app_user"
        )
        await conn.execute(
            "INSERT INTO push_delivery (outbox_id, device_id, user_id, status, not_before,"
            " attempts, created_at, sent_at)"
            " SELECT 1, id, user_id, 'SENT', now() - interval '7 days', 1,"
            " now() - interval '7 days', now() - interval '7 days' FROM push_device"
        )
        await conn.execute("SELECT setval(pg_get_serial_sequence('notification_outbox', 'id'), 1)")
        await conn.execute("VACUUM ANALYZE")
    finally:
        await conn.close()


async def reset_notifications(url: str) -> None:
    """Removes what a measured run wrote, keeping the history."""
    conn = await asyncpg.connect(url)
    try:
        await conn.execute("TRUNCATE push_attempt")
        await conn.execute("DELETE FROM notification_outbox WHERE id > 1")  # cascades
        await conn.execute("VACUUM ANALYZE")
    finally:
        await conn.close()


async def broadcast(url: str) -> None:
    """Commits one broadcast through the real enqueue API."""
    from tortoise.transactions import in_transaction

    from models.schools import GuardianAudience
    from notifications import NotificationCategory, enqueue_broadcast
    from server.db import close_db, init_db

    await init_db(url)
    try:
        async with in_transaction():
            await enqueue_broadcast(
                GuardianAudience(district_ids=(1,)),
                NotificationCategory.ANNOUNCEMENT,
                "announcement.new",
                {"title": "期末家长会", "summary": "本周五下午三点召开"},
                "homeroom://announcements/1",
                now=dt.datetime.now(dt.UTC),
            )
    finally:
        await close_db()


async def drained(conn: asyncpg.Connection) -> bool:
    """Expanded and nothing left to send. The cheap outbox check first: this polls the
    database the workers are measured on."""
    if await conn.fetchval(
        "SELECT EXISTS (SELECT 1 FROM notification_outbox WHERE status = 'PENDING')"
    ):
        return False
    return not await conn.fetchval(
        "SELECT EXISTS (SELECT 1 FROM push_delivery WHERE status = 'PENDING')"
    )


# ---------------------------------------------------------------- dispatcher workers


async def worker_main(url: str, endpoint: str, out: str) -> None:
    """One dispatcher process: `run_dispatcher` until SIGTERM, then report its peak RSS."""
    from core.clock import SystemClock
    from notifications.config import PushConfig
    from notifications.dispatcher import DispatcherConfig, run_dispatcher
    from notifications.transports import build_transports, close_transports
    from server.db import close_db, init_db

    await init_db(url)
    transports = build_transports(
        PushConfig(
            fcm_access_token=ACCESS_TOKEN,
            firebase_project_id=PROJECT,
            fcm_endpoint=endpoint,
            fcm_max_in_flight=IN_FLIGHT,  # as the raw client (HOMEROOM_FCM_MAX_IN_FLIGHT)
        )
    )
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    Path(out).with_suffix(".ready").touch()
    await run_dispatcher(
        transports=transports,
        clock=SystemClock(),
        stop=stop,
        poll_interval=0.05,
        config=DispatcherConfig(send_batch=SEND_BATCH, expand_batch=1000, concurrency=LOOPS),
        name=f"bench-{os.getpid()}",
    )
    await close_transports(transports)
    await close_db()
    Path(out).write_text(json.dumps({"peak_rss_mb": _rss_mb()}))  # noqa: ASYNC240


def _spawn(args: list[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, __file__, *args], cwd=ROOT)


async def run_dispatchers(
    url: str, workers: int, devices: int, tmp: str
) -> tuple[float, list[float], dict[str, int], int]:
    """(drain seconds, peak RSS per worker, deliveries per token, requests)."""
    standin = StandInProcesses(2, tmp).start()
    outs = [os.path.join(tmp, f"worker-{workers}-{i}.json") for i in range(workers)]
    procs = [
        _spawn(["--worker", "--db-url", url, "--endpoint", standin.url, "--out", o]) for o in outs
    ]
    deadline = time.monotonic() + 60
    while not all(Path(o).with_suffix(".ready").exists() for o in outs):
        if time.monotonic() > deadline:
            raise RuntimeError("dispatcher workers did not start")
        await asyncio.sleep(0.1)
    await asyncio.sleep(0.5)  # let them settle into polling
    conn = await asyncpg.connect(url)
    try:
        start = time.perf_counter()
        await broadcast(url)
        while not await drained(conn):  # noqa: ASYNC110 - polling another process's work
            await asyncio.sleep(0.1)
        drain = time.perf_counter() - start
    finally:
        await conn.close()
    for p in procs:
        p.send_signal(signal.SIGTERM)
    for p in procs:
        p.wait(60)
    rss = [json.loads(Path(o).read_text())["peak_rss_mb"] for o in outs]  # noqa: ASYNC240
    delivered, requests = standin.stop()
    return drain, rss, dict(delivered), requests


# ---------------------------------------------------------------- raw ceiling


def _raw_template() -> str:
    """What firebase-admin sends for the broadcast's push, from the SDK's own encoder."""
    from firebase_admin import messaging

    import models.announcements  # noqa: F401 - registers the announcement category
    from notifications.categories import NotificationCategory, category_spec
    from notifications.models import Platform
    from notifications.transports.base import PushMessage
    from notifications.transports.fcm import to_fcm_message

    profile = category_spec(NotificationCategory.ANNOUNCEMENT).profile
    message = to_fcm_message(
        PushMessage(
            token="__TOKEN__",
            platform=Platform.ANDROID,
            title="您有一条新的通知公告",
            body="请打开家校共育查看",
            data={
                "deep_link": "homeroom://announcements/1",
                "category": "ANNOUNCEMENT",
                "message_id": "1",
            },
            high_priority=profile.high_priority,
            ttl=profile.ttl,
            collapse_key=profile.collapse_key,
        )
    )
    encoded = messaging._MessagingService.encode_message(message)
    return json.dumps({"message": encoded}, ensure_ascii=False, separators=(",", ":"))


async def raw_client_main(endpoint: str, first: int, count: int, out: str) -> None:
    url = f"{endpoint}/v1/projects/{PROJECT}/messages:send"
    headers = {"Authorization": f"Bearer {ACCESS_TOKEN}", "Content-Type": "application/json"}
    limits = httpx.Limits(max_connections=POOL, max_keepalive_connections=POOL)
    template = _raw_template()
    tokens = iter(range(first, first + count))
    failures = 0
    async with httpx.AsyncClient(limits=limits, timeout=30) as client:

        async def one(n: int) -> None:
            nonlocal failures
            response = await client.post(
                url,
                content=template.replace("__TOKEN__", f"bench-{n:07d}").encode(),
                headers=headers,
            )
            failures += response.status_code != 200

        async def loop() -> None:
            while batch := [n for _, n in zip(range(IN_FLIGHT), tokens, strict=False)]:
                await asyncio.gather(*(one(n) for n in batch))

        start = time.perf_counter()
        await asyncio.gather(*(loop() for _ in range(LOOPS)))
        elapsed = time.perf_counter() - start
    Path(out).write_text(json.dumps({"elapsed": elapsed, "failures": failures}))  # noqa: ASYNC240


async def run_raw(processes: int, devices: int, tmp: str) -> tuple[float, dict[str, int]]:
    standin = StandInProcesses(2, tmp).start()
    share = devices // processes
    outs = [os.path.join(tmp, f"raw-{processes}-{i}.json") for i in range(processes)]
    start = time.perf_counter()
    procs = [
        _spawn(
            [
                "--raw-client",
                "--endpoint",
                standin.url,
                "--first",
                str(i * share),
                "--count",
                str(share if i < processes - 1 else devices - i * share),
                "--out",
                o,
            ]
        )
        for i, o in enumerate(outs)
    ]
    for p in procs:
        await asyncio.to_thread(p.wait, 600)
    wall = time.perf_counter() - start
    results = [json.loads(Path(o).read_text()) for o in outs]  # noqa: ASYNC240
    delivered, _ = standin.stop()
    assert all(r["failures"] == 0 for r in results), results
    # the clients' own sending time (process start-up excluded), the slowest one
    elapsed = max(r["elapsed"] for r in results)
    print(
        f"  raw x{processes}: {devices / elapsed:,.0f} msg/s ({elapsed:.1f} s; wall {wall:.1f} s)"
    )
    return devices / elapsed, dict(delivered)


# ---------------------------------------------------------------- main


def exactly_once(delivered: dict[str, int], devices: int) -> tuple[bool, int, int]:
    missed = devices - len(delivered)
    duplicated = sum(n - 1 for n in delivered.values() if n > 1)
    expected = {f"bench-{d:07d}" for d in range(devices)}
    return (missed == 0 and duplicated == 0 and set(delivered) == expected), missed, duplicated


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


async def main(args: argparse.Namespace) -> None:
    devices, parents = args.devices, args.parents or max(1, args.devices // 2)
    print(
        f"fan-out bench: {devices:,} devices of {parents:,} parents, {os.cpu_count()} cores, "
        f"{args.rounds} round(s)"
    )
    raw: dict[int, list[float]] = {1: [], 2: []}
    runs: dict[int, list[dict[str, Any]]] = {1: [], 2: []}
    with tempfile.TemporaryDirectory(prefix="homeroom-bench-") as tmp:
        t = time.perf_counter()
        url = await create_database(args.database_url, args.database)
        await seed(url, parents, devices)
        await seed_history(url)
        print(f"  database {args.database} created and seeded in {time.perf_counter() - t:.1f} s")
        # each dispatcher run right after the raw run it is compared with, so that a drift
        # of the machine's speed (shared cores) weighs on both alike
        for round_no in range(1, args.rounds + 1):
            print(f"round {round_no}:")
            for n in (1, 2):
                rate, delivered = await run_raw(n, devices, tmp)
                assert exactly_once(delivered, devices)[0], "the raw client missed devices"
                raw[n].append(rate)
                await reset_notifications(url)
                drain, rss, delivered, requests = await run_dispatchers(url, n, devices, tmp)
                once, missed, duplicated = exactly_once(delivered, devices)
                runs[n].append({"drain": drain, "rate": devices / drain, "rss": rss, "once": once})
                print(
                    f"  dispatcher x{n}: drained in {drain:.1f} s, {devices / drain:,.0f} msg/s "
                    f"({devices / drain / rate:.2f} of raw x{n}), peak RSS "
                    f"{', '.join(f'{r:.0f}' for r in rss)} MB; stand-in counted "
                    f"{sum(delivered.values()):,} deliveries to {len(delivered):,} devices "
                    f"({requests:,} requests), missed {missed}, duplicated {duplicated}"
                )

    raw1, raw2 = _mean(raw[1]), _mean(raw[2])
    ceiling = max(raw1, raw2)
    one = _mean([r["rate"] for r in runs[1]])
    two = _mean([r["rate"] for r in runs[2]])
    print(f"raw ceiling: {raw1:,.0f} msg/s with 1 process, {raw2:,.0f} with 2 (means)")
    print(f"dispatcher: {one:,.0f} msg/s with 1 worker, {two:,.0f} with 2 (means)")
    print(f"ratio to raw, 1 worker vs 1 raw client: {one / raw1:.2f}")
    print(f"ratio to raw, 2 workers vs the raw ceiling: {two / ceiling:.2f}")
    print(f"speed-up of 2 workers over 1: {two / one:.2f}x")
    print(
        json.dumps(
            {
                "devices": devices,
                "drain_s": round(_mean([r["drain"] for r in runs[2]]), 2),
                "msgs_per_s": round(two),
                "peak_rss_mb": round(max(x for r in runs[1] + runs[2] for x in r["rss"]), 1),
                "ratio_to_raw": round(two / ceiling, 3),
                "speedup_2_workers": round(two / one, 3),
                "delivered_once": all(r["once"] for r in runs[1] + runs[2]),
            }
        )
    )


def cli() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--devices", type=int, default=100_000)
    parser.add_argument("--parents", type=int, default=0, help="default: devices / 2")
    parser.add_argument("--rounds", type=int, default=2, help="raw/dispatcher pairs, alternated")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default="homeroom_bench")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--raw-client", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--db-url", help=argparse.SUPPRESS)
    parser.add_argument("--endpoint", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--first", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--count", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        asyncio.run(worker_main(args.db_url, args.endpoint, args.out))
    elif args.raw_client:
        asyncio.run(raw_client_main(args.endpoint, args.first, args.count, args.out))
    else:
        asyncio.run(main(args))


if __name__ == "__main__":
    cli()
