"""Read path: a parent's screens through the whole server, against a plain endpoint running
the SQL they need with the bare driver, in the same run (issue 10).

    .venv/bin/python bench/read.py                       # SQLite, then PostgreSQL
    .venv/bin/python bench/read.py --backend postgres --seconds 5
    .venv/bin/python bench/read.py --database postgres://postgres@127.0.0.1:5432/mine

Seeds a fresh database with one district of `--parents` parents (half of them with two
children, 1.5 students a parent, 20 schools, 600 classes) and `--inbox` inbox entries each,
starts `python -m server serve` (one process, production settings) and the plain endpoint
(`bench/plain_endpoints.py`, one uvicorn process), signs in 64 two-child parents over HTTP,
then loads each request with `wrk` (one thread, its own process) at 8 and at 32 connections,
cycling through the parents:

- children: `viewer { children(first: 10) { … name schoolClass { name } school { name } } }`
- inbox: the first page of 20 inbox entries
- floor: `{ apiVersion { featureLevel } }`, anonymous: the cost of the stack alone
- plain: the children screen's SQL and JSON without the server

Each answer is checked against the plain endpoint's before it is timed, and wrk counts any
answer under load that is not 200 or carries `errors`. The last line is one JSON object
(children at 8 connections on the last backend run): backend, rps, p50_ms, p99_ms, plain_rps,
ratio (children / plain req/s), floor_rps.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import jwt

from bench.harness import (
    PASSWORD,
    Figures,
    Request,
    fetch,
    fresh_database,
    graphql_request,
    serve,
    serve_plain,
    sign_in,
    wrk,
)

CHILDREN = (
    "{ viewer { children(first: 10) { edges { node { name schoolClass { name }"
    " school { name } } } } } }"
)
INBOX = (
    "{ viewer { notifications(first: 20) { edges { cursor node { id title body createdAt"
    " isRead } } pageInfo { hasNextPage endCursor } } } }"
)
FLOOR = "{ apiVersion { featureLevel } }"
SIGNED_IN = 64


def phone(n: int) -> str:
    return f"+86137{n:08d}"


async def seed(url: str, parents: int, inbox: int) -> None:
    """One district: 20 schools × 30 classes; parents 0…parents/2 have two children, the rest
    one; every parent has `inbox` entries of as many broadcasts."""
    from models.accounts import (
        PasswordHashProfile,
        PolicyAgreement,
        PolicyDocument,
        User,
        hash_password,
    )
    from models.schools import (
        District,
        Gender,
        Guardianship,
        Relationship,
        School,
        SchoolClass,
        SchoolYear,
        Student,
        age_band_for_grade,
    )
    from notifications.models import (
        Notification,
        NotificationCategory,
        NotificationOutbox,
        OutboxStatus,
    )
    from server.db import close_db, init_db, migrate

    await migrate(url)
    await init_db(url)
    try:
        now = dt.datetime.now(dt.UTC)
        start = now.year if now.month >= 9 else now.year - 1
        year = await SchoolYear.create(
            name=f"{start}-{start + 1}",
            starts_on=dt.date(start, 9, 1),
            ends_on=dt.date(start + 1, 8, 31),
        )
        district = await District.create(name="基准区")
        schools = [
            await School.create(district=district, name=f"基准第{n + 1}小学") for n in range(20)
        ]
        await SchoolClass.bulk_create(
            [
                SchoolClass(
                    school=s,
                    school_year=year,
                    name=f"{grade}年级{k}班",
                    grade=grade,
                    age_band=age_band_for_grade(grade),
                )
                for s in schools
                for grade in range(1, 7)
                for k in range(1, 6)
            ]
        )
        classes = await SchoolClass.all().order_by("id")
        students_count = parents + parents // 2
        await Student.bulk_create(
            [
                Student(
                    school_id=classes[n % len(classes)].school_id,
                    school_class_id=classes[n % len(classes)].id,
                    student_no=f"S{n:07d}",
                    name=f"学生{n}",
                    gender=Gender.FEMALE if n % 2 else Gender.MALE,
                    birth_date=dt.date(2015, 1 + n % 12, 1 + n % 28),
                )
                for n in range(students_count)
            ],
            batch_size=2000,
        )
        student_ids = [s for s in await Student.all().order_by("id").values_list("id", flat=True)]
        stored = hash_password(PASSWORD, PasswordHashProfile.PRODUCTION)
        await User.bulk_create(
            [
                User(phone=phone(n), name=f"家长{n}", password_hash=stored, created_at=now)
                for n in range(parents)
            ],
            batch_size=2000,
        )
        user_ids = [u for u in await User.all().order_by("id").values_list("id", flat=True)]
        links = []
        for n, user_id in enumerate(user_ids):
            # the two-child parents' children sit in different classes and schools
            kids = [2 * n, 2 * n + 1] if n < parents // 2 else [n + parents // 2]
            links += [
                Guardianship(
                    student_id=student_ids[k],
                    guardian_id=user_id,
                    relationship=Relationship.MOTHER,
                    created_at=now,
                )
                for k in kids
            ]
        await Guardianship.bulk_create(links, batch_size=2000)
        await PolicyAgreement.bulk_create(
            [
                PolicyAgreement(user_id=u, document=d, version="2026-09", agreed_at=now)
                for u in user_ids[:SIGNED_IN]
                for d in PolicyDocument
            ]
        )
        outboxes = [
            await NotificationOutbox.create(
                category=NotificationCategory.ANNOUNCEMENT,
                template="bench",
                deep_link=f"homeroom://announcements/{k}",
                status=OutboxStatus.DONE,
                created_at=now - dt.timedelta(hours=inbox - k),
            )
            for k in range(inbox)
        ]
        batch: list[Notification] = []
        for user_id in user_ids:
            for k, outbox in enumerate(outboxes):
                batch.append(
                    Notification(
                        recipient_id=user_id,
                        outbox_id=outbox.id,
                        category=NotificationCategory.ANNOUNCEMENT,
                        template="bench",
                        title=f"第{k + 1}期家长学校通知",
                        body="本周五下午三点召开家长会，请准时参加。",
                        deep_link=outbox.deep_link,
                        created_at=outbox.created_at,
                    )
                )
            if len(batch) >= 5000:
                await Notification.bulk_create(batch, batch_size=5000)
                batch = []
        if batch:
            await Notification.bulk_create(batch, batch_size=5000)
    finally:
        await close_db()


def _plain_request(token: str) -> Request:
    claims = jwt.decode(token, options={"verify_signature": False})
    return Request({"X-User-Id": str(claims["sub"]), "X-Session-Id": str(claims["sid"])}, body={})


def measure(backend: str, url: str, seconds: float) -> dict[str, Any]:
    with serve(url) as base, serve_plain(url) as plain:
        tokens = asyncio.run(sign_in(base, [phone(n) for n in range(SIGNED_IN)]))
        screens = {
            "children": [graphql_request(CHILDREN, t) for t in tokens],
            "inbox": [graphql_request(INBOX, t) for t in tokens],
            "floor": [graphql_request(FLOOR, None)],
        }
        plain_requests = [_plain_request(t) for t in tokens]
        for got, want in zip(screens["children"], plain_requests, strict=True):
            answer, expected = fetch(base + "/graphql", got), fetch(plain + "/children", want)
            if answer != expected or len(answer["data"]["viewer"]["children"]["edges"]) != 2:
                raise SystemExit(f"the answers differ: {answer} != {expected}")
        inbox = fetch(base + "/graphql", screens["inbox"][0])
        if len(inbox["data"]["viewer"]["notifications"]["edges"]) != 20:
            raise SystemExit(f"unexpected inbox: {str(inbox)[:300]}")
        results: dict[tuple[str, int], Figures] = {}
        for connections in (8, 32):
            results["plain", connections] = wrk(
                plain, "/children", plain_requests, connections=connections, seconds=seconds
            )
            for name, requests in screens.items():
                results[name, connections] = wrk(
                    base, "/graphql", requests, connections=connections, seconds=seconds
                )
    print(f"== {backend} ==")
    for (name, connections), figures in results.items():
        print(figures.row(name, connections))
    for connections in (8, 32):
        ratio = results["children", connections].rps / results["plain", connections].rps
        print(f"children / plain at c={connections}: {ratio:.3f}")
    if any(f.wrong or f.socket_errors for f in results.values()):
        raise SystemExit("some answers under load were wrong: see the rows above")
    children, plain_figures = results["children", 8], results["plain", 8]
    return {
        "backend": backend,
        "rps": round(children.rps, 1),
        "p50_ms": round(children.p50_ms, 2),
        "p99_ms": round(children.p99_ms, 2),
        "plain_rps": round(plain_figures.rps, 1),
        "ratio": round(children.rps / plain_figures.rps, 3),
        "floor_rps": round(results["floor", 8].rps, 1),
        "p99_ms_32": round(results["children", 32].p99_ms, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--database", help="a database URL to use (emptied and seeded)")
    parser.add_argument("--parents", type=int, default=10_000)
    parser.add_argument("--inbox", type=int, default=20, help="inbox entries per parent")
    parser.add_argument("--seconds", type=float, default=8.0, help="per measurement")
    args = parser.parse_args()

    def run(backend: str, url: str) -> dict[str, Any]:
        print(
            f"seeding {backend}: {args.parents} parents, {args.inbox} inbox entries each",
            flush=True,
        )
        asyncio.run(seed(url, args.parents, args.inbox))
        return measure(backend, url, args.seconds)

    if args.database:
        backend = "sqlite" if args.database.startswith("sqlite") else "postgres"
        print(json.dumps(run(backend, args.database)))
    elif args.backend == "both":
        # one process per backend: Tortoise keeps one set of connections per process
        for backend in ("sqlite", "postgres"):
            forwarded = ["--parents", str(args.parents), "--inbox", str(args.inbox)]
            forwarded += ["--seconds", str(args.seconds), "--backend", backend]
            subprocess.run([sys.executable, __file__, *forwarded], check=True)
    else:
        with fresh_database(args.backend, "homeroom_bench_read") as url:
            print(json.dumps(run(args.backend, url)))


if __name__ == "__main__":
    main()
