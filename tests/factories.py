"""Factories that build rows for a test's given-state; defaults are believable and unique."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

from models.accounts import PasswordHashProfile, User, hash_password
from models.schools import (
    District,
    Gender,
    Guardianship,
    Relationship,
    School,
    SchoolClass,
    SchoolYear,
    StaffAssignment,
    StaffRole,
    Student,
    age_band_for_grade,
)
from notifications.consent import record_push_consent
from notifications.devices import register_device
from notifications.models import Platform, PushDevice, PushKind
from tests.client import DEMO_PASSWORD

START = dt.datetime(2026, 11, 2, 2, 0, tzinfo=dt.UTC)  # a Monday, 10:00 in Asia/Shanghai
_seq = itertools.count(1)
_password_hash: str | None = None


def _hash() -> str:
    global _password_hash
    if _password_hash is None:  # once per run, with the cheap profile the test app uses
        _password_hash = hash_password(DEMO_PASSWORD, PasswordHashProfile.TEST)
    return _password_hash


async def make_user(
    name: str | None = None, phone: str | None = None, password: bool = True
) -> User:
    n = next(_seq)
    return await User.create(
        phone=phone or f"+86137{n:08d}",
        name=name or f"用户{n}",
        password_hash=_hash() if password else None,
        created_at=START,
    )


async def make_school_year(today: dt.date = START.date()) -> SchoolYear:
    start = today.year if today.month >= 9 else today.year - 1
    year, _ = await SchoolYear.get_or_create(
        name=f"{start}-{start + 1}",
        defaults={"starts_on": dt.date(start, 9, 1), "ends_on": dt.date(start + 1, 8, 31)},
    )
    return year


async def make_district(name: str | None = None) -> District:
    return await District.create(name=name or f"测试区{next(_seq)}")


async def make_school(district: District | None = None, name: str | None = None) -> School:
    district = district or await make_district()
    return await School.create(district=district, name=name or f"测试学校{next(_seq)}")


async def make_class(
    school: School | None = None, grade: int = 5, name: str | None = None
) -> SchoolClass:
    school = school or await make_school()
    year = await make_school_year()
    return await SchoolClass.create(
        school=school,
        school_year=year,
        name=name or f"{grade}年级{next(_seq)}班",
        grade=grade,
        age_band=age_band_for_grade(grade),
    )


async def make_student(
    school_class: SchoolClass | None = None, birth_date: dt.date = dt.date(2016, 5, 1)
) -> Student:
    school_class = school_class or await make_class()
    n = next(_seq)
    return await Student.create(
        school_id=school_class.school_id,
        school_class=school_class,
        student_no=f"S{n:06d}",
        name=f"学生{n}",
        gender=Gender.FEMALE,
        birth_date=birth_date,
    )


async def make_guardian(
    student: Student, user: User | None = None, relationship: Relationship = Relationship.MOTHER
) -> User:
    user = user or await make_user()
    await Guardianship.create(
        student=student, guardian=user, relationship=relationship, created_at=START
    )
    return user


async def make_staff(
    role: StaffRole,
    *,
    district: District | None = None,
    school: School | None = None,
    school_class: SchoolClass | None = None,
    user: User | None = None,
) -> User:
    user = user or await make_user()
    await StaffAssignment.create(
        user=user, role=role, district=district, school=school, school_class=school_class
    )
    return user


async def make_device(
    user: User,
    token: str | None = None,
    *,
    platform: Platform = Platform.ANDROID,
    push_kind: PushKind = PushKind.FCM,
    app_version: str = "3.2.0",
    locale: str = "zh-CN",
    now: dt.datetime = START,
    consent: bool = False,
) -> PushDevice:
    """A phone the person signed in on, registered for push as the app does it; with
    `consent`, the person has also agreed to push (the policy in force)."""
    device = await register_device(
        user_id=user.id,
        token=token or f"device-{next(_seq)}",
        platform=platform,
        push_kind=push_kind,
        app_version=app_version,
        locale=locale,
        now=now,
    )
    if consent:
        await record_push_consent(user_id=user.id, policy_version="2026-09", now=now)
    return device


@dataclass
class World:
    """Two families in two classes of one school, plus staff: the usual cast of a test."""

    district: District
    school: School
    class_a: SchoolClass
    class_b: SchoolClass
    student_a: Student
    student_b: Student
    parent_a: User
    parent_b: User
    teacher_a: User
    teacher_b: User
    counselor: User
    lecturer: User
    school_admin: User
    district_admin: User
    other_school: School


async def make_world() -> World:
    district = await make_district()
    school = await make_school(district)
    class_a = await make_class(school, grade=5)
    class_b = await make_class(school, grade=8)
    student_a = await make_student(class_a)
    student_b = await make_student(class_b, birth_date=dt.date(2012, 3, 1))
    return World(
        district=district,
        school=school,
        class_a=class_a,
        class_b=class_b,
        student_a=student_a,
        student_b=student_b,
        parent_a=await make_guardian(student_a),
        parent_b=await make_guardian(student_b, relationship=Relationship.FATHER),
        teacher_a=await make_staff(StaffRole.CLASS_TEACHER, school_class=class_a),
        teacher_b=await make_staff(StaffRole.CLASS_TEACHER, school_class=class_b),
        counselor=await make_staff(StaffRole.COUNSELOR, school=school),
        lecturer=await make_staff(StaffRole.LECTURER, district=district),
        school_admin=await make_staff(StaffRole.SCHOOL_ADMIN, school=school),
        district_admin=await make_staff(StaffRole.DISTRICT_ADMIN, district=district),
        other_school=await make_school(await make_district()),
    )
