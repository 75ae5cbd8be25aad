"""Stored first answers to mutations sent with an `Idempotency-Key`, so a retry over a flaky
mobile network returns the same answer instead of doing the work twice."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tortoise import fields
from tortoise.exceptions import IntegrityError
from tortoise.models import Model

RETENTION = dt.timedelta(hours=24)


class IdempotencyRecord(Model):
    id = fields.IntField(primary_key=True)
    scope = fields.CharField(max_length=40, description="user:<id> or anonymous")
    key = fields.CharField(max_length=100)
    request_hash = fields.CharField(max_length=64)
    status_code = fields.SmallIntField(null=True)
    response_body = fields.TextField(null=True)
    created_at = fields.DatetimeField()

    class Meta:
        table = "idempotency_record"
        unique_together = (("scope", "key"),)


@dataclass(frozen=True, slots=True)
class Claim:
    """What to do with a request: run it (`record_id`), replay, or refuse."""

    record_id: int | None = None
    replay: IdempotencyRecord | None = None
    conflict: str | None = None  # "reused" or "in_progress"


async def claim(scope: str, key: str, request_hash: str, now: dt.datetime) -> Claim:
    await IdempotencyRecord.filter(scope=scope, key=key, created_at__lt=now - RETENTION).delete()
    try:
        record = await IdempotencyRecord.create(
            scope=scope, key=key, request_hash=request_hash, created_at=now
        )
        return Claim(record_id=record.id)
    except IntegrityError:
        existing = await IdempotencyRecord.get_or_none(scope=scope, key=key)
        if existing is None:  # purged between the two statements
            return await claim(scope, key, request_hash, now)
    if existing.request_hash != request_hash:
        return Claim(conflict="reused")
    if existing.status_code is None:
        return Claim(conflict="in_progress")
    return Claim(replay=existing)


async def complete(record_id: int, status_code: int, body: str) -> None:
    await IdempotencyRecord.filter(id=record_id).update(status_code=status_code, response_body=body)


async def release(record_id: int) -> None:
    """The request failed before it had an answer worth keeping: let a retry run it."""
    await IdempotencyRecord.filter(id=record_id).delete()
