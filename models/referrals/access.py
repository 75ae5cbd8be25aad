"""Who a person is to a case, the error codes, and the audit of every attempt.

Every referral operation runs through `audited`: the change and its audit event commit
together; a refused attempt rolls back and is then audited on its own, so a denied attempt
leaves a trace even though it changed nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from tortoise.models import Model
from tortoise.transactions import in_transaction

from core.errors import DomainError, ErrorCode, error_codes
from models import audit
from models.audit import Actor, AuditEntry, AuditOutcome
from models.referrals.tables import ReferralCase
from models.schools import Guardianship, StaffRole, Student
from models.viewer import Viewer

T = TypeVar("T")
CASE = "referral_case"


@error_codes
class ReferralErrorCode(StrEnum):
    NO_VALID_CONSENT = "NO_VALID_CONSENT"  # hand-over refused: no consent in force
    CONSENT_EXPIRED = "CONSENT_EXPIRED"
    CONSENT_REQUEST_CLOSED = "CONSENT_REQUEST_CLOSED"  # decided, withdrawn, cancelled
    CONSENT_ALREADY_REQUESTED = "CONSENT_ALREADY_REQUESTED"
    NOT_A_GUARDIAN = "NOT_A_GUARDIAN"
    NAME_MISMATCH = "NAME_MISMATCH"  # the typed confirmation is not the guardian's name
    NOTHING_TO_WITHDRAW = "NOTHING_TO_WITHDRAW"
    NO_CONSENT_TEMPLATE = "NO_CONSENT_TEMPLATE"
    NO_GUARDIAN = "NO_GUARDIAN"
    CASE_CLOSED = "CASE_CLOSED"
    ALREADY_HANDED_OVER = "ALREADY_HANDED_OVER"


# Refusals that mean "not yours to see or do"; the rest are business rules.
_DENIALS = {ErrorCode.NOT_FOUND, ErrorCode.FORBIDDEN, ReferralErrorCode.NOT_A_GUARDIAN}


@dataclass(frozen=True, slots=True)
class Caller:
    """Who calls a referral operation, from where, and when (the context's clock)."""

    viewer: Viewer
    now: dt.datetime
    request_id: str | None = None
    device: str | None = None


class Role(StrEnum):
    GUARDIAN = "GUARDIAN"
    COUNSELOR = "COUNSELOR"
    CLASS_TEACHER = "CLASS_TEACHER"
    NONE = "NONE"  # signed in, no part in the case
    ANONYMOUS = "ANONYMOUS"
    SYSTEM = "SYSTEM"  # a scheduled job


def is_counselor_of(viewer: Viewer, school_id: int) -> bool:
    return viewer.has_school_role(StaffRole.COUNSELOR, school_id)


def role_on(viewer: Viewer, case: ReferralCase | None, student_class_id: int | None = None) -> Role:
    """The role a person acts in on a case; a guardian who is also staff acts as guardian."""
    if not viewer.is_authenticated:
        return Role.ANONYMOUS
    if case is None:
        return Role.NONE
    if case.student_id in viewer.child_ids:
        return Role.GUARDIAN
    if is_counselor_of(viewer, case.school_id):
        return Role.COUNSELOR
    if student_class_id is not None and viewer.teaches(student_class_id):
        return Role.CLASS_TEACHER
    return Role.NONE


def actor(caller: Caller, role: Role) -> Actor:
    return Actor(caller.viewer.user_id, role.value, caller.request_id, caller.device)


async def record_reads(
    caller: Caller, cases: Sequence[ReferralCase], fields: Sequence[str], role: Role | None = None
) -> None:
    """A read of each case, in one append."""
    await audit.record(
        [
            AuditEntry(
                actor(caller, role or role_on(caller.viewer, c)), "read", CASE, c.id, tuple(fields)
            )
            for c in cases
        ],
        now=caller.now,
    )


async def record_denied_lookups(caller: Caller, model: type[Model], ids: Sequence[int]) -> None:
    """Lookups by id of a case, or of a part of one, that the viewer may not see."""
    from models.referrals.tables import ConsentDecision, ConsentRequest, FollowUp

    case_ids = list(ids)
    if model is ConsentDecision:
        case_ids = [d.request_id for d in await ConsentDecision.filter(id__in=case_ids)]
        model = ConsentRequest
    if model in (ConsentRequest, FollowUp):
        case_ids = [r.case_id for r in await model.filter(id__in=case_ids)]
    if case_ids:
        await record_denied_reads(caller, case_ids)


async def record_denied_reads(caller: Caller, case_ids: Sequence[int]) -> None:
    """Lookups of cases that exist but are not the viewer's: audited, answered with null."""
    existing = [c.id for c in await ReferralCase.filter(id__in=list(case_ids)).only("id")]
    await audit.record(
        [
            AuditEntry(
                actor(caller, role_on(caller.viewer, None)),
                "read",
                CASE,
                int(i),
                (),
                AuditOutcome.DENIED,
            )
            for i in existing
        ],
        now=caller.now,
    )


async def audited(
    caller: Caller,
    action: str,
    case_id: int | None,
    fields: Sequence[str],
    work: Callable[[], Awaitable[tuple[T, ReferralCase]]],
) -> T:
    """Runs `work` in one transaction with its audit event; a refusal rolls back, then is
    audited by itself (when it names a case that exists)."""
    try:
        async with in_transaction():
            result, case = await work()
            await audit.record(
                [
                    AuditEntry(
                        actor(caller, role_on(caller.viewer, case)),
                        action,
                        CASE,
                        case.id,
                        tuple(fields),
                    )
                ],
                now=caller.now,
            )
        return result
    except DomainError as error:
        if case_id is not None:
            named = await ReferralCase.get_or_none(id=case_id)
            if named is not None:
                denied = any(e.code in _DENIALS for e in error.errors)
                outcome = AuditOutcome.DENIED if denied else AuditOutcome.REFUSED
                role = role_on(caller.viewer, named)
                await audit.record(
                    [
                        AuditEntry(
                            actor(caller, role), action, CASE, named.id, tuple(fields), outcome
                        )
                    ],
                    now=caller.now,
                )
        raise


async def counselors_case(
    caller: Caller, case_id: int, field: str = "caseId", *, lock: bool = False
) -> ReferralCase:
    """The case, for its school's counselor only; an open one unless closing is allowed."""
    query = ReferralCase.visible_to(caller.viewer)
    if lock:
        query = query.select_for_update()
    case = await query.get_or_none(id=case_id)
    if case is None:
        raise DomainError.single(ErrorCode.NOT_FOUND, "找不到该转介个案", field)
    if not is_counselor_of(caller.viewer, case.school_id):
        raise DomainError.single(ErrorCode.FORBIDDEN, "只有本校心理教师可以处理转介个案", field)
    return case


async def guardians_of(student_id: int) -> list[Guardianship]:
    return await Guardianship.filter(student_id=student_id).order_by("id")


async def counselor_ids(school_id: int) -> list[int]:
    from models.schools import StaffAssignment

    staff = StaffAssignment.filter(role=StaffRole.COUNSELOR, school_id=school_id)
    return [a.user_id for a in await staff]


async def student_class_id(student_id: int) -> int | None:
    student = await Student.get_or_none(id=student_id)
    return student.school_class_id if student else None
