"""Booking, proposing, rescheduling and cancelling visits; adding co-visitors.

A slot holds one family: booking is `UPDATE visit_slot SET student_id = … WHERE id = … AND
student_id IS NULL`, and its row count says who won. On PostgreSQL the second of two racing
transactions waits for the first and then finds the condition false; SQLite has one writer.
So two families racing for the last slot get one booking and one SLOT_TAKEN."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from core.errors import DomainError, ErrorCode
from models.home_visits.errors import HomeVisitErrorCode as Code
from models.home_visits.notices import family_ids, notify, visitor_ids
from models.home_visits.reminders import cancel_reminders, schedule_reminders
from models.home_visits.tables import (
    ACTIVE_STATUSES,
    HomeVisit,
    Side,
    VisitCoVisitor,
    VisitKind,
    VisitPlanEntry,
    VisitSlot,
    VisitStatus,
)
from models.schools import SchoolClass, StaffAssignment, StaffRole, Student

if TYPE_CHECKING:
    from models.viewer import Viewer

# No change by either side within this time before a visit: call instead.
CHANGE_CUTOFF = dt.timedelta(hours=12)
MAX_REASON = 500
MAX_VISIT = dt.timedelta(hours=4)


def _reason(reason: str) -> str:
    reason = reason.strip()
    if not 1 <= len(reason) <= MAX_REASON:
        raise DomainError.single(ErrorCode.INVALID, f"请填写原因（1 到 {MAX_REASON} 字）", "reason")
    return reason


async def _has_active_visit(plan_id: int, student_id: int) -> bool:
    return await HomeVisit.filter(
        plan_id=plan_id, student_id=student_id, status__in=list(ACTIVE_STATUSES)
    ).exists()


async def _one_visit_at_a_time(plan_id: int, student_id: int, field: str) -> VisitKind:
    """Inside the transaction: a student has one active visit. The plan entry's row lock (an
    UPDATE that changes nothing) makes two guardians booking for the same child at once take
    turns; the second then sees the first's visit (on SQLite the write lock does the same).
    Returns the kind the visit is: targeted for a student marked for targeted visits."""
    entry = VisitPlanEntry.filter(plan_id=plan_id, student_id=student_id)
    if not await entry.update(plan_id=plan_id):  # a student who joined after the plan opened
        await VisitPlanEntry.get_or_create(plan_id=plan_id, student_id=student_id)
        await entry.update(plan_id=plan_id)
    if await _has_active_visit(plan_id, student_id):
        raise DomainError.single(Code.ALREADY_BOOKED, "已有待进行的家访，如需调整请改期", field)
    marked = await entry.filter(targeted_reason__isnull=False).exists()
    return VisitKind.TARGETED if marked else VisitKind.UNIVERSAL


async def _check_free(
    host_id: int, starts_at: dt.datetime, ends_at: dt.datetime, moving: int | None = None
) -> None:
    """The visitor is in one home at a time."""
    clash = HomeVisit.filter(
        host_id=host_id,
        status__in=list(ACTIVE_STATUSES),
        starts_at__lt=ends_at,
        ends_at__gt=starts_at,
    )
    if moving is not None:
        clash = clash.exclude(id=moving)
    if await clash.exists():
        raise DomainError.single(Code.SLOT_CLASH, "这个时间已有其他家访", "startsAt")


def _side(viewer: Viewer, visit: HomeVisit) -> Side | None:
    """Who the viewer is for this visit: its family, its staff, or neither (a co-visitor
    sees the visit but moves it only through the class teacher or the visitor)."""
    if visit.student_id in viewer.child_ids:
        return Side.FAMILY
    if viewer.user_id == visit.host_id or viewer.teaches(visit.school_class_id):
        return Side.STAFF
    return None


async def _other_side(visit: HomeVisit, side: Side) -> list[int]:
    if side == Side.FAMILY:
        return await visitor_ids(visit)
    return await family_ids(visit.student_id)


async def visit_for(viewer: Viewer, visit_id: int) -> HomeVisit:
    visit = await HomeVisit.visible_to(viewer).get_or_none(id=visit_id)
    if visit is None:
        raise DomainError.single(ErrorCode.NOT_FOUND, "找不到该家访", "visitId")
    return visit


def _check_changeable(visit: HomeVisit, now: dt.datetime) -> None:
    if visit.status not in ACTIVE_STATUSES:
        raise DomainError.single(Code.VISIT_CLOSED, "该家访已取消或已记录", "visitId")
    if visit.starts_at - now < CHANGE_CUTOFF:
        hours = int(CHANGE_CUTOFF.total_seconds() // 3600)
        raise DomainError.single(
            Code.TOO_LATE_TO_CHANGE, f"家访前 {hours} 小时内不能在线更改，请直接联系对方", "visitId"
        )


async def _claim(slot_id: int, student_id: int) -> None:
    """The conditional UPDATE that makes a slot hold one family (see the module docstring)."""
    won = await VisitSlot.filter(id=slot_id, student_id__isnull=True).update(student_id=student_id)
    if won != 1:
        raise DomainError.single(
            Code.SLOT_TAKEN, "该时段刚刚被其他家庭预约，请选择其他时段", "slotId"
        )


async def _release(slot_id: int | None, student_id: int) -> None:
    if slot_id is not None:
        await VisitSlot.filter(id=slot_id, student_id=student_id).update(student_id=None)


async def _open_slot(viewer: Viewer, slot_id: int, now: dt.datetime) -> VisitSlot:
    slot = await VisitSlot.visible_to(viewer).get_or_none(id=slot_id)
    if slot is None:  # a slot of the child's class another family holds: say it is taken
        slot = await VisitSlot.get_or_none(
            id=slot_id, school_class_id__in=list(viewer.child_class_ids)
        )
    if slot is None:
        raise DomainError.single(ErrorCode.NOT_FOUND, "找不到该时段", "slotId")
    if slot.starts_at <= now:
        raise DomainError.single(Code.SLOT_IN_PAST, "该时段已过", "slotId")
    if slot.student_id is not None:
        raise DomainError.single(Code.SLOT_TAKEN, "该时段已被预约，请选择其他时段", "slotId")
    return slot


async def _child(viewer: Viewer, student_id: int | None, class_id: int) -> Student:
    """The viewer's child to book for: the one named, or their only child in the class."""
    if student_id is None:
        children = await Student.filter(id__in=list(viewer.child_ids), school_class_id=class_id)
        if len(children) != 1:
            raise DomainError.single(ErrorCode.REQUIRED, "请选择为哪个孩子预约", "studentId")
        return children[0]
    if student_id not in viewer.child_ids:
        raise DomainError.single(ErrorCode.NOT_FOUND, "找不到该学生", "studentId")
    return await Student.get(id=student_id)


