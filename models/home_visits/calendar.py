"""iCalendar: a visitor's private feed of their visits, and a family's file for its booking.

Written with the `icalendar` library; times carry their zone (TZID with a VTIMEZONE), so a
phone shows them right wherever it is. The feed's URL holds a random token stored hashed: a
leaked URL is revoked by making a new one."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Iterable
from zoneinfo import ZoneInfo

import icalendar
from tortoise.expressions import Q, Subquery
from tortoise.transactions import in_transaction

from models.home_visits.tables import (
    CalendarFeed,
    HomeVisit,
    VisitCoVisitor,
    VisitStatus,
)
from models.schools import SchoolClass, Student

PRODID = "-//Homeroom//Home visits//ZH"
FEED_PAST = dt.timedelta(days=30)  # the feed keeps last month's visits, then lets them go


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def reset_feed(user_id: int, now: dt.datetime) -> str:
    """A new token for the person's feed; any earlier URL stops working. The token is shown
    once: only its hash is kept."""
    token = secrets.token_urlsafe(32)
    async with in_transaction():
        await CalendarFeed.filter(user_id=user_id).delete()
        await CalendarFeed.create(user_id=user_id, token_hash=hash_token(token), created_at=now)
    return token


async def revoke_feed(user_id: int) -> bool:
    return await CalendarFeed.filter(user_id=user_id).delete() > 0


async def feed_owner(token: str) -> int | None:
    feed = await CalendarFeed.get_or_none(token_hash=hash_token(token))
    return feed.user_id if feed else None


def _calendar(name: str) -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    return cal


def _event(visit: HomeVisit, summary: str, now: dt.datetime) -> icalendar.Event:
    zone = ZoneInfo(visit.timezone)
    event = icalendar.Event()
    event.add("uid", f"home-visit-{visit.id}@homeroom")
    event.add("dtstamp", now.astimezone(dt.UTC))
    event.add("dtstart", visit.starts_at.astimezone(zone))
    event.add("dtend", visit.ends_at.astimezone(zone))
    event.add("summary", summary)
    event.add("status", "TENTATIVE" if visit.status == VisitStatus.PROPOSED else "CONFIRMED")
    return event


def _to_bytes(cal: icalendar.Calendar) -> bytes:
    cal.add_missing_timezones()
    return cal.to_ical()


async def visitor_feed(user_id: int, now: dt.datetime) -> bytes:
    """The visits the person hosts or joins, from a month ago on, not cancelled. The summary
    names the class and the student (the visitor's own calendar), never a reason."""
    joined = VisitCoVisitor.filter(user_id=user_id).values_list("visit_id", flat=True)
    visits = await HomeVisit.filter(
        Q(host_id=user_id) | Q(id__in=Subquery(joined)),
        status__in=[VisitStatus.PROPOSED, VisitStatus.SCHEDULED, VisitStatus.COMPLETED],
        starts_at__gte=now - FEED_PAST,
    ).order_by("starts_at")
    names = await _names(visits)
    cal = _calendar("家访日程")
    for visit in visits:
        cal.add_component(_event(visit, f"家访：{names.get(visit.id, '')}", now))
    return _to_bytes(cal)


async def _names(visits: Iterable[HomeVisit]) -> dict[int, str]:
    visits = list(visits)
    students = {s.id: s.name for s in await Student.filter(id__in=[v.student_id for v in visits])}
    classes = {
        c.id: c.name for c in await SchoolClass.filter(id__in=[v.school_class_id for v in visits])
    }
    return {
        v.id: f"{classes.get(v.school_class_id, '')} {students.get(v.student_id, '')}".strip()
        for v in visits
    }


def family_file(visit: HomeVisit, now: dt.datetime) -> bytes:
    """One visit for the family's calendar: no names at all, just that it is a home visit."""
    cal = _calendar("家访")
    cal.add_component(_event(visit, "家访（班主任上门）", now))
    return _to_bytes(cal)
