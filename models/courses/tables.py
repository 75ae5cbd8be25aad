"""The parent school's tables: courses, their ordered lessons, enrolments, progress per
lesson and learning time per school year. Access rules live beside them (`visible_to`)."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.expressions import Q, Subquery
from tortoise.models import Model
from tortoise.queryset import QuerySet

from core.errors import error_codes
from models.schools import AgeBand, StaffRole

if TYPE_CHECKING:
    from models.viewer import Viewer

MAX_TITLE = 100
MAX_SUMMARY = 2000
MAX_URL = 500


@error_codes
class CourseErrorCode(StrEnum):
    INVALID_TRANSITION = "INVALID_TRANSITION"  # e.g. approving a draft, editing while in review
    NOT_OWNER = "NOT_OWNER"  # a lecturer editing another lecturer's course
    NOT_REVIEWER = "NOT_REVIEWER"  # only a district admin of the course's district reviews
    EMPTY_COURSE = "EMPTY_COURSE"  # submitted without a lesson
    INVALID_MEDIA_URL = "INVALID_MEDIA_URL"
    NOT_ENROLLED = "NOT_ENROLLED"


class CourseSeries(StrEnum):
    """The lecturer groups' series (Huadu: 名师堂, 三人堂, 微课堂, 能量堂, 体验堂)."""

    MASTER_CLASS = "MASTER_CLASS"  # 名师堂
    THREE_PERSON_TALK = "THREE_PERSON_TALK"  # 三人堂
    MICRO_CLASS = "MICRO_CLASS"  # 微课堂
    ENERGY_CLASS = "ENERGY_CLASS"  # 能量堂
    EXPERIENCE_CLASS = "EXPERIENCE_CLASS"  # 体验堂


class CourseTopic(StrEnum):
    """Topics the seeds name."""

    COMMUNICATION = "COMMUNICATION"  # 亲子沟通
    PSYCHOLOGICAL_PROBLEMS = "PSYCHOLOGICAL_PROBLEMS"  # 识别心理问题
    EMOTION_AND_STRESS = "EMOTION_AND_STRESS"  # 情绪与压力
    STUDY_PRESSURE = "STUDY_PRESSURE"  # 学业压力
    ADOLESCENCE = "ADOLESCENCE"  # 青春期
    INTERNET_ADDICTION = "INTERNET_ADDICTION"  # 网络沉迷
    FAMILY_CONFLICT = "FAMILY_CONFLICT"  # 家庭冲突


class AudienceScope(StrEnum):
    SCHOOL = "SCHOOL"  # the families of one school
    DISTRICT = "DISTRICT"  # the families of the course's district
    EVERYONE = "EVERYONE"


class CourseStatus(StrEnum):
    DRAFT = "DRAFT"
    SUBMITTED = "SUBMITTED"  # waiting for a district admin's review
    PUBLISHED = "PUBLISHED"
    RETURNED = "RETURNED"  # sent back with a reason; the lecturer edits and submits again
    ARCHIVED = "ARCHIVED"


class LessonKind(StrEnum):
    VIDEO = "VIDEO"
    AUDIO = "AUDIO"
    ARTICLE = "ARTICLE"  # Markdown body; apps render it with raw HTML disabled


class Course(Model):
    id = fields.IntField(primary_key=True)
    lecturer: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="courses", on_delete=fields.RESTRICT
    )
    lecturer_id: int
    district: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.District", related_name="courses", on_delete=fields.RESTRICT
    )
    district_id: int  # the lecturer group's district: its admins review the course
    school: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.School", related_name="courses", null=True, on_delete=fields.RESTRICT
    )
    school_id: int | None  # set when the audience is one school
    audience_scope = fields.CharEnumField(AudienceScope, max_length=10)
    title = fields.CharField(max_length=MAX_TITLE)
    summary = fields.TextField()
    presenter = fields.CharField(max_length=100, description="讲师 as shown to parents")
    cover_url = fields.CharField(max_length=MAX_URL, null=True)
    series = fields.CharEnumField(CourseSeries, max_length=20)
    status = fields.CharEnumField(CourseStatus, max_length=10, default=CourseStatus.DRAFT)
    return_reason = fields.TextField(null=True)
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()
    submitted_at = fields.DatetimeField(null=True)
    published_at = fields.DatetimeField(null=True)  # the first publication: the catalog's order

    class Meta:
        table = "course"
        indexes = (
            ("lecturer_id", "status"),
            ("district_id", "status"),
            ("school_id",),
            ("status", "published_at", "id"),
            ("cover_url",),  # who may fetch a /media/ URL (media_access)
        )

    @classmethod
    def visible_to(cls, viewer: Viewer) -> QuerySet[Course]:
        """Published courses within the viewer's reach; a lecturer's own courses in any
        state; the courses of an admin's district once submitted (they review them)."""
        if viewer.user_id is None:
            return cls.filter(id__in=[])
        published = Q(status=CourseStatus.PUBLISHED) & (
            Q(audience_scope=AudienceScope.EVERYONE)
            | Q(audience_scope=AudienceScope.DISTRICT, district_id__in=viewer.district_ids)
            | Q(audience_scope=AudienceScope.SCHOOL, school_id__in=viewer.school_ids)
        )
        reviewed = Q(district_id__in=viewer.admin_district_ids) & ~Q(status=CourseStatus.DRAFT)
        return cls.filter(published | Q(lecturer_id=viewer.user_id) | reviewed)


class CourseTag(Model):
    """A course's topics and age bands, one row each, so the catalog filters by index."""

    id = fields.IntField(primary_key=True)
    course: fields.ForeignKeyRelation[Course] = fields.ForeignKeyField(
        "models.Course", related_name="tags", on_delete=fields.CASCADE
    )
    course_id: int
    kind = fields.CharField(max_length=10)  # "topic" or "age_band"
    value = fields.CharField(max_length=30)

    class Meta:
        table = "course_tag"
        unique_together = (("course", "kind", "value"),)
        indexes = (("kind", "value", "course_id"),)


