"""Claiming: leasing due deliveries to one dispatcher, with what sending needs of each device.

The rule, in both forms below (PostgreSQL's SQL, SQLite's ORM query): a delivery is claimable
when it is PENDING, due (`not_before <= now`) and its lease is free or expired; oldest due
first, then by id; at most `limit`. The claim stamps a lease (owner, until). On PostgreSQL
rows another dispatcher has locked are skipped (`FOR UPDATE … SKIP LOCKED`), so concurrent
claims never overlap; SQLite has one writer at a time.

A lease is kept while its batch is in flight (`keep_lease`, renewed every third of the lease)
and each slice of a batch is re-checked just before it is sent (`still_sendable`): rows
cancelled since the claim, or leased to another dispatcher, are not sent. What is left is
at-least-once: a dispatcher killed after sending a slice and before recording it leaves that
slice to be sent again once its lease expires. Each claim counts as an attempt, so a row is
claimed at most `max_attempts + 1` times. The recording step (recording.py) only changes rows
still PENDING and leased to it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, NamedTuple

from tortoise.expressions import F, Q
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from notifications.dispatcher.sql import on_postgres
from notifications.models import DeliveryStatus, Platform, PushDelivery, PushKind


class Device(NamedTuple):
    """What sending needs of a device: read as values, cheaper than a model per device."""

    id: int
    user_id: int
    token: str
    platform: Platform
    push_kind: PushKind
    locale: str
    last_seen_at: dt.datetime


class Claimed(NamedTuple):
    """A leased delivery, with its device as the claim read it (None once the device is gone).
    `attempts` counts this claim."""

    id: int
    outbox_id: int
    device_id: int | None
    user_id: int
    attempts: int
    device: Device | None


@dataclass(slots=True)
class Claim:
    owner: str
    deliveries: list[Claimed]
    claimed_at: dt.datetime

    @property
    def ids(self) -> list[int]:
        return [d.id for d in self.deliveries]


def _claimed(row: Any) -> Claimed:
    """A claim row (an asyncpg record or an ORM values tuple): the delivery's five columns,
    then the device's (NULL when it is gone)."""
    device = None
    if row[6] is not None:
        device = Device(
            id=row[2],
            user_id=row[5],
            token=row[6],
            platform=Platform(row[7]),
            push_kind=PushKind(row[8]),
            locale=row[9],
            last_seen_at=row[10],
        )
    return Claimed(row[0], row[1], row[2], row[3], row[4] + 1, device)  # this claim counted


# PostgreSQL. The lease is stamped by id in a second statement: as one UPDATE … FROM (SELECT
# … FOR UPDATE SKIP LOCKED), a table whose statistics still say "empty" (a first broadcast,
# before autovacuum analyses it) got a nested loop that scanned the table once per claimed row.
_DUE_SQL = """
SELECT d.id, d.outbox_id, d.device_id, d.user_id, d.attempts,
       v.user_id, v.token, v.platform, v.push_kind, v.locale, v.last_seen_at
FROM push_delivery d LEFT JOIN push_device v ON v.id = d.device_id
WHERE d.status = 'PENDING' AND d.not_before <= $1
  AND (d.lease_until IS NULL OR d.lease_until < $1)
ORDER BY d.not_before, d.id
LIMIT $2
FOR UPDATE OF d SKIP LOCKED
"""
# A claim counts as an attempt (`attempts + 1`): a row whose sender never records an outcome
# (killed, or slower than every lease) still runs out of attempts instead of cycling forever.
_LEASE_SQL = (
    "UPDATE push_delivery SET lease_owner = $1, lease_until = $2, attempts = attempts + 1"
    " WHERE id = ANY($3)"
)

# SQLite: the same selection and columns through the ORM.
_CLAIM_VALUES = (
    "id",
    "outbox_id",
    "device_id",
    "user_id",
    "attempts",
    "device__user_id",
    "device__token",
    "device__platform",
    "device__push_kind",
    "device__locale",
    "device__last_seen_at",
)


def _due_query(now: dt.datetime, limit: int) -> QuerySet[PushDelivery]:
    return (
        PushDelivery.filter(status=DeliveryStatus.PENDING, not_before__lte=now)
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .order_by("not_before", "id")
        .limit(limit)
    )


async def claim(owner: str, now: dt.datetime, lease_until: dt.datetime, limit: int) -> Claim | None:
    """Leases up to `limit` claimable deliveries to `owner`; None when none was due."""
    if on_postgres():
        async with in_transaction() as tx:
            _, found = await tx.execute_query(_DUE_SQL, [now, limit])
            rows = [_claimed(r) for r in found]
            if rows:
                await tx.execute_query(_LEASE_SQL, [owner, lease_until, [r.id for r in rows]])
    else:
        async with in_transaction():
            rows = [_claimed(r) for r in await _due_query(now, limit).values_list(*_CLAIM_VALUES)]
            await PushDelivery.filter(id__in=[r.id for r in rows]).update(
                lease_owner=owner, lease_until=lease_until, attempts=F("attempts") + 1
            )
    if not rows:
        return None
    return Claim(owner=owner, deliveries=rows, claimed_at=now)


async def renew(owner: str, lease_until: dt.datetime) -> int:
    """Extends the lease of the owner's rows still PENDING (those not yet recorded)."""
    return await PushDelivery.filter(lease_owner=owner, status=DeliveryStatus.PENDING).update(
        lease_until=lease_until
    )


class Recheck(NamedTuple):
    sendable: set[int]
    # still ours and PENDING, but the device went (logout, rotation) or changed owner
    cancelled: dict[str, list[int]]


async def still_sendable(owner: str, deliveries: list[Claimed]) -> Recheck:
    """One query just before a slice is sent. Every operation that stops a push (read in the
    app, consent withdrawn, category switched off, the token taken over) cancels the PENDING
    row in its own transaction, so a row no longer PENDING, or no longer leased to `owner`, is
    left out and left alone; a row whose device is gone or now has another token or owner is
    cancelled here."""
    rows = await PushDelivery.filter(
        id__in=[d.id for d in deliveries], status=DeliveryStatus.PENDING, lease_owner=owner
    ).values_list("id", "device__token", "device__user_id")
    now = {int(i): (token, user) for i, token, user in rows}
    out = Recheck(set(), {})
    for d in deliveries:
        if d.id not in now or d.device is None:
            continue
        token, user = now[d.id]
        if token is None:
            out.cancelled.setdefault("device removed", []).append(d.id)
        elif token != d.device.token or user != d.user_id:
            out.cancelled.setdefault("device changed owner", []).append(d.id)
        else:
            out.sendable.add(d.id)
    return out
