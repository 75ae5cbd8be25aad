"""Lecturers write courses; district admins review them.

    DRAFT ──submit──▶ SUBMITTED ──approve──▶ PUBLISHED ──archive──▶ ARCHIVED
      ▲                  │
      └──(edit)─ RETURNED ◀──return (with a reason)

A lecturer edits only their own courses, in DRAFT, RETURNED or PUBLISHED (a published course
stays published: parents see the lesson's new version, their progress stays); only a district
admin of the course's district approves or returns. Every other move is refused with
INVALID_TRANSITION and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tortoise.transactions import in_transaction

from core.errors import DomainError, ErrorCode
from models.courses import validation as check
from models.courses.tables import (
    MAX_SUMMARY,
    MAX_TITLE,
    AudienceScope,
    Course,
    CourseErrorCode,
    CourseSeries,
    CourseStatus,
    CourseTag,
    CourseTopic,
    Lesson,
    LessonKind,
)
from models.schools import AgeBand, School, StaffRole

if TYPE_CHECKING:
    from models.viewer import Viewer

EDITABLE = (CourseStatus.DRAFT, CourseStatus.RETURNED, CourseStatus.PUBLISHED)
READING_CHARS_PER_MINUTE = 400
MAX_LESSONS = 100


@dataclass(frozen=True, slots=True)
class LessonContent:
    title: str
    kind: LessonKind
    media_url: str | None = None
    duration_seconds: int | None = None
    transcript: str | None = None
    body: str | None = None  # Markdown


def checked_content(content: LessonContent) -> dict[str, Any]:
    """The lesson's columns from checked input; an article's length is its reading time."""
    title = check.text(content.title, "title", maximum=MAX_TITLE, label="标题")
    if content.kind == LessonKind.ARTICLE:
        body = check.text(content.body or "", "body", maximum=check.MAX_BODY, label="正文")
        seconds = content.duration_seconds or max(
            60, round(len(body) * 60 / READING_CHARS_PER_MINUTE)
        )
        return {
            "title": title,
            "kind": content.kind,
            "media_url": None,
            "duration_seconds": check.duration(seconds, "durationSeconds"),
            "transcript": None,
            "body": body,
        }
    url = check.media_url(content.media_url, "mediaUrl")
    if url is None:
        raise DomainError.single(ErrorCode.REQUIRED, "音视频课须有媒体链接", "mediaUrl")
    if content.duration_seconds is None:
        raise DomainError.single(ErrorCode.REQUIRED, "音视频课须有时长", "durationSeconds")
    return {
        "title": title,
        "kind": content.kind,
        "media_url": url,
        "duration_seconds": check.duration(content.duration_seconds, "durationSeconds"),
        "transcript": check.optional_text(content.transcript, "transcript", maximum=100_000),
        "body": None,
    }


def _lecturer_district(viewer: Viewer) -> int:
    districts = [
        a.district_id
        for a in viewer.assignments
        if a.role == StaffRole.LECTURER and a.district_id is not None
    ]
    if not districts:
        raise DomainError.single(ErrorCode.FORBIDDEN, "只有家庭教育讲师可以发布课程", None)
    return districts[0]


async def _audience(scope: AudienceScope, school_id: int | None, district_id: int) -> int | None:
    if scope != AudienceScope.SCHOOL:
        return None
    if school_id is None:
        raise DomainError.single(ErrorCode.REQUIRED, "面向一所学校时须选择学校", "schoolId")
    if not await School.filter(id=school_id, district_id=district_id).exists():
        raise DomainError.single(ErrorCode.NOT_FOUND, "找不到本区的这所学校", "schoolId")
    return school_id


async def _set_tags(course_id: int, topics: list[CourseTopic], bands: list[AgeBand]) -> None:
    await CourseTag.filter(course_id=course_id).delete()
    await CourseTag.bulk_create(
        [CourseTag(course_id=course_id, kind="topic", value=t.value) for t in topics]
        + [CourseTag(course_id=course_id, kind="age_band", value=b.value) for b in bands]
    )


@dataclass(frozen=True, slots=True)
class CourseFields:
    title: str
    summary: str
    presenter: str
    series: CourseSeries
    topics: Sequence[CourseTopic]
    age_bands: Sequence[AgeBand]
    audience_scope: AudienceScope
    school_id: int | None = None
    cover_url: str | None = None


async def _checked(fields: CourseFields, district_id: int) -> tuple[dict[str, Any], list, list]:
    columns: dict[str, Any] = {
        "title": check.text(fields.title, "title", maximum=MAX_TITLE, label="标题"),
        "summary": check.text(fields.summary, "summary", maximum=MAX_SUMMARY, label="简介"),
        "presenter": check.text(fields.presenter, "presenter", maximum=100, label="讲师"),
        "series": fields.series,
        "cover_url": check.media_url(fields.cover_url, "coverUrl"),
        "audience_scope": fields.audience_scope,
        "school_id": await _audience(fields.audience_scope, fields.school_id, district_id),
    }
    topics = check.unique(fields.topics, "topics")
    bands = check.unique(fields.age_bands, "ageBands")
    return columns, topics, bands


async def create_course(*, viewer: Viewer, fields: CourseFields, now: dt.datetime) -> Course:
    """A draft of the lecturer's district."""
    district_id = _lecturer_district(viewer)
    columns, topics, bands = await _checked(fields, district_id)
    async with in_transaction():
        course = await Course.create(
            lecturer_id=viewer.user_id,
            district_id=district_id,
            created_at=now,
            updated_at=now,
            **columns,
        )
        await _set_tags(course.id, topics, bands)
    return course