async def book_slot(
    *, viewer: Viewer, slot_id: int, student_id: int | None, now: dt.datetime
) -> HomeVisit:
    """A family books an open slot of its child's class."""
    slot = await _open_slot(viewer, slot_id, now)
    student = await _child(viewer, student_id, slot.school_class_id)
    if student.school_class_id != slot.school_class_id:
        raise DomainError.single(Code.WRONG_CLASS, "该时段属于其他班级", "slotId")
    async with in_transaction():
        kind = await _one_visit_at_a_time(slot.plan_id, student.id, "slotId")
        await _claim(slot.id, student.id)
        visit = await HomeVisit.create(
            plan_id=slot.plan_id,
            school_class_id=slot.school_class_id,
            student_id=student.id,
            host_id=slot.host_id,
            slot_id=slot.id,
            kind=kind,
            status=VisitStatus.SCHEDULED,
            starts_at=slot.starts_at,
            ends_at=slot.ends_at,
            timezone=slot.timezone,
            booked_by_id=viewer.user_id,
            created_at=now,
            updated_at=now,
        )
        await schedule_reminders(visit, now=now)
        # a new visit has no co-visitors yet: the visitor is the slot's host
        await notify([slot.host_id], "home_visit.scheduled", visit, now=now)
    return visit


def _check_times(starts_at: dt.datetime, ends_at: dt.datetime, now: dt.datetime) -> None:
    if starts_at.tzinfo is None or ends_at.tzinfo is None:
        raise DomainError.single(ErrorCode.INVALID, "时间须带时区", "startsAt")
    if starts_at <= now:
        raise DomainError.single(Code.SLOT_IN_PAST, "家访时间须在将来", "startsAt")
    if not dt.timedelta(minutes=10) <= ends_at - starts_at <= MAX_VISIT:
        raise DomainError.single(ErrorCode.INVALID, "家访时长须为 10 分钟到 4 小时", "endsAt")


