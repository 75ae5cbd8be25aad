"""Booking race bench: the families of one class booking the class teacher's slots at once,
over HTTP, on PostgreSQL.

    .venv/bin/python bench/visits.py                      # 200 families, 60 slots
    .venv/bin/python bench/visits.py --families 50 --slots 15

Creates a fresh database (`homeroom_bench_visits`), migrates it, seeds one class of
`--families` students with a parent each and the class teacher's weekend slots (offered through
the domain operation), starts `python -m server serve`, signs every parent in, then fires every
family's `bookHomeVisitSlot` at once (family i asks for slot i mod slots, so every slot has
contenders). Prints the bookings made, the double bookings found in the database afterwards
(a slot or a student held twice: must be 0), the typed SLOT_TAKEN answers, anything else, and
the latency percentiles of the booking requests. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import asyncpg  # noqa: E402
import httpx  # noqa: E402

PASSWORD = "bench-password-9"
POLICY = "2026-09"
LOGIN = """mutation($input: LoginInput!) { login(input: $input) {
  accessToken userErrors { code } } }"""
SLOTS = "{ viewer { openHomeVisitSlots(first: 100) { edges { node { id } } } } }"
BOOK = """mutation($input: BookHomeVisitSlotInput!) { bookHomeVisitSlot(input: $input) {
  visit { id } userErrors { code field } } }"""


def _phone(n: int) -> str:
    return f"+861390000{n:04d}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def create_database(base_url: str, name: str) -> str:
    admin = await asyncpg.connect(f"{base_url}/postgres")
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    return f"{base_url}/{name}"


async def prepare(url: str, families: int, slots: int) -> None:
    """One class of `families` students with a parent each; its teacher offers `slots`
    weekend slots (three a morning) from next Saturday on, through the domain operation."""
    from zoneinfo import ZoneInfo

    from models.accounts import PasswordHashProfile, User, hash_password
    from models.home_visits.plans import offer_slots
    from models.home_visits.slots import Availability
    from models.schools import (
        District,
        Gender,
        Guardianship,
        Relationship,
        School,
        SchoolClass,
        SchoolYear,
        StaffAssignment,
        StaffRole,
        Student,
    )
    from models.viewer import load_viewer
    from server.db import close_db, init_db, migrate

    await migrate(url)
    await init_db(url)
    try:
        now = dt.datetime.now(dt.UTC)
        today = now.astimezone(ZoneInfo("Asia/Shanghai")).date()
        start = today.year if today.month >= 9 else today.year - 1
        year = await SchoolYear.create(
            name=f"{start}-{start + 1}",
            starts_on=dt.date(start, 9, 1),
            ends_on=dt.date(start + 1, 8, 31),
        )
        district = await District.create(name="基准区")
        school = await School.create(district=district, name="基准小学")
        klass = await SchoolClass.create(
            school=school, school_year=year, name="五年级1班", grade=5, age_band="PRIMARY_UPPER"
        )
        stored = hash_password(PASSWORD, PasswordHashProfile.TEST)
        teacher = await User.create(
            phone=_phone(9999), name="班主任", password_hash=stored, created_at=now
        )
        await StaffAssignment.create(user=teacher, role=StaffRole.CLASS_TEACHER, school_class=klass)
        parents = await User.bulk_create(
            [
                User(phone=_phone(n), name=f"家长{n}", password_hash=stored, created_at=now)
                for n in range(families)
            ]
        )
        parents = await User.filter(phone__in=[_phone(n) for n in range(families)]).order_by(
            "phone"
        )
        await Student.bulk_create(
            [
                Student(
                    school=school,
                    school_class=klass,
                    student_no=f"B{n:05d}",
                    name=f"学生{n}",
                    gender=Gender.FEMALE,
                    birth_date=dt.date(2016, 5, 1),
                )
                for n in range(families)
            ]
        )
        students = await Student.filter(school_class=klass).order_by("student_no")
        await Guardianship.bulk_create(
            [
                Guardianship(
                    student=s, guardian=p, relationship=Relationship.MOTHER, created_at=now
                )
                for s, p in zip(students, parents, strict=True)
            ]
        )
        saturday = today + dt.timedelta(days=(5 - today.weekday()) % 7 or 7)
        weekends = -(-slots // 6)  # three a morning, two mornings a weekend
        offered = await offer_slots(
            viewer=await load_viewer(teacher.id),
            class_id=klass.id,
            availability=Availability(
                first_day=saturday,
                last_day=saturday + dt.timedelta(days=7 * weekends - 6),
                weekdays=(5, 6),
                day_starts=dt.time(9, 0),
                day_ends=dt.time(12, 0),
                visit_minutes=45,
                travel_minutes=15,
                timezone="Asia/Shanghai",
            ),
            now=now,
        )
        from models.home_visits import VisitSlot

        extra = [s.id for s in offered[slots:]]
        await VisitSlot.filter(id__in=extra).delete()
    finally:
        await close_db()


async def wait_healthy(base: str, server: subprocess.Popen[bytes]) -> None:
    async with httpx.AsyncClient(base_url=base) as client:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise SystemExit("the server exited")
            try:
                if (await client.get("/healthz")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.1)
    raise SystemExit("the server did not start")


async def _login(client: httpx.AsyncClient, n: int) -> str:
    body = (
        await client.post(
            "/graphql",
            json={
                "query": LOGIN,
                "variables": {
                    "input": {
                        "phone": _phone(n),
                        "password": PASSWORD,
                        "acceptedPolicyVersion": POLICY,
                    }
                },
            },
        )
    ).json()
    token = body["data"]["login"]["accessToken"]
    assert token, body
    return str(token)


async def run(base: str, families: int) -> tuple[list[dict[str, Any]], list[float], float]:
    limits = httpx.Limits(max_connections=families, max_keepalive_connections=families)
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as client:
        gate = asyncio.Semaphore(16)  # sign-ins are not what is measured

        async def signed_in(n: int) -> str:
            async with gate:
                return await _login(client, n)

        tokens = await asyncio.gather(*(signed_in(n) for n in range(families)))
        seen = (
            await client.post(
                "/graphql", json={"query": SLOTS}, headers={"Authorization": f"Bearer {tokens[0]}"}
            )
        ).json()
        slot_ids = [e["node"]["id"] for e in seen["data"]["viewer"]["openHomeVisitSlots"]["edges"]]
        go = asyncio.Event()
        latencies: list[float] = []

        async def booking(n: int) -> dict[str, Any]:
            await go.wait()
            started = time.perf_counter()
            response = await client.post(
                "/graphql",
                json={
                    "query": BOOK,
                    "variables": {"input": {"slotId": slot_ids[n % len(slot_ids)]}},
                },
                headers={"Authorization": f"Bearer {tokens[n]}"},
            )
            latencies.append(time.perf_counter() - started)
            body: dict[str, Any] = response.json()
            return body

        tasks = [asyncio.create_task(booking(n)) for n in range(families)]
        await asyncio.sleep(0.2)
        began = time.perf_counter()
        go.set()
        answers = await asyncio.gather(*tasks)
        return answers, latencies, time.perf_counter() - began


async def audit(url: str) -> dict[str, int]:
    conn = await asyncpg.connect(url)
    try:
        slots_twice = await conn.fetchval(
            "SELECT count(*) FROM (SELECT slot_id FROM home_visit WHERE status = 'SCHEDULED'"
            " GROUP BY slot_id HAVING count(*) > 1) AS twice"
        )
        students_twice = await conn.fetchval(
            "SELECT count(*) FROM (SELECT student_id FROM home_visit WHERE status = 'SCHEDULED'"
            " GROUP BY student_id HAVING count(*) > 1) AS twice"
        )
        mismatched = await conn.fetchval(
            "SELECT count(*) FROM home_visit v JOIN visit_slot s ON s.id = v.slot_id"
            " WHERE v.status = 'SCHEDULED' AND s.student_id IS DISTINCT FROM v.student_id"
        )
        visits = await conn.fetchval("SELECT count(*) FROM home_visit WHERE status = 'SCHEDULED'")
        held = await conn.fetchval("SELECT count(*) FROM visit_slot WHERE student_id IS NOT NULL")
    finally:
        await conn.close()
    return {
        "visits_in_database": int(visits),
        "slots_held": int(held),
        "double_bookings": int(slots_twice) + int(students_twice) + int(mismatched),
    }


async def main(args: argparse.Namespace) -> None:
    url = await create_database(args.postgres, "homeroom_bench_visits")
    await prepare(url, args.families, args.slots)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "HOMEROOM_ENVIRONMENT": "test",
        "HOMEROOM_SECRET_KEY": "bench-" + "s" * 40,
        "HOMEROOM_DATABASE_URL": url,
        "HOMEROOM_PASSWORD_HASH_PROFILE": "test",
        "HOMEROOM_RATE_LIMIT_PER_IP": "1000000/minute",
        "HOMEROOM_RATE_LIMIT_PER_ACCOUNT": "1000000/minute",
        "HOMEROOM_EMBEDDED_DISPATCHER": "false",
        "HOMEROOM_LOG_LEVEL": "WARNING",
    }
    server = subprocess.Popen(  # noqa: ASYNC220 - started once, stopped at the end
        [sys.executable, "-m", "server", "serve", "--port", str(port)], cwd=ROOT, env=env
    )
    try:
        await wait_healthy(base, server)
        answers, latencies, wall = await run(base, args.families)
    finally:
        server.terminate()
        server.wait(15)
    outcomes: Counter[str] = Counter()
    for body in answers:
        payload = (body.get("data") or {}).get("bookHomeVisitSlot")
        if payload and payload["visit"]:
            outcomes["booked"] += 1
        elif payload and payload["userErrors"]:
            outcomes[payload["userErrors"][0]["code"]] += 1
        else:
            outcomes["top-level error"] += 1
    found = await audit(url)
    result = {
        "families": args.families,
        "slots": args.slots,
        "bookings_made": outcomes["booked"],
        **found,
        "slot_taken_answers": outcomes["SLOT_TAKEN"],
        "other_answers": {k: v for k, v in outcomes.items() if k not in ("booked", "SLOT_TAKEN")},
        "p50_ms": round(_percentile(latencies, 0.5) * 1000, 1),
        "p99_ms": round(_percentile(latencies, 0.99) * 1000, 1),
        "max_ms": round(max(latencies) * 1000, 1),
        "wall_s": round(wall, 2),
    }
    print(f"families {args.families}, slots {args.slots}, all booking at once over HTTP")
    made, stored = result["bookings_made"], found["visits_in_database"]
    print(f"bookings made:        {made} (in the database: {stored})")
    print(f"double bookings:      {found['double_bookings']}")
    print(f"typed SLOT_TAKEN:     {result['slot_taken_answers']}")
    print(f"other answers:        {result['other_answers'] or 'none'}")
    print(
        f"latency:              p50 {result['p50_ms']} ms, p99 {result['p99_ms']} ms, "
        f"max {result['max_ms']} ms"
    )
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--families", type=int, default=200)
    parser.add_argument("--slots", type=int, default=60)
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    asyncio.run(main(parser.parse_args()))
