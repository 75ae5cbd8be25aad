"""A person's inbox: list, unread count, mark read.

Reading a message in the app also cancels its pushes still waiting (quiet hours, backoff):
the doorbell has no reason to ring for something already read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from core.errors import DomainError, ErrorCode
from notifications.models import (
    DeliveryStatus,
    Notification,
    NotificationCategory,
    PushDelivery,
    as_utc,
)


def inbox_query(
    user_id: int,
    *,
    unread_only: bool = False,
    category: NotificationCategory | None = None,
) -> QuerySet[Notification]:
    """Newest first; paginate it in the database (e.g. a connection slicing this queryset)."""
    qs = Notification.filter(recipient_id=user_id)
    if unread_only:
        qs = qs.filter(read_at=None)
    if category is not None:
        qs = qs.filter(category=category)
    return qs.order_by("-created_at", "-id")


async def unread_count(user_id: int) -> int:
    return await Notification.filter(recipient_id=user_id, read_at=None).count()


async def mark_read(*, user_id: int, notification_id: int, now: dt.datetime) -> bool:
    """True when the entry was unread and is now read; False when unknown, not the person's,
    or already read."""
    now = as_utc(now)
    async with in_transaction():
        entry = await Notification.get_or_none(id=notification_id, recipient_id=user_id)
        if entry is None:
            return False
        changed = await Notification.filter(id=entry.id, read_at=None).update(read_at=now)
        await PushDelivery.filter(
            outbox_id=entry.outbox_id, user_id=user_id, status=DeliveryStatus.PENDING
        ).update(status=DeliveryStatus.CANCELLED, last_error="read in app")
        return bool(changed)


@dataclass(frozen=True, slots=True)
class ReadResult:
    entry: Notification | None  # None after "mark all read"
    unread_count: int


async def read(*, user_id: int, notification_id: int, now: dt.datetime) -> ReadResult:
    """The person reads one of their entries (again is fine); NOT_FOUND for anyone else's."""
    await mark_read(user_id=user_id, notification_id=notification_id, now=now)
    entry = await entry_of(user_id, notification_id)
    if entry is None:
        raise DomainError.single(ErrorCode.NOT_FOUND, "找不到该通知", "id")
    return ReadResult(entry, await unread_count(user_id))


async def read_all(*, user_id: int, now: dt.datetime) -> ReadResult:
    await mark_all_read(user_id=user_id, now=now)
    return ReadResult(None, await unread_count(user_id))


async def entry_of(user_id: int, notification_id: int) -> Notification | None:
    """The person's own entry, or None (a live event names an entry; only its owner sees it)."""
    return await Notification.get_or_none(id=notification_id, recipient_id=user_id)


async def mark_all_read(*, user_id: int, now: dt.datetime) -> int:
    """Marks every unread entry read; returns how many."""
    now = as_utc(now)
    async with in_transaction():
        changed = await Notification.filter(recipient_id=user_id, read_at=None).update(read_at=now)
        await PushDelivery.filter(user_id=user_id, status=DeliveryStatus.PENDING).update(
            status=DeliveryStatus.CANCELLED, last_error="read in app"
        )
        return changed
