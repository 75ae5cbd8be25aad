"""Visit plans: one per class and school year, an entry per student; targeted-visit marks;
slots offered from availability; contacts logged outside visits."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from tortoise.transactions import in_transaction

from core.errors import DomainError, ErrorCode
from models.home_visits import slots as slot_rules
from models.home_visits.tables import (
    ContactChannel,
    FamilyContact,
    TargetReason,
    VisitPlan,
    VisitPlanEntry,
    VisitSlot,
)
from models.schools import School, SchoolClass, StaffRole, Student

if TYPE_CHECKING:
    from models.viewer import Viewer

MAX_NOTE = 500


async def class_for(viewer: Viewer, class_id: int, field: str = "classId") -> SchoolClass:
    klass = await SchoolClass.visible_to(viewer).get_or_none(id=class_id)
    if klass is None:
        raise DomainError.single(ErrorCode.NOT_FOUND, "找不到该班级", field)
    return klass


def may_plan(viewer: Viewer, klass: SchoolClass) -> bool:
    """The class teacher, or a counselor of the school."""
    return viewer.teaches(klass.id) or viewer.has_school_role(StaffRole.COUNSELOR, klass.school_id)


async def ensure_plan(klass: SchoolClass, now: dt.datetime) -> VisitPlan:
    """The class's plan for its school year, with an entry for every student (students who
    joined since get theirs). Inside the caller's transaction."""
    plan, _ = await VisitPlan.get_or_create(
        school_class_id=klass.id,
        school_year_id=klass.school_year_id,
        defaults={"created_at": now},
    )
    have = set(await VisitPlanEntry.filter(plan_id=plan.id).values_list("student_id", flat=True))
    students = await Student.filter(school_class_id=klass.id).values_list("id", flat=True)
    missing = [s for s in students if s not in have]
    if missing:
        await VisitPlanEntry.bulk_create(
            [VisitPlanEntry(plan_id=plan.id, student_id=s) for s in missing]
        )
    return plan


async def open_plan(*, viewer: Viewer, class_id: int, now: dt.datetime) -> VisitPlan:
    klass = await class_for(viewer, class_id)
    if not may_plan(viewer, klass):
        raise DomainError.single(
            ErrorCode.FORBIDDEN, "只有班主任或心理教师可以制定家访计划", "classId"
        )
    async with in_transaction():
        return await ensure_plan(klass, now)


async def set_targeted(
    *,
    viewer: Viewer,
    student_id: int,
    reason: TargetReason | None,
    note: str,
    now: dt.datetime,
) -> VisitPlanEntry:
    """Marks a student for targeted visits with a reason category, or clears the mark."""
    student = await Student.visible_to(viewer.as_staff()).get_or_none(id=student_id)
    if student is None:
        raise DomainError.single(ErrorCode.NOT_FOUND, "找不到该学生", "studentId")
    klass = await SchoolClass.get(id=student.school_class_id)
    if not may_plan(viewer, klass):
        raise DomainError.single(
            ErrorCode.FORBIDDEN, "只有班主任或心理教师可以标记重点专访", "studentId"
        )
    note = note.strip()
    if len(note) > MAX_NOTE:
        raise DomainError.single(ErrorCode.INVALID, f"备注不超过 {MAX_NOTE} 字", "note")
    async with in_transaction():
        plan = await ensure_plan(klass, now)
        entry = await VisitPlanEntry.get(plan_id=plan.id, student_id=student.id)
        entry.targeted_reason = reason  # type: ignore[assignment]  # a nullable column
        entry.targeted_note = note or None if reason is not None else None
        entry.targeted_by_id = viewer.user_id if reason is not None else None
        entry.targeted_at = now if reason is not None else None
        await entry.save()
    return entry


async def offer_slots(
    *, viewer: Viewer, class_id: int, availability: slot_rules.Availability, now: dt.datetime
) -> list[VisitSlot]:
    """The class teacher (or a counselor) offers availability; slots that clash with one the
    visitor already has are left out. Returns the new slots."""
    klass = await class_for(viewer, class_id)
    if not may_plan(viewer, klass):
        raise DomainError.single(
            ErrorCode.FORBIDDEN, "只有班主任或心理教师可以安排家访时段", "classId"
        )
    times = [(s, e) for s, e in slot_rules.generate(availability) if s > now]
    if not times:
        raise DomainError.single(ErrorCode.INVALID, "所选范围内没有可用的时段", "firstDay")
    assert viewer.user_id is not None
    async with in_transaction():
        plan = await ensure_plan(klass, now)
        taken: set[Any] = set(
            await VisitSlot.filter(
                host_id=viewer.user_id, starts_at__in=[s for s, _ in times]
            ).values_list("starts_at", flat=True)
        )
        taken_utc = {t.astimezone(dt.UTC) for t in taken}
        fresh = [
            VisitSlot(
                plan_id=plan.id,
                school_class_id=klass.id,
                host_id=viewer.user_id,
                starts_at=s,
                ends_at=e,
                timezone=availability.timezone,
                created_at=now,
            )
            for s, e in times
            if s not in taken_utc
        ]
        await VisitSlot.bulk_create(fresh)
        ids = [s for s, _ in times if s not in taken_utc]
        return await VisitSlot.filter(host_id=viewer.user_id, starts_at__in=ids).order_by(
            "starts_at"
        )


async def school_zone(klass: SchoolClass) -> str:
    school = await School.get(id=klass.school_id)
    return school.timezone


async def log_contact(
    *,
    viewer: Viewer,
    student_id: int,
    channel: ContactChannel,
    note: str,
    now: dt.datetime,
) -> FamilyContact:
    """A call, message or meeting with a family: counts towards "contacted this term"."""
    student = await Student.visible_to(viewer.as_staff()).get_or_none(id=student_id)
    if student is None:
        raise DomainError.single(ErrorCode.NOT_FOUND, "找不到该学生", "studentId")
    klass = await SchoolClass.get(id=student.school_class_id)
    if not may_plan(viewer, klass):
        raise DomainError.single(
            ErrorCode.FORBIDDEN, "只有班主任或心理教师可以登记家校联系", "studentId"
        )
    note = note.strip()
    if len(note) > MAX_NOTE:
        raise DomainError.single(ErrorCode.INVALID, f"备注不超过 {MAX_NOTE} 字", "note")
    assert viewer.user_id is not None
    async with in_transaction():
        return await FamilyContact.create(
            student_id=student.id,
            contacted_by_id=viewer.user_id,
            channel=channel,
            note=note,
            contacted_at=now,
        )
