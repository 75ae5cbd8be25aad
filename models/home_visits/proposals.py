"""Proposals: the class teacher puts a time to one family, or a family a time of its own to
the class teacher; the other side accepts (the visit is scheduled) or declines with a reason."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from tortoise.transactions import in_transaction

from core.errors import DomainError, ErrorCode
from models.home_visits.booking import (
    MAX_REASON,
    _check_free,
    _check_times,
    _one_visit_at_a_time,
    _other_side,
    _reason,
    _side,
    visit_for,
)
from models.home_visits.errors import HomeVisitErrorCode as Code
from models.home_visits.notices import notify
from models.home_visits.plans import ensure_plan, may_plan, school_zone
from models.home_visits.reminders import schedule_reminders
from models.home_visits.tables import HomeVisit, Side, VisitPlan, VisitStatus
from models.schools import SchoolClass, StaffAssignment, StaffRole, Student

if TYPE_CHECKING:
    from models.viewer import Viewer


async def _class_teacher_of(class_id: int) -> int | None:
    row = await StaffAssignment.filter(
        role=StaffRole.CLASS_TEACHER, school_class_id=class_id
    ).first()
    return row.user_id if row else None


async def propose(
    *,
    viewer: Viewer,
    student_id: int,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    message: str,
    now: dt.datetime,
) -> HomeVisit:
    """The class teacher proposes a time to one family, or a family proposes a time of its
    own to the class teacher; the other side accepts or declines."""
    message = message.strip()
    if len(message) > MAX_REASON:
        raise DomainError.single(ErrorCode.INVALID, f"留言不超过 {MAX_REASON} 字", "message")
    _check_times(starts_at, ends_at, now)
    student = await Student.visible_to(viewer).get_or_none(id=student_id)
    if student is None:
        raise DomainError.single(ErrorCode.NOT_FOUND, "找不到该学生", "studentId")
    klass = await SchoolClass.get(id=student.school_class_id)
    if student.id in viewer.child_ids:
        side, host_id = Side.FAMILY, await _class_teacher_of(klass.id)
        if host_id is None:
            raise DomainError.single(ErrorCode.NOT_FOUND, "该班级还没有班主任", "studentId")
    elif may_plan(viewer, klass):
        side, host_id = Side.STAFF, viewer.user_id
    else:
        raise DomainError.single(
            ErrorCode.FORBIDDEN, "只有班主任或学生家长可以提议家访时间", "studentId"
        )
    assert host_id is not None
    if side == Side.FAMILY and not await VisitPlan.exists(
        school_class_id=klass.id, school_year_id=klass.school_year_id
    ):
        raise DomainError.single(Code.NO_PLAN, "班主任还没有开始安排家访", "studentId")
    async with in_transaction():
        plan = await ensure_plan(klass, now)
        kind = await _one_visit_at_a_time(plan.id, student.id, "studentId")
        await _check_free(host_id, starts_at, ends_at)
        visit = await HomeVisit.create(
            plan_id=plan.id,
            school_class_id=klass.id,
            student_id=student.id,
            host_id=host_id,
            kind=kind,
            status=VisitStatus.PROPOSED,
            proposed_by=side,
            message=message,
            starts_at=starts_at,
            ends_at=ends_at,
            timezone=await school_zone(klass),
            booked_by_id=viewer.user_id if side == Side.FAMILY else None,
            created_at=now,
            updated_at=now,
        )
        await notify(await _other_side(visit, side), "home_visit.proposed", visit, now=now)
    return visit


async def respond(
    *, viewer: Viewer, visit_id: int, accept: bool, reason: str, now: dt.datetime
) -> HomeVisit:
    """The side that did not propose accepts (the visit is scheduled) or declines it."""
    visit = await visit_for(viewer, visit_id)
    side = _side(viewer, visit)
    if visit.status != VisitStatus.PROPOSED:
        raise DomainError.single(Code.VISIT_CLOSED, "该提议已处理", "visitId")
    if side is None or side == visit.proposed_by:
        raise DomainError.single(ErrorCode.FORBIDDEN, "只能由对方确认该提议", "visitId")
    if visit.starts_at <= now:
        raise DomainError.single(Code.SLOT_IN_PAST, "提议的时间已过", "visitId")
    declined_reason = None if accept else _reason(reason)
    async with in_transaction():
        locked = await HomeVisit.filter(id=visit.id, status=VisitStatus.PROPOSED).update(
            status=VisitStatus.SCHEDULED if accept else VisitStatus.CANCELLED,
            change_reason=declined_reason,
            changed_by=side,
            updated_at=now,
            booked_by_id=viewer.user_id if side == Side.FAMILY else visit.booked_by_id,
        )
        if locked != 1:
            raise DomainError.single(Code.VISIT_CLOSED, "该提议已处理", "visitId")
        await visit.refresh_from_db()
        if accept:
            await schedule_reminders(visit, now=now)
            await notify(await _other_side(visit, side), "home_visit.scheduled", visit, now=now)
        else:
            await notify(
                await _other_side(visit, side),
                "home_visit.cancelled",
                visit,
                now=now,
                reason=declined_reason,
            )
    return visit
