"""People, sign-in sessions, refresh-token chains, lock-out, policy agreements, who sees a phone,
and the tables of invitations and of links awaiting consent (operations: models/invitations.py)."""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import os
import secrets
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import TypeVar

import argon2
import phonenumbers
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from tortoise import fields
from tortoise.expressions import Q, Subquery
from tortoise.models import Model
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction
from zxcvbn import zxcvbn

from core.errors import DomainError, ErrorCode, error_codes
from models.schools import Guardianship, Relationship, StaffAssignment, StaffRole, Student
from models.viewer import Viewer
from notifications import devices

ACCESS_TOKEN_TTL = dt.timedelta(minutes=15)
REFRESH_TOKEN_TTL = dt.timedelta(days=30)
INVITATION_TTL = dt.timedelta(days=14)
# Lock-out per phone and client address: the first failures are free, then each attempt
# must wait longer, then a long lock, for that client alone.
FREE_FAILURES = 5
LOCK_FAILURES = 10
LOCK_DURATION = dt.timedelta(minutes=15)
FAILURE_WINDOW = dt.timedelta(minutes=15)
# And a slower ceiling per phone whatever the client (NIST SP 800-63B 5.2.2: no more than 100
# consecutive failures): many addresses guessing together lock the phone for an hour at most.
PHONE_LOCK_FAILURES = 100
PHONE_LOCK_DURATION = dt.timedelta(hours=1)
PHONE_FAILURE_WINDOW = dt.timedelta(hours=24)
MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 128
MAX_NAME_LENGTH = 50
CHILD_CONSENT_AGE = 14  # PIPL: a child under 14 needs the guardian's consent


class PasswordHashProfile(StrEnum):
    """What a password hash costs: argon2id at RFC 9106's low-memory profile for people's
    accounts (the default), or argon2's cheapest parameters where the cost buys nothing (the
    test suite; refused in production). A hash records its own parameters, so one made with
    either profile verifies under the other; a login under the production profile rewrites a
    hash made with other parameters."""

    PRODUCTION = "production"
    TEST = "test"


PASSWORD_HASH_PARAMETERS: dict[PasswordHashProfile, argon2.Parameters] = {
    PasswordHashProfile.PRODUCTION: argon2.profiles.RFC_9106_LOW_MEMORY,
    PasswordHashProfile.TEST: argon2.profiles.CHEAPEST,
}


class _PasswordHashing:
    def __init__(self, profile: PasswordHashProfile) -> None:
        self.profile = profile
        self.hasher = PasswordHasher.from_parameters(PASSWORD_HASH_PARAMETERS[profile])

    @cached_property
    def dummy_hash(self) -> str:
        """Verifying against this keeps the time of a login for an unknown phone like a real
        one's. Made at the first login, not at import."""
        return self.hasher.hash("homeroom-timing-equaliser")


_hashing = _PasswordHashing(PasswordHashProfile.PRODUCTION)


# argon2 runs here, never on the event loop (a check costs 100-300 ms of CPU; argon2-cffi
# lets go of the GIL while it hashes). Few threads, so a burst of logins queues here while
# the loop, with a core to itself, keeps serving everything else.
_T = TypeVar("_T")
HASH_THREADS = max(1, min(4, (os.cpu_count() or 2) - 1))
_hash_pool = ThreadPoolExecutor(max_workers=HASH_THREADS, thread_name_prefix="password-hash")


async def _off_loop(work: Callable[[], _T]) -> _T:
    return await asyncio.get_running_loop().run_in_executor(_hash_pool, work)


def use_password_hash_profile(profile: PasswordHashProfile) -> None:
    """Chosen once at start-up (`server.app.create_app`, from HOMEROOM_PASSWORD_HASH_PROFILE)."""
    global _hashing
    if _hashing.profile != profile:
        _hashing = _PasswordHashing(profile)


