"""The audit log: append-only, tamper-evident events of who read, changed or was refused what.

Each event carries the SHA-256 of its own content and of the event before it, so editing,
inserting or deleting an event in the middle breaks the chain at that point;
`python -m server verify-audit` walks the chain (`verify_chain`). Events are never updated or
deleted through the models (`AppendOnly`); on PostgreSQL a trigger (in the migration) refuses it
in the database too.

Appends are serialised (a transaction-scoped advisory lock on PostgreSQL, SQLite's one writer)
so two requests never chain onto the same predecessor.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Generic, NoReturn, TypeVar

from tortoise import fields
from tortoise.manager import Manager
from tortoise.models import Model
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

GENESIS = "0" * 64
_LOCK_KEY = 7_301_313  # pg_advisory_xact_lock key of the audit chain
M = TypeVar("M", bound=Model)


class ImmutableRecordError(Exception):
    """An attempt to change or delete a record that is kept as it was written."""


# ------------------------------------------------------------------ append-only tables


class AppendOnlyQuerySet(QuerySet[M], Generic[M]):
    """A queryset that reads and inserts, and refuses every bulk change."""

    def _refuse(self, what: str) -> NoReturn:
        raise ImmutableRecordError(f"{self.model.__name__} rows are never {what}")

    def update(self, **kwargs: Any) -> Any:
        self._refuse("updated")

    def delete(self) -> Any:
        self._refuse("deleted")

    def bulk_update(self, *args: Any, **kwargs: Any) -> Any:
        self._refuse("updated")

    def update_or_create(self, *args: Any, **kwargs: Any) -> Any:
        self._refuse("updated")


class AppendOnlyManager(Manager):
    def get_queryset(self) -> QuerySet[Any]:
        return AppendOnlyQuerySet(self._model)


class AppendOnly:
    """Mixin for a Model whose rows, once written, are never changed or deleted. Give the
    model `manager = AppendOnlyManager()` in its Meta as well (for queryset updates)."""

    _saved_in_db: bool

    async def save(self, *args: Any, **kwargs: Any) -> None:
        if self._saved_in_db:
            raise ImmutableRecordError(f"{type(self).__name__} rows are never updated")
        await super().save(*args, **kwargs)  # type: ignore[misc]

    async def delete(self, *args: Any, **kwargs: Any) -> None:
        raise ImmutableRecordError(f"{type(self).__name__} rows are never deleted")


# ------------------------------------------------------------------ events


class AuditOutcome(StrEnum):
    OK = "OK"
    DENIED = "DENIED"  # not the viewer's to see or do
    REFUSED = "REFUSED"  # allowed to try, refused by a rule (no consent, expired)


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts, as the audit records them: the role is the one they act in on this subject."""

    user_id: int | None
    role: str
    request_id: str | None = None
    device: str | None = None


@dataclass(frozen=True, slots=True)
class AuditEntry:
    actor: Actor
    action: str
    subject_type: str
    subject_id: int
    fields: tuple[str, ...] = ()
    outcome: AuditOutcome = AuditOutcome.OK


class AuditEvent(AppendOnly, Model):
    id = fields.BigIntField(primary_key=True)
    at = fields.DatetimeField()
    actor_id = fields.IntField(null=True, description="the person; no foreign key: kept forever")
    actor_role = fields.CharField(max_length=32)
    action = fields.CharField(max_length=64)
    subject_type = fields.CharField(max_length=32)
    subject_id = fields.BigIntField()
    field_names: fields.JSONField[list[str]] = fields.JSONField(default=list)
    outcome = fields.CharEnumField(AuditOutcome, max_length=10)
    request_id = fields.CharField(max_length=64, null=True)
    device = fields.CharField(max_length=200, null=True)
    prev_hash = fields.CharField(max_length=64)
    hash = fields.CharField(max_length=64, unique=True)

    class Meta:
        table = "audit_event"
        indexes = (("subject_type", "subject_id", "id"),)
        manager = AppendOnlyManager()

    @classmethod
    def visible_to(cls, viewer: Any) -> QuerySet[AuditEvent]:
        """None by id: events are read through their subject's own scope (a case's log)."""
        return cls.filter(id__in=[])

    def content(self) -> dict[str, Any]:
        """What the hash covers: every column but the id and the hash itself."""
        return {
            "at": self.at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
            "actor_id": self.actor_id,
            "actor_role": self.actor_role,
            "action": self.action,
            "subject_type": self.subject_type,
            "subject_id": self.subject_id,
            "fields": list(self.field_names),
            "outcome": str(self.outcome),
            "request_id": self.request_id,
            "device": self.device,
            "prev_hash": self.prev_hash,
        }

    def computed_hash(self) -> str:
        text = json.dumps(self.content(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()


__models__ = [AuditEvent]


def _on_postgres() -> bool:
    return AuditEvent._meta.db.capabilities.dialect == "postgres"


async def record(entries: Sequence[AuditEntry], *, now: dt.datetime) -> list[AuditEvent]:
    """Appends the events in order, chained onto the last one. Joins the caller's transaction
    (a change and its audit commit together); call it outside one for a refused attempt, whose
    operation rolls back but whose event must stay."""
    if not entries:
        return []
    at = now.astimezone(dt.UTC)
    async with in_transaction():
        if _on_postgres():
            await AuditEvent._meta.db.execute_query("SELECT pg_advisory_xact_lock($1)", [_LOCK_KEY])
        last = await AuditEvent.all().order_by("-id").first().values_list("hash", flat=True)
        prev = str(last) if last else GENESIS
        events: list[AuditEvent] = []
        for e in entries:
            event = AuditEvent(
                at=at,
                actor_id=e.actor.user_id,
                actor_role=e.actor.role,
                action=e.action,
                subject_type=e.subject_type,
                subject_id=e.subject_id,
                field_names=sorted(set(e.fields)),
                outcome=e.outcome,
                request_id=e.actor.request_id,
                device=e.actor.device[:200] if e.actor.device else None,
                prev_hash=prev,
            )
            event.hash = prev = event.computed_hash()
            events.append(event)
        await AuditEvent.bulk_create(events)  # one statement for a page of reads
        # read back for their ids (a bulk insert does not return them on every dialect)
        return await AuditEvent.filter(hash__in=[e.hash for e in events]).order_by("id")


@dataclass(frozen=True, slots=True)
class ChainReport:
    checked: int
    first_bad_id: int | None = None
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.first_bad_id is None


async def verify_chain(batch: int = 1000) -> ChainReport:
    """Walks the whole chain in id order: each event's hash must match its content, and its
    `prev_hash` the hash of the event before it."""
    prev, checked, after = GENESIS, 0, 0
    while True:
        rows = await AuditEvent.filter(id__gt=after).order_by("id").limit(batch)
        if not rows:
            return ChainReport(checked)
        for event in rows:
            if event.prev_hash != prev:
                return ChainReport(checked, event.id, "does not follow the event before it")
            if event.computed_hash() != event.hash:
                return ChainReport(checked, event.id, "its content does not match its hash")
            prev, checked, after = event.hash, checked + 1, event.id
