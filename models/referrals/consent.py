"""Consent: requests rendered from the template version in force (`templates`), the
guardians' immutable decisions, expiry and reminders.

Consent is valid only while it is computed so from the decisions themselves (`valid_consent`):
the request granted, every consent given before expiry on this exact text, no guardian's
latest word a refusal or withdrawal, and as many consents as the district requires.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from core.errors import DomainError, ErrorCode
from models import audit
from models.audit import Actor, AuditEntry
from models.jobs import JobContext, cancel, job_handler, schedule
from models.referrals.access import (
    CASE,
    Caller,
    ReferralErrorCode,
    Role,
    audited,
    counselor_ids,
    counselors_case,
    guardians_of,
)
from models.referrals.tables import (
    CaseStatus,
    ConsentDecision,
    ConsentRequest,
    DecisionKind,
    PartnerHospital,
    ReferralCase,
    RequestStatus,
    SharedData,
)
from models.referrals.templates import render, template_in_force, text_hash
from models.schools import School, Student
from models.viewer import Viewer
from notifications import NotificationCategory, enqueue

CONSENT_WINDOW = dt.timedelta(days=7)
REMINDERS = (("day1", dt.timedelta(days=1)), ("day3", dt.timedelta(days=3)))
# ------------------------------------------------------------------ requests (counselor)


def _keys(request_id: int) -> list[str]:
    return [f"consent:{request_id}:{name}" for name, _ in REMINDERS]


async def _notify_guardians(
    guardian_ids: Sequence[int], template: str, params: dict[str, Any], link: str, now: dt.datetime
) -> None:
    category = (
        NotificationCategory.CONSENT_REQUEST
        if template.startswith("consent_request")
        else NotificationCategory.REFERRAL_UPDATE
    )
    await enqueue(guardian_ids, category, template, params, link, now=now)


async def request_consent(
    caller: Caller, *, case_id: int, purpose: str, shared_data: Sequence[SharedData]
) -> ConsentRequest:
    async def work() -> tuple[ConsentRequest, ReferralCase]:
        case = await counselors_case(caller, case_id, lock=True)
        if case.status != CaseStatus.OPEN:
            raise DomainError.single(ReferralErrorCode.CASE_CLOSED, "该个案已移交或结案", "caseId")
        text_purpose = purpose.strip()
        if not 1 <= len(text_purpose) <= 1000:
            raise DomainError.single(ErrorCode.INVALID, "请写明转介目的（1 到 1000 字）", "purpose")
        items = sorted(set(shared_data), key=list(SharedData).index)
        if not items:
            raise DomainError.single(
                ErrorCode.INVALID, "请至少选择一项要提供给医院的信息", "sharedData"
            )
        active = await ConsentRequest.filter(
            case_id=case.id, status__in=[RequestStatus.PENDING, RequestStatus.GRANTED]
        ).exists()
        if active:
            raise DomainError.single(
                ReferralErrorCode.CONSENT_ALREADY_REQUESTED, "已有进行中的知情同意请求", "caseId"
            )
        school = await School.get(id=case.school_id)
        template = await template_in_force(school.district_id)
        if template is None:
            raise DomainError.single(
                ReferralErrorCode.NO_CONSENT_TEMPLATE, "本区尚未发布知情同意书", "caseId"
            )
        guardians = await guardians_of(case.student_id)
        if not guardians:
            raise DomainError.single(
                ReferralErrorCode.NO_GUARDIAN, "该学生没有登记监护人", "caseId"
            )
        expires_at = caller.now + CONSENT_WINDOW
        text = render(
            template,
            student=await Student.get(id=case.student_id),
            school=school,
            hospital=await PartnerHospital.get(id=case.hospital_id),
            items=items,
            purpose=text_purpose,
            expires_at=expires_at,
        )
        request = await ConsentRequest.create(
            case_id=case.id,
            template_id=template.id,
            template_version=template.version,
            text=text,
            text_sha256=text_hash(text),
            purpose=text_purpose,
            shared_data=[i.value for i in items],
            requires_both_guardians=template.requires_both_guardians,
            requested_by_id=caller.viewer.user_id,
            created_at=caller.now,
            expires_at=expires_at,
        )
        payload = {"request_id": request.id}
        await schedule(
            "referrals.expire_consent",
            payload,
            expires_at,
            key=f"consent:{request.id}:expire",
            now=caller.now,
        )
        for (_name, after), key in zip(REMINDERS, _keys(request.id), strict=True):
            await schedule(
                "referrals.remind_consent", payload, caller.now + after, key=key, now=caller.now
            )
        await _notify_guardians(
            [g.guardian_id for g in guardians],
            "consent_request.new",
            {"subject": "转介知情同意", "requester": "学校心理老师"},
            f"homeroom://consent-requests/{request.id}",
            caller.now,
        )
        return request, case

    return await audited(caller, "consent.request", case_id, ["consentRequests"], work)


# ------------------------------------------------------------------ decisions (guardians)


async def _guardians_request(
    caller: Caller, request_id: int
) -> tuple[ConsentRequest, ReferralCase, str]:
    """The request, locked, for one of the student's guardians; and their relationship."""
    request = (
        await ConsentRequest.visible_to(caller.viewer)
        .select_for_update()
        .get_or_none(id=request_id)
    )
    if request is None:
        raise DomainError.single(ErrorCode.NOT_FOUND, "找不到该知情同意请求", "requestId")
    case = await ReferralCase.get(id=request.case_id)
    link = next(
        (g for g in await guardians_of(case.student_id) if g.guardian_id == caller.viewer.user_id),
        None,
    )
    if link is None:
        raise DomainError.single(
            ReferralErrorCode.NOT_A_GUARDIAN, "只有学生的监护人可以作出决定", "requestId"
        )
    return request, case, link.relationship.value


