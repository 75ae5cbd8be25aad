"""The micro-lesson feed: a parent's first feed page and the next one through the whole
server, against a plain endpoint running the SQL they need with the bare driver, in the same
run, at two sizes of the same district (issue 11).

    .venv/bin/python bench/feed.py                       # SQLite, then PostgreSQL
    .venv/bin/python bench/feed.py --backend postgres --seconds 5
    .venv/bin/python bench/feed.py --parents 10000 --small 2000 --seconds 3   # quick
    .venv/bin/python bench/feed.py --database postgres://postgres@127.0.0.1:5432/mine
    .venv/bin/python bench/feed.py --workers 2     # as the production recipe, Redis limits

Seeds a fresh database with one district of `--small` parents (default 10,000; 30 schools from
kindergarten to senior high, 588 classes, every even-numbered parent with two children and
every odd one with one: 1.5 students a parent), `--lessons` released micro-lessons (default
5,000, one every two hours, targeted at the district, its age bands, some schools and school
× band pairs, as `create_micro_lesson` writes them; 20 scheduled ones besides) and the
parents' own state (3 lessons in progress and 2 reactions each, on lessons of their own feed).
It starts `python -m server serve` (one process, production settings) and the plain endpoint
(`bench/plain_endpoints.py`, one uvicorn process), signs in 64 parents over HTTP (half with
two children), checks every parent's two pages against the plain endpoint's, and loads each
with `wrk` (one thread, its own process) at 8 and at 32 connections, cycling through the
parents:

- feed: `viewer { microLessonFeed(first: 20) { … } }`, the cards with the parent's state
- next: the same with `after:` the first page's `endCursor` (per parent, built before the load)
- plain, plain next: the same two pages' SQL and JSON without the server

Then it grows the same database to `--parents` (default 100,000) and measures again: the
feed's cost should be bound by indexes, not by the district's size. The last line is one JSON
object (the first page at 8 connections, at `--parents`): backend, rps, p50_ms, p99_ms,
plain_rps, ratio (feed / plain req/s), and the next page's, the 32 connections' and the small
district's figures.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import jwt

from bench.harness import (
    PASSWORD,
    POLICY,
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

FEED = """query($after: String) { viewer { microLessonFeed(first: 20, after: $after) {
  edges { cursor node { id series episode releasedAt
    lesson { id title kind durationSeconds }
    viewerProgress { positionSeconds watchedSeconds completed }
    liked saved } }
  pageInfo { endCursor hasNextPage } } } }"""
SIGNED_IN = 64
SCHEDULED = 20  # not yet released: never in a feed
BATCH = 5000
# (grade range, schools, classes per grade): 4 kindergartens, 16 primary, 6 junior, 4 senior
LAYOUT = [((0,), 4, 6), (range(1, 7), 16, 4), (range(7, 10), 6, 6), (range(10, 13), 4, 6)]
SERIES = ["24 堂暖心微课", "好好说话", "情绪小课堂", "青春期家长课", "学习力微课", "睡眠与作息"]
TITLES = [
    "孩子发脾气时，先接住情绪",
    "如何和孩子聊学校的一天",
    "作业拖拉怎么办",
    "手机时间的家庭约定",
    "倾听比说教更有力量",
    "考试前的焦虑与陪伴",
    "兄弟姐妹之间的冲突",
    "表扬的正确方式",
]


def phone(n: int) -> str:
    return f"+86137{n:08d}"


def children_of(n: int) -> list[int]:
    """Parent n's students: parents 2p and 2p+1 share the numbers 3p…3p+2, two and one."""
    p = 3 * (n // 2)
    return [p, p + 1] if n % 2 == 0 else [p + 2]


def class_of(student: int, classes: int) -> int:
    return (student * 7919) % classes  # scattered: a parent's two children in two schools


def targets_of(k: int, schools: list[tuple[int, str]], bands: list[str]) -> list[tuple[Any, Any]]:
    """Micro-lesson k's (school or None, band or None) pairs, as `create_micro_lesson` writes
    them (the cross product of its schools and bands): a tenth for everyone, half for one
    band, a fifth for two bands, a tenth for one school, a tenth for two schools' band."""
    r, q = k % 10, k // 10
    band = bands[q % len(bands)]
    if r == 0:
        return [(None, None)]
    if r <= 5:
        return [(None, bands[(q + r) % len(bands)])]
    if r <= 7:
        return [(None, band), (None, bands[(q + 2) % len(bands)])]
    first, its_band = schools[(q * 7) % len(schools)]
    if r == 8:
        return [(first, None)]
    second = schools[(q * 7 + 11) % len(schools)][0]
    return [(first, its_band), (second, its_band)]


async def seed(url: str, start: int, stop: int, lessons: int) -> None:
    """Parents start…stop of the district; at start 0 the district and its micro-lessons
    first. Bulk inserts; the password hashed once."""
    from models.accounts import (
        PasswordHashProfile,
        PolicyAgreement,
        PolicyDocument,
        User,
        hash_password,
    )
    from models.courses import Lesson, LessonKind, LessonProgress
    from models.feed import MicroLesson, MicroLessonReaction, MicroLessonTarget
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
    from server.db import close_db, init_db, migrate

    if start == 0:
        await migrate(url)
    await init_db(url)
    try:
        now = dt.datetime.now(dt.UTC).replace(microsecond=123456)
        if start == 0:
            year_start = now.year if now.month >= 9 else now.year - 1
            year = await SchoolYear.create(
                name=f"{year_start}-{year_start + 1}",
                starts_on=dt.date(year_start, 9, 1),
                ends_on=dt.date(year_start + 1, 8, 31),
            )
            district = await District.create(name="基准区")
            lecturer = await User.create(phone="+8613900000001", name="讲师", created_at=now)
            classes_to_make = []
            for grades, count, per_grade in LAYOUT:
                for _ in range(count):
                    school = await School.create(
                        district=district, name=f"基准第{await School.all().count() + 1}学校"
                    )
                    classes_to_make += [
                        SchoolClass(
                            school=school,
                            school_year=year,
                            name=f"{grade}年级{c}班",
                            grade=grade,
                            age_band=age_band_for_grade(grade),
                        )
                        for grade in grades
                        for c in range(1, per_grade + 1)
                    ]
            await SchoolClass.bulk_create(classes_to_make)
            kinds = [LessonKind.VIDEO] * 3 + [LessonKind.AUDIO, LessonKind.ARTICLE]
            rows = []
            for k in range(lessons + SCHEDULED):
                kind = kinds[k % len(kinds)]
                at = now - dt.timedelta(hours=2 * (lessons - k))
                suffix = {LessonKind.VIDEO: "mp4", LessonKind.AUDIO: "m4a"}.get(kind)
                rows.append(
                    Lesson(
                        course_id=None,
                        author_id=lecturer.id,
                        title=f"{TITLES[k % len(TITLES)]}（{k + 1}）",
                        kind=kind,
                        media_url=f"/media/bench/micro-{k}.{suffix}" if suffix else None,
                        body="先深呼吸，再开口。" * 20 if suffix is None else None,
                        duration_seconds=180 + (k * 37) % 420,
                        created_at=at,
                        updated_at=at,
                    )
                )
            await Lesson.bulk_create(rows, batch_size=BATCH)
            lesson_ids = await Lesson.all().order_by("id").values_list("id", flat=True)
            micros = []
            for k, lesson_id in enumerate(lesson_ids):
                at = now - dt.timedelta(hours=2 * (lessons - k))
                series = None if k % 3 == 0 else SERIES[k % len(SERIES)]
                micros.append(
                    MicroLesson(
                        lesson_id=lesson_id,
                        author_id=lecturer.id,
                        district_id=district.id,
                        series=series,
                        episode=None if series is None else (k // len(SERIES)) % 24 + 1,
                        release_at=at,
                        released_at=at if k < lessons else None,
                        created_at=at - dt.timedelta(days=1),
                    )
                )
            await MicroLesson.bulk_create(micros, batch_size=BATCH)
        district = await District.get(name="基准区")
        classes = await SchoolClass.all().order_by("id").values("id", "school_id", "age_band")
        schools: dict[int, str] = {}
        for c in classes:
            schools.setdefault(c["school_id"], c["age_band"])  # the school's first band
        school_list = sorted(schools.items())
        bands = sorted({str(c["age_band"]) for c in classes})
        micro_rows = await MicroLesson.all().order_by("id").values("id", "lesson_id")
        if start == 0:
            await MicroLessonTarget.bulk_create(
                [
                    MicroLessonTarget(
                        micro_lesson_id=m["id"],
                        district_id=district.id,
                        school_id=school,
                        age_band=band,
                    )
                    for k, m in enumerate(micro_rows)
                    for school, band in targets_of(k, school_list, bands)
                ],
                batch_size=BATCH,
            )
        # the newest 60 released micro-lessons each (school, band) sees, newest first
        newest: dict[tuple[int, str], list[int]] = {}
        for c in classes:
            key = (c["school_id"], str(c["age_band"]))
            if key in newest:
                continue
            seen: list[int] = []
            for k in range(lessons - 1, -1, -1):
                pairs = targets_of(k, school_list, bands)
                if any(s in (None, key[0]) and b in (None, key[1]) for s, b in pairs):
                    seen.append(k)
                    if len(seen) == 60:
                        break
            newest[key] = seen

        stored = hash_password(PASSWORD, PasswordHashProfile.PRODUCTION)
        for low in range(start, stop, 20_000):  # in slices: bounded memory at any size
            high = min(stop, low + 20_000)
            first_student = 3 * (low // 2)
            students = [s for n in range(low, high) for s in children_of(n)]
            await Student.bulk_create(
                [
                    Student(
                        school_id=classes[class_of(s, len(classes))]["school_id"],
                        school_class_id=classes[class_of(s, len(classes))]["id"],
                        student_no=f"S{s:07d}",
                        name=f"学生{s}",
                        gender=Gender.FEMALE if s % 2 else Gender.MALE,
                        birth_date=dt.date(2010 + s % 14, 1 + s % 12, 1 + s % 28),
                    )
                    for s in students
                ],
                batch_size=BATCH,
            )
            student_ids = dict(
                await Student.filter(student_no__gte=f"S{first_student:07d}").values_list(
                    "student_no", "id"
                )
            )
            await User.bulk_create(
                [
                    User(phone=phone(n), name=f"家长{n}", password_hash=stored, created_at=now)
                    for n in range(low, high)
                ],
                batch_size=BATCH,
            )
            user_ids = dict(
                await User.filter(phone__gte=phone(low), phone__lt=phone(high)).values_list(
                    "phone", "id"
                )
            )
            links, progress, reactions = [], [], []
            for n in range(low, high):
                user_id = user_ids[phone(n)]
                feed: set[int] = set()
                for s in children_of(n):
                    links.append(
                        Guardianship(
                            student_id=student_ids[f"S{s:07d}"],
                            guardian_id=user_id,
                            relationship=Relationship.MOTHER if n % 3 else Relationship.FATHER,
                            created_at=now,
                        )
                    )
                    c = classes[class_of(s, len(classes))]
                    feed.update(newest[c["school_id"], str(c["age_band"])])
                mine = sorted(feed, reverse=True)[:40]  # the first two pages of this parent
                for j, at in enumerate((n % 7, 9 + n % 11, 25 + n % 13)):
                    duration = 180 + (mine[at] * 37) % 420
                    done = j == 1
                    watched = duration if done else (n * 13 + j * 50) % duration
                    progress.append(
                        LessonProgress(
                            lesson_id=micro_rows[mine[at]]["lesson_id"],
                            user_id=user_id,
                            position_seconds=watched,
                            last_sequence=watched // 5,
                            watched=[[0, watched]] if watched else [],
                            watched_seconds=watched,
                            completed=done,
                            completed_at=now if done else None,
                            started_at=now - dt.timedelta(days=2),
                            updated_at=now - dt.timedelta(days=1),
                        )
                    )
                for at, liked, saved in (
                    (n % 5, True, n % 2 == 0),
                    (21 + n % 13, n % 3 == 0, True),
                ):
                    reactions.append(
                        MicroLessonReaction(
                            micro_lesson_id=micro_rows[mine[at]]["id"],
                            user_id=user_id,
                            liked=liked,
                            saved=saved,
                            updated_at=now,
                        )
                    )
            await Guardianship.bulk_create(links, batch_size=BATCH)
            await LessonProgress.bulk_create(progress, batch_size=BATCH)
            await MicroLessonReaction.bulk_create(reactions, batch_size=BATCH)
            await PolicyAgreement.bulk_create(
                [
                    PolicyAgreement(
                        user_id=user_ids[phone(n)], document=d, version=POLICY, agreed_at=now
                    )
                    for n in range(low, min(high, SIGNED_IN))
                    for d in PolicyDocument
                ]
            )
        if not url.startswith("sqlite"):
            # what autovacuum does after a bulk load, at once, so the plans see the new size
            await Guardianship._meta.db.execute_script("ANALYZE")
    finally:
        await close_db()


def _plain_request(token: str, after: str | None) -> Request:
    claims = jwt.decode(token, options={"verify_signature": False})
    headers = {"X-User-Id": str(claims["sub"]), "X-Session-Id": str(claims["sid"])}
    return Request(headers, body={"after": after} if after else {})


def measure(
    backend: str, url: str, seconds: float, parents: int, workers: int = 1
) -> dict[str, Any]:
    """The feed's two pages and the plain endpoint's at 8 and 32 connections."""
    with serve(url, workers) as base, serve_plain(url, workers) as plain:
        tokens = asyncio.run(sign_in(base, [phone(n) for n in range(SIGNED_IN)]))
        first = [graphql_request(FEED, t) for t in tokens]
        plain_first = [_plain_request(t, None) for t in tokens]
        nexts, plain_nexts = [], []
        states = {"progress": 0, "liked": 0, "saved": 0}
        for token, got, want in zip(tokens, first, plain_first, strict=True):
            answer, expected = fetch(base + "/graphql", got), fetch(plain + "/feed", want)
            page = answer["data"]["viewer"]["microLessonFeed"]
            if (
                answer != expected
                or len(page["edges"]) != 20
                or not page["pageInfo"]["hasNextPage"]
            ):
                raise SystemExit(f"the first pages differ: {answer} != {expected}")
            after = page["pageInfo"]["endCursor"]
            nexts.append(graphql_request(FEED, token, {"after": after}))
            plain_nexts.append(_plain_request(token, after))
            answer = fetch(base + "/graphql", nexts[-1])
            expected = fetch(plain + "/feed", plain_nexts[-1])
            second = answer["data"]["viewer"]["microLessonFeed"]
            if answer != expected or len(second["edges"]) != 20:
                raise SystemExit(f"the next pages differ: {answer} != {expected}")
            for edge in page["edges"] + second["edges"]:
                node = edge["node"]
                states["progress"] += node["viewerProgress"] is not None
                states["liked"] += node["liked"]
                states["saved"] += node["saved"]
        if not all(states.values()):
            raise SystemExit(f"the parents' own state is missing from their feeds: {states}")
        results: dict[tuple[str, int], Figures] = {}
        for connections in (8, 32):
            for name, at, path, requests in (
                ("plain", plain, "/feed", plain_first),
                ("feed", base, "/graphql", first),
                ("plain next", plain, "/feed", plain_nexts),
                ("feed next", base, "/graphql", nexts),
            ):
                results[name, connections] = wrk(
                    at, path, requests, connections=connections, seconds=seconds
                )
    print(f"== {backend}, {parents} parents, {workers} worker(s) each ==")
    print(f"state in the 64 parents' 40 cards each: {states}")
    for (name, connections), figures in results.items():
        print(figures.row(name, connections))
    for connections in (8, 32):
        for page in ("feed", "feed next"):
            plain_page = page.replace("feed", "plain")
            ratio = results[page, connections].rps / results[plain_page, connections].rps
            print(f"{page} / {plain_page} at c={connections}: {ratio:.3f}")
    if any(f.wrong or f.socket_errors for f in results.values()):
        raise SystemExit("some answers under load were wrong: see the rows above")
    feed, plain_figures = results["feed", 8], results["plain", 8]
    nxt, plain_next = results["feed next", 8], results["plain next", 8]
    return {
        "backend": backend,
        "parents": parents,
        "workers": workers,
        "rps": round(feed.rps, 1),
        "p50_ms": round(feed.p50_ms, 2),
        "p99_ms": round(feed.p99_ms, 2),
        "plain_rps": round(plain_figures.rps, 1),
        "ratio": round(feed.rps / plain_figures.rps, 3),
        "next_rps": round(nxt.rps, 1),
        "next_p50_ms": round(nxt.p50_ms, 2),
        "next_p99_ms": round(nxt.p99_ms, 2),
        "next_ratio": round(nxt.rps / plain_next.rps, 3),
        "rps_32": round(results["feed", 32].rps, 1),
        "p99_ms_32": round(results["feed", 32].p99_ms, 2),
        "ratio_32": round(results["feed", 32].rps / results["plain", 32].rps, 3),
        "next_p99_ms_32": round(results["feed next", 32].p99_ms, 2),
    }


def run(backend: str, url: str, args: argparse.Namespace) -> dict[str, Any]:
    sizes = sorted({min(args.small, args.parents), args.parents})
    measured: list[dict[str, Any]] = []
    seeded = 0
    for size in sizes:
        print(
            f"seeding {backend}: parents {seeded}…{size}, {args.lessons} micro-lessons", flush=True
        )
        began = time.monotonic()
        asyncio.run(seed(url, seeded, size, args.lessons))
        print(f"seeded in {time.monotonic() - began:.0f} s", flush=True)
        seeded = size
        measured.append(measure(backend, url, args.seconds, size, args.workers))
    result = measured[-1]
    if len(measured) > 1:
        small = measured[0]
        result |= {
            "small_parents": small["parents"],
            "small_p50_ms": small["p50_ms"],
            "small_p99_ms": small["p99_ms"],
            "small_next_p50_ms": small["next_p50_ms"],
            "p50_growth": round(result["p50_ms"] / small["p50_ms"], 3),
            "next_p50_growth": round(result["next_p50_ms"] / small["next_p50_ms"], 3),
        }
        print(
            f"{backend}: feed p50 {small['p50_ms']} ms at {small['parents']} parents,"
            f" {result['p50_ms']} ms at {result['parents']} ({result['p50_growth']}×);"
            f" next page {small['next_p50_ms']} → {result['next_p50_ms']} ms"
            f" ({result['next_p50_growth']}×)"
        )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--database", help="a database URL to use (emptied and seeded)")
    parser.add_argument("--parents", type=int, default=100_000, help="the district's size")
    parser.add_argument("--small", type=int, default=10_000, help="measured first, then grown")
    parser.add_argument("--lessons", type=int, default=5_000, help="released micro-lessons")
    parser.add_argument("--seconds", type=float, default=8.0, help="per measurement")
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help="server (and plain endpoint) worker processes; above 1 as the production recipe "
        "runs them, with Redis rate limits (Redis on 127.0.0.1:6379)",
    )
    args = parser.parse_args()
    if min(args.small, args.parents) < SIGNED_IN or args.lessons < 500:
        parser.error(f"at least {SIGNED_IN} parents and 500 micro-lessons")

    if args.database:
        backend = "sqlite" if args.database.startswith("sqlite") else "postgres"
        print(json.dumps(run(backend, args.database, args)))
    elif args.backend == "both":
        # one process per backend: Tortoise keeps one set of connections per process
        for backend in ("sqlite", "postgres"):
            forwarded = ["--parents", str(args.parents), "--small", str(args.small)]
            forwarded += ["--lessons", str(args.lessons), "--seconds", str(args.seconds)]
            forwarded += ["--workers", str(args.workers)]
            subprocess.run([sys.executable, __file__, *forwarded, "--backend", backend], check=True)
    else:
        with fresh_database(args.backend, "homeroom_bench_feed") as url:
            print(json.dumps(run(args.backend, url, args)))


if __name__ == "__main__":
    main()
