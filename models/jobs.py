"""Scheduled work: a job table that the worker process claims and runs when each job is due.

PLACEHOLDER: operations follow.
"""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


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
    payload = fields.JSONField(default=dict, description="small JSON of ids, never personal data")
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
