"""Courses, lessons, progress and figures as GraphQL types. Per-viewer state (progress,
enrolment) and per-course data (tags, figures) come through request DataLoaders, so a list
costs the same number of queries whatever its length."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Annotated, Any

import strawberry
from strawberry import relay
from strawberry.dataloader import DataLoader
from strawberry.permission import BasePermission

from core.errors import ErrorCode
from graphql_schema.context import Info
from graphql_schema.node import ModelNode, related_node
from graphql_schema.pagination import ChildRows, children_of, connection
from graphql_schema.schools import AgeBand, SchoolClass, SchoolYear
from models import courses as course_models
from models import schools as school_models
from models.courses import reports

CourseSeries = strawberry.enum(
    course_models.CourseSeries, description="名师堂, 三人堂, 微课堂, 能量堂, 体验堂"
)
CourseTopic = strawberry.enum(course_models.CourseTopic)
AudienceScope = strawberry.enum(course_models.AudienceScope)
CourseStatus = strawberry.enum(
    course_models.CourseStatus, description="DRAFT → SUBMITTED → PUBLISHED (or RETURNED) → ARCHIVED"
)
LessonKind = strawberry.enum(course_models.LessonKind)


class _HasRole(BasePermission):
    roles: tuple[school_models.StaffRole, ...] = ()
    message = "没有权限执行此操作"
    error_extensions = {"code": ErrorCode.FORBIDDEN.value}

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return info.context.viewer.has_role(*self.roles)


class IsLecturer(_HasRole):
    roles = (school_models.StaffRole.LECTURER,)


class IsDistrictAdmin(_HasRole):
    roles = (school_models.StaffRole.DISTRICT_ADMIN,)


class IsLecturerOrDistrictAdmin(_HasRole):
    roles = (school_models.StaffRole.LECTURER, school_models.StaffRole.DISTRICT_ADMIN)


@strawberry.type(description="The viewer's own progress through a lesson.")
class LessonProgress:
    position_seconds: int = strawberry.field(description="Where to resume.")
    watched_seconds: int = strawberry.field(
        description="Distinct seconds played, at most the lesson's length: the credited time."
    )
    completed: bool
    completed_at: dt.datetime | None
    updated_at: dt.datetime

    @classmethod
    def from_row(cls, row: course_models.LessonProgress) -> LessonProgress:
        return cls(
            position_seconds=row.position_seconds,
            watched_seconds=row.watched_seconds,
            completed=row.completed,
            completed_at=row.completed_at,
            updated_at=row.updated_at,
        )


@strawberry.type(description="For the lecturer and reviewers: how a course or lesson is used.")
class LearningFigures:
    enrolments: int = strawberry.field(description="Courses only; 0 for a lesson.")
    views: int = strawberry.field(description="People who started it.")
    completions: int = strawberry.field(description="People who completed it (every lesson).")
    average_watch_share: float = strawberry.field(description="0 to 1, over those people.")


def _figures(f: reports.Figures) -> LearningFigures:
    return LearningFigures(
        enrolments=f.enrolments,
        views=f.views,
        completions=f.completions,
        average_watch_share=f.average_watch_share,
    )


def progress_loader(info: Info) -> DataLoader[int, course_models.LessonProgress | None]:
    """The viewer's progress rows by lesson id, batched over every lesson of the request."""
    user_id = info.context.viewer.user_id or 0

    async def load(ids: Sequence[int]) -> list[Any]:
        rows = await course_models.LessonProgress.filter(user_id=user_id, lesson_id__in=list(ids))
        by_lesson = {r.lesson_id: r for r in rows}
        return [by_lesson.get(i) for i in ids]

    return info.context.loaders.batch("courses.progress", load)


def progress_node(row: course_models.LessonProgress | None) -> LessonProgress | None:
    return LessonProgress.from_row(row) if row is not None else None


async def viewer_progress(info: Info, lesson_id: int) -> LessonProgress | None:
    """The viewer's progress on this lesson, batched over every lesson of the request."""
    return progress_node(await progress_loader(info).load(lesson_id))


def _may_see_figures(info: Info, author_id: int, district_id: int | None) -> bool:
    viewer = info.context.viewer
    return viewer.user_id == author_id or district_id in viewer.admin_district_ids


@strawberry.type(description="A lesson: video, audio or an article (Markdown).")
class Lesson(ModelNode):
    model = course_models.Lesson
    id: relay.NodeID[int]
    row: strawberry.Private[course_models.Lesson]
    title: str
    kind: LessonKind  # type: ignore[valid-type]
    position: int = strawberry.field(description="1-based order within its course.")
    media_url: str | None = strawberry.field(description="Video or audio; null for an article.")
    duration_seconds: int = strawberry.field(description="Media length, or reading time.")
    transcript: str | None
    body: str | None = strawberry.field(
        description="An article's text as Markdown (CommonMark); render without raw HTML."
    )
    version: int = strawberry.field(description="Raised by each edit of the content.")
    updated_at: dt.datetime
    course = related_node(
        course_models.Course,
        "course_id",
        graphql_type=Annotated["Course", strawberry.lazy("graphql_schema.courses.types")] | None,
        description="Null for a micro-lesson.",
    )

    @strawberry.field(description="The viewer's own progress; null before they start.")
    async def viewer_progress(self, info: Info) -> LessonProgress | None:
        return await viewer_progress(info, self.id)

    @strawberry.field(description="Its author and the district's admins only; else null.")
    async def figures(self, info: Info) -> LearningFigures | None:
        course = await info.context.loaders.get(course_models.Course, self.row.course_id)
        district = course.district_id if course is not None else None
        if not _may_see_figures(info, self.row.author_id, district):
            return None

        async def load(ids: Sequence[int]) -> list[Any]:
            found = await reports.lesson_figures(ids)
            return [found[i] for i in ids]

        figures = await info.context.loaders.batch("courses.lesson_figures", load).load(self.id)
        return _figures(figures)


