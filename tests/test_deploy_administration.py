"""The district set-up steps' refusals, each a typed error with its field and nothing written."""

from __future__ import annotations

import datetime as dt

import pytest

from core.errors import DomainError
from models.administration import (
    AdministrationErrorCode,
    check_scope,
    create_district,
    create_school,
    create_school_year,
    create_term,
)
from models.schools import District, School, SchoolYear, StaffRole, Term

D = dt.date


async def test_overlapping_school_years_are_refused() -> None:
    await create_school_year(name="2026-2027", starts_on=D(2026, 9, 1), ends_on=D(2027, 8, 31))

    with pytest.raises(DomainError) as refused:
        await create_school_year(name="2027-2028", starts_on=D(2027, 8, 1), ends_on=D(2028, 7, 31))

    assert [(e.code, e.field) for e in refused.value.errors] == [
        (AdministrationErrorCode.BAD_DATES, "startsOn")
    ]
    assert await SchoolYear.all().count() == 1


async def test_a_term_outside_its_year_or_ending_before_it_starts_is_refused() -> None:
    year = await create_school_year(
        name="2026-2027", starts_on=D(2026, 9, 1), ends_on=D(2027, 8, 31)
    )

    with pytest.raises(DomainError) as outside:
        await create_term(
            school_year_id=year.id, name="第一学期", starts_on=D(2026, 8, 1), ends_on=D(2027, 1, 20)
        )
    with pytest.raises(DomainError) as backwards:
        await create_term(
            school_year_id=year.id, name="第一学期", starts_on=D(2027, 1, 20), ends_on=D(2026, 9, 1)
        )

    assert outside.value.errors[0].field == "startsOn"
    assert backwards.value.errors[0].field == "endsOn"
    assert await Term.all().count() == 0


async def test_names_are_unique_where_the_tables_say() -> None:
    district = await create_district(name="示范区")
    await create_school(district_id=district.id, name="实验小学")

    with pytest.raises(DomainError) as district_again:
        await create_district(name=" 示范区 ")
    with pytest.raises(DomainError) as school_again:
        await create_school(district_id=district.id, name="实验小学")
    with pytest.raises(DomainError) as no_district:
        await create_school(district_id=district.id + 1, name="二小")

    assert district_again.value.errors[0].code == AdministrationErrorCode.NAME_TAKEN
    assert school_again.value.errors[0].code == AdministrationErrorCode.NAME_TAKEN
    assert no_district.value.errors[0].field == "districtId"
    assert (await District.all().count(), await School.all().count()) == (1, 1)


@pytest.mark.parametrize(
    ("role", "places", "fields"),
    [
        (StaffRole.SCHOOL_ADMIN, (None, None, None), ["schoolId"]),
        (StaffRole.DISTRICT_ADMIN, (1, 2, None), ["schoolId"]),
        (StaffRole.CLASS_TEACHER, (None, 2, None), ["schoolId", "classId"]),
        (StaffRole.LECTURER, (None, None, 3), ["classId", "districtId"]),
    ],
)
def test_a_role_applies_to_exactly_its_place(
    role: StaffRole, places: tuple[int | None, int | None, int | None], fields: list[str]
) -> None:
    with pytest.raises(DomainError) as refused:
        check_scope(role, *places)

    assert [e.field for e in refused.value.errors] == fields
    assert {e.code for e in refused.value.errors} == {AdministrationErrorCode.WRONG_SCOPE}
