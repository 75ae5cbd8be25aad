"""Scheduled work: a job table that worker processes claim and run when each job is due.

A domain registers a handler by kind and schedules work inside its own operation's
transaction, so a rolled-back operation schedules nothing:

    @job_handler("home_visits.remind")
    async def remind(payload: dict[str, Any], job: JobContext) -> None: ...

    await schedule("home_visits.remind", {"visit_id": 42}, visit.starts_at - DAY,
                   key="visit:42:day_before", now=now)
    await cancel("home_visits.remind", ["visit:42:day_before", "visit:42:two_hours"], now=now)

Running a job (`JobRunner`, driven by `server.workers`) takes two short transactions:

1. Claim: the oldest due pending job nobody holds is leased to this runner and its attempt
   counted (`SELECT … FOR UPDATE SKIP LOCKED` on PostgreSQL; on SQLite, one writer, a
   conditional UPDATE by id whose row count says whether the claim won).
2. Run: the handler's writes and the DONE mark commit in ONE transaction, the mark only while
   the lease is still this runner's (on PostgreSQL the row stays locked for the run). A crash
   or an exception rolls the handler's writes back with it. So a job's effects on this
   database happen once: delivery is at-least-once (a runner killed mid-job leaves its lease,
   and another runs the job again once the lease expires, not before) and, for writes in this
   database, effectively exactly-once. A handler's side effects outside it (an HTTP call)
   may repeat: such work should enqueue a notification or be idempotent.

A failure is recorded in its own transaction: the error, a retry after exponential backoff
with jitter, and FAILED once `max_attempts` claims are spent. Attempts are counted at claim,
so a job that kills its worker each time also ends FAILED rather than looping. An unknown kind
(a handler removed, or a worker older than the server that scheduled it) fails at once with a
clear error; scheduling its key again re-arms it.

Why a table of our own: the job queues for Python either need a broker of their own (Celery,
arq, saq, Dramatiq, huey: Redis or RabbitMQ), or PostgreSQL alone through psycopg (procrastinate,
PgQueuer), or SQLAlchemy (APScheduler's data stores). None runs on Tortoise's connection on
both SQLite and PostgreSQL, and none can commit a job's DONE mark in the same transaction as
the handler's writes in our database, which is what makes a job's effects happen once.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import random
import socket
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, NamedTuple

from tortoise import fields
from tortoise.expressions import F, Q
from tortoise.models import Model
from tortoise.transactions import in_transaction

from core.clock import Clock

logger = logging.getLogger("homeroom.jobs")

DEFAULT_MAX_ATTEMPTS = 5
MAX_PAYLOAD_BYTES = 1024  # ids, not documents: the handler reads the rest when it runs
FINISHED_KEPT = dt.timedelta(days=30)  # done and cancelled jobs (and their keys) kept this long


class JobStatus(StrEnum):
    PENDING = "PENDING"  # due at `run_at`; claimable when its lease is free or expired
    DONE = "DONE"
    FAILED = "FAILED"  # attempts exhausted, or no handler for its kind
    CANCELLED = "CANCELLED"


class Job(Model):
    """One piece of domain work to run at `run_at`, by the handler registered for `kind`."""

    id = fields.BigIntField(primary_key=True)
    kind = fields.CharField(max_length=64, description="the handler's name, e.g. courses.release")
    key = fields.CharField(max_length=128, null=True, description="de-duplicates within a kind")
    payload: fields.JSONField[dict[str, Any]] = fields.JSONField(
        default=dict, description="small JSON of ids, never personal data"
    )
    status = fields.CharEnumField(JobStatus, max_length=10, default=JobStatus.PENDING)
    run_at = fields.DatetimeField(description="not run before: the schedule, or backoff")
    attempts = fields.SmallIntField(default=0, description="claims so far, counted at claim")
    max_attempts = fields.SmallIntField(default=5)
    lease_owner = fields.CharField(max_length=64, null=True)
    lease_until = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField()
    finished_at = fields.DatetimeField(null=True)
    last_error = fields.CharField(max_length=500, null=True)

    class Meta:
        table = "job"
        unique_together = (("kind", "key"),)  # NULL keys never collide
        indexes = (("status", "run_at", "id"),)  # the claim's filter and order


# ------------------------------------------------------------------ handlers


@dataclass(frozen=True, slots=True)
class JobContext:
    """What a handler knows of the job it runs. `now` is the runner's clock at the claim:
    use it (never the wall clock) for anything the job writes or schedules next."""

    job_id: int
    kind: str
    key: str | None
    attempt: int  # 1 on the first run
    now: dt.datetime


JobHandler = Callable[[dict[str, Any], JobContext], Awaitable[None]]

# Filled when domain modules are imported (`models.load_domains`); never request state.
_HANDLERS: dict[str, JobHandler] = {}


def job_handler(kind: str) -> Callable[[JobHandler], JobHandler]:
    """Registers the decorated coroutine as the handler of `kind` ("<domain>.<action>")."""
    if not kind or len(kind) > 64:
        raise ValueError(f"a job kind is 1 to 64 characters: {kind!r}")

    def register(handler: JobHandler) -> JobHandler:
        known = _HANDLERS.get(kind)
        if known is not None and known.__qualname__ != handler.__qualname__:
            raise ValueError(f"job kind {kind!r} already has a handler: {known.__qualname__}")
        _HANDLERS[kind] = handler
        return handler

    return register


def registered_kinds() -> frozenset[str]:
    return frozenset(_HANDLERS)


# ------------------------------------------------------------------ scheduling


def _utc(at: dt.datetime) -> dt.datetime:
    """Stored and compared in UTC: SQLite compares times as text, so one offset."""
    if at.tzinfo is None:
        raise ValueError("job times must be timezone-aware")
    return at.astimezone(dt.UTC)


def _on_postgres() -> bool:
    """Inside a transaction, its connection answers."""
    return Job._meta.db.capabilities.dialect == "postgres"


def _payload_json(payload: dict[str, Any]) -> str:
    if not isinstance(payload, dict):
        raise TypeError("a job payload is a JSON object")
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    if len(text.encode()) > MAX_PAYLOAD_BYTES:
        raise ValueError(f"a job payload holds ids, at most {MAX_PAYLOAD_BYTES} bytes of JSON")
    return text


# A key names one piece of work. While it is pending, scheduling it again moves it (the
# latest time and payload win; a leased run is left to finish); once DONE, scheduling it
# again changes nothing; once CANCELLED or FAILED, it is pending anew with fresh attempts.
# ON CONFLICT makes this safe against a concurrent schedule of the same key.
_UPSERT_SQL = """
INSERT INTO job (kind, key, payload, status, run_at, attempts, max_attempts, created_at)
VALUES ($1, $2, $3::jsonb, 'PENDING', $4, 0, $5, $6)
ON CONFLICT (kind, key) DO UPDATE SET
    payload = EXCLUDED.payload, run_at = EXCLUDED.run_at, max_attempts = EXCLUDED.max_attempts,
    attempts = CASE WHEN job.status = 'PENDING' THEN job.attempts ELSE 0 END,
    last_error = CASE WHEN job.status = 'PENDING' THEN job.last_error END,
    status = 'PENDING', finished_at = NULL
