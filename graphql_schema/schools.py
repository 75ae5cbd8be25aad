"""Districts, schools, classes, students and guardians as GraphQL types."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay
from tortoise.queryset import QuerySet

from graphql_schema.composition import DomainSchema
from graphql_schema.context import Info
from graphql_schema.node import ModelNode, related_node
from graphql_schema.pagination import ChildRows, children_of, connection
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


def _lazy(name: str) -> object:
    """A type of this module defined further down (types refer to each other both ways)."""
    return Annotated[name, strawberry.lazy("graphql_schema.schools")]


@strawberry.type
class SchoolYear:
    name: str
    starts_on: dt.date
    ends_on: dt.date


@strawberry.type
class District(ModelNode):
    model = school_models.District
    id: relay.NodeID[int]
    row: strawberry.Private[school_models.District]
    name: str

    @connection(_lazy("School"))
    def schools(self, info: Info) -> ChildRows[school_models.School]:
        visible = school_models.School.visible_to(info.context.viewer)
        return children_of(visible, district_id=self.id)


@strawberry.type
class School(ModelNode):
    model = school_models.School
    id: relay.NodeID[int]
    row: strawberry.Private[school_models.School]
    name: str
    timezone: str
    district = related_node(school_models.District, "district_id")

    @connection(_lazy("SchoolClass"), "Classes of this school the viewer may see.")
    def classes(self, info: Info) -> ChildRows[school_models.SchoolClass]:
        visible = school_models.SchoolClass.visible_to(info.context.viewer)
        return children_of(visible, school_id=self.id)


@strawberry.type
class SchoolClass(ModelNode):
    model = school_models.SchoolClass
    id: relay.NodeID[int]
    row: strawberry.Private[school_models.SchoolClass]
    name: str
    grade: int
    age_band: AgeBand  # type: ignore[valid-type]
    school = related_node(school_models.School, "school_id")

    @strawberry.field
    async def school_year(self, info: Info) -> SchoolYear:
        row = await info.context.loaders.get(school_models.SchoolYear, self.row.school_year_id)
        return SchoolYear(name=row.name, starts_on=row.starts_on, ends_on=row.ends_on)

    @connection(_lazy("Student"), "Students of this class the viewer may see.")
    def students(self, info: Info) -> ChildRows[school_models.Student]:
        visible = school_models.Student.visible_to(info.context.viewer)
        return children_of(visible, school_class_id=self.id)


@strawberry.type
class Student(ModelNode):
    model = school_models.Student
    id: relay.NodeID[int]
    row: strawberry.Private[school_models.Student]
    name: str
    student_no: str
    gender: Gender  # type: ignore[valid-type]
    birth_date: dt.date
    school = related_node(school_models.School, "school_id")
    school_class = related_node(school_models.SchoolClass, "school_class_id")

    @connection(_lazy("Guardian"), "The child's guardians, as far as the viewer may see them.")
    def guardians(self, info: Info) -> ChildRows[school_models.Guardianship]:
        visible = school_models.Guardianship.visible_to(info.context.viewer)
        return children_of(visible, student_id=self.id)


@strawberry.type(description="A guardian's link to a student.")
class Guardian(ModelNode):
    model = school_models.Guardianship
    id: relay.NodeID[int]
    row: strawberry.Private[school_models.Guardianship]
    relationship: Relationship  # type: ignore[valid-type]
    person = related_node(
        account_models.User,
        "guardian_id",
        graphql_type=Annotated["Person", strawberry.lazy("graphql_schema.accounts")] | None,
    )
    student = related_node(school_models.Student, "student_id")


@strawberry.type
class SchoolViewerFields:
    @connection(Student, "The viewer's children (as guardian).")
    def children(self, info: Info) -> QuerySet[school_models.Student]:
        return school_models.Student.filter(id__in=list(info.context.viewer.child_ids))

    @connection(SchoolClass, "Classes the viewer teaches as class teacher.")
    def classes(self, info: Info) -> QuerySet[school_models.SchoolClass]:
        return school_models.SchoolClass.filter(id__in=list(info.context.viewer.taught_class_ids))

    @connection(School, "Schools the viewer belongs to: staff, or a child's school.")
    def schools(self, info: Info) -> QuerySet[school_models.School]:
        return school_models.School.visible_to(info.context.viewer)

    @connection(District, "Districts the viewer belongs to.")
    def districts(self, info: Info) -> QuerySet[school_models.District]:
        return school_models.District.visible_to(info.context.viewer)


SCHEMA = DomainSchema(viewer=SchoolViewerFields)
