"""The catalog, the viewer's courses and hours, and a school's participation."""

from __future__ import annotations

import strawberry
from strawberry import relay
from tortoise.expressions import Subquery
from tortoise.queryset import QuerySet

from graphql_schema.context import Info
from graphql_schema.courses.types import (
    Course,
    CourseSeries,
    CourseTopic,
    LearningYear,
    ParentSchoolParticipation,
)
from graphql_schema.node import decode_id
from graphql_schema.pagination import connection
from graphql_schema.permissions import IsAuthenticated, IsSchoolAdmin
from graphql_schema.schools import AgeBand, School, SchoolYear
from models import courses as course_models
from models import schools as school_models
from models.courses import catalog, reports
from models.courses.progress import SHANGHAI


@strawberry.type
class CourseQueries:
    @connection(
        Course,
        "The catalog: published courses for the viewer, newest first. `search` matches titles "
        "and summaries by substring; `ageBands` defaults to the bands of the viewer's "
        "children (pass [] for every band).",
        permission_classes=[IsAuthenticated],
    )
    def courses(
        self,
        info: Info,
        search: str | None = None,
        topics: list[CourseTopic] | None = None,  # type: ignore[valid-type]
        series: list[CourseSeries] | None = None,  # type: ignore[valid-type]
        age_bands: list[AgeBand] | None = None,  # type: ignore[valid-type]
    ) -> QuerySet[course_models.Course]:
        return catalog.catalog(
            info.context.viewer,
            search=search,
            topics=topics or (),
            series=series or (),
            age_bands=age_bands,
        )

    @strawberry.field(
        description="A school's parent-school participation (its school admins and district "
        "admins); null for a school the viewer does not administer.",
        permission_classes=[IsAuthenticated, IsSchoolAdmin],
    )
    async def parent_school_participation(
        self, info: Info, school_id: relay.GlobalID, school_year: str | None = None
    ) -> ParentSchoolParticipation | None:
        school = decode_id(school_id, School, "schoolId")
        if school_year is None:
            today = info.context.now().astimezone(SHANGHAI).date()
            year = await school_models.SchoolYear.current(today)
        else:
            year = await school_models.SchoolYear.get_or_none(name=school_year)
        if year is None:
            return None
        found = await reports.participation(info.context.viewer, school, year)
        return ParentSchoolParticipation.from_report(found) if found is not None else None


@strawberry.type
class CourseViewerFields:
    @connection(Course, "Courses the viewer enrolled in, latest first.")
    def enrolled_courses(self, info: Info) -> QuerySet[course_models.Course]:
        viewer = info.context.viewer
        mine = course_models.Enrolment.filter(user_id=viewer.user_id or 0).values_list(
            "course_id", flat=True
        )
        return (
            course_models.Course.visible_to(viewer)
            .filter(id__in=Subquery(mine))
            .order_by("-updated_at", "-id")
        )

    @connection(Course, "The viewer's own courses as lecturer, in every state.")
    def authored_courses(self, info: Info) -> QuerySet[course_models.Course]:
        viewer = info.context.viewer
        return course_models.Course.filter(lecturer_id=viewer.user_id or 0).order_by(
            "-updated_at", "-id"
        )

    @connection(Course, "Courses waiting for the viewer's review (district admins).")
    def courses_to_review(self, info: Info) -> QuerySet[course_models.Course]:
        viewer = info.context.viewer
        return course_models.Course.filter(
            district_id__in=list(viewer.admin_district_ids),
            status=course_models.CourseStatus.SUBMITTED,
        ).order_by("submitted_at", "id")

    @strawberry.field(description="The viewer's learning hours per school year, newest first.")
    async def learning_hours(self, info: Info) -> list[LearningYear]:
        rows = await reports.hours_by_school_year(info.context.viewer)
        return [
            LearningYear(
                school_year=SchoolYear(
                    name=r.school_year.name,
                    starts_on=r.school_year.starts_on,
                    ends_on=r.school_year.ends_on,
                ),
                seconds=r.seconds,
            )
            for r in rows
        ]
