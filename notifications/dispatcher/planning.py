"""Planning: expanding an outbox row into inbox rows and deliveries, one slice at a time.

One slice is one short transaction that any number of dispatchers may run side by side: lock
one pending outbox row (`FOR UPDATE SKIP LOCKED`), take the next slice of its recipients by
keyset (the inbox rows of a direct message, or the audience query of a broadcast), write the
broadcast's inbox rows and one delivery per eligible device (eligibility.py), advance the
cursor, commit. A crash rolls the slice back; nothing is half-written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import NamedTuple, cast

from tortoise.expressions import F
from tortoise.transactions import in_transaction

from notifications.audience import audience_from_json, recipients_after
from notifications.categories import NotificationCategory
from notifications.dispatcher import eligibility
from notifications.dispatcher.sql import bind, insert_rows, on_postgres
from notifications.models import (
    DeliveryStatus,
    Notification,
    NotificationOutbox,
    OutboxStatus,
    PushDelivery,
)
from notifications.outbox import write_inbox

_DELIVERY_COLUMNS = (
    ("outbox_id", "bigint"),
    ("device_id", "integer"),
    ("user_id", "integer"),
    ("status", "varchar"),
    ("not_before", "timestamptz"),
    ("attempts", "smallint"),
    ("created_at", "timestamptz"),
)

# A slice's deliveries on PostgreSQL: the eligible devices, each due when eligibility says.
_PLAN_SQL = f"""
INSERT INTO push_delivery (device_id, user_id, not_before, outbox_id, status, attempts, created_at)
SELECT v.id, v.user_id, {eligibility.DUE_SQL}, {{outbox_id}}, 'PENDING', 0, {{now}}
{eligibility.ELIGIBLE_FROM_SQL}
"""


class Slice(NamedTuple):
    outbox_id: int
    recipients: list[int]


async def expand_slice(now: dt.datetime, batch: int) -> Slice | None:
    """Expands the next slice of the oldest pending outbox row nobody else holds; None when
    there was none."""
    if not await NotificationOutbox.exists(status=OutboxStatus.PENDING):
        return None  # the idle case: one read, no transaction
    async with in_transaction():
        rows = (
            await NotificationOutbox.filter(status=OutboxStatus.PENDING)
            .order_by("id")
            .limit(1)
            .select_for_update(skip_locked=True)
        )
        if not rows:
            return None
        outbox = rows[0]
        if outbox.audience is None:
            found = (
                await Notification.filter(outbox_id=outbox.id, recipient_id__gt=outbox.cursor)
                .order_by("recipient_id")
                .limit(batch)
                .values_list("recipient_id", flat=True)
            )
            recipients = [int(r) for r in cast(list[int], found)]
        else:
            audience = audience_from_json(outbox.audience)
            recipients = await recipients_after(audience, outbox.cursor, batch)
            await write_inbox(outbox, recipients)
        await plan_deliveries(outbox, recipients, now)
        done = len(recipients) < batch
        await NotificationOutbox.filter(id=outbox.id).update(
            cursor=recipients[-1] if recipients else outbox.cursor,
            recipients_expanded=F("recipients_expanded") + len(recipients),
            status=OutboxStatus.DONE if done else OutboxStatus.PENDING,
            completed_at=now if done else None,
        )
    return Slice(outbox.id, recipients)


async def plan_deliveries(
    outbox: NotificationOutbox, recipients: Sequence[int], now: dt.datetime
) -> None:
    """One delivery per device the eligibility rules let through, due when they say; inside
    the caller's transaction."""
    if not recipients:
        return
    category = NotificationCategory(outbox.category)
    if on_postgres():
        values = await eligibility.sql_values(recipients, category, outbox.urgent, now)
        sql, args = bind(_PLAN_SQL, {**values, "outbox_id": outbox.id, "now": now})
        await PushDelivery._meta.db.execute_query(sql, args)
        return
    pending = DeliveryStatus.PENDING
    await insert_rows(
        PushDelivery,
        _DELIVERY_COLUMNS,
        [
            (outbox.id, device_id, user_id, pending, due, 0, now)
            for device_id, user_id, due in await eligibility.eligible_in_python(
                recipients, category, outbox.urgent, now
            )
        ],
    )
