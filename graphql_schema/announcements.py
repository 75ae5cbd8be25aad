"""Announcements from a class teacher or a school to its families."""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry import relay

from graphql_schema.composition import DomainSchema
from graphql_schema.context import Info
from graphql_schema.errors import Payload, mutation
from graphql_schema.node import ModelNode, decode_optional_id, related_node
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
    school = related_node(school_models.School, "school_id")
    school_class = related_node(
        school_models.SchoolClass,
        "school_class_id",
        description="Null for a school-wide announcement.",
    )


@strawberry.input
class SendAnnouncementInput:
    class_id: relay.GlobalID | None = strawberry.field(default=None, description="To one class…")
    school_id: relay.GlobalID | None = strawberry.field(default=None, description="…or a school.")
    title: str
    body: str


@strawberry.type
class SendAnnouncementPayload(Payload):
    announcement: Announcement | None = None


@strawberry.type
class AnnouncementMutations:
    @mutation(permission_classes=[IsAuthenticated, IsClassTeacherOrAdmin])
    async def send_announcement(
        self, info: Info, input: SendAnnouncementInput
    ) -> SendAnnouncementPayload:
        row = await announcement_models.send_announcement(
            viewer=info.context.viewer,
            title=input.title,
            body=input.body,
            now=info.context.now(),
            school_class_id=decode_optional_id(input.class_id, SchoolClass, "classId"),
            school_id=decode_optional_id(input.school_id, School, "schoolId"),
        )
        return SendAnnouncementPayload(announcement=Announcement.from_row(row))


SCHEMA = DomainSchema(mutations=AnnouncementMutations)