WHERE job.status <> 'DONE'
RETURNING id
"""


async def schedule(
    kind: str,
    payload: dict[str, Any],
    run_at: dt.datetime,
    *,
    key: str | None = None,
    now: dt.datetime,
    max_attempts: int = DEFAULT_MAX_ATTEMPTS,
) -> Job:
    """Schedules `kind` to run with `payload` at `run_at` (or as soon as a worker is free, if
    that has passed). Call it inside the domain operation's transaction. With a `key`,
    scheduling the same key of a kind again is the same job (see the rules above)."""
    text = _payload_json(payload)
    run_at, now = _utc(run_at), _utc(now)
    if key is not None and not 0 < len(key) <= 128:
        raise ValueError("a job key is 1 to 128 characters")
    if max_attempts < 1:
        raise ValueError("max_attempts is at least 1")
    if _on_postgres() and key is not None:
        _, rows = await Job._meta.db.execute_query(
            _UPSERT_SQL, [kind, key, text, run_at, max_attempts, now]
        )
        if rows:
            return await Job.get(id=rows[0][0])
        return await Job.get(kind=kind, key=key)  # DONE already
    existing = None if key is None else await Job.get_or_none(kind=kind, key=key)
    if existing is None:  # SQLite has one writer: nobody inserts this key in between
        return await Job.create(
            kind=kind,
            key=key,
            payload=payload,
            run_at=run_at,
            max_attempts=max_attempts,
            created_at=now,
        )
    if existing.status == JobStatus.DONE:
        return existing
    if existing.status != JobStatus.PENDING:
        existing.attempts = 0
        existing.last_error = None
    existing.payload = payload
    existing.run_at = run_at
    existing.max_attempts = max_attempts
    existing.status = JobStatus.PENDING
    existing.finished_at = None
    await existing.save(
        update_fields=[
            "payload",
            "run_at",
            "max_attempts",
            "status",
            "finished_at",
            "attempts",
            "last_error",
        ]
    )
    return existing


async def cancel(kind: str, key: str | Sequence[str], *, now: dt.datetime) -> int:
    """Cancels the pending jobs of `kind` with these keys (a booking cancelled: its
    reminders), in the caller's transaction; how many were pending. A run in progress whose
    DONE mark has not committed is rolled back (its mark needs the job still pending)."""
    keys = [key] if isinstance(key, str) else list(key)
    if not keys:
        return 0
    return await Job.filter(kind=kind, key__in=keys, status=JobStatus.PENDING).update(
        status=JobStatus.CANCELLED,
        finished_at=_utc(now),
        lease_owner=None,
        lease_until=None,
    )


# ------------------------------------------------------------------ running


@dataclass(frozen=True, slots=True)
class JobConfig:
    lease: dt.timedelta = dt.timedelta(minutes=5)  # a handler must finish well within it
    backoff_base_s: float = 30.0
    backoff_cap_s: float = 3600.0


def backoff_seconds(attempt: int, config: JobConfig) -> float:
    """Exponential with jitter (half fixed, half random), so failing jobs spread out."""
    ceiling = min(config.backoff_cap_s, config.backoff_base_s * 2 ** max(0, attempt - 1))
    return random.uniform(ceiling / 2, ceiling)


class JobOutcome(StrEnum):
    DONE = "DONE"
    RETRY = "RETRY"  # failed; pending again after backoff
    FAILED = "FAILED"
    LOST = "LOST"  # the lease passed to another runner, or the job was cancelled: rolled back


class ClaimedJob(NamedTuple):
    """A job leased to a runner, as its claim read it."""

    id: int
    kind: str
    key: str | None
    payload: dict[str, Any]
    attempts: int  # including this claim
    max_attempts: int


class _LeaseLost(Exception):
    pass


_DUE_SQL = """
SELECT id, kind, key, payload, attempts, max_attempts FROM job
WHERE status = 'PENDING' AND run_at <= $1 AND (lease_until IS NULL OR lease_until < $1)
ORDER BY run_at, id
LIMIT 1
FOR UPDATE SKIP LOCKED
"""
_LEASE_SQL = (
    "UPDATE job SET lease_owner = $1, lease_until = $2, attempts = attempts + 1 WHERE id = $3"
)
# Held for the whole run, so no other runner claims the job even if its lease expires while
# the handler is still working; a dead runner's connection drops and releases it.
_LOCK_SQL = "SELECT 1 FROM job WHERE id = $1 AND lease_owner = $2 AND status = 'PENDING' FOR UPDATE"


def _due(now: dt.datetime) -> Any:
    return Job.filter(status=JobStatus.PENDING, run_at__lte=now).filter(
        Q(lease_until__isnull=True) | Q(lease_until__lt=now)
    )


class JobRunner:
    """Claims due jobs one at a time and runs each in its own transaction."""

    def __init__(
        self, clock: Clock, config: JobConfig | None = None, name: str | None = None
    ) -> None:
        self.clock = clock
        self.config = config or JobConfig()
        self.name = (name or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}")[:64]

    def _now(self) -> dt.datetime:
        return _utc(self.clock.now())

    async def claim(self) -> ClaimedJob | None:
        """Leases the oldest due job nobody holds to this runner, counting the attempt."""
        now = self._now()
        if not await _due(now).exists():
            return None  # the idle case: one read, no transaction
        lease_until = now + self.config.lease
        async with in_transaction():
            if _on_postgres():
                db = Job._meta.db
                _, rows = await db.execute_query(_DUE_SQL, [now])
                if not rows:
                    return None
                job_id, kind, key, payload, attempts, max_attempts = rows[0]
                await db.execute_query(_LEASE_SQL, [self.name, lease_until, job_id])
                payload = json.loads(payload) if isinstance(payload, str) else payload
            else:  # one writer: the conditional UPDATE by id is the claim
                found = (
                    await _due(now)
                    .order_by("run_at", "id")
                    .limit(1)
                    .values_list("id", "kind", "key", "payload", "attempts", "max_attempts")
                )
                if not found:
                    return None
                job_id, kind, key, payload, attempts, max_attempts = found[0]
                won = (
                    await _due(now)
                    .filter(id=job_id)
                    .update(
                        lease_owner=self.name, lease_until=lease_until, attempts=F("attempts") + 1
                    )
                )
                if won != 1:
                    return None
        return ClaimedJob(job_id, kind, key, payload, attempts + 1, max_attempts)

    async def run_once(self) -> JobOutcome | None:
        """Claims and runs one due job; None when nothing is due."""
        job = await self.claim()
        if job is None:
            return None
        return await self.run(job)

    async def run(self, job: ClaimedJob) -> JobOutcome:
        """Runs a job this runner claimed: the handler and the DONE mark in one transaction."""
        handler = _HANDLERS.get(job.kind)
        if handler is None:
            known = ", ".join(sorted(_HANDLERS)) or "none"
            error = f"no handler registered for kind {job.kind!r} (this worker knows: {known})"
            return await self._failed(job, error, final=True)
        if job.attempts > job.max_attempts:  # the last attempt's runner died mid-job
            return await self._failed(job, "lease expired on the last attempt", final=True)
        context = JobContext(job.id, job.kind, job.key, job.attempts, self._now())
        try:
            async with in_transaction():
                if _on_postgres():
                    _, locked = await Job._meta.db.execute_query(_LOCK_SQL, [job.id, self.name])
                    if not locked:
                        raise _LeaseLost
                await handler(job.payload, context)
                marked = await Job.filter(
                    id=job.id, lease_owner=self.name, status=JobStatus.PENDING
                ).update(
                    status=JobStatus.DONE,
                    finished_at=self._now(),
                    last_error=None,
                    lease_owner=None,
                    lease_until=None,
                )
                if marked != 1:
                    raise _LeaseLost
        except _LeaseLost:
            logger.warning("job %s (%s): lease lost or cancelled; rolled back", job.id, job.kind)
            return JobOutcome.LOST
        except Exception as e:
            logger.warning("job %s (%s) failed", job.id, job.kind, exc_info=True)
            error = f"{type(e).__name__}: {e}"
            return await self._failed(job, error, final=job.attempts >= job.max_attempts)
        return JobOutcome.DONE

    async def _failed(self, job: ClaimedJob, error: str, *, final: bool) -> JobOutcome:
        now = self._now()
        retry_at = now + dt.timedelta(seconds=backoff_seconds(job.attempts, self.config))
        changed = await Job.filter(
            id=job.id, lease_owner=self.name, status=JobStatus.PENDING
        ).update(
            status=JobStatus.FAILED if final else JobStatus.PENDING,
            run_at=now if final else retry_at,
            finished_at=now if final else None,
            last_error=error[:500],
            lease_owner=None,
            lease_until=None,
        )
        if changed != 1:
            return JobOutcome.LOST
        if final:
            logger.error("job %s (%s) FAILED: %s", job.id, job.kind, error)
        return JobOutcome.FAILED if final else JobOutcome.RETRY

    async def run_until_idle(self, max_jobs: int = 10_000) -> list[JobOutcome]:
        """Runs jobs until none is due now: for tests and one-shot runs."""
        outcomes: list[JobOutcome] = []
        for _ in range(max_jobs):
            outcome = await self.run_once()
            if outcome is None:
                return outcomes
            outcomes.append(outcome)
        raise RuntimeError("job runner did not become idle")


# ------------------------------------------------------------------ housekeeping

PURGE_KIND = "jobs.purge_finished"


@job_handler(PURGE_KIND)
async def purge_finished(payload: dict[str, Any], job: JobContext) -> None:
    """Daily: deletes done and cancelled jobs finished 30 days ago (failed ones stay for a
    look), then schedules tomorrow's purge. Keyed by date, so many workers make one a day."""
    await Job.filter(
        status__in=[JobStatus.DONE, JobStatus.CANCELLED], finished_at__lt=job.now - FINISHED_KEPT
    ).delete()
    await schedule_purge(job.now + dt.timedelta(days=1), now=job.now)


async def schedule_purge(at: dt.datetime, *, now: dt.datetime) -> Job:
    """The purge of `at`'s day (UTC), due at `at`; once a day whoever asks."""
    return await schedule(PURGE_KIND, {}, at, key=_utc(at).date().isoformat(), now=now)