async def latest_words(request_id: int) -> dict[int, ConsentDecision]:
    """Each guardian's latest decision on a request."""
    latest: dict[int, ConsentDecision] = {}
    for d in await ConsentDecision.filter(request_id=request_id).order_by("id"):
        latest[d.guardian_id] = d
    return latest


async def _required_consents(request: ConsentRequest, student_id: int) -> int:
    if not request.requires_both_guardians:
        return 1
    return min(2, max(1, len(await guardians_of(student_id))))


async def valid_consent(request: ConsentRequest | None) -> bool:
    """Recomputed from the decisions, never trusted from a flag alone."""
    if request is None or request.status != RequestStatus.GRANTED:
        return False
    words = await latest_words(request.id)
    if any(d.kind != DecisionKind.CONSENT for d in words.values()):
        return False
    good = [
        d
        for d in words.values()
        if d.text_sha256 == request.text_sha256 and d.decided_at < request.expires_at
    ]
    case = await ReferralCase.get(id=request.case_id)
    return len(good) >= await _required_consents(request, case.student_id)


def _normal(name: str) -> str:
    return "".join(name.split())


async def _finish(
    request: ConsentRequest, status: RequestStatus, now: dt.datetime, *, expiring: bool = False
) -> None:
    """The request leaves PENDING: its reminders and expiry are cancelled (not the expiry job
    itself when it is the one running: cancelling would roll its own run back)."""
    request.status = status
    await request.save(update_fields=["status"])
    await cancel("referrals.remind_consent", _keys(request.id), now=now)
    if not expiring:
        await cancel("referrals.expire_consent", f"consent:{request.id}:expire", now=now)


async def decide(
    caller: Caller,
    *,
    request_id: int,
    kind: DecisionKind,
    typed_name: str,
    reason: str | None = None,
) -> ConsentDecision:
    """A guardian consents or declines; WITHDRAW goes through `withdraw`."""
    if kind == DecisionKind.WITHDRAW:
        return await withdraw(caller, request_id=request_id, typed_name=typed_name, reason=reason)
    case_id = await _case_of(request_id)

    async def work() -> tuple[ConsentDecision, ReferralCase]:
        request, case, relationship = await _guardians_request(caller, request_id)
        if request.status == RequestStatus.PENDING and caller.now >= request.expires_at:
            raise DomainError.single(
                ReferralErrorCode.CONSENT_EXPIRED, "该知情同意请求已过期", "requestId"
            )
        if request.status != RequestStatus.PENDING:
            code = (
                ReferralErrorCode.CONSENT_EXPIRED
                if request.status == RequestStatus.EXPIRED
                else ReferralErrorCode.CONSENT_REQUEST_CLOSED
            )
            raise DomainError.single(code, "该知情同意请求已不能再作决定", "requestId")
        words = await latest_words(request.id)
        if caller.viewer.user_id in words:
            raise DomainError.single(
                ReferralErrorCode.CONSENT_REQUEST_CLOSED,
                "您已作出决定；如需撤回请使用撤回",
                "requestId",
            )
        decision = await _record(caller, request, kind, relationship, typed_name, reason)
        if kind == DecisionKind.DECLINE:
            await _finish(request, RequestStatus.DECLINED, caller.now)
        else:
            consents = sum(1 for d in [*words.values(), decision] if d.kind == DecisionKind.CONSENT)
            if consents >= await _required_consents(request, case.student_id):
                await _finish(request, RequestStatus.GRANTED, caller.now)
        await _tell_counselors(case, caller.now)
        return decision, case

    return await audited(caller, f"consent.{kind.value.lower()}", case_id, ["decisions"], work)


