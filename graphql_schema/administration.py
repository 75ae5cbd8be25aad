"""What a district administrator sets up in the app: schools, the school calendar, staff roles.
The same operations as the CLI's (`python -m server create-school …`), scoped to the viewer."""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry import relay

from graphql_schema.accounts import Person
from graphql_schema.composition import DomainSchema
from graphql_schema.context import Info
from graphql_schema.errors import Payload, mutation
from graphql_schema.node import decode_id, decode_optional_id
from graphql_schema.permissions import IsAuthenticated, IsDistrictAdmin
from graphql_schema.schools import District, School, SchoolClass, SchoolYear, StaffRole
from models import administration
from models import schools as school_models


@strawberry.type(description="学期 within a school year.")
class Term:
    name: str
    starts_on: dt.date
    ends_on: dt.date


@strawberry.input
class CreateSchoolInput:
    district_id: relay.GlobalID
    name: str


@strawberry.type
class CreateSchoolPayload(Payload):
    school: School | None = None


@strawberry.input
class CreateSchoolYearInput:
    name: str = strawberry.field(description="e.g. 2027-2028")
    starts_on: dt.date
    ends_on: dt.date


@strawberry.type
class CreateSchoolYearPayload(Payload):
    school_year: SchoolYear | None = None


@strawberry.input
class CreateTermInput:
    school_year: str = strawberry.field(description="The school year's name, e.g. 2027-2028.")
    name: str
    starts_on: dt.date
    ends_on: dt.date


@strawberry.type
class CreateTermPayload(Payload):
    term: Term | None = None


@strawberry.input
class AssignStaffRoleInput:
    phone: str = strawberry.field(description="The person's account, by phone.")
    role: StaffRole  # type: ignore[valid-type]
    district_id: relay.GlobalID | None = strawberry.field(
        default=None, description="For DISTRICT_ADMIN and LECTURER."
    )
    school_id: relay.GlobalID | None = strawberry.field(
        default=None, description="For SCHOOL_ADMIN and COUNSELOR."
    )
    class_id: relay.GlobalID | None = strawberry.field(
        default=None, description="For CLASS_TEACHER."
    )


@strawberry.type
class AssignStaffRolePayload(Payload):
    person: Person | None = None
    role: StaffRole | None = None  # type: ignore[valid-type]


_DISTRICT_ADMIN = [IsAuthenticated, IsDistrictAdmin]


@strawberry.type
class AdministrationMutations:
    @mutation("A school in a district the viewer administers.", permission_classes=_DISTRICT_ADMIN)
    async def create_school(self, info: Info, input: CreateSchoolInput) -> CreateSchoolPayload:
        school = await administration.create_school_as(
            info.context.viewer,
            district_id=decode_id(input.district_id, District, "districtId"),
            name=input.name,
        )
        return CreateSchoolPayload(school=School.from_row(school))

    @mutation(
        "A school year of the shared calendar (years never overlap).",
        permission_classes=_DISTRICT_ADMIN,
    )
    async def create_school_year(
        self, info: Info, input: CreateSchoolYearInput
    ) -> CreateSchoolYearPayload:
        year = await administration.create_school_year(
            name=input.name, starts_on=input.starts_on, ends_on=input.ends_on
        )
        return CreateSchoolYearPayload(
            school_year=SchoolYear(name=year.name, starts_on=year.starts_on, ends_on=year.ends_on)
        )

    @mutation("A term inside a school year.", permission_classes=_DISTRICT_ADMIN)
    async def create_term(self, info: Info, input: CreateTermInput) -> CreateTermPayload:
        term = await administration.create_term_in(
            school_year=input.school_year,
            name=input.name,
            starts_on=input.starts_on,
            ends_on=input.ends_on,
        )
        return CreateTermPayload(
            term=Term(name=term.name, starts_on=term.starts_on, ends_on=term.ends_on)
        )

    @mutation(
        "A role for a person with an account, at a place inside the viewer's district.",
        permission_classes=_DISTRICT_ADMIN,
    )
    async def assign_staff_role(
        self, info: Info, input: AssignStaffRoleInput
    ) -> AssignStaffRolePayload:
        role = school_models.StaffRole(input.role)
        assignment = await administration.assign_role_as(
            info.context.viewer,
            phone=input.phone,
            role=role,
            district_id=decode_optional_id(input.district_id, District, "districtId"),
            school_id=decode_optional_id(input.school_id, School, "schoolId"),
            class_id=decode_optional_id(input.class_id, SchoolClass, "classId"),
        )
        person = await assignment.user
        return AssignStaffRolePayload(person=Person.from_row(person), role=role)


SCHEMA = DomainSchema(mutations=AdministrationMutations)
