"""Scheduled work: jobs run once, when due and never before, survive restarts and crashed
workers, retry with backoff up to a bound, and can be cancelled or de-duplicated by key.
Real runners against the real database (SQLite, or PostgreSQL with truly concurrent
connections); time is a FrozenClock that the tests move."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import os
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from tortoise.transactions import in_transaction

from core.clock import FrozenClock
from models.jobs import (
    PURGE_KIND,
    Job,
    JobConfig,
    JobContext,
    JobOutcome,
    JobRunner,
    JobStatus,
    cancel,
    job_handler,
    schedule,
)
from server.db import close_db, dialect_of, init_db
from server.settings import PROJECT_ROOT
from tests.conftest import DATABASE_URL
from tests.factories import START

HOUR = dt.timedelta(hours=1)
LEASE = dt.timedelta(minutes=5)
CONFIG = JobConfig(lease=LEASE, backoff_base_s=30.0, backoff_cap_s=3600.0)

runs: Counter[int] = Counter()  # handler invocations by job id, including rolled-back ones
in_flight = {"now": 0, "peak": 0}  # handlers running at once
# When set up, the first handler waits (bounded) until a second one runs beside it: on
# PostgreSQL two runs in flight at once, each in its own connection and transaction.
rendezvous: list[asyncio.Event] = []


@pytest.fixture(autouse=True)
def fresh_runs() -> None:
    runs.clear()
    in_flight.update(now=0, peak=0)
    rendezvous.clear()


@job_handler("test.release_lesson")
async def release_lesson(payload: dict[str, Any], job: JobContext) -> None:
    runs[job.job_id] += 1
    in_flight["now"] += 1
    in_flight["peak"] = max(in_flight["peak"], in_flight["now"])
    try:
        if rendezvous and not rendezvous[0].is_set():
            if in_flight["now"] >= 2:
                rendezvous[0].set()
            else:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(rendezvous[0].wait(), timeout=10)
    finally:
        in_flight["now"] -= 1
    # a write of the job's own, in its transaction: the follow-up commits with the DONE mark
    await schedule(
        "test.follow_up",
        {"lesson_id": payload["lesson_id"]},
        job.now,
        key=f"{job.job_id}",
        now=job.now,
    )


@job_handler("test.follow_up")
async def follow_up(payload: dict[str, Any], job: JobContext) -> None:
    runs[job.job_id] += 1


@job_handler("test.flaky")
async def flaky(payload: dict[str, Any], job: JobContext) -> None:
    runs[job.job_id] += 1
    await schedule("test.follow_up", {}, job.now, key=f"flaky:{job.attempt}", now=job.now)
    raise RuntimeError(f"lesson store unavailable (attempt {job.attempt})")


def runner(clock: FrozenClock, name: str = "runner-a") -> JobRunner:
    return JobRunner(clock, CONFIG, name)


async def lesson_job(n: int, run_at: dt.datetime, key: str | None = None) -> Job:
    return await schedule("test.release_lesson", {"lesson_id": n}, run_at, key=key, now=START)


async def test_a_job_never_runs_before_its_time_and_runs_once_when_due(
    clock: FrozenClock,
) -> None:
    job = await lesson_job(1, START + HOUR)
    worker = runner(clock)

    clock.advance(HOUR - dt.timedelta(seconds=1))
    early = await worker.run_until_idle()
    clock.advance(dt.timedelta(seconds=1))
    on_time = await worker.run_once()
    again = await worker.run_once()

    assert early == []
    assert on_time == JobOutcome.DONE
    assert again == JobOutcome.DONE  # the follow-up the handler scheduled, due now
    await job.refresh_from_db()
    assert (job.status, job.attempts, job.finished_at) == (JobStatus.DONE, 1, START + HOUR)
    assert job.lease_owner is None and job.last_error is None
    assert runs[job.id] == 1
    assert await worker.run_until_idle() == []


async def test_two_workers_run_each_job_exactly_once(clock: FrozenClock) -> None:
    jobs = [await lesson_job(n, START) for n in range(30)]
    workers = [runner(clock, "runner-a"), runner(clock, "runner-b")]
    on_postgres = dialect_of(DATABASE_URL) == "postgres"
    if on_postgres:  # truly concurrent connections: make the two runs overlap
        rendezvous.append(asyncio.Event())

    done = await asyncio.gather(*(w.run_until_idle() for w in workers))

    ids = [j.id for j in jobs]
    assert {i: runs[i] for i in ids} == dict.fromkeys(ids, 1)
    assert sum(len(d) for d in done) == 60  # 30 jobs and their 30 follow-ups
    assert all(d for d in done), "both workers took part"
    if on_postgres:  # two connections, two jobs in flight at once
        assert in_flight["peak"] == 2
    statuses = Counter(await Job.all().values_list("status", flat=True))
    assert statuses == {JobStatus.DONE: 60}


async def test_a_failing_job_retries_with_backoff_then_fails_with_its_error(
    clock: FrozenClock,
) -> None:
    job = await schedule("test.flaky", {}, START, now=START, max_attempts=3)
    worker = runner(clock)
    outcomes = []

    for attempt in (1, 2, 3):
        outcomes.append(await worker.run_once())
        await job.refresh_from_db()
        if attempt < 3:
            delay = (job.run_at - clock.now()).total_seconds()
            ceiling = 30.0 * 2 ** (attempt - 1)
            assert ceiling / 2 <= delay <= ceiling
            assert await worker.run_once() is None  # not before the backoff is over
            clock.set(job.run_at)

    assert outcomes == [JobOutcome.RETRY, JobOutcome.RETRY, JobOutcome.FAILED]
    assert (job.status, job.attempts) == (JobStatus.FAILED, 3)
    assert job.last_error == "RuntimeError: lesson store unavailable (attempt 3)"
    assert job.finished_at == clock.now()
    # each attempt's write rolled back with it
    assert not await Job.filter(kind="test.follow_up").exists()
    clock.advance(dt.timedelta(days=1))
    assert await worker.run_once() is None


async def test_a_worker_killed_mid_job_has_it_rerun_after_its_lease_not_before(
    clock: FrozenClock,
) -> None:
    job = await lesson_job(1, START)
    killed, survivor = runner(clock, "runner-killed"), runner(clock, "runner-b")
    claimed = await killed.claim()  # then the process dies: the lease stays, nothing ran
    assert claimed is not None

    clock.advance(LEASE)
    before_expiry = await survivor.run_once()
    clock.advance(dt.timedelta(seconds=1))
    after_expiry = await survivor.run_once()

    assert before_expiry is None
    assert after_expiry == JobOutcome.DONE
    await job.refresh_from_db()
    assert (job.status, job.attempts, runs[job.id]) == (JobStatus.DONE, 2, 1)


async def test_a_runner_whose_lease_passed_on_cannot_complete_the_job_again(
    clock: FrozenClock,
) -> None:
    job = await lesson_job(1, START)
    slow, other = runner(clock, "runner-slow"), runner(clock, "runner-b")
    stale = await slow.claim()
    assert stale is not None
    clock.advance(LEASE + dt.timedelta(seconds=1))
    assert await other.run_once() == JobOutcome.DONE

    late = await slow.run(stale)

    assert late == JobOutcome.LOST
    await job.refresh_from_db()
    assert job.status == JobStatus.DONE
    # its follow-up exists once: the late run's write rolled back with its refused mark
    assert await Job.filter(kind="test.follow_up").count() == 1


async def test_a_job_whose_last_attempt_was_lost_ends_failed(clock: FrozenClock) -> None:
    job = await schedule("test.release_lesson", {"lesson_id": 1}, START, now=START, max_attempts=1)
    assert await runner(clock, "runner-killed").claim() is not None
    clock.advance(LEASE + dt.timedelta(seconds=1))

    outcome = await runner(clock).run_once()

    assert outcome == JobOutcome.FAILED
    await job.refresh_from_db()
    assert (job.status, job.last_error) == (JobStatus.FAILED, "lease expired on the last attempt")
    assert runs[job.id] == 0


async def test_a_rolled_back_operation_schedules_nothing(clock: FrozenClock) -> None:
    class BookingRefused(Exception):
        pass

    with pytest.raises(BookingRefused):
        async with in_transaction():
            await lesson_job(1, START, key="lesson:1")
            raise BookingRefused

    assert await Job.all().count() == 0
    assert await runner(clock).run_until_idle() == []


async def test_cancelling_a_pending_job_keeps_it_from_running(clock: FrozenClock) -> None:
    await lesson_job(1, START + HOUR, key="visit:42:day_before")
    await lesson_job(2, START + HOUR, key="visit:42:two_hours")
    await lesson_job(3, START + HOUR, key="visit:43:day_before")

    cancelled = await cancel(
        "test.release_lesson", ["visit:42:day_before", "visit:42:two_hours"], now=START
    )
    clock.advance(HOUR)
    outcomes = await runner(clock).run_until_idle()

    assert cancelled == 2
    assert outcomes == [JobOutcome.DONE, JobOutcome.DONE]  # visit 43's and its follow-up
    assert await cancel("test.release_lesson", "visit:42:day_before", now=START) == 0
    rows = await Job.filter(kind="test.release_lesson").order_by("id").values_list("key", "status")
    assert rows == [
        ("visit:42:day_before", JobStatus.CANCELLED),
        ("visit:42:two_hours", JobStatus.CANCELLED),
        ("visit:43:day_before", JobStatus.DONE),
    ]


async def test_scheduling_the_same_key_twice_is_one_job(clock: FrozenClock) -> None:
    first = await lesson_job(1, START + HOUR, key="lesson:1")
    moved = await lesson_job(1, START + 2 * HOUR, key="lesson:1")  # rescheduled: latest wins
    keyless = [await lesson_job(2, START), await lesson_job(2, START)]

    assert moved.id == first.id and moved.run_at == START + 2 * HOUR
    assert keyless[0].id != keyless[1].id  # no key, no de-duplication
    assert await Job.filter(kind="test.release_lesson").count() == 3

    clock.advance(2 * HOUR)
    await runner(clock).run_until_idle()
    after_done = await lesson_job(1, START + 5 * HOUR, key="lesson:1")

    assert (after_done.id, after_done.status) == (first.id, JobStatus.DONE)  # done stays done
    assert runs[first.id] == 1


async def test_scheduling_a_cancelled_key_again_makes_it_pending_anew(clock: FrozenClock) -> None:
    job = await lesson_job(1, START, key="visit:42:day_before")
    await cancel("test.release_lesson", "visit:42:day_before", now=START)

    again = await lesson_job(1, START + HOUR, key="visit:42:day_before")

    assert (again.id, again.status, again.attempts) == (job.id, JobStatus.PENDING, 0)
    assert again.finished_at is None
    clock.advance(HOUR)
    assert await runner(clock).run_once() == JobOutcome.DONE


async def test_an_unknown_kind_fails_with_a_clear_error_and_is_not_retried(
    clock: FrozenClock,
) -> None:
    job = await schedule("nobody.handles_this", {"id": 1}, START, now=START)
    worker = runner(clock)

    first = await worker.run_once()
    clock.advance(dt.timedelta(days=1))
    second = await worker.run_once()

    assert (first, second) == (JobOutcome.FAILED, None)
    await job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.attempts == 1
    assert job.last_error is not None
    assert job.last_error.startswith("no handler registered for kind 'nobody.handles_this'")


async def test_pending_jobs_survive_a_restart(clock: FrozenClock) -> None:
    job = await lesson_job(1, START + HOUR)
    await close_db()  # the process stops…
    await init_db(DATABASE_URL)  # …and a new one starts, with a new runner
    clock.advance(HOUR)

    outcome = await runner(clock, "runner-after-restart").run_once()

    assert outcome == JobOutcome.DONE
    await job.refresh_from_db()
    assert job.status == JobStatus.DONE


async def test_payloads_are_small_json_objects_and_times_are_aware() -> None:
    with pytest.raises(ValueError, match="at most 1024 bytes"):
        await schedule("test.follow_up", {"notes": "x" * 2000}, START, now=START)
    with pytest.raises(TypeError):
        await schedule("test.follow_up", [1, 2], START, now=START)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="timezone-aware"):
        await schedule("test.follow_up", {}, dt.datetime(2026, 11, 2, 10), now=START)

    assert await Job.all().count() == 0


async def test_the_daily_purge_deletes_old_finished_jobs_and_plans_tomorrow(
    clock: FrozenClock,
) -> None:
    old = START - dt.timedelta(days=40)
    done_long_ago = await schedule("test.follow_up", {}, old, key="old-done", now=old)
    failed_long_ago = await schedule("nobody.handles_this", {}, old, key="old-failed", now=old)
    await Job.filter(id=done_long_ago.id).update(status=JobStatus.DONE, finished_at=old)
    await Job.filter(id=failed_long_ago.id).update(status=JobStatus.FAILED, finished_at=old)
    recent = await schedule("test.follow_up", {}, START, key="recent", now=START)
    await Job.filter(id=recent.id).update(status=JobStatus.DONE, finished_at=START)
    await schedule(PURGE_KIND, {}, START, key=START.date().isoformat(), now=START)

    assert await runner(clock).run_once() == JobOutcome.DONE

    left = await Job.all().order_by("id").values_list("key", "status")
    assert left == [
        ("old-failed", JobStatus.FAILED),  # kept for a look
        ("recent", JobStatus.DONE),
        (START.date().isoformat(), JobStatus.DONE),
        ((START + dt.timedelta(days=1)).date().isoformat(), JobStatus.PENDING),
    ]


async def test_the_worker_process_runs_due_jobs_and_stops_cleanly_on_sigterm(
    tmp_path: Path,
) -> None:
    """`python -m server worker` against its own migrated SQLite database: it runs the
    day's purge (due at start) and exits 0 on SIGTERM once the job in hand is recorded."""
    path = tmp_path / "worker.sqlite3"
    env = {
        **os.environ,
        "HOMEROOM_DATABASE_URL": f"sqlite://{path}",
        "HOMEROOM_ENVIRONMENT": "test",
        "HOMEROOM_SECRET_KEY": "worker-test-secret-0123456789abcdef",
        "HOMEROOM_LOG_LEVEL": "WARNING",
    }
    migrated = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "server", "migrate"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert migrated.returncode == 0, migrated.stderr
    long_ago = "2020-01-01 00:00:00+00:00"  # Tortoise's SQLite text form of a UTC time
    with sqlite3.connect(path) as db:
        db.execute(
            "INSERT INTO job (kind, key, payload, status, run_at, attempts, max_attempts,"
            " created_at, finished_at) VALUES ('test.follow_up', 'ancient', '{}', 'DONE',"
            " ?, 1, 5, ?, ?)",
            (long_ago, long_ago, long_ago),
        )

    def purges() -> list[tuple[str, str]]:
        with sqlite3.connect(path) as db:
            return db.execute(
                "SELECT key, status FROM job WHERE kind = ? ORDER BY key", (PURGE_KIND,)
            ).fetchall()

    proc = subprocess.Popen(  # noqa: ASYNC220 - started once, waited for asynchronously
        [sys.executable, "-m", "server", "worker"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        async with asyncio.timeout(30):
            while not any(status == "DONE" for _, status in purges()):
                assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
                await asyncio.sleep(0.05)
    finally:
        proc.terminate()
        try:
            await asyncio.to_thread(proc.wait, 15)
        except subprocess.TimeoutExpired:
            proc.kill()

    assert proc.returncode == 0, proc.stderr.read().decode() if proc.stderr else ""
    statuses = sorted(status for _, status in purges())
    assert statuses == ["DONE", "PENDING"]  # today's ran, tomorrow's is planned
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM job WHERE key = 'ancient'").fetchone() == (0,)