@error_codes
class AccountErrorCode(StrEnum):
    INVALID_CREDENTIALS = "INVALID_CREDENTIALS"
    ACCOUNT_LOCKED = "ACCOUNT_LOCKED"
    TOKEN_INVALID = "TOKEN_INVALID"
    TOKEN_EXPIRED = "TOKEN_EXPIRED"
    TOKEN_REUSED = "TOKEN_REUSED"
    POLICY_NOT_ACCEPTED = "POLICY_NOT_ACCEPTED"
    CHILD_CONSENT_REQUIRED = "CHILD_CONSENT_REQUIRED"
    PHONE_TAKEN = "PHONE_TAKEN"
    WEAK_PASSWORD = "WEAK_PASSWORD"
    INVITATION_INVALID = "INVITATION_INVALID"
    INVITATION_EXPIRED = "INVITATION_EXPIRED"
    INVITATION_USED = "INVITATION_USED"
    ALREADY_GUARDIAN = "ALREADY_GUARDIAN"


class PolicyDocument(StrEnum):
    PRIVACY_POLICY = "PRIVACY_POLICY"
    CHILD_DATA_CONSENT = "CHILD_DATA_CONSENT"


class User(Model):
    id = fields.IntField(primary_key=True)
    phone = fields.CharField(max_length=20, unique=True, description="E.164")
    name = fields.CharField(max_length=50)
    password_hash = fields.CharField(max_length=200, null=True)
    is_active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField()

    class Meta:
        table = "app_user"

    @classmethod
    def visible_to(cls, viewer: Viewer) -> QuerySet[User]:
        """Yourself; guardians of students you teach or look after; your children's class
        teachers."""
        if viewer.user_id is None:
            return cls.filter(id__in=[])
        staff_students = Student.visible_to(viewer.as_staff()).values_list("id", flat=True)
        guardians = Guardianship.filter(student_id__in=Subquery(staff_students)).values_list(
            "guardian_id", flat=True
        )
        teachers = StaffAssignment.filter(
            role=StaffRole.CLASS_TEACHER, school_class_id__in=list(viewer.child_class_ids)
        ).values_list("user_id", flat=True)
        return cls.filter(
            Q(id=viewer.user_id) | Q(id__in=Subquery(guardians)) | Q(id__in=Subquery(teachers))
        )


class AuthSession(Model):
    """One signed-in device; its refresh tokens form a chain that is revoked as a whole."""

    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="sessions", on_delete=fields.CASCADE
    )
    user_id: int
    created_at = fields.DatetimeField()
    revoked_at = fields.DatetimeField(null=True)
    revoked_reason = fields.CharField(max_length=40, null=True)

    class Meta:
        table = "auth_session"
        indexes = (("user_id",),)


class RefreshToken(Model):
    id = fields.IntField(primary_key=True)
    session: fields.ForeignKeyRelation[AuthSession] = fields.ForeignKeyField(
        "models.AuthSession", related_name="refresh_tokens", on_delete=fields.CASCADE
    )
    session_id: int
    token_hash = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField()
    expires_at = fields.DatetimeField()
    used_at = fields.DatetimeField(null=True)

    class Meta:
        table = "refresh_token"
        indexes = (("session_id",),)


class LoginThrottle(Model):
    """Failed sign-ins per phone from any client, known or not, so lock-out says nothing
    about who exists: the slow ceiling (`PHONE_LOCK_FAILURES`)."""

    phone = fields.CharField(max_length=20, primary_key=True)
    failures = fields.IntField(default=0)
    last_failure_at = fields.DatetimeField(null=True)
    locked_until = fields.DatetimeField(null=True)

    class Meta:
        table = "login_throttle"


class ClientLoginThrottle(Model):
    """Failed sign-ins per phone from one client address: the fast lock-out falls on the
    client that guesses, so a stranger cannot lock a parent out of their own phone."""

    id = fields.IntField(primary_key=True)
    phone = fields.CharField(max_length=20)
    client = fields.CharField(max_length=64, description="the address uvicorn reports")
    failures = fields.IntField(default=0)
    last_failure_at = fields.DatetimeField(null=True)
    locked_until = fields.DatetimeField(null=True)

    class Meta:
        table = "login_client_throttle"
        unique_together = (("phone", "client"),)


