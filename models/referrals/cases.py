"""Cases: opened by the school's counselor, handed over only with valid consent, followed up,
closed with an outcome; partner hospitals kept by the district admin."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from tortoise.transactions import in_transaction

from core.errors import DomainError, ErrorCode
from models.referrals.access import (
    Caller,
    ReferralErrorCode,
    audited,
    counselors_case,
    guardians_of,
    is_counselor_of,
    record_reads,
    role_on,
    student_class_id,
)
from models.referrals.consent import _finish, valid_consent
from models.referrals.tables import (
    SHARED_DATA_LABELS,
    CaseOutcome,
    CaseStatus,
    ConcernCategory,
    ConsentRequest,
    FollowUp,
    FollowUpKind,
    HandOver,
    PartnerHospital,
    ReferralCase,
    RequestStatus,
    SharedData,
    Urgency,
)
from models.schools import Guardianship, School, SchoolClass, Student
from notifications import NotificationCategory, enqueue

MAX_NOTE = 5000


async def add_partner_hospital(
    caller: Caller,
    *,
    district_id: int,
    name: str,
    green_channel_contact: str,
    green_channel_phone: str,
    address: str = "",
) -> PartnerHospital:
    if district_id not in caller.viewer.admin_district_ids:
        raise DomainError.single(ErrorCode.FORBIDDEN, "只有区管理员可以维护定点医院", "districtId")
    values = {
        "name": name,
        "greenChannelContact": green_channel_contact,
        "greenChannelPhone": green_channel_phone,
    }
    for field, value in values.items():
        if not 1 <= len(value.strip()) <= 100:
            raise DomainError.single(ErrorCode.INVALID, "请填写 1 到 100 个字符", field)
    async with in_transaction():
        if await PartnerHospital.filter(district_id=district_id, name=name.strip()).exists():
            raise DomainError.single(ErrorCode.INVALID, "本区已有同名定点医院", "name")
        return await PartnerHospital.create(
            district_id=district_id,
            name=name.strip(),
            green_channel_contact=green_channel_contact.strip(),
            green_channel_phone=green_channel_phone.strip(),
            address=address.strip()[:200],
            created_at=caller.now,
        )


async def open_case(
    caller: Caller,
    *,
    student_id: int,
    hospital_id: int,
    concern_category: ConcernCategory,
    assessment: str,
    urgency: Urgency,
    summary_for_hospital: str = "",
) -> ReferralCase:
    """By a counselor of the student's school."""
    student = await Student.visible_to(caller.viewer).get_or_none(id=student_id)
    if student is None:
        raise DomainError.single(ErrorCode.NOT_FOUND, "找不到该学生", "studentId")
    if not is_counselor_of(caller.viewer, student.school_id):
        raise DomainError.single(ErrorCode.FORBIDDEN, "只有本校心理教师可以开启转介", "studentId")
    school = await School.get(id=student.school_id)
    hospital = await PartnerHospital.get_or_none(
        id=hospital_id, district_id=school.district_id, active=True
    )
    if hospital is None:
        raise DomainError.single(ErrorCode.NOT_FOUND, "找不到本区的该定点医院", "hospitalId")
    if not 1 <= len(assessment.strip()) <= MAX_NOTE:
        raise DomainError.single(ErrorCode.INVALID, f"评估须为 1 到 {MAX_NOTE} 字", "assessment")
    if len(summary_for_hospital) > MAX_NOTE:
        raise DomainError.single(ErrorCode.INVALID, f"摘要最多 {MAX_NOTE} 字", "summaryForHospital")

    async def work() -> tuple[ReferralCase, ReferralCase]:
        case = await ReferralCase.create(
            school_id=student.school_id,
            student_id=student.id,
            opened_by_id=caller.viewer.user_id,
            hospital_id=hospital.id,
            concern_category=concern_category,
            assessment=assessment.strip(),
            summary_for_hospital=summary_for_hospital.strip(),
            urgency=urgency,
            created_at=caller.now,
            updated_at=caller.now,
        )
        return case, case

    fields = ["student", "hospital", "concernCategory", "assessment", "urgency"]
    return await audited(caller, "case.open", None, fields, work)


async def latest_request(case_id: int) -> ConsentRequest | None:
    return await ConsentRequest.filter(case_id=case_id).order_by("-id").first()


async def _hand_over_data(case: ReferralCase, items: Sequence[str]) -> dict[str, Any]:
    """Exactly the items the consent named, nothing more."""
    student = await Student.get(id=case.student_id)
    data: dict[str, Any] = {}
    for item in map(SharedData, items):
        if item == SharedData.STUDENT_NAME:
            data["studentName"] = student.name
        elif item == SharedData.GENDER:
            data["gender"] = student.gender.value
        elif item == SharedData.BIRTH_DATE:
            data["birthDate"] = student.birth_date.isoformat()
        elif item == SharedData.SCHOOL_AND_CLASS:
            klass = await SchoolClass.get(id=student.school_class_id)
            data["school"] = (await School.get(id=case.school_id)).name
            data["class"] = klass.name
        elif item == SharedData.CONCERN_CATEGORY:
            data["concernCategory"] = case.concern_category.value
        elif item == SharedData.SUMMARY_FOR_HOSPITAL:
            data["summary"] = case.summary_for_hospital
        elif item == SharedData.GUARDIAN_CONTACT:
            from models.accounts import User

            links = await Guardianship.filter(student_id=student.id).order_by("id")
            people = {u.id: u for u in await User.filter(id__in=[g.guardian_id for g in links])}
            data["guardians"] = [
                {
                    "name": people[g.guardian_id].name,
                    "phone": people[g.guardian_id].phone,
                    "relationship": g.relationship.value,
                }
                for g in links
            ]
    data["_items"] = {i: SHARED_DATA_LABELS[SharedData(i)][1] for i in items}
    return data


