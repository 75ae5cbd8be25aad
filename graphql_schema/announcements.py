"""Announcements from a class teacher or a school to its families."""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry import relay

from core.errors import DomainError
from graphql_schema.context import Info
from graphql_schema.errors import UserError, user_errors
from graphql_schema.node import ModelNode, decode_id
from graphql_schema.permissions import IsAuthenticated, IsClassTeacherOrAdmin
from graphql_schema.schools import School, SchoolClass
from models import announcements as announcement_models
from models import schools as school_models


@strawberry.type(description="通知公告 to the families of a class or a school.")
class Announcement(ModelNode):
    model = announcement_models.Announcement
    id: relay.NodeID[int]
    row: strawberry.Private[announcement_models.Announcement]
    title: str
    body: str
    created_at: dt.datetime

    @classmethod
    def from_row(cls, row: announcement_models.Announcement) -> Announcement:
        return cls(id=row.id, row=row, title=row.title, body=row.body, created_at=row.created_at)

    @strawberry.field
    async def school(self, info: Info) -> School | None:
        row = await info.context.loaders.get(school_models.School, self.row.school_id)
        return School.from_row(row) if row else None

    @strawberry.field(description="Null for a school-wide announcement.")
    async def school_class(self, info: Info) -> SchoolClass | None:
        row = await info.context.loaders.get(school_models.SchoolClass, self.row.school_class_id)
        return SchoolClass.from_row(row) if row else None


@strawberry.input
class SendAnnouncementInput:
    class_id: relay.GlobalID | None = strawberry.field(default=None, description="To one class…")
    school_id: relay.GlobalID | None = strawberry.field(default=None, description="…or a school.")
    title: str
    body: str


@strawberry.type
class SendAnnouncementPayload:
    announcement: Announcement | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class AnnouncementMutations:
    @strawberry.mutation(permission_classes=[IsAuthenticated, IsClassTeacherOrAdmin])
    async def send_announcement(
        self, info: Info, input: SendAnnouncementInput
    ) -> SendAnnouncementPayload:
        try:
            row = await announcement_models.send_announcement(
                viewer=info.context.viewer,
                title=input.title,
                body=input.body,
                now=info.context.now(),
                school_class_id=decode_id(input.class_id, SchoolClass, "classId")
                if input.class_id
                else None,
                school_id=decode_id(input.school_id, School, "schoolId")
                if input.school_id
                else None,
            )
        except DomainError as e:
            return SendAnnouncementPayload(user_errors=user_errors(e))
        return SendAnnouncementPayload(announcement=Announcement.from_row(row))
