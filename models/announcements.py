"""Announcements (通知公告) from a class teacher or school to its families: in the inbox, with a
push that says only that there is one. Replaces the letters and class-group messages of old."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.expressions import Q
from tortoise.models import Model
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from core.errors import DomainError, ErrorCode
from models.schools import GuardianAudience, School, SchoolClass
from notifications import (
    DeliveryProfile,
    NotificationCategory,
    Text,
    enqueue_broadcast,
    register_category,
    register_template,
)

if TYPE_CHECKING:
    from models.viewer import Viewer

MAX_TITLE = 100
MAX_BODY = 5000
SUMMARY_LENGTH = 80

# What the post room needs to deliver announcements: their push profile and their text.
register_category(
    NotificationCategory.ANNOUNCEMENT,
    profile=DeliveryProfile(
        high_priority=False, ttl=dt.timedelta(days=3), collapse_key="announcement"
    ),
)
register_template(
    "announcement.new",
    NotificationCategory.ANNOUNCEMENT,
    push_title=Text("您有一条新的通知公告", "You have a new announcement"),
    push_body=Text("请打开家校共育查看", "Open Homeroom to read it"),
    inbox_title=Text("{title}", "{title}"),
    inbox_body=Text("{summary}", "{summary}"),
)


class Announcement(Model):
    id = fields.IntField(primary_key=True)
    school: fields.ForeignKeyRelation[School] = fields.ForeignKeyField(
        "models.School", related_name="announcements", on_delete=fields.CASCADE
    )
    school_id: int
    school_class: fields.ForeignKeyNullableRelation[SchoolClass] = fields.ForeignKeyField(
        "models.SchoolClass", related_name="announcements", null=True, on_delete=fields.CASCADE
    )
    school_class_id: int | None
    author: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="announcements", on_delete=fields.RESTRICT
    )
    author_id: int
    title = fields.CharField(max_length=MAX_TITLE)
    body = fields.TextField()
    created_at = fields.DatetimeField()

    class Meta:
        table = "announcement"
        indexes = (("school_class_id",), ("school_id",), ("author_id",))

    @classmethod
    def visible_to(cls, viewer: Viewer) -> QuerySet[Announcement]:
        """Families see their children's class and school announcements; staff their
        school's; district admins their district's."""
        child_schools = Q(school_id__in=viewer.school_ids, school_class_id=None)
        return cls.filter(
            Q(school_class_id__in=viewer.child_class_ids | viewer.taught_class_ids)
            | child_schools
            | Q(school_id__in=viewer.staff_school_ids)
            | Q(school__district_id__in=viewer.admin_district_ids)
        )


async def send_announcement(
    *,
    viewer: Viewer,
    title: str,
    body: str,
    now: dt.datetime,
    school_class_id: int | None = None,
    school_id: int | None = None,
) -> Announcement:
    """To a class (its class teacher or a school admin) or a whole school (a school admin)."""
    title, body = title.strip(), body.strip()
    if not 1 <= len(title) <= MAX_TITLE:
        raise DomainError.single(ErrorCode.INVALID, f"标题须为 1 到 {MAX_TITLE} 个字符", "title")
    if not 1 <= len(body) <= MAX_BODY:
        raise DomainError.single(ErrorCode.INVALID, f"正文须为 1 到 {MAX_BODY} 个字符", "body")
    if (school_class_id is None) == (school_id is None):
        raise DomainError.single(ErrorCode.INVALID, "请选择一个班级或一所学校", "classId")
    if school_class_id is not None:
        klass = await SchoolClass.visible_to(viewer).get_or_none(id=school_class_id)
        if klass is None:
            raise DomainError.single(ErrorCode.NOT_FOUND, "找不到该班级", "classId")
        school = await School.get(id=klass.school_id)
        allowed = viewer.teaches(klass.id) or viewer.administers_school(
            school.id, school.district_id
        )
        audience = GuardianAudience(class_ids=(klass.id,))
    else:
        found = await School.visible_to(viewer).get_or_none(id=school_id)
        if found is None:
            raise DomainError.single(ErrorCode.NOT_FOUND, "找不到该学校", "schoolId")
        school = found
        allowed = viewer.administers_school(school.id, school.district_id)
        audience = GuardianAudience(school_ids=(school.id,))
    if not allowed:
        field = "classId" if school_class_id is not None else "schoolId"
        raise DomainError.single(ErrorCode.FORBIDDEN, "只有班主任或学校管理员可以发布通知", field)
    summary = body if len(body) <= SUMMARY_LENGTH else body[: SUMMARY_LENGTH - 1] + "…"
    async with in_transaction():
        announcement = await Announcement.create(
            school_id=school.id,
            school_class_id=school_class_id,
            author_id=viewer.user_id,
            title=title,
            body=body,
            created_at=now,
        )
        await enqueue_broadcast(
            audience,
            NotificationCategory.ANNOUNCEMENT,
            "announcement.new",
            {"title": title, "summary": summary},
            f"homeroom://announcements/{announcement.id}",
            now=now,
        )
    return announcement