class Lesson(Model):
    """A unit of content: a course's lesson (ordered by position) or the one lesson of a
    micro-lesson (no course). Editing its content raises `version`; progress stays keyed to
    the lesson, so a parent keeps their place across versions."""

    id = fields.IntField(primary_key=True)
    course: fields.ForeignKeyNullableRelation[Course] = fields.ForeignKeyField(
        "models.Course", related_name="lessons", null=True, on_delete=fields.CASCADE
    )
    course_id: int | None
    author: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="lessons", on_delete=fields.RESTRICT
    )
    author_id: int
    position = fields.SmallIntField(default=0)
    title = fields.CharField(max_length=MAX_TITLE)
    kind = fields.CharEnumField(LessonKind, max_length=10)
    media_url = fields.CharField(max_length=MAX_URL, null=True)
    duration_seconds = fields.IntField(description="media length, or reading time")
    transcript = fields.TextField(null=True)
    body = fields.TextField(null=True, description="Markdown, for an article")
    version = fields.IntField(default=1)
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()

    class Meta:
        table = "lesson"
        ordering = ["position"]
        indexes = (("course_id", "position"), ("author_id",), ("media_url",))

    @classmethod
    def visible_to(cls, viewer: Viewer) -> QuerySet[Lesson]:
        """A course's lessons go with the course; a micro-lesson's with the micro-lesson
        (its module registers that rule, see `register_lesson_scope`)."""
        return cls.filter(cls._rule(viewer, None))

    @classmethod
    def visible_among(cls, viewer: Viewer, ids: list[int]) -> QuerySet[Lesson]:
        """`visible_to(viewer).filter(id__in=ids)`, with each rule's subquery narrowed to
        `ids` too (a loader's batch: PostgreSQL otherwise reads every lesson the viewer may
        see to answer for a few)."""
        return cls.filter(cls._rule(viewer, ids), id__in=ids)

    @classmethod
    def _rule(cls, viewer: Viewer, among: list[int] | None) -> Q:
        courses = Course.visible_to(viewer).values_list("id", flat=True)
        q = Q(course_id__in=Subquery(courses))
        for scope in _STANDALONE_SCOPES:
            q |= Q(id__in=Subquery(scope(viewer, among)))
        return q


# Rules for lessons outside courses (micro-lessons), registered by the module that owns them
# (models.feed builds on this one, never the other way round).
LessonScope = Callable[["Viewer", "list[int] | None"], Any]  # a values_list query
_STANDALONE_SCOPES: list[LessonScope] = []


def register_lesson_scope(scope: LessonScope) -> None:
    """`scope(viewer, among)` returns a values_list QuerySet of the lesson ids the viewer may
    see (of those in `among`, when it is not None)."""
    if scope not in _STANDALONE_SCOPES:
        _STANDALONE_SCOPES.append(scope)


class Enrolment(Model):
    id = fields.IntField(primary_key=True)
    course: fields.ForeignKeyRelation[Course] = fields.ForeignKeyField(
        "models.Course", related_name="enrolments", on_delete=fields.CASCADE
    )
    course_id: int
    user: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="enrolments", on_delete=fields.CASCADE
    )
    user_id: int
    created_at = fields.DatetimeField()

    class Meta:
        table = "course_enrolment"
        unique_together = (("course", "user"),)
        indexes = (("user_id", "created_at"),)

    @classmethod
    def visible_to(cls, viewer: Viewer) -> QuerySet[Enrolment]:
        return cls.filter(user_id=viewer.user_id or 0)


class LessonProgress(Model):
    """One person's progress through one lesson. `watched` is the union of the intervals
    (whole seconds, [start, end)) the app reported as played: a retried or out-of-order
    report adds nothing twice, and the credited time can never exceed the lesson's length.
    The resume position follows the highest report sequence only."""

    id = fields.IntField(primary_key=True)
    lesson: fields.ForeignKeyRelation[Lesson] = fields.ForeignKeyField(
        "models.Lesson", related_name="progress", on_delete=fields.CASCADE
    )
    lesson_id: int
    user: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="lesson_progress", on_delete=fields.CASCADE
    )
    user_id: int
    position_seconds = fields.IntField(default=0)
    last_sequence = fields.BigIntField(default=-1)
    watched: fields.JSONField[list[list[int]]] = fields.JSONField(
        default=list
    )  # [[start, end], ...], merged and sorted
    watched_seconds = fields.IntField(default=0)
    completed = fields.BooleanField(default=False)
    completed_at = fields.DatetimeField(null=True)
    started_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()

    class Meta:
        table = "lesson_progress"
        unique_together = (("user", "lesson"),)
        indexes = (("lesson_id", "completed"), ("user_id", "completed_at"))

    @classmethod
    def visible_to(cls, viewer: Viewer) -> QuerySet[LessonProgress]:
        return cls.filter(user_id=viewer.user_id or 0)


class LearningTime(Model):
    """Seconds of learning a person was credited in a school year (学时)."""

    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="learning_time", on_delete=fields.CASCADE
    )
    user_id: int
    school_year: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.SchoolYear", related_name="learning_time", on_delete=fields.CASCADE
    )
    school_year_id: int
    seconds = fields.IntField(default=0)

    class Meta:
        table = "learning_time"
        unique_together = (("user", "school_year"),)
        indexes = (("school_year_id",),)


def is_lecturer(viewer: Viewer) -> bool:
    return viewer.has_role(StaffRole.LECTURER)


AGE_BANDS = tuple(AgeBand)
