"""Demo home visits (家访) for 五年级2班: a plan with every student, a targeted visit mark, the
class teacher's weekend slots, the demo parent's booked visit and a visit already recorded."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from models.home_visits import (
    ContactChannel,
    FamilyContact,
    HomeVisit,
    Side,
    TargetReason,
    VisitCoVisitor,
    VisitKind,
    VisitPlan,
    VisitPlanEntry,
    VisitRecord,
    VisitSlot,
    VisitStatus,
)
from models.home_visits.reminders import schedule_reminders
from models.home_visits.slots import Availability, generate
from models.schools import Guardianship, SchoolClass, Student

ZONE = "Asia/Shanghai"


def _next_saturday(now: dt.datetime) -> dt.date:
    today = now.astimezone(ZoneInfo(ZONE)).date()
    return today + dt.timedelta(days=(5 - today.weekday()) % 7 or 7)


async def seed_home_visits(
    *, district_id: int, teacher_id: int, counselor_id: int, parent_id: int, now: dt.datetime
) -> None:
    """Inside the demo's transaction."""
    klass = await SchoolClass.get(name="五年级2班", school__district_id=district_id)
    students = await Student.filter(school_class_id=klass.id).order_by("id")
    own = await Guardianship.filter(guardian_id=parent_id, student__school_class_id=klass.id)
    child = next(s for s in students if s.id == own[0].student_id)
    others = [s for s in students if s.id != child.id]
    plan = await VisitPlan.create(
        school_class_id=klass.id, school_year_id=klass.school_year_id, created_at=now
    )
    await VisitPlanEntry.bulk_create(
        [VisitPlanEntry(plan_id=plan.id, student_id=s.id) for s in students]
    )
    targeted = others[1]
    await VisitPlanEntry.filter(plan_id=plan.id, student_id=targeted.id).update(
        targeted_reason=TargetReason.LEFT_BEHIND,
        targeted_note="父母在外务工，由祖父母照看，近期情绪低落",
        targeted_by_id=counselor_id,
        targeted_at=now,
    )
    # the class teacher's Saturday and Sunday mornings: 09:00, 10:00, 11:00
    saturday = _next_saturday(now)
    times = generate(
        Availability(
            first_day=saturday,
            last_day=saturday + dt.timedelta(days=1),
            weekdays=(5, 6),
            day_starts=dt.time(9, 0),
            day_ends=dt.time(12, 0),
            visit_minutes=45,
            travel_minutes=15,
            timezone=ZONE,
        )
    )
    slots = [
        await VisitSlot.create(
            plan_id=plan.id,
            school_class_id=klass.id,
            host_id=teacher_id,
            starts_at=start,
            ends_at=end,
            timezone=ZONE,
            created_at=now,
        )
        for start, end in times
    ]

    async def visit(student: Student, **fields: Any) -> HomeVisit:
        return await HomeVisit.create(
            plan_id=plan.id,
            school_class_id=klass.id,
            student_id=student.id,
            host_id=teacher_id,
            timezone=ZONE,
            created_at=now,
            updated_at=now,
            **fields,
        )

    # the demo parent booked Saturday 10:00
    slots[1].student_id = child.id
    await slots[1].save(update_fields=["student_id"])
    booked = await visit(
        child,
        slot_id=slots[1].id,
        kind=VisitKind.UNIVERSAL,
        status=VisitStatus.SCHEDULED,
        starts_at=slots[1].starts_at,
        ends_at=slots[1].ends_at,
        booked_by_id=parent_id,
    )
    await schedule_reminders(booked, now=now)
    # last Saturday's visit, recorded, waiting for the family's confirmation
    held_at = slots[0].starts_at - dt.timedelta(days=7)
    done = await visit(
        others[0],
        kind=VisitKind.UNIVERSAL,
        status=VisitStatus.COMPLETED,
        starts_at=held_at,
        ends_at=held_at + dt.timedelta(minutes=45),
    )
    await VisitRecord.create(
        visit_id=done.id,
        happened=True,
        present="母亲、外婆、学生本人",
        notes="家庭氛围融洽，孩子作息规律；数学作业完成较慢，家长希望多沟通。",
        follow_up="两周后电话回访，了解数学作业情况。",
        message_to_family="感谢您的接待！建议每天固定时间陪孩子阅读二十分钟，有问题随时联系陈老师。",
        recorded_by_id=teacher_id,
        recorded_at=held_at + dt.timedelta(hours=2),
    )
    await VisitPlanEntry.filter(plan_id=plan.id, student_id=others[0].id).update(
        universal_visited_at=held_at
    )
    # a targeted visit the teacher proposed, with the counselor going along
    proposed = await visit(
        targeted,
        kind=VisitKind.TARGETED,
        status=VisitStatus.PROPOSED,
        proposed_by=Side.STAFF,
        message="想和您当面聊聊孩子最近的情况，周日下午方便吗？",
        starts_at=slots[-1].starts_at + dt.timedelta(hours=5),
        ends_at=slots[-1].starts_at + dt.timedelta(hours=6),
    )
    await VisitCoVisitor.create(visit_id=proposed.id, user_id=counselor_id, added_at=now)
    await FamilyContact.create(
        student_id=others[2].id,
        contacted_by_id=teacher_id,
        channel=ContactChannel.PHONE,
        note="电话沟通了孩子的返校安排",
        contacted_at=now - dt.timedelta(days=3),
    )