class PolicyAgreement(Model):
    """The record of a person's agreement to a policy version (and, for a child, whose data)."""

    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="agreements", on_delete=fields.CASCADE
    )
    user_id: int
    document = fields.CharEnumField(PolicyDocument, max_length=30)
    version = fields.CharField(max_length=20)
    student: fields.ForeignKeyNullableRelation[Student] = fields.ForeignKeyField(
        "models.Student", related_name="consents", null=True, on_delete=fields.CASCADE
    )
    student_id: int | None
    agreed_at = fields.DatetimeField()

    class Meta:
        table = "policy_agreement"
        indexes = (("user_id",), ("student_id",))


class Invitation(Model):
    """A one-time code a class teacher gives a family to link a parent to a student."""

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=16, unique=True)
    student: fields.ForeignKeyRelation[Student] = fields.ForeignKeyField(
        "models.Student", related_name="invitations", on_delete=fields.CASCADE
    )
    student_id: int
    issued_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="issued_invitations", on_delete=fields.CASCADE
    )
    issued_by_id: int
    created_at = fields.DatetimeField()
    expires_at = fields.DatetimeField()
    redeemed_at = fields.DatetimeField(null=True)
    redeemed_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="redeemed_invitations", null=True, on_delete=fields.SET_NULL
    )
    redeemed_by_id: int | None

    class Meta:
        table = "invitation"
        indexes = (("student_id",), ("issued_by_id",), ("redeemed_by_id",))


class PendingLinkSource(StrEnum):
    ROSTER = "ROSTER"
    INVITATION = "INVITATION"


class PendingLinkStatus(StrEnum):
    PENDING = "PENDING"
    ACCEPTED = "ACCEPTED"
    DECLINED = "DECLINED"


class PendingGuardianship(Model):
    """A link of an existing account to a child that someone else proposed (a roster import,
    an invitation redeemed with that account's phone): it becomes a `Guardianship` only when
    the account's owner accepts. Until then the proposer learns nothing about the account and
    the owner sees nothing of the school but the proposal."""

    id = fields.IntField(primary_key=True)
    student: fields.ForeignKeyRelation[Student] = fields.ForeignKeyField(
        "models.Student", related_name="pending_guardianships", on_delete=fields.CASCADE
    )
    student_id: int
    guardian: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="pending_guardianships", on_delete=fields.CASCADE
    )
    guardian_id: int
    relationship = fields.CharEnumField(Relationship, max_length=20)
    source = fields.CharEnumField(PendingLinkSource, max_length=20)
    status = fields.CharEnumField(
        PendingLinkStatus, max_length=20, default=PendingLinkStatus.PENDING
    )
    created_at = fields.DatetimeField()
    decided_at = fields.DatetimeField(null=True)

    class Meta:
        table = "pending_guardianship"
        unique_together = (("student", "guardian"),)
        indexes = (("guardian_id", "status"),)

    @classmethod
    def visible_to(cls, viewer: Viewer) -> QuerySet[PendingGuardianship]:
        """Only the account's owner, and only while it waits: whoever proposed it sees
        nothing of the account."""
        if viewer.user_id is None:
            return cls.filter(id__in=[])
        return cls.filter(guardian_id=viewer.user_id, status=PendingLinkStatus.PENDING)


# ---------------------------------------------------------------- helpers


def normalize_phone(raw: str, field: str = "phone") -> str:
    """A mainland number typed any usual way becomes E.164; anything else is refused."""
    try:
        number = phonenumbers.parse(raw, "CN")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise DomainError.single(ErrorCode.INVALID, "手机号码格式不正确", field)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def hash_password(password: str, profile: PasswordHashProfile | None = None) -> str:
    """With the profile in force, or with the one given (demo data: always production)."""
    if profile is None or profile == _hashing.profile:
        return _hashing.hasher.hash(password)
    return PasswordHasher.from_parameters(PASSWORD_HASH_PARAMETERS[profile]).hash(password)


