"""Setting up a real district: the district, its schools, school years and terms, and staff
with roles whose scope fits the role. Each operation is one transaction (issue 15)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from tortoise.transactions import in_transaction

from core.errors import DomainError, ErrorCode, FieldError, error_codes
from models.accounts import User, create_user, normalize_phone
from models.schools import (
    District,
    School,
    SchoolClass,
    SchoolYear,
    StaffAssignment,
    StaffRole,
    Term,
)
from models.viewer import Viewer


@error_codes
class AdministrationErrorCode(StrEnum):
    NAME_TAKEN = "NAME_TAKEN"
    # a role given a place it does not apply to, or none (a SCHOOL_ADMIN without a school)
    WRONG_SCOPE = "WRONG_SCOPE"
    BAD_DATES = "BAD_DATES"
    ROLE_HELD = "ROLE_HELD"


# where each role applies: exactly this one of district, school, class
ROLE_SCOPE: dict[StaffRole, str] = {
    StaffRole.DISTRICT_ADMIN: "districtId",
    StaffRole.LECTURER: "districtId",
    StaffRole.SCHOOL_ADMIN: "schoolId",
    StaffRole.COUNSELOR: "schoolId",
    StaffRole.CLASS_TEACHER: "classId",
}


async def create_district(*, name: str, timezone: str = "Asia/Shanghai") -> District:
    name = _name(name, "name")
    async with in_transaction():
        if await District.exists(name=name):
            raise DomainError.single(AdministrationErrorCode.NAME_TAKEN, "该学区已存在", "name")
        return await District.create(name=name, timezone=timezone)


async def create_school(*, district_id: int, name: str) -> School:
    name = _name(name, "name")
    async with in_transaction():
        district = await District.get_or_none(id=district_id)
        if district is None:
            raise DomainError.single(ErrorCode.NOT_FOUND, "学区不存在", "districtId")
        if await School.exists(district_id=district_id, name=name):
            raise DomainError.single(AdministrationErrorCode.NAME_TAKEN, "该学校已存在", "name")
        return await School.create(district=district, name=name, timezone=district.timezone)


async def create_school_year(*, name: str, starts_on: dt.date, ends_on: dt.date) -> SchoolYear:
    name = _name(name, "name")
    _dates(starts_on, ends_on)
    async with in_transaction():
        if await SchoolYear.exists(name=name):
            raise DomainError.single(AdministrationErrorCode.NAME_TAKEN, "该学年已存在", "name")
        # `SchoolYear.current` picks the one year containing today: years may not overlap
        if await SchoolYear.exists(starts_on__lte=ends_on, ends_on__gte=starts_on):
            raise DomainError.single(
                AdministrationErrorCode.BAD_DATES, "与已有学年的日期重叠", "startsOn"
            )
        return await SchoolYear.create(name=name, starts_on=starts_on, ends_on=ends_on)


async def create_term(
    *, school_year_id: int, name: str, starts_on: dt.date, ends_on: dt.date
) -> Term:
    name = _name(name, "name")
    _dates(starts_on, ends_on)
    async with in_transaction():
        year = await SchoolYear.get_or_none(id=school_year_id)
        if year is None:
            raise DomainError.single(ErrorCode.NOT_FOUND, "学年不存在", "schoolYearId")
        if starts_on < year.starts_on or ends_on > year.ends_on:
            raise DomainError.single(
                AdministrationErrorCode.BAD_DATES, "学期须在学年之内", "startsOn"
            )
        if await Term.exists(school_year_id=year.id, name=name):
            raise DomainError.single(AdministrationErrorCode.NAME_TAKEN, "该学期已存在", "name")
        return await Term.create(school_year=year, name=name, starts_on=starts_on, ends_on=ends_on)


def check_scope(
    role: StaffRole, district_id: int | None, school_id: int | None, class_id: int | None
) -> None:
    """Exactly the place the role applies to, nothing else."""
    given = {"districtId": district_id, "schoolId": school_id, "classId": class_id}
    wanted = ROLE_SCOPE[role]
    errors = [
        FieldError(AdministrationErrorCode.WRONG_SCOPE, f"{role.value} 不适用于此范围", field)
        for field, value in given.items()
        if field != wanted and value is not None
    ]
    if given[wanted] is None:
        errors.append(
            FieldError(AdministrationErrorCode.WRONG_SCOPE, f"{role.value} 须指定范围", wanted)
        )
    if errors:
        raise DomainError(*errors)


async def assign_role(
    *,
    user: User,
    role: StaffRole,
    district_id: int | None = None,
    school_id: int | None = None,
    class_id: int | None = None,
) -> StaffAssignment:
    """Call inside a transaction; the place must exist and the role fit it."""
    check_scope(role, district_id, school_id, class_id)
    for model, ident, field in (
        (District, district_id, "districtId"),
        (School, school_id, "schoolId"),
        (SchoolClass, class_id, "classId"),
    ):
        if ident is not None and not await model.exists(id=ident):
            raise DomainError.single(ErrorCode.NOT_FOUND, "所指定的范围不存在", field)
    if await StaffAssignment.exists(
        user_id=user.id,
        role=role,
        district_id=district_id,
        school_id=school_id,
        school_class_id=class_id,
    ):
        raise DomainError.single(AdministrationErrorCode.ROLE_HELD, "已有该角色", "role")
    return await StaffAssignment.create(
        user=user, role=role, district_id=district_id, school_id=school_id, school_class_id=class_id
    )


async def create_staff_user(
    *,
    phone: str,
    name: str,
    password: str | None,
    now: dt.datetime,
    role: StaffRole | None = None,
    district_id: int | None = None,
    school_id: int | None = None,
    class_id: int | None = None,
) -> User:
    """The person and their role, or neither."""
    if role is not None:
        check_scope(role, district_id, school_id, class_id)
    async with in_transaction():
        user = await create_user(phone=phone, name=name, password=password, now=now)
        if role is not None:
            await assign_role(
                user=user,
                role=role,
                district_id=district_id,
                school_id=school_id,
                class_id=class_id,
            )
        return user


# ---------------------------------------------------------------- as a district administrator
# The same operations, for a district admin in the app: only inside the districts they
# administer; a place elsewhere is NOT_FOUND, as if it did not exist. School years and terms
# are the one calendar every district shares (models.schools.SchoolYear is not per district).


async def create_school_as(viewer: Viewer, *, district_id: int, name: str) -> School:
    if district_id not in viewer.admin_district_ids:
        raise DomainError.single(ErrorCode.NOT_FOUND, "学区不存在", "districtId")
    return await create_school(district_id=district_id, name=name)


async def create_term_in(
    *, school_year: str, name: str, starts_on: dt.date, ends_on: dt.date
) -> Term:
    """A term of the school year named `school_year` (names are unique)."""
    year_id: Any = await (
        SchoolYear.filter(name=school_year.strip()).first().values_list("id", flat=True)
    )
    if year_id is None:
        raise DomainError.single(ErrorCode.NOT_FOUND, "学年不存在", "schoolYear")
    return await create_term(
        school_year_id=year_id, name=name, starts_on=starts_on, ends_on=ends_on
    )


async def _district_of_place(
    district_id: int | None, school_id: int | None, class_id: int | None
) -> int | None:
    # values_list(flat=True) is typed as a tuple, though a flat first() gives the value itself
    found: Any = None
    if district_id is not None:
        return district_id
    if school_id is not None:
        found = await School.filter(id=school_id).first().values_list("district_id", flat=True)
    elif class_id is not None:
        found = await (
            SchoolClass.filter(id=class_id).first().values_list("school__district_id", flat=True)
        )
    return int(found) if found is not None else None


async def assign_role_as(
    viewer: Viewer,
    *,
    phone: str,
    role: StaffRole,
    district_id: int | None = None,
    school_id: int | None = None,
    class_id: int | None = None,
) -> StaffAssignment:
    """A district admin gives a person with an account a role inside their district."""
    check_scope(role, district_id, school_id, class_id)
    field = ROLE_SCOPE[role]
    if await _district_of_place(district_id, school_id, class_id) not in viewer.admin_district_ids:
        raise DomainError.single(ErrorCode.NOT_FOUND, "所指定的范围不存在", field)
    user = await User.get_or_none(phone=normalize_phone(phone), is_active=True)
    if user is None:
        raise DomainError.single(ErrorCode.NOT_FOUND, "该手机号尚未注册，请先请其注册账号", "phone")
    async with in_transaction():
        return await assign_role(
            user=user, role=role, district_id=district_id, school_id=school_id, class_id=class_id
        )


def _name(value: str, field: str) -> str:
    value = value.strip()
    if not 1 <= len(value) <= 100:
        raise DomainError.single(ErrorCode.INVALID, "名称须为 1 到 100 个字符", field)
    return value


def _dates(starts_on: dt.date, ends_on: dt.date) -> None:
    if ends_on <= starts_on:
        raise DomainError.single(
            AdministrationErrorCode.BAD_DATES, "结束日期须晚于开始日期", "endsOn"
        )
