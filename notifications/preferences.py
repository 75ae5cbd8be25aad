"""Per-category push switches and quiet hours, kept server-side so they survive reinstalls.

Switching a category off, like withdrawing consent, also cancels that person's pushes still
waiting, so a change takes effect at once rather than after the next quiet-hours window.

Both settings are one row per person (and category) written with one upsert (`INSERT … ON
CONFLICT DO UPDATE`, on SQLite and PostgreSQL alike): a person's first two calls at once (two
devices, a retry) both succeed, where "update, then create if missing" lost one of them to the
unique key.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo, available_timezones

from tortoise.transactions import in_transaction

from core.errors import DomainError, ErrorCode
from notifications.categories import MANDATORY_CATEGORIES, NotificationCategory
from notifications.models import (
    DeliveryStatus,
    PushDelivery,
    PushPreference,
    QuietHours,
    as_utc,
)

DEFAULT_TIMEZONE = "Asia/Shanghai"


async def get_preferences(user_id: int) -> dict[NotificationCategory, bool]:
    """Push on/off for every category; mandatory ones are always on."""
    stored = dict(
        await PushPreference.filter(user_id=user_id).values_list("category", "push_enabled")
    )
    return {
        c: True if c in MANDATORY_CATEGORIES else bool(stored.get(c, True))
        for c in NotificationCategory
    }


async def set_preference(
    *, user_id: int, category: NotificationCategory, push_enabled: bool, now: dt.datetime
) -> dict[NotificationCategory, bool]:
    if category in MANDATORY_CATEGORIES and not push_enabled:
        raise DomainError.single(ErrorCode.INVALID, "该类通知不能关闭推送", "category")
    now = as_utc(now)
    async with in_transaction():
        await PushPreference.bulk_create(
            [
                PushPreference(
                    user_id=user_id, category=category, push_enabled=push_enabled, updated_at=now
                )
            ],
            on_conflict=["user_id", "category"],
            update_fields=["push_enabled", "updated_at"],
        )
        if not push_enabled:
            waiting = await PushDelivery.filter(
                user_id=user_id, status=DeliveryStatus.PENDING, outbox__category=category
            ).values_list("id", flat=True)
            if waiting:
                await PushDelivery.filter(id__in=list(waiting)).update(
                    status=DeliveryStatus.CANCELLED, last_error="category switched off"
                )
    return await get_preferences(user_id)


async def push_disabled_among(user_ids: Iterable[int], category: NotificationCategory) -> set[int]:
    """Who of these switched this category off (never anyone for a mandatory category)."""
    if category in MANDATORY_CATEGORIES:
        return set()
    rows: list[int] = await PushPreference.filter(  # type: ignore[assignment]  # flat=True
        user_id__in=list(user_ids), category=category, push_enabled=False
    ).values_list("user_id", flat=True)
    return {int(r) for r in rows}


# ---------------------------------------------------------------- quiet hours


@dataclass(frozen=True, slots=True)
class QuietWindow:
    start: dt.time
    end: dt.time
    timezone: str = DEFAULT_TIMEZONE
    enabled: bool = True

    def ends_after(self, at: dt.datetime) -> dt.datetime | None:
        """When `at` falls inside quiet hours, the (UTC) moment they end; else None.
        A window whose start is after its end runs over midnight (22:00-07:00)."""
        if not self.enabled or self.start == self.end:
            return None
        local = at.astimezone(ZoneInfo(self.timezone))
        t = local.time().replace(tzinfo=None)
        if self.start < self.end:
            inside = self.start <= t < self.end
        else:
            inside = t >= self.start or t < self.end
        if not inside:
            return None
        end_day = local.date() if t < self.end else local.date() + dt.timedelta(days=1)
        end = dt.datetime.combine(end_day, self.end, tzinfo=ZoneInfo(self.timezone))
        return end.astimezone(dt.UTC)


DEFAULT_QUIET_WINDOW = QuietWindow(start=dt.time(22, 0), end=dt.time(7, 0))


def _minutes(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def _time(minutes: int) -> dt.time:
    return dt.time(minutes // 60, minutes % 60)


def _window(row: QuietHours) -> QuietWindow:
    return shared_window(row.start_minute, row.end_minute, row.timezone, row.enabled)


async def get_quiet_hours(user_id: int) -> QuietWindow:
    row = await QuietHours.get_or_none(user_id=user_id)
    return _window(row) if row else DEFAULT_QUIET_WINDOW


async def set_quiet_hours(
    *,
    user_id: int,
    start: dt.time,
    end: dt.time,
    now: dt.datetime,
    enabled: bool = True,
    timezone: str = DEFAULT_TIMEZONE,
) -> QuietWindow:
    """Minute precision; start == end means no quiet hours, like enabled=False.
    Pushes already deferred keep their time."""
    if timezone not in _zone_names():
        raise DomainError.single(ErrorCode.INVALID, "时区无效", "timezone")
    values = {
        "start_minute": _minutes(start),
        "end_minute": _minutes(end),
        "enabled": enabled,
        "timezone": timezone,
        "updated_at": as_utc(now),
    }
    await QuietHours.bulk_create(
        [QuietHours(user_id=user_id, **values)],
        on_conflict=["user_id"],
        update_fields=list(values),
    )
    return await get_quiet_hours(user_id)


@functools.cache
def _zone_names() -> frozenset[str]:
    """The IANA zone list: a name is checked against it, never opened as a path ("America" is
    a directory of the zone database, "../x" is not a zone)."""
    return frozenset(available_timezones())


async def quiet_windows_of(user_ids: Iterable[int]) -> dict[int, QuietWindow]:
    """Each person's window, the default for those who never set one."""
    ids = list(user_ids)
    windows = {i: DEFAULT_QUIET_WINDOW for i in ids}
    rows = await QuietHours.filter(user_id__in=ids).values_list(
        "user_id", "start_minute", "end_minute", "timezone", "enabled"
    )
    for user_id, start, end, timezone, enabled in rows:
        windows[int(user_id)] = shared_window(start, end, timezone, bool(enabled))
    return windows


@functools.lru_cache(maxsize=1024)
def shared_window(start: int, end: int, timezone: str, enabled: bool) -> QuietWindow:
    """Most people share a handful of windows: one object each, so callers can compute a
    window's answer once (the dispatcher does, for every slice of a broadcast)."""
    return QuietWindow(start=_time(start), end=_time(end), timezone=timezone, enabled=enabled)