async def cancel_visit(
    *, viewer: Viewer, visit_id: int, reason: str, now: dt.datetime
) -> HomeVisit:
    """Either side, with a reason, up to the cut-off; the other side is told, the slot
    opens again and the reminders are called off."""
    visit = await visit_for(viewer, visit_id)
    side = _side(viewer, visit)
    if side is None:
        raise DomainError.single(
            ErrorCode.FORBIDDEN, "只有班主任、家访教师或家长可以取消", "visitId"
        )
    _check_changeable(visit, now)
    reason = _reason(reason)
    async with in_transaction():
        done = await HomeVisit.filter(id=visit.id, status__in=list(ACTIVE_STATUSES)).update(
            status=VisitStatus.CANCELLED, change_reason=reason, changed_by=side, updated_at=now
        )
        if done != 1:
            raise DomainError.single(Code.VISIT_CLOSED, "该家访已取消或已记录", "visitId")
        await _release(visit.slot_id, visit.student_id)
        await cancel_reminders(visit.id, visit.starts_at, now=now)
        await visit.refresh_from_db()
        await notify(
            await _other_side(visit, side), "home_visit.cancelled", visit, now=now, reason=reason
        )
    return visit


async def reschedule(
    *,
    viewer: Viewer,
    visit_id: int,
    slot_id: int | None,
    starts_at: dt.datetime | None,
    ends_at: dt.datetime | None,
    reason: str,
    now: dt.datetime,
) -> HomeVisit:
    """To another open slot (either side), or to a time of the staff's choosing (staff)."""
    visit = await visit_for(viewer, visit_id)
    side = _side(viewer, visit)
    if side is None:
        raise DomainError.single(
            ErrorCode.FORBIDDEN, "只有班主任、家访教师或家长可以改期", "visitId"
        )
    _check_changeable(visit, now)
    reason = _reason(reason)
    slot = None
    if slot_id is not None:
        slot = await _open_slot(viewer, slot_id, now)
        if slot.school_class_id != visit.school_class_id:
            raise DomainError.single(Code.WRONG_CLASS, "该时段属于其他班级", "slotId")
        starts_at, ends_at = slot.starts_at, slot.ends_at
    elif side == Side.STAFF and starts_at is not None and ends_at is not None:
        _check_times(starts_at, ends_at, now)
        await _check_free(visit.host_id, starts_at, ends_at, moving=visit.id)
    else:
        field = "startsAt" if side == Side.STAFF else "slotId"
        raise DomainError.single(ErrorCode.REQUIRED, "请选择新的时段", field)
    old_start = visit.starts_at
    async with in_transaction():
        if slot is not None:
            await _claim(slot.id, visit.student_id)
        await _release(visit.slot_id, visit.student_id)
        moved = await HomeVisit.filter(id=visit.id, status__in=list(ACTIVE_STATUSES)).update(
            slot_id=slot.id if slot else None,
            host_id=slot.host_id if slot else visit.host_id,
            starts_at=starts_at,
            ends_at=ends_at,
            change_reason=reason,
            changed_by=side,
            updated_at=now,
        )
        if moved != 1:
            raise DomainError.single(Code.VISIT_CLOSED, "该家访已取消或已记录", "visitId")
        await visit.refresh_from_db()
        await cancel_reminders(visit.id, old_start, now=now)
        if visit.status == VisitStatus.SCHEDULED:
            await schedule_reminders(visit, now=now)
        await notify(
            await _other_side(visit, side), "home_visit.rescheduled", visit, now=now, reason=reason
        )
    return visit


async def add_co_visitor(
    *, viewer: Viewer, visit_id: int, user_id: int, now: dt.datetime
) -> VisitCoVisitor:
    """The class teacher or the visitor adds a colleague of the school (a teacher or the
    counselor): they see the visit in their schedule and are reminded."""
    visit = await visit_for(viewer, visit_id)
    if _side(viewer, visit) != Side.STAFF:
        raise DomainError.single(
            ErrorCode.FORBIDDEN, "只有班主任或家访教师可以邀请同行教师", "visitId"
        )
    if visit.status not in ACTIVE_STATUSES:
        raise DomainError.single(Code.VISIT_CLOSED, "该家访已取消或已记录", "visitId")
    klass = await SchoolClass.get(id=visit.school_class_id)
    colleague = await StaffAssignment.filter(
        Q(school_id=klass.school_id) | Q(school_class__school_id=klass.school_id),
        user_id=user_id,
        role__in=[StaffRole.CLASS_TEACHER, StaffRole.COUNSELOR, StaffRole.SCHOOL_ADMIN],
    ).exists()
    if not colleague or user_id == visit.host_id:
        raise DomainError.single(ErrorCode.NOT_FOUND, "找不到该校的这位教师", "personId")
    async with in_transaction():
        row, _ = await VisitCoVisitor.get_or_create(
            visit_id=visit.id, user_id=user_id, defaults={"added_at": now}
        )
        if visit.status == VisitStatus.SCHEDULED:
            await notify([user_id], "home_visit.scheduled", visit, now=now)
    return row