async def _own_course(viewer: Viewer, course_id: int, *, lock: bool = True) -> Course:
    """The viewer's own course, editable now; locked for the rest of the transaction."""
    qs = Course.visible_to(viewer).filter(id=course_id)
    course = await (qs.select_for_update() if lock else qs).get_or_none()
    if course is None:
        raise DomainError.single(ErrorCode.NOT_FOUND, "找不到该课程", "courseId")
    if course.lecturer_id != viewer.user_id:
        raise DomainError.single(CourseErrorCode.NOT_OWNER, "只能编辑自己的课程", "courseId")
    return course


def _editable(course: Course) -> None:
    if course.status not in EDITABLE:
        raise DomainError.single(
            CourseErrorCode.INVALID_TRANSITION,
            "审核中或已归档的课程不能编辑",
            "courseId",
        )


async def update_course(
    *, viewer: Viewer, course_id: int, fields: CourseFields, now: dt.datetime
) -> Course:
    async with in_transaction():
        course = await _own_course(viewer, course_id)
        _editable(course)
        columns, topics, bands = await _checked(fields, course.district_id)
        course.update_from_dict({**columns, "updated_at": now})
        await course.save()
        await _set_tags(course.id, topics, bands)
    return course


async def add_lesson(
    *, viewer: Viewer, course_id: int, content: LessonContent, now: dt.datetime
) -> Lesson:
    """Appended after the course's last lesson."""
    columns = checked_content(content)
    async with in_transaction():
        course = await _own_course(viewer, course_id)
        _editable(course)
        count = await Lesson.filter(course_id=course.id).count()
        if count >= MAX_LESSONS:
            raise DomainError.single(
                ErrorCode.INVALID, f"一门课程最多 {MAX_LESSONS} 节", "courseId"
            )
        lesson = await Lesson.create(
            course_id=course.id,
            author_id=viewer.user_id,
            position=count + 1,
            created_at=now,
            updated_at=now,
            **columns,
        )
        course.updated_at = now
        await course.save(update_fields=["updated_at"])
    return lesson


