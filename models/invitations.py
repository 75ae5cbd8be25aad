"""Invitations (a class teacher's one-time code for a family) and links to a child that wait
for the account owner's consent (from a roster import or a redemption with a registered phone)."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from tortoise.transactions import in_transaction

from core.errors import DomainError, ErrorCode
from models.accounts import (
    CHILD_CONSENT_AGE,
    INVITATION_TTL,
    MAX_NAME_LENGTH,
    AccountErrorCode,
    Invitation,
    PendingGuardianship,
    PendingLinkSource,
    PendingLinkStatus,
    PolicyAgreement,
    PolicyDocument,
    User,
    check_password_strength,
    hash_password_off_loop,
    normalize_phone,
    record_policy,
    require_policy,
)
from models.schools import Guardianship, Relationship, Student
from models.viewer import Viewer

_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L


async def issue_invitation(*, viewer: Viewer, student_id: int, now: dt.datetime) -> Invitation:
    student = await Student.visible_to(viewer.as_staff()).get_or_none(id=student_id)
    if student is None:
        raise DomainError.single(ErrorCode.NOT_FOUND, "找不到该学生", "studentId")
    school = await student.school
    if not (
        viewer.teaches(student.school_class_id)
        or viewer.administers_school(student.school_id, school.district_id)
    ):
        raise DomainError.single(
            ErrorCode.FORBIDDEN, "只有班主任或学校管理员可以邀请家长", "studentId"
        )
    code = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(10))
    return await Invitation.create(
        code=code,
        student_id=student.id,
        issued_by_id=viewer.user_id,
        created_at=now,
        expires_at=now + INVITATION_TTL,
    )


@dataclass(frozen=True, slots=True)
class Redeemed:
    """A signed-in parent's redemption links them (`guardianship`). One without an account
    gives nothing back whatever the phone (the parent signs in next): a new phone gets an
    account linked to the child; a registered phone gets a link proposed to its owner."""

    guardianship: Guardianship | None


async def redeem_invitation(
    *,
    viewer: Viewer,
    code: str,
    relationship: Relationship,
    accepted_policy_version: str | None,
    child_data_consent: bool,
    current_policy_version: str,
    child_consent_version: str,
    now: dt.datetime,
    phone: str | None = None,
    password: str | None = None,
    name: str | None = None,
) -> Redeemed:
    """Links the parent to the child. A signed-in parent links their account. A parent
    without a session gives phone, password and name; the answer is the same whatever the
    phone, so a code cannot tell who has an account: a new phone gets an account linked to
    the child, a registered one a link its owner accepts or declines in the app (the
    password is not checked against it: no password guessing through invitations). Either
    way the code is spent and the parent then signs in."""
    require_policy(accepted_policy_version, current_policy_version)
    async with in_transaction():
        # Lock the invitation row alone: two parents redeeming one code can't both win.
        invitation = await Invitation.select_for_update().get_or_none(code=code.strip().upper())
        if invitation is None:
            raise DomainError.single(AccountErrorCode.INVITATION_INVALID, "邀请码无效", "code")
        if invitation.redeemed_at is not None:
            raise DomainError.single(AccountErrorCode.INVITATION_USED, "邀请码已被使用", "code")
        if invitation.expires_at <= now:
            raise DomainError.single(AccountErrorCode.INVITATION_EXPIRED, "邀请码已过期", "code")
        student = await Student.get(id=invitation.student_id)
        if student.age_on(now.date()) < CHILD_CONSENT_AGE and not child_data_consent:
            raise DomainError.single(
                AccountErrorCode.CHILD_CONSENT_REQUIRED,
                "孩子未满14周岁，需要监护人同意处理孩子的个人信息",
                "childDataConsent",
            )
        if viewer.user_id is not None:
            user_id = viewer.user_id
        else:
            missing = [
                f for f, v in (("phone", phone), ("password", password), ("name", name)) if not v
            ]
            if missing:
                raise DomainError.single(
                    ErrorCode.REQUIRED, "请先登录，或填写手机号、密码和姓名", missing[0]
                )
            await _redeem_for_phone(
                invitation=invitation,
                student=student,
                relationship=relationship,
                phone=phone or "",
                password=password or "",
                name=name or "",
                child_data_consent=child_data_consent,
                current_policy_version=current_policy_version,
                child_consent_version=child_consent_version,
                now=now,
            )
            return Redeemed(guardianship=None)
        if await Guardianship.exists(student_id=student.id, guardian_id=user_id):
            raise DomainError.single(
                AccountErrorCode.ALREADY_GUARDIAN, "您已是该学生的监护人", "code"
            )
        link = await Guardianship.create(
            student_id=student.id, guardian_id=user_id, relationship=relationship, created_at=now
        )
        await Invitation.filter(id=invitation.id).update(redeemed_at=now, redeemed_by_id=user_id)
        await record_policy(user_id, current_policy_version, now)
        if child_data_consent:
            await _record_child_consent(user_id, student.id, child_consent_version, now)
    return Redeemed(guardianship=link)


async def _record_child_consent(
    user_id: int, student_id: int, version: str, now: dt.datetime
) -> None:
    await PolicyAgreement.create(
        user_id=user_id,
        document=PolicyDocument.CHILD_DATA_CONSENT,
        version=version,
        student_id=student_id,
        agreed_at=now,
    )


async def _redeem_for_phone(
    *,
    invitation: Invitation,
    student: Student,
    relationship: Relationship,
    phone: str,
    password: str,
    name: str,
    child_data_consent: bool,
    current_policy_version: str,
    child_consent_version: str,
    now: dt.datetime,
) -> None:
    """Inside the redemption's transaction. Both ways check the input alike and hash the
    password once (so neither answers sooner), and spend the code."""
    phone = normalize_phone(phone)
    name = name.strip()
    if not 1 <= len(name) <= MAX_NAME_LENGTH:
        raise DomainError.single(
            ErrorCode.INVALID, f"姓名须为 1 到 {MAX_NAME_LENGTH} 个字符", "name"
        )
    check_password_strength(password, personal=(phone, name))
    password_hash = await hash_password_off_loop(password)
    owner = await User.get_or_none(phone=phone)
    if owner is None:
        user = await User.create(
            phone=phone, name=name, password_hash=password_hash, created_at=now
        )
        await Guardianship.create(
            student_id=student.id, guardian_id=user.id, relationship=relationship, created_at=now
        )
        await record_policy(user.id, current_policy_version, now)
        if child_data_consent:
            await _record_child_consent(user.id, student.id, child_consent_version, now)
        redeemed_by: int | None = user.id
    else:
        await propose_link(
            student_id=student.id,
            guardian_id=owner.id,
            relationship=relationship,
            source=PendingLinkSource.INVITATION,
            now=now,
        )
        redeemed_by = None  # who holds the phone is the owner's to say, by accepting
    await Invitation.filter(id=invitation.id).update(redeemed_at=now, redeemed_by_id=redeemed_by)


# ---------------------------------------------------------------- links awaiting consent


async def propose_link(
    *,
    student_id: int,
    guardian_id: int,
    relationship: Relationship,
    source: PendingLinkSource,
    now: dt.datetime,
) -> bool:
    """Asks an existing account's owner to confirm a link to a child; True when that is new
    or changed. Nothing when already linked, or once the owner has decided (a declined link
    is not asked again by a re-import). Inside the caller's transaction."""
    if await Guardianship.exists(student_id=student_id, guardian_id=guardian_id):
        return False
    pending = await PendingGuardianship.get_or_none(student_id=student_id, guardian_id=guardian_id)
    if pending is None:
        await PendingGuardianship.create(
            student_id=student_id,
            guardian_id=guardian_id,
            relationship=relationship,
            source=source,
            created_at=now,
        )
        return True
    if pending.status == PendingLinkStatus.PENDING and pending.relationship != relationship:
        await PendingGuardianship.filter(id=pending.id).update(relationship=relationship)
        return True
    return False


