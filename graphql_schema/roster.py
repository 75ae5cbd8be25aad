"""Roster import by a school administrator."""

from __future__ import annotations

import strawberry
from strawberry import relay

from core.errors import DomainError, ErrorCode
from graphql_schema.context import Info
from graphql_schema.errors import UserError, user_errors
from graphql_schema.node import decode_id
from graphql_schema.permissions import IsAuthenticated, IsSchoolAdmin
from graphql_schema.schools import School
from models import roster
from models import schools as school_models


@strawberry.input
class ImportRosterInput:
    school_id: relay.GlobalID
    csv: str = strawberry.field(description="The file's text: UTF-8 CSV, header row first.")


@strawberry.type
class RosterRowError:
    line: int
    column: str | None
    message: str


@strawberry.type
class RosterImportReport:
    lines: int
    classes_created: int
    students_created: int
    students_updated: int
    students_unchanged: int
    guardians_created: int
    links_created: int
    links_updated: int


@strawberry.type
class ImportRosterPayload:
    report: RosterImportReport | None = None
    row_errors: list[RosterRowError] = strawberry.field(default_factory=list)
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class RosterMutations:
    @strawberry.mutation(permission_classes=[IsAuthenticated, IsSchoolAdmin])
    async def import_roster(self, info: Info, input: ImportRosterInput) -> ImportRosterPayload:
        viewer = info.context.viewer
        try:
            school_id = decode_id(input.school_id, School, "schoolId")
            school = await school_models.School.visible_to(viewer).get_or_none(id=school_id)
            if school is None or not viewer.administers_school(school.id, school.district_id):
                raise DomainError.single(ErrorCode.NOT_FOUND, "找不到该学校", "schoolId")
            report = await roster.import_roster(
                school_id=school.id, data=input.csv, now=info.context.now()
            )
        except roster.RosterError as e:
            return ImportRosterPayload(
                row_errors=[
                    RosterRowError(line=r.line, column=r.column, message=r.message) for r in e.rows
                ],
                user_errors=user_errors(e),
            )
        except DomainError as e:
            return ImportRosterPayload(user_errors=user_errors(e))
        return ImportRosterPayload(
            report=RosterImportReport(
                lines=report.lines,
                classes_created=report.classes_created,
                students_created=report.students_created,
                students_updated=report.students_updated,
                students_unchanged=report.students_unchanged,
                guardians_created=report.guardians_created,
                links_created=report.links_created,
                links_updated=report.links_updated,
            )
        )
