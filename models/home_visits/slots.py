"""Slots from a visitor's availability: on the given weekdays between two dates, from a
start to an end time of day in the visitor's zone, visits of a length with travel between.

Dates come from a weekly recurrence rule (dateutil's rrule); each slot's wall-clock time is
placed in its zone with zoneinfo, so a slot keeps its local time across a daylight-saving
change and is stored in UTC. A wall-clock time that does not exist that day (a spring-forward
gap) is skipped rather than shifted."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.rrule import WEEKLY, rrule, weekday

from core.errors import DomainError, ErrorCode

MAX_DAYS = 120  # one offer covers at most about a term's weekends
MAX_SLOTS = 500


@dataclass(frozen=True, slots=True)
class Availability:
    first_day: dt.date
    last_day: dt.date
    weekdays: tuple[int, ...]  # 0 = Monday … 6 = Sunday
    day_starts: dt.time  # e.g. 09:00
    day_ends: dt.time  # e.g. 12:00: the last visit ends by then
    visit_minutes: int  # e.g. 45
    travel_minutes: int  # e.g. 15, between two visits
    timezone: str


def zone_of(name: str, field: str = "timezone") -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise DomainError.single(ErrorCode.INVALID, f"未知的时区：{name}", field) from None


def _exists(local: dt.datetime, zone: ZoneInfo) -> bool:
    """False for a wall-clock time in a spring-forward gap: it does not survive a round trip."""
    there_and_back = local.replace(tzinfo=zone).astimezone(dt.UTC).astimezone(zone)
    return there_and_back.replace(tzinfo=None) == local


def check(availability: Availability) -> None:
    a = availability
    if a.last_day < a.first_day or (a.last_day - a.first_day).days > MAX_DAYS:
        raise DomainError.single(
            ErrorCode.INVALID, f"结束日期须在开始日期之后且不超过 {MAX_DAYS} 天", "lastDay"
        )
    if not a.weekdays or any(not 0 <= d <= 6 for d in a.weekdays):
        raise DomainError.single(ErrorCode.INVALID, "请选择星期几", "weekdays")
    if not 10 <= a.visit_minutes <= 240:
        raise DomainError.single(
            ErrorCode.INVALID, "每次家访时长须为 10 到 240 分钟", "visitMinutes"
        )
    if not 0 <= a.travel_minutes <= 240:
        raise DomainError.single(ErrorCode.INVALID, "路程时间须为 0 到 240 分钟", "travelMinutes")
    if a.day_ends <= a.day_starts:
        raise DomainError.single(ErrorCode.INVALID, "结束时间须晚于开始时间", "dayEnds")
    zone_of(a.timezone)


def generate(availability: Availability) -> list[tuple[dt.datetime, dt.datetime]]:
    """(start, end) pairs in UTC, in order."""
    check(availability)
    a = availability
    zone = zone_of(a.timezone)
    days = rrule(
        WEEKLY,
        dtstart=dt.datetime.combine(a.first_day, dt.time()),
        until=dt.datetime.combine(a.last_day, dt.time()),
        byweekday=[weekday(d) for d in sorted(set(a.weekdays))],
    )
    visit = dt.timedelta(minutes=a.visit_minutes)
    step = visit + dt.timedelta(minutes=a.travel_minutes)
    slots: list[tuple[dt.datetime, dt.datetime]] = []
    for day in days:
        start = dt.datetime.combine(day.date(), a.day_starts)
        day_end = dt.datetime.combine(day.date(), a.day_ends)
        # wall-clock arithmetic: 09:00, 10:00, 11:00 local whatever the day's UTC offset
        while start + visit <= day_end:
            if _exists(start, zone):
                begins = start.replace(tzinfo=zone).astimezone(dt.UTC)
                ends = (start + visit).replace(tzinfo=zone).astimezone(dt.UTC)
                slots.append((begins, ends))
            start += step
    if len(slots) > MAX_SLOTS:
        raise DomainError.single(ErrorCode.INVALID, f"一次最多生成 {MAX_SLOTS} 个时段", "lastDay")
    return slots
