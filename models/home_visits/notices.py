"""What home visits give the post room: the HOME_VISIT category, its texts, and who hears.

Push faces say only that something changed; the inbox carries the time, never the reason for
a targeted visit or anything of the record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

from models.home_visits.tables import HomeVisit, VisitCoVisitor
from models.schools import Guardianship
from notifications import (
    DeliveryProfile,
    NotificationCategory,
    Text,
    enqueue,
    register_category,
    register_template,
)

register_category(
    NotificationCategory.HOME_VISIT,
    profile=DeliveryProfile(
        high_priority=True, ttl=dt.timedelta(days=2), collapse_key="home_visit"
    ),
)
_PUSH_BODY = Text("请打开家校共育查看详情", "Open Homeroom for the details")
register_template(
    "home_visit.scheduled",
    NotificationCategory.HOME_VISIT,
    push_title=Text("家访安排有更新", "A home visit has been updated"),
    push_body=_PUSH_BODY,
    inbox_title=Text("家访安排", "Home visit"),
    inbox_body=Text("家访时间：{when}", "Home visit: {when}"),
)
register_template(
    "home_visit.proposed",
    NotificationCategory.HOME_VISIT,
    push_title=Text("有一个家访时间待您确认", "A home-visit time awaits your answer"),
    push_body=_PUSH_BODY,
    inbox_title=Text("家访时间待确认", "Home visit: please confirm"),
    inbox_body=Text("建议时间：{when}", "Proposed time: {when}"),
)
register_template(
    "home_visit.cancelled",
    NotificationCategory.HOME_VISIT,
    push_title=Text("家访安排有变动", "A home visit has changed"),
    push_body=_PUSH_BODY,
    inbox_title=Text("家访已取消", "Home visit cancelled"),
    inbox_body=Text("原定 {when} 的家访已取消：{reason}", "The visit at {when} is off: {reason}"),
)
register_template(
    "home_visit.rescheduled",
    NotificationCategory.HOME_VISIT,
    push_title=Text("家访安排有变动", "A home visit has changed"),
    push_body=_PUSH_BODY,
    inbox_title=Text("家访时间已调整", "Home visit moved"),
    inbox_body=Text("新时间：{when}（原因：{reason}）", "New time: {when} (why: {reason})"),
)
register_template(
    "home_visit.reminder",
    NotificationCategory.HOME_VISIT,
    push_title=Text("家访提醒", "Home visit reminder"),
    push_body=_PUSH_BODY,
    inbox_title=Text("家访提醒", "Home visit reminder"),
    inbox_body=Text("家访将于 {when} 进行", "The home visit is at {when}"),
)
register_template(
    "home_visit.recorded",
    NotificationCategory.HOME_VISIT,
    push_title=Text("家访记录待您确认", "A home-visit record awaits your confirmation"),
    push_body=_PUSH_BODY,
    inbox_title=Text("家访记录", "Home visit record"),
    inbox_body=Text("请查看老师的留言并确认", "Read the teacher's note and confirm"),
)


def local_time(at: dt.datetime, zone: str) -> str:
    """How a visit's time reads in the inbox: in the visit's zone, e.g. 11月7日 09:00."""
    local = at.astimezone(ZoneInfo(zone))
    return f"{local.month}月{local.day}日 {local:%H:%M}"


async def family_ids(student_id: int) -> list[int]:
    rows: list[Any] = await Guardianship.filter(student_id=student_id).values_list(
        "guardian_id", flat=True
    )
    return [int(r) for r in rows]


async def visitor_ids(visit: HomeVisit) -> list[int]:
    co: list[Any] = await VisitCoVisitor.filter(visit_id=visit.id).values_list("user_id", flat=True)
    return [visit.host_id, *(int(c) for c in co)]


async def notify(
    recipients: Iterable[int],
    template: str,
    visit: HomeVisit,
    *,
    now: dt.datetime,
    reason: str | None = None,
) -> None:
    """Inside the caller's transaction."""
    params = {"when": local_time(visit.starts_at, visit.timezone)}
    if reason is not None:
        params["reason"] = reason
    await enqueue(
        recipients,
        NotificationCategory.HOME_VISIT,
        template,
        params,
        f"homeroom://home-visits/{visit.id}",
        now=now,
    )