async def update_lesson(
    *, viewer: Viewer, lesson_id: int, content: LessonContent, now: dt.datetime
) -> Lesson:
    """A new version of the lesson's content; progress is keyed to the lesson and stays."""
    columns = checked_content(content)
    async with in_transaction():
        lesson = (
            await Lesson.visible_to(viewer)
            .filter(id=lesson_id, course_id__not_isnull=True)
            .get_or_none()
        )
        if lesson is None or lesson.course_id is None:
            raise DomainError.single(ErrorCode.NOT_FOUND, "找不到该课时", "lessonId")
        course = await _own_course(viewer, lesson.course_id)
        _editable(course)
        lesson = await Lesson.filter(id=lesson_id).select_for_update().get()
        lesson.update_from_dict({**columns, "version": lesson.version + 1, "updated_at": now})
        await lesson.save()
        course.updated_at = now
        await course.save(update_fields=["updated_at"])
    return lesson


async def submit_course(*, viewer: Viewer, course_id: int, now: dt.datetime) -> Course:
    async with in_transaction():
        course = await _own_course(viewer, course_id)
        if course.status not in (CourseStatus.DRAFT, CourseStatus.RETURNED):
            raise _illegal(course, "提交审核")
        if not await Lesson.filter(course_id=course.id).exists():
            raise DomainError.single(CourseErrorCode.EMPTY_COURSE, "课程至少要有一节课", "courseId")
        course.status = CourseStatus.SUBMITTED
        course.submitted_at = now
        course.updated_at = now
        await course.save(update_fields=["status", "submitted_at", "updated_at"])
    return course


async def _reviewed_course(viewer: Viewer, course_id: int) -> Course:
    course = await Course.visible_to(viewer).filter(id=course_id).select_for_update().get_or_none()
    if course is None:
        raise DomainError.single(ErrorCode.NOT_FOUND, "找不到该课程", "courseId")
    if course.district_id not in viewer.admin_district_ids:
        raise DomainError.single(
            CourseErrorCode.NOT_REVIEWER, "只有本区的区级管理员可以审核课程", "courseId"
        )
    return course


def _illegal(course: Course, action: str) -> DomainError:
    return DomainError.single(
        CourseErrorCode.INVALID_TRANSITION,
        f"课程当前状态为 {course.status.value}，不能{action}",
        "courseId",
    )


async def approve_course(*, viewer: Viewer, course_id: int, now: dt.datetime) -> Course:
    async with in_transaction():
        course = await _reviewed_course(viewer, course_id)
        if course.status != CourseStatus.SUBMITTED:
            raise _illegal(course, "通过审核")
        course.status = CourseStatus.PUBLISHED
        course.return_reason = None  # type: ignore[assignment]  # a nullable column
        course.published_at = course.published_at or now
        course.updated_at = now
        await course.save(update_fields=["status", "return_reason", "published_at", "updated_at"])
    return course


async def return_course(*, viewer: Viewer, course_id: int, reason: str, now: dt.datetime) -> Course:
    reason = check.text(reason, "reason", maximum=1000, label="退回理由")
    async with in_transaction():
        course = await _reviewed_course(viewer, course_id)
        if course.status != CourseStatus.SUBMITTED:
            raise _illegal(course, "退回")
        course.status = CourseStatus.RETURNED
        course.return_reason = reason
        course.updated_at = now
        await course.save(update_fields=["status", "return_reason", "updated_at"])
    return course


async def archive_course(*, viewer: Viewer, course_id: int, now: dt.datetime) -> Course:
    """By its lecturer or a district admin of its district; parents keep their hours."""
    async with in_transaction():
        course = (
            await Course.visible_to(viewer).filter(id=course_id).select_for_update().get_or_none()
        )
        if course is None:
            raise DomainError.single(ErrorCode.NOT_FOUND, "找不到该课程", "courseId")
        if course.lecturer_id != viewer.user_id and course.district_id not in (
            viewer.admin_district_ids
        ):
            raise DomainError.single(CourseErrorCode.NOT_OWNER, "只能归档自己的课程", "courseId")
        if course.status != CourseStatus.PUBLISHED:
            raise _illegal(course, "归档")
        course.status = CourseStatus.ARCHIVED
        course.updated_at = now
        await course.save(update_fields=["status", "updated_at"])
    return course
