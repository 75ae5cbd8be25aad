"""Writing, reviewing, enrolling and reporting progress."""

from __future__ import annotations

import strawberry
from strawberry import relay

from graphql_schema.context import Info
from graphql_schema.courses.inputs import CourseInput, LessonContentInput
from graphql_schema.courses.types import (
    Course,
    IsDistrictAdmin,
    IsLecturer,
    IsLecturerOrDistrictAdmin,
    Lesson,
    LessonProgress,
)
from graphql_schema.errors import Payload, mutation
from graphql_schema.node import decode_id, decode_optional_id
from graphql_schema.permissions import IsAuthenticated
from graphql_schema.schools import School
from models.courses import progress, workflow


def _fields(input: CourseInput) -> workflow.CourseFields:
    return workflow.CourseFields(
        title=input.title,
        summary=input.summary,
        presenter=input.presenter,
        series=input.series,
        topics=input.topics,
        age_bands=input.age_bands,
        audience_scope=input.audience_scope,
        school_id=decode_optional_id(input.school_id, School, "schoolId"),
        cover_url=input.cover_url,
    )


@strawberry.input
class CreateCourseInput:
    course: CourseInput


@strawberry.input
class UpdateCourseInput:
    course_id: relay.GlobalID
    course: CourseInput


@strawberry.input
class CourseIdInput:
    course_id: relay.GlobalID


@strawberry.input
class ReturnCourseInput:
    course_id: relay.GlobalID
    reason: str = strawberry.field(description="Shown to the lecturer.")


@strawberry.type
class CoursePayload(Payload):
    course: Course | None = None


@strawberry.input
class AddLessonInput:
    course_id: relay.GlobalID
    lesson: LessonContentInput


@strawberry.input
class UpdateLessonInput:
    lesson_id: relay.GlobalID
    lesson: LessonContentInput


@strawberry.type
class LessonPayload(Payload):
    lesson: Lesson | None = None


@strawberry.input(
    description="What the app played since its last report, sent every few seconds while "
    "playing. Retries and reports out of order are safe."
)
class ReportLessonProgressInput:
    lesson_id: relay.GlobalID
    from_seconds: int = strawberry.field(description="Start of the interval played.")
    to_seconds: int = strawberry.field(description="Its end: the position now.")
    sequence: int = strawberry.field(description="Grows with each report of a viewing.")
    completed: bool = strawberry.field(default=False, description="The app saw the end.")


@strawberry.type
class ReportLessonProgressPayload(Payload):
    progress: LessonProgress | None = None


def _course_id(gid: relay.GlobalID) -> int:
    return decode_id(gid, Course, "courseId")


@strawberry.type
class CourseMutations:
    @mutation(permission_classes=[IsAuthenticated, IsLecturer])
    async def create_course(self, info: Info, input: CreateCourseInput) -> CoursePayload:
        row = await workflow.create_course(
            viewer=info.context.viewer, fields=_fields(input.course), now=info.context.now()
        )
        return CoursePayload(course=Course.from_row(row))

    @mutation(permission_classes=[IsAuthenticated, IsLecturer])
    async def update_course(self, info: Info, input: UpdateCourseInput) -> CoursePayload:
        row = await workflow.update_course(
            viewer=info.context.viewer,
            course_id=_course_id(input.course_id),
            fields=_fields(input.course),
            now=info.context.now(),
        )
        return CoursePayload(course=Course.from_row(row))

    @mutation(permission_classes=[IsAuthenticated, IsLecturer])
    async def add_lesson(self, info: Info, input: AddLessonInput) -> LessonPayload:
        row = await workflow.add_lesson(
            viewer=info.context.viewer,
            course_id=_course_id(input.course_id),
            content=input.lesson.content(),
            now=info.context.now(),
        )
        return LessonPayload(lesson=Lesson.from_row(row))

    @mutation(permission_classes=[IsAuthenticated, IsLecturer])
    async def update_lesson(self, info: Info, input: UpdateLessonInput) -> LessonPayload:
        row = await workflow.update_lesson(
            viewer=info.context.viewer,
            lesson_id=decode_id(input.lesson_id, Lesson, "lessonId"),
            content=input.lesson.content(),
            now=info.context.now(),
        )
        return LessonPayload(lesson=Lesson.from_row(row))

    @mutation(permission_classes=[IsAuthenticated, IsLecturer])
    async def submit_course(self, info: Info, input: CourseIdInput) -> CoursePayload:
        row = await workflow.submit_course(
            viewer=info.context.viewer,
            course_id=_course_id(input.course_id),
            now=info.context.now(),
        )
        return CoursePayload(course=Course.from_row(row))

    @mutation(permission_classes=[IsAuthenticated, IsDistrictAdmin])
    async def approve_course(self, info: Info, input: CourseIdInput) -> CoursePayload:
        row = await workflow.approve_course(
            viewer=info.context.viewer,
            course_id=_course_id(input.course_id),
            now=info.context.now(),
        )
        return CoursePayload(course=Course.from_row(row))

    @mutation(permission_classes=[IsAuthenticated, IsDistrictAdmin])
    async def return_course(self, info: Info, input: ReturnCourseInput) -> CoursePayload:
        row = await workflow.return_course(
            viewer=info.context.viewer,
            course_id=_course_id(input.course_id),
            reason=input.reason,
            now=info.context.now(),
        )
        return CoursePayload(course=Course.from_row(row))

    @mutation(permission_classes=[IsAuthenticated, IsLecturerOrDistrictAdmin])
    async def archive_course(self, info: Info, input: CourseIdInput) -> CoursePayload:
        row = await workflow.archive_course(
            viewer=info.context.viewer,
            course_id=_course_id(input.course_id),
            now=info.context.now(),
        )
        return CoursePayload(course=Course.from_row(row))

    @mutation(permission_classes=[IsAuthenticated])
    async def enrol_in_course(self, info: Info, input: CourseIdInput) -> CoursePayload:
        viewer = info.context.viewer
        enrolment = await progress.enrol(
            viewer=viewer, course_id=_course_id(input.course_id), now=info.context.now()
        )
        row = await info.context.loaders.get(Course.model, enrolment.course_id)
        return CoursePayload(course=Course.from_row(row))

    @mutation(permission_classes=[IsAuthenticated])
    async def report_lesson_progress(
        self, info: Info, input: ReportLessonProgressInput
    ) -> ReportLessonProgressPayload:
        row = await progress.report_progress(
            viewer=info.context.viewer,
            report=progress.ProgressReport(
                lesson_id=decode_id(input.lesson_id, Lesson, "lessonId"),
                from_seconds=input.from_seconds,
                to_seconds=input.to_seconds,
                sequence=input.sequence,
                completed=input.completed,
            ),
            now=info.context.now(),
        )
        return ReportLessonProgressPayload(progress=LessonProgress.from_row(row))