async def hand_over(caller: Caller, *, case_id: int) -> HandOver:
    """Only with consent in force, whatever else: the one door to the hospital."""

    async def work() -> tuple[HandOver, ReferralCase]:
        case = await counselors_case(caller, case_id, lock=True)
        if case.status == CaseStatus.CLOSED:
            raise DomainError.single(ReferralErrorCode.CASE_CLOSED, "该个案已结案", "caseId")
        if case.status == CaseStatus.HANDED_OVER:
            raise DomainError.single(
                ReferralErrorCode.ALREADY_HANDED_OVER, "该个案已移交", "caseId"
            )
        request = await latest_request(case.id)
        if request is None or not await valid_consent(request):
            raise DomainError.single(
                ReferralErrorCode.NO_VALID_CONSENT,
                "没有有效的监护人知情同意，不能移交医院",
                "caseId",
            )
        record = await HandOver.create(
            case_id=case.id,
            request_id=request.id,
            hospital_id=case.hospital_id,
            data=await _hand_over_data(case, request.shared_data),
            handed_over_by_id=caller.viewer.user_id,
            handed_over_at=caller.now,
        )
        case.status = CaseStatus.HANDED_OVER
        case.updated_at = caller.now
        await case.save(update_fields=["status", "updated_at"])
        await _tell_guardians(case, "已转介至定点医院", caller.now)
        return record, case

    return await audited(caller, "case.hand_over", case_id, ["status", "handOver"], work)


async def _tell_guardians(case: ReferralCase, status: str, now: dt.datetime) -> None:
    guardians = [g.guardian_id for g in await guardians_of(case.student_id)]
    await enqueue(
        guardians,
        NotificationCategory.REFERRAL_UPDATE,
        "referral.updated",
        {"status": status},
        f"homeroom://referrals/{case.id}",
        now=now,
    )


async def add_follow_up(
    caller: Caller,
    *,
    case_id: int,
    kind: FollowUpKind,
    note: str,
    for_guardians: bool,
    happens_at: dt.datetime | None = None,
) -> FollowUp:
    """An appointment, an update or the return-to-school plan (复学)."""

    async def work() -> tuple[FollowUp, ReferralCase]:
        case = await counselors_case(caller, case_id)
        if case.status == CaseStatus.CLOSED:
            raise DomainError.single(ReferralErrorCode.CASE_CLOSED, "该个案已结案", "caseId")
        if not 1 <= len(note.strip()) <= MAX_NOTE:
            raise DomainError.single(ErrorCode.INVALID, f"记录须为 1 到 {MAX_NOTE} 字", "note")
        if happens_at is not None and happens_at.tzinfo is None:
            raise DomainError.single(ErrorCode.INVALID, "时间须带时区", "happensAt")
        entry = await FollowUp.create(
            case_id=case.id,
            kind=kind,
            note=note.strip(),
            for_guardians=for_guardians,
            happens_at=happens_at,
            author_id=caller.viewer.user_id,
            created_at=caller.now,
        )
        case.updated_at = caller.now
        await case.save(update_fields=["updated_at"])
        if for_guardians:
            await _tell_guardians(case, "心理老师更新了跟进记录", caller.now)
        return entry, case

    return await audited(caller, "case.follow_up", case_id, ["followUps"], work)


async def close_case(
    caller: Caller, *, case_id: int, outcome: CaseOutcome, note: str = ""
) -> ReferralCase:
    """Closes with an outcome; a pending or granted request ends with it (no sharing after)."""

    async def work() -> tuple[ReferralCase, ReferralCase]:
        case = await counselors_case(caller, case_id, lock=True)
        if case.status == CaseStatus.CLOSED:
            raise DomainError.single(ReferralErrorCode.CASE_CLOSED, "该个案已结案", "caseId")
        for request in await ConsentRequest.filter(
            case_id=case.id, status__in=[RequestStatus.PENDING, RequestStatus.GRANTED]
        ):
            await _finish(request, RequestStatus.CANCELLED, caller.now)
        case.status = CaseStatus.CLOSED
        case.outcome = outcome
        case.outcome_note = note.strip()[:MAX_NOTE] or None  # type: ignore[assignment]
        case.closed_at = case.updated_at = caller.now
        await case.save(
            update_fields=["status", "outcome", "outcome_note", "closed_at", "updated_at"]
        )
        await _tell_guardians(case, "转介个案已结案", caller.now)
        return case, case

    return await audited(caller, "case.close", case_id, ["status", "outcome"], work)


async def has_open_referral(caller: Caller, *, student_id: int) -> bool | None:
    """Whether the student has an open case, for the class teacher, the school's counselor and
    the guardians; None for anyone else (no hint). The read is audited."""
    student = await Student.visible_to(caller.viewer).get_or_none(id=student_id)
    if student is None:
        return None
    allowed = (
        student.id in caller.viewer.child_ids
        or caller.viewer.teaches(student.school_class_id)
        or is_counselor_of(caller.viewer, student.school_id)
    )
    if not allowed:
        return None
    open_cases = await ReferralCase.filter(student_id=student.id).exclude(status=CaseStatus.CLOSED)
    if open_cases:
        klass = await student_class_id(student.id)
        await record_reads(
            caller, open_cases, ["hasOpenReferral"], role_on(caller.viewer, open_cases[0], klass)
        )
    return bool(open_cases)
