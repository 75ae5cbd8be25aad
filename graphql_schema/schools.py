"""Districts, schools, classes, students and guardians as GraphQL types."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from graphql_schema.context import Info
from graphql_schema.node import ModelNode
from graphql_schema.pagination import connection
from models import accounts as account_models
from models import schools as school_models

if TYPE_CHECKING:
    from graphql_schema.accounts import Person

AgeBand = strawberry.enum(school_models.AgeBand, description="学段")
StaffRole = strawberry.enum(school_models.StaffRole)
Relationship = strawberry.enum(
    school_models.Relationship, description="A guardian's relationship to the child"
)
Gender = strawberry.enum(school_models.Gender)

PersonRef = Annotated["Person", strawberry.lazy("graphql_schema.accounts")]


@strawberry.type
class District(ModelNode):
    model = school_models.District
    id: relay.NodeID[int]
    row: strawberry.Private[school_models.District]
    name: str

    @classmethod
    def from_row(cls, row: school_models.District) -> District:
        return cls(id=row.id, name=row.name, row=row)

    @connection()
    def schools(self, info: Info) -> relay.Connection[School]:
        return school_models.School.visible_to(info.context.viewer).filter(district_id=self.id)  # type: ignore[return-value]


@strawberry.type
class School(ModelNode):
    model = school_models.School
    id: relay.NodeID[int]
    row: strawberry.Private[school_models.School]
    name: str
    timezone: str

    @classmethod
    def from_row(cls, row: school_models.School) -> School:
        return cls(id=row.id, name=row.name, timezone=row.timezone, row=row)

    @strawberry.field
    async def district(self, info: Info) -> District | None:
        row = await info.context.loaders.get(school_models.District, self.row.district_id)
        return District.from_row(row) if row else None

    @connection("Classes of this school the viewer may see.")
    def classes(self, info: Info) -> relay.Connection[SchoolClass]:
        return school_models.SchoolClass.visible_to(info.context.viewer).filter(school_id=self.id)  # type: ignore[return-value]


@strawberry.type
class SchoolYear:
    name: str
    starts_on: dt.date
    ends_on: dt.date


@strawberry.type
class SchoolClass(ModelNode):
    model = school_models.SchoolClass
    id: relay.NodeID[int]
    row: strawberry.Private[school_models.SchoolClass]
    name: str
    grade: int
    age_band: AgeBand  # type: ignore[valid-type]

    @classmethod
    def from_row(cls, row: school_models.SchoolClass) -> SchoolClass:
        return cls(id=row.id, name=row.name, grade=row.grade, age_band=row.age_band, row=row)

    @strawberry.field
    async def school(self, info: Info) -> School | None:
        row = await info.context.loaders.get(school_models.School, self.row.school_id)
        return School.from_row(row) if row else None

    @strawberry.field
    async def school_year(self, info: Info) -> SchoolYear:
        row = await info.context.loaders.get(school_models.SchoolYear, self.row.school_year_id)
        return SchoolYear(name=row.name, starts_on=row.starts_on, ends_on=row.ends_on)

    @connection("Students of this class the viewer may see.")
    def students(self, info: Info) -> relay.Connection[Student]:
        return school_models.Student.visible_to(info.context.viewer).filter(school_class_id=self.id)  # type: ignore[return-value]


@strawberry.type
class Student(ModelNode):
    model = school_models.Student
    id: relay.NodeID[int]
    row: strawberry.Private[school_models.Student]
    name: str
    student_no: str
    gender: Gender  # type: ignore[valid-type]
    birth_date: dt.date

    @classmethod
    def from_row(cls, row: school_models.Student) -> Student:
        return cls(
            id=row.id,
            name=row.name,
            student_no=row.student_no,
            gender=row.gender,
            birth_date=row.birth_date,
            row=row,
        )

    @strawberry.field
    async def school(self, info: Info) -> School | None:
        row = await info.context.loaders.get(school_models.School, self.row.school_id)
        return School.from_row(row) if row else None

    @strawberry.field
    async def school_class(self, info: Info) -> SchoolClass | None:
        row = await info.context.loaders.get(school_models.SchoolClass, self.row.school_class_id)
        return SchoolClass.from_row(row) if row else None

    @connection("The child's guardians, as far as the viewer may see them.")
    def guardians(self, info: Info) -> relay.Connection[Guardian]:
        return school_models.Guardianship.visible_to(info.context.viewer).filter(student_id=self.id)  # type: ignore[return-value]


@strawberry.type(description="A guardian's link to a student.")
class Guardian(ModelNode):
    model = school_models.Guardianship
    id: relay.NodeID[int]
    row: strawberry.Private[school_models.Guardianship]
    relationship: Relationship  # type: ignore[valid-type]

    @classmethod
    def from_row(cls, row: school_models.Guardianship) -> Guardian:
        return cls(id=row.id, relationship=row.relationship, row=row)

    @strawberry.field
    async def person(self, info: Info) -> PersonRef | None:
        from graphql_schema.accounts import Person

        row = await info.context.loaders.get(account_models.User, self.row.guardian_id)
        return Person.from_row(row) if row else None

    @strawberry.field
    async def student(self, info: Info) -> Student | None:
        row = await info.context.loaders.get(school_models.Student, self.row.student_id)
        return Student.from_row(row) if row else None
