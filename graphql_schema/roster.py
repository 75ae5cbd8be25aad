"""Roster import by a school administrator."""

from __future__ import annotations

from typing import Self

import strawberry
from strawberry import relay

from core.errors import DomainError
from graphql_schema.composition import DomainSchema
from graphql_schema.context import Info
from graphql_schema.errors import Payload, mutation, user_errors
from graphql_schema.node import decode_id
from graphql_schema.permissions import IsAuthenticated, IsSchoolAdmin
from graphql_schema.schools import School
from models import roster


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
    guardians_created: int = strawberry.field(
        description="Distinct guardians given a new link, made or to be confirmed by an "
        "existing account's owner (the report does not tell which)."
    )
    links_created: int = strawberry.field(
        description="Links made (a new account) or proposed (an existing account's owner "
        "accepts or declines in the app)."
    )
    links_updated: int


@strawberry.type
class ImportRosterPayload(Payload):
    report: RosterImportReport | None = None
    row_errors: list[RosterRowError] = strawberry.field(default_factory=list)

    @classmethod
    def from_error(cls, error: DomainError) -> Self:
        rows = error.rows if isinstance(error, roster.RosterError) else []
        return cls(
            user_errors=user_errors(error),
            row_errors=[
                RosterRowError(line=r.line, column=r.column, message=r.message) for r in rows
            ],
        )


@strawberry.type
class RosterMutations:
    @mutation(permission_classes=[IsAuthenticated, IsSchoolAdmin])
    async def import_roster(self, info: Info, input: ImportRosterInput) -> ImportRosterPayload:
        report = await roster.import_roster_as(
            info.context.viewer,
            school_id=decode_id(input.school_id, School, "schoolId"),
            data=input.csv,
            now=info.context.now(),
        )
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


SCHEMA = DomainSchema(mutations=RosterMutations)