async def hash_password_off_loop(password: str) -> str:
    return await _off_loop(lambda: hash_password(password))


# zxcvbn's dictionaries (leaked-password lists, names, words, keyboard walks) are English;
# these are the most common passwords of Chinese leaks (CSDN 2011 and later) it rates too
# kindly: to zxcvbn they are dictionary words, so a password built on one scores low.
_COMMON_CHINESE_PASSWORDS = (
    "woaini1314",
    "woaini520",
    "5201314",
    "1314520",
    "woaini",
    "dearbook",
    "xiazhili",
    "qq123456",
    "zhang123",
    "wang123",
    "li123456",
    "a123456",
    "aa123456",
    "123456aa",
    "147258369",
    "789456123",
    "31415926",
    "110110110",
)
# Enough to be slow to guess offline and online (zxcvbn: score 2 is about 10^8 guesses).
MIN_PASSWORD_SCORE = 2
_ZXCVBN_MAX_LENGTH = 72  # zxcvbn refuses longer; characters past this only add strength


def check_password_strength(
    password: str, field: str = "password", *, personal: tuple[str, ...] = ()
) -> None:
    """Length, then guessability: common and breached passwords, repeats, keyboard walks,
    dates, and the person's own phone or name (`personal`) are refused."""
    if not MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH:
        raise DomainError.single(
            AccountErrorCode.WEAK_PASSWORD,
            f"密码须为 {MIN_PASSWORD_LENGTH} 到 {MAX_PASSWORD_LENGTH} 个字符",
            field,
        )
    phone_digits = tuple(p.lstrip("+").removeprefix("86") for p in personal if p.startswith("+"))
    estimate = zxcvbn(
        password[:_ZXCVBN_MAX_LENGTH],
        user_inputs=[*personal, *phone_digits, *_COMMON_CHINESE_PASSWORDS],
        max_length=_ZXCVBN_MAX_LENGTH,
    )
    if estimate["score"] < MIN_PASSWORD_SCORE:
        raise DomainError.single(
            AccountErrorCode.WEAK_PASSWORD,
            "密码太常见或太容易被猜到（如常用密码、重复字符、键盘顺序、手机号），请换一个",
            field,
        )


