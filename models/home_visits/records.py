"""After the visit: the record, and the family's one-tap acknowledgement."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tortoise.transactions import in_transaction

from core.errors import DomainError, ErrorCode
from models.home_visits.booking import _side, visit_for
from models.home_visits.errors import HomeVisitErrorCode as Code
from models.home_visits.notices import family_ids, notify
from models.home_visits.tables import (
    HomeVisit,
    Responsibility,
    Side,
    VisitCoVisitor,
    VisitKind,
    VisitPlanEntry,
    VisitRecord,
    VisitStatus,
)

if TYPE_CHECKING:
    from models.viewer import Viewer

MAX_TEXT = 5000


@dataclass(frozen=True, slots=True)
class RecordInput:
    happened: bool
    not_happened_reason: str = ""
    present: str = ""
    notes: str = ""
    follow_up: str = ""
    message_to_family: str = ""
    responsibilities: Sequence[Responsibility] = ()


def _check(data: RecordInput, kind: VisitKind) -> None:
    for name, field in (
        ("present", "present"),
        ("notes", "notes"),
        ("follow_up", "followUp"),
        ("message_to_family", "messageToFamily"),
        ("not_happened_reason", "notHappenedReason"),
    ):
        if len(getattr(data, name)) > MAX_TEXT:
            raise DomainError.single(ErrorCode.INVALID, f"不超过 {MAX_TEXT} 字", field)
    if not data.happened and not data.not_happened_reason.strip():
        raise DomainError.single(ErrorCode.REQUIRED, "请填写未能家访的原因", "notHappenedReason")
    if data.responsibilities and (kind != VisitKind.TARGETED or not data.happened):
        raise DomainError.single(
            ErrorCode.INVALID, "只有已进行的重点专访需要告知家长责任", "responsibilities"
        )


async def record_visit(
    *, viewer: Viewer, visit_id: int, data: RecordInput, now: dt.datetime
) -> VisitRecord:
    """The visitor, a co-visitor or the class teacher records what happened; a visit that
    happened counts for the plan (universal, and targeted for a targeted visit)."""
    visit = await visit_for(viewer, visit_id)
    co_visitor = await VisitCoVisitor.filter(visit_id=visit.id, user_id=viewer.user_id).exists()
    if _side(viewer, visit) != Side.STAFF and not co_visitor:
        raise DomainError.single(ErrorCode.FORBIDDEN, "只有家访教师可以填写记录", "visitId")
    if visit.status in (VisitStatus.COMPLETED, VisitStatus.MISSED):
        raise DomainError.single(Code.ALREADY_RECORDED, "该家访已有记录", "visitId")
    if visit.status != VisitStatus.SCHEDULED:
        raise DomainError.single(Code.VISIT_CLOSED, "只能记录已安排的家访", "visitId")
    if data.happened and visit.starts_at > now:
        raise DomainError.single(ErrorCode.INVALID, "家访时间还没到", "happened")
    _check(data, visit.kind)
    assert viewer.user_id is not None
    flags = set(data.responsibilities)
    async with in_transaction():
        closed = await HomeVisit.filter(id=visit.id, status=VisitStatus.SCHEDULED).update(
            status=VisitStatus.COMPLETED if data.happened else VisitStatus.MISSED, updated_at=now
        )
        if closed != 1:
            raise DomainError.single(Code.ALREADY_RECORDED, "该家访已有记录", "visitId")
        record = await VisitRecord.create(
            visit_id=visit.id,
            happened=data.happened,
            not_happened_reason=data.not_happened_reason.strip() or None,
            present=data.present.strip(),
            notes=data.notes.strip(),
            follow_up=data.follow_up.strip(),
            message_to_family=data.message_to_family.strip(),
            informed=Responsibility.INFORMED in flags,
            treatment=Responsibility.TREATMENT in flags,
            safety=Responsibility.SAFETY in flags,
            recorded_by_id=viewer.user_id,
            recorded_at=now,
        )
        if data.happened:
            entry, _ = await VisitPlanEntry.get_or_create(
                plan_id=visit.plan_id, student_id=visit.student_id
            )
            entry.universal_visited_at = entry.universal_visited_at or visit.starts_at
            if visit.kind == VisitKind.TARGETED:
                entry.targeted_visited_at = visit.starts_at
            await entry.save()
            await notify(await family_ids(visit.student_id), "home_visit.recorded", visit, now=now)
    return record


async def acknowledge(*, viewer: Viewer, visit_id: int, now: dt.datetime) -> VisitRecord:
    """The family confirms the record's part addressed to it, once; the time is kept."""
    visit = await visit_for(viewer, visit_id)
    if visit.student_id not in viewer.child_ids:
        raise DomainError.single(ErrorCode.FORBIDDEN, "只有学生家长可以确认家访记录", "visitId")
    record = await VisitRecord.get_or_none(visit_id=visit.id)
    if record is None or not record.happened:
        raise DomainError.single(Code.NOT_RECORDED, "该家访还没有记录", "visitId")
    if record.acknowledged_at is None:
        async with in_transaction():
            await VisitRecord.filter(id=record.id, acknowledged_at__isnull=True).update(
                acknowledged_at=now, acknowledged_by_id=viewer.user_id
            )
        await record.refresh_from_db()
    return record