async def _record(
    caller: Caller,
    request: ConsentRequest,
    kind: DecisionKind,
    relationship: str,
    typed_name: str,
    reason: str | None,
) -> ConsentDecision:
    from models.accounts import User

    user = await User.get(id=caller.viewer.user_id)
    if not typed_name.strip() or _normal(typed_name) != _normal(user.name):
        raise DomainError.single(
            ReferralErrorCode.NAME_MISMATCH, "请输入您的姓名以确认", "typedName"
        )
    if reason is not None and len(reason) > 1000:
        raise DomainError.single(ErrorCode.INVALID, "原因最多 1000 字", "reason")
    return await ConsentDecision.create(
        request_id=request.id,
        guardian_id=user.id,
        relationship=relationship,
        kind=kind,
        reason=(reason or "").strip() or None,
        decided_at=caller.now,
        device=(caller.device or "unknown")[:200],
        template_version=request.template_version,
        text_sha256=request.text_sha256,
        typed_name=typed_name.strip()[:50],
    )


async def withdraw(
    caller: Caller, *, request_id: int, typed_name: str, reason: str | None = None
) -> ConsentDecision:
    """As easy as consenting: a new decision that stops any further sharing."""
    case_id = await _case_of(request_id)

    async def work() -> tuple[ConsentDecision, ReferralCase]:
        request, case, relationship = await _guardians_request(caller, request_id)
        words = await latest_words(request.id)
        mine = words.get(caller.viewer.user_id or 0)
        if (
            request.status not in (RequestStatus.PENDING, RequestStatus.GRANTED)
            or mine is None
            or mine.kind != DecisionKind.CONSENT
        ):
            raise DomainError.single(
                ReferralErrorCode.NOTHING_TO_WITHDRAW, "没有可撤回的同意", "requestId"
            )
        decision = await _record(
            caller, request, DecisionKind.WITHDRAW, relationship, typed_name, reason
        )
        await _finish(request, RequestStatus.WITHDRAWN, caller.now)
        await _tell_counselors(case, caller.now)
        return decision, case

    return await audited(caller, "consent.withdraw", case_id, ["decisions"], work)


async def request_conversation(caller: Caller, *, request_id: int) -> ConsentRequest:
    """A guardian asks to talk with the counselor before deciding."""
    case_id = await _case_of(request_id)

    async def work() -> tuple[ConsentRequest, ReferralCase]:
        request, case, _ = await _guardians_request(caller, request_id)
        if request.status != RequestStatus.PENDING:
            raise DomainError.single(
                ReferralErrorCode.CONSENT_REQUEST_CLOSED, "该请求已结束", "requestId"
            )
        request.conversation_requested_at = caller.now
        await request.save(update_fields=["conversation_requested_at"])
        await _tell_counselors(case, caller.now)
        return request, case

    return await audited(
        caller, "consent.ask_conversation", case_id, ["conversationRequestedAt"], work
    )


async def _case_of(request_id: int) -> int | None:
    found = await ConsentRequest.get_or_none(id=request_id)
    return found.case_id if found else None


async def _tell_counselors(case: ReferralCase, now: dt.datetime) -> None:
    await enqueue(
        await counselor_ids(case.school_id),
        NotificationCategory.REFERRAL_UPDATE,
        "referral.updated",
        {"status": "知情同意有新进展"},
        f"homeroom://referrals/{case.id}",
        now=now,
    )


def viewer_is_guardian(viewer: Viewer, case: ReferralCase) -> bool:
    return case.student_id in viewer.child_ids


# ------------------------------------------------------------------ expiry and reminders (jobs)

_SYSTEM = Actor(None, Role.SYSTEM.value)


@job_handler("referrals.expire_consent")
async def expire_consent(payload: dict[str, Any], job: JobContext) -> None:
    request = await ConsentRequest.filter(id=payload["request_id"]).select_for_update().first()
    if request is None or request.status != RequestStatus.PENDING or job.now < request.expires_at:
        return
    await _finish(request, RequestStatus.EXPIRED, job.now, expiring=True)
    case = await ReferralCase.get(id=request.case_id)
    await _tell_counselors(case, job.now)
    await audit.record(
        [AuditEntry(_SYSTEM, "consent.expire", CASE, case.id, ("consentRequests",))], now=job.now
    )


@job_handler("referrals.remind_consent")
async def remind_consent(payload: dict[str, Any], job: JobContext) -> None:
    """To the guardians who have not answered yet, while the request is pending."""
    request = await ConsentRequest.get_or_none(id=payload["request_id"])
    if request is None or request.status != RequestStatus.PENDING or job.now >= request.expires_at:
        return
    case = await ReferralCase.get(id=request.case_id)
    answered = set(await latest_words(request.id))
    waiting = [
        g.guardian_id for g in await guardians_of(case.student_id) if g.guardian_id not in answered
    ]
    await _notify_guardians(
        waiting,
        "consent_request.reminder",
        {},
        f"homeroom://consent-requests/{request.id}",
        job.now,
    )