async def accept_link(
    *,
    viewer: Viewer,
    link_id: int,
    child_data_consent: bool,
    child_consent_version: str,
    now: dt.datetime,
) -> Guardianship:
    """The owner confirms: the link becomes a guardianship, with the guardian's consent to
    the processing of a child's data under 14 (PIPL), as when redeeming an invitation."""
    async with in_transaction():
        pending = (
            await PendingGuardianship.visible_to(viewer).select_for_update().get_or_none(id=link_id)
        )
        if pending is None:
            raise DomainError.single(ErrorCode.NOT_FOUND, "找不到该关联请求", "linkId")
        student = await Student.get(id=pending.student_id)
        if student.age_on(now.date()) < CHILD_CONSENT_AGE and not child_data_consent:
            raise DomainError.single(
                AccountErrorCode.CHILD_CONSENT_REQUIRED,
                "孩子未满14周岁，需要监护人同意处理孩子的个人信息",
                "childDataConsent",
            )
        link, _ = await Guardianship.get_or_create(
            student_id=student.id,
            guardian_id=pending.guardian_id,
            defaults={"relationship": pending.relationship, "created_at": now},
        )
        await PendingGuardianship.filter(id=pending.id).update(
            status=PendingLinkStatus.ACCEPTED, decided_at=now
        )
        if child_data_consent:
            await _record_child_consent(pending.guardian_id, student.id, child_consent_version, now)
    return link


async def decline_link(*, viewer: Viewer, link_id: int, now: dt.datetime) -> None:
    """The owner refuses: nothing of the child is shown, and a re-import does not ask again."""
    updated = (
        await PendingGuardianship.visible_to(viewer)
        .filter(id=link_id)
        .update(status=PendingLinkStatus.DECLINED, decided_at=now)
    )
    if not updated:
        raise DomainError.single(ErrorCode.NOT_FOUND, "找不到该关联请求", "linkId")