@strawberry.type(description="A parent-school course (家长学校课程) and its ordered lessons.")
class Course(ModelNode):
    model = course_models.Course
    id: relay.NodeID[int]
    row: strawberry.Private[course_models.Course]
    title: str
    summary: str
    presenter: str = strawberry.field(description="The lecturer as shown to parents.")
    cover_url: str | None
    series: CourseSeries  # type: ignore[valid-type]
    audience_scope: AudienceScope  # type: ignore[valid-type]
    status: CourseStatus  # type: ignore[valid-type]
    return_reason: str | None = strawberry.field(description="Why a reviewer sent it back.")
    published_at: dt.datetime | None
    updated_at: dt.datetime
    district = related_node(school_models.District, "district_id")
    school = related_node(
        school_models.School, "school_id", description="Set when the audience is one school."
    )

    async def _tags(self, info: Info, kind: str) -> list[str]:
        async def load(ids: Sequence[int]) -> list[Any]:
            rows = await course_models.CourseTag.filter(course_id__in=list(ids))
            by_course: dict[int, list[tuple[str, str]]] = {i: [] for i in ids}
            for r in rows:
                by_course[r.course_id].append((r.kind, r.value))
            return [by_course[i] for i in ids]

        tags = await info.context.loaders.batch("courses.tags", load).load(self.id)
        return sorted(value for k, value in tags if k == kind)

    @strawberry.field
    async def topics(self, info: Info) -> list[CourseTopic]:  # type: ignore[valid-type]
        return [course_models.CourseTopic(v) for v in await self._tags(info, "topic")]

    @strawberry.field
    async def age_bands(self, info: Info) -> list[AgeBand]:  # type: ignore[valid-type]
        return [school_models.AgeBand(v) for v in await self._tags(info, "age_band")]

    @connection(Lesson, "The lessons in order.")
    def lessons(self, info: Info) -> ChildRows[course_models.Lesson]:
        visible = course_models.Lesson.visible_to(info.context.viewer)
        return children_of(visible.order_by("position", "id"), course_id=self.id)

    @strawberry.field(description="Whether the viewer is enrolled.")
    async def viewer_enrolled(self, info: Info) -> bool:
        user_id = info.context.viewer.user_id or 0

        async def load(ids: Sequence[int]) -> list[Any]:
            found = set(
                await course_models.Enrolment.filter(
                    user_id=user_id, course_id__in=list(ids)
                ).values_list("course_id", flat=True)
            )
            return [i in found for i in ids]

        return bool(await info.context.loaders.batch("courses.enrolled", load).load(self.id))

    @strawberry.field(description="Its lecturer and the district's admins only; else null.")
    async def figures(self, info: Info) -> LearningFigures | None:
        if not _may_see_figures(info, self.row.lecturer_id, self.row.district_id):
            return None

        async def load(ids: Sequence[int]) -> list[Any]:
            found = await reports.course_figures(ids)
            return [found[i] for i in ids]

        figures = await info.context.loaders.batch("courses.course_figures", load).load(self.id)
        return _figures(figures)


@strawberry.type(description="Learning time credited in one school year (学时).")
class LearningYear:
    school_year: SchoolYear
    seconds: int

    @strawberry.field(description="Seconds as hours, to one decimal.")
    def hours(self) -> float:
        return round(self.seconds / 3600, 1)


@strawberry.type(description="Hours of the families of one class.")
class ClassLearning:
    school_class: SchoolClass
    families: int
    seconds: int

    @strawberry.field
    def hours(self) -> float:
        return round(self.seconds / 3600, 1)


@strawberry.type(description="A school's parent-school participation in a school year.")
class ParentSchoolParticipation:
    school_year: SchoolYear
    families: int = strawberry.field(description="Guardians of the school's students.")
    families_with_completion: int = strawberry.field(
        description="Of whom completed at least one lesson in the school year."
    )
    completion_share: float = strawberry.field(description="0 to 1.")
    classes: list[ClassLearning]

    @classmethod
    def from_report(cls, p: reports.Participation) -> ParentSchoolParticipation:
        year = SchoolYear(
            name=p.school_year.name,
            starts_on=p.school_year.starts_on,
            ends_on=p.school_year.ends_on,
        )
        return cls(
            school_year=year,
            families=p.families,
            families_with_completion=p.families_with_completion,
            completion_share=round(p.share, 4),
            classes=[
                ClassLearning(
                    school_class=SchoolClass.from_row(c.school_class),
                    families=c.families,
                    seconds=c.seconds,
                )
                for c in p.classes
            ],
        )