def _verify_password(stored: str | None, password: str) -> bool:
    hasher = _hashing.hasher
    try:
        return hasher.verify(stored or _hashing.dummy_hash, password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def _upgraded_hash(stored: str | None, password: str) -> str | None:
    """After a successful login under the production profile: a new hash when the stored one
    was made with other parameters (an older cost, a test profile), else None. The test
    profile never rewrites a hash."""
    if (
        stored is None
        or _hashing.profile != PasswordHashProfile.PRODUCTION
        or not _hashing.hasher.check_needs_rehash(stored)
    ):
        return None
    return _hashing.hasher.hash(password)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def _issue_refresh_token(session_id: int, now: dt.datetime) -> str:
    token = secrets.token_urlsafe(32)
    await RefreshToken.create(
        session_id=session_id,
        token_hash=_token_hash(token),
        created_at=now,
        expires_at=now + REFRESH_TOKEN_TTL,
    )
    return token


@dataclass(frozen=True, slots=True)
class SignedIn:
    user: User
    session_id: int
    refresh_token: str


async def _has_agreed(user_id: int, version: str) -> bool:
    return await PolicyAgreement.exists(
        user_id=user_id, document=PolicyDocument.PRIVACY_POLICY, version=version
    )


async def record_policy(user_id: int, version: str, now: dt.datetime) -> None:
    if not await _has_agreed(user_id, version):
        await PolicyAgreement.create(
            user_id=user_id, document=PolicyDocument.PRIVACY_POLICY, version=version, agreed_at=now
        )


def require_policy(accepted: str | None, current: str) -> None:
    if accepted != current:
        raise DomainError.single(
            AccountErrorCode.POLICY_NOT_ACCEPTED,
            f"请阅读并同意隐私政策（版本 {current}）",
            "acceptedPolicyVersion",
        )


# ---------------------------------------------------------------- operations


async def create_user(*, phone: str, name: str, password: str | None, now: dt.datetime) -> User:
    phone = normalize_phone(phone)
    name = name.strip()
    if not 1 <= len(name) <= MAX_NAME_LENGTH:
        raise DomainError.single(
            ErrorCode.INVALID, f"姓名须为 1 到 {MAX_NAME_LENGTH} 个字符", "name"
        )
    if password is not None:
        check_password_strength(password, personal=(phone, name))
    if await User.exists(phone=phone):
        raise DomainError.single(AccountErrorCode.PHONE_TAKEN, "该手机号已注册", "phone")
    return await User.create(
        phone=phone,
        name=name,
        password_hash=await hash_password_off_loop(password) if password else None,
        created_at=now,
    )


async def login(
    *,
    phone: str,
    password: str,
    accepted_policy_version: str | None,
    current_policy_version: str,
    now: dt.datetime,
    client: str = "unknown",
) -> SignedIn:
    """Every attempt counts, even one refused while locked, so aliases and retries can't
    get around the lock. The lock falls on the phone from this client address (a stranger
    guessing locks only themself out), and, far more slowly, on the phone from anywhere.
    A locked phone is refused before any hashing (a locked phone costs the server nothing);
    otherwise a wrong password and an unknown phone cost and look the same (a dummy hash is
    checked), in the hashing threads, off the event loop."""
    client = client[:64]
    try:
        phone = normalize_phone(phone)
    except DomainError:
        await _off_loop(lambda: _verify_password(None, password))
        raise DomainError.single(AccountErrorCode.INVALID_CREDENTIALS, "手机号或密码错误") from None
    # A refused attempt must still be counted: commit the count, then raise.
    async with in_transaction():
        throttles = await _locked_throttles(phone, client, now)
        refusal = await _refusal_if_locked(throttles, now)
    if refusal is not None:
        raise refusal
    user = await User.get_or_none(phone=phone, is_active=True)
    stored = user.password_hash if user else None
    ok = await _off_loop(lambda: _verify_password(stored, password))
    upgraded = await _off_loop(lambda: _upgraded_hash(stored, password)) if ok else None
    async with in_transaction():
        # Attempts hashed side by side: one that finds the phone locked meanwhile is refused.
        throttles = await _locked_throttles(phone, client, now)
        refusal = await _refusal_if_locked(throttles, now)
        if refusal is None and (not ok or user is None):
            await _count_failure(throttles.by_client, now, _CLIENT_POLICY)
            await _count_failure(throttles.by_phone, now, _PHONE_POLICY)
            refusal = DomainError.single(AccountErrorCode.INVALID_CREDENTIALS, "手机号或密码错误")
    if refusal is not None or user is None:
        raise refusal or DomainError.single(
            AccountErrorCode.INVALID_CREDENTIALS, "手机号或密码错误"
        )
    async with in_transaction():
        await LoginThrottle.filter(phone=phone).update(failures=0, locked_until=None)
        await ClientLoginThrottle.filter(phone=phone, client=client).update(
            failures=0, locked_until=None
        )
        if upgraded is not None:
            await User.filter(id=user.id).update(password_hash=upgraded)
        if not await _has_agreed(user.id, current_policy_version):
            require_policy(accepted_policy_version, current_policy_version)
            await record_policy(user.id, current_policy_version, now)
        session = await AuthSession.create(user_id=user.id, created_at=now)
        token = await _issue_refresh_token(session.id, now)
    return SignedIn(user=user, session_id=session.id, refresh_token=token)


@dataclass(frozen=True, slots=True)
class _LockPolicy:
    free: int  # failures before each attempt must wait (2, 4, 8 … seconds)
    lock_at: int
    lock_for: dt.timedelta
    window: dt.timedelta  # failures older than this are forgotten
    # Whether an attempt refused by the lock extends it: yes for the guessing client; not for
    # the phone, or anyone could keep a parent locked out with one request an hour.
    refusal_extends: bool


_CLIENT_POLICY = _LockPolicy(FREE_FAILURES, LOCK_FAILURES, LOCK_DURATION, FAILURE_WINDOW, True)
_PHONE_POLICY = _LockPolicy(
    PHONE_LOCK_FAILURES, PHONE_LOCK_FAILURES, PHONE_LOCK_DURATION, PHONE_FAILURE_WINDOW, False
)


@dataclass(frozen=True, slots=True)
class _Throttles:
    by_phone: LoginThrottle
    by_client: ClientLoginThrottle


async def _locked_throttles(phone: str, client: str, now: dt.datetime) -> _Throttles:
    """The phone's throttle rows (from anywhere, from this client), locked for this
    transaction, each window reset when old."""
    await LoginThrottle.get_or_create(phone=phone)
    await ClientLoginThrottle.get_or_create(phone=phone, client=client)
    by_phone = await LoginThrottle.select_for_update().get(phone=phone)
    by_client = await ClientLoginThrottle.select_for_update().get(phone=phone, client=client)
    for throttle, policy in ((by_phone, _PHONE_POLICY), (by_client, _CLIENT_POLICY)):
        old = throttle.last_failure_at and now - throttle.last_failure_at > policy.window
        served = throttle.failures >= policy.lock_at and (
            throttle.locked_until is None or throttle.locked_until <= now
        )
        if old or served:  # a lock served wipes the slate: the next lock takes a full count
            throttle.failures = 0
    return _Throttles(by_phone, by_client)


async def _refusal_if_locked(throttles: _Throttles, now: dt.datetime) -> DomainError | None:
    """A refused attempt counts where the lock is (so hammering a lock keeps it), and only
    there: a client refused for its own guesses does not bring the phone's ceiling nearer."""
    for throttle, policy in (
        (throttles.by_phone, _PHONE_POLICY),
        (throttles.by_client, _CLIENT_POLICY),
    ):
        if throttle.locked_until is not None and throttle.locked_until > now:
            await _count_failure(throttle, now, policy, refused=True)
            wait = int((throttle.locked_until - now).total_seconds()) + 1
            return DomainError.single(
                AccountErrorCode.ACCOUNT_LOCKED, f"登录尝试过多，请 {wait} 秒后再试"
            )
    return None


async def _count_failure(
    throttle: LoginThrottle | ClientLoginThrottle,
    now: dt.datetime,
    policy: _LockPolicy,
    *,
    refused: bool = False,
) -> None:
    throttle.failures += 1
    throttle.last_failure_at = now
    if refused and not policy.refusal_extends:
        pass
    elif throttle.failures >= policy.lock_at:
        throttle.locked_until = now + policy.lock_for
    elif throttle.failures > policy.free:
        # slowed: 2, 4, 8, 16 seconds between attempts
        throttle.locked_until = now + dt.timedelta(seconds=2 ** (throttle.failures - policy.free))
    await throttle.save()


async def refresh(*, refresh_token: str, now: dt.datetime) -> SignedIn:
    """Rotate: the presented token is spent and a new one issued in the same chain.
    A spent token presented again means it leaked: the whole chain is revoked."""
    async with in_transaction():
        row = await RefreshToken.get_or_none(token_hash=_token_hash(refresh_token)).select_related(
            "session__user"
        )
        if row is None or row.session.revoked_at is not None or not row.session.user.is_active:
            raise DomainError.single(AccountErrorCode.TOKEN_INVALID, "登录已失效，请重新登录")
        spent = await RefreshToken.filter(id=row.id, used_at=None).update(used_at=now)
        if spent and row.expires_at > now:
            token = await _issue_refresh_token(row.session_id, now)
            return SignedIn(user=row.session.user, session_id=row.session_id, refresh_token=token)
        if not spent:
            # A spent token came back: it leaked. Revoke the chain (committed), then refuse.
            await AuthSession.filter(id=row.session_id).update(
                revoked_at=now, revoked_reason="refresh_token_reuse"
            )
    if not spent:
        raise DomainError.single(AccountErrorCode.TOKEN_REUSED, "登录凭证已被使用，请重新登录")
    raise DomainError.single(AccountErrorCode.TOKEN_EXPIRED, "登录已过期，请重新登录")


async def logout(*, viewer: Viewer, now: dt.datetime, device_token: str | None = None) -> None:
    """Ends the viewer's session (its access token stops at once) and, given this device's
    push token, stops its pushes: one transaction, so a signed-out phone never rings."""
    async with in_transaction():
        if viewer.session_id is not None:
            await AuthSession.filter(id=viewer.session_id, revoked_at=None).update(
                revoked_at=now, revoked_reason="logout"
            )
        if device_token and viewer.user_id is not None:
            await devices.drop_device(user_id=viewer.user_id, token=device_token)


@dataclass(frozen=True, slots=True)
class PhoneContext:
    """Where a person belongs, as far as it decides who may read their full phone."""

    guardian_class_ids: frozenset[int] = frozenset()
    guardian_school_ids: frozenset[int] = frozenset()
    staff_school_ids: frozenset[int] = frozenset()
    staff_district_ids: frozenset[int] = frozenset()


async def phone_contexts(user_ids: Sequence[int]) -> list[PhoneContext]:
    """For a batch of people, in two queries."""
    ids = list(set(user_ids))
    guardian: dict[int, tuple[set[int], set[int]]] = {i: (set(), set()) for i in ids}
    for user_id, class_id, school_id in await Guardianship.filter(guardian_id__in=ids).values_list(
        "guardian_id", "student__school_class_id", "student__school_id"
    ):
        guardian[user_id][0].add(class_id)
        guardian[user_id][1].add(school_id)
    staff: dict[int, tuple[set[int], set[int]]] = {i: (set(), set()) for i in ids}
    for a in await StaffAssignment.filter(user_id__in=ids).select_related(
        "school", "school_class__school"
    ):
        school = a.school or (a.school_class.school if a.school_class else None)
        if school is not None:
            staff[a.user_id][0].add(school.id)
            staff[a.user_id][1].add(school.district_id)
        if a.district_id is not None:
            staff[a.user_id][1].add(a.district_id)
    return [
        PhoneContext(
            frozenset(guardian[i][0]),
            frozenset(guardian[i][1]),
            frozenset(staff[i][0]),
            frozenset(staff[i][1]),
        )
        for i in user_ids
    ]


def phone_shown_to(viewer: Viewer, user: User, context: PhoneContext) -> str:
    """In full only where the role needs it: to the person; to a class teacher, the
    guardians of their class; to a counselor or school administrator, the families of
    their school; to a school's staff, their colleagues; to a district administrator, the
    staff of the district. Masked (+86138****0001) to everyone else, a staff member who is
    also a parent included."""
    teacher_schools = {
        a.class_school_id
        for a in viewer.assignments
        if a.role == StaffRole.CLASS_TEACHER and a.class_school_id is not None
    }
    full = (
        viewer.user_id == user.id
        or bool(viewer.taught_class_ids & context.guardian_class_ids)
        or bool(viewer.staff_school_ids & context.guardian_school_ids)
        or bool((viewer.staff_school_ids | teacher_schools) & context.staff_school_ids)
        or bool(viewer.admin_district_ids & context.staff_district_ids)
    )
    if full:
        return user.phone
    phone = user.phone
    return phone[:-8] + "****" + phone[-4:] if len(phone) > 8 else "****"


async def active_session_user(session_id: int, user_id: int) -> bool:
    return await AuthSession.exists(
        id=session_id, user_id=user_id, revoked_at=None, user__is_active=True
    )
