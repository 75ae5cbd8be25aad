"""The parent school's rows in the permission matrix (tests/test_permissions.py): its root
fields, who is refused each, and who may see its objects through `node`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from models.courses import AudienceScope, CourseSeries, CourseTopic, LessonKind
from models.courses.workflow import (
    CourseFields,
    LessonContent,
    add_lesson,
    approve_course,
    create_course,
    submit_course,
)
from models.feed import create_micro_lesson
from models.schools import AgeBand
from models.viewer import load_viewer
from tests.factories import START, World
from tests.helpers import gid

COURSE_GUARDS: dict[str, tuple[str, str] | None] = {
    "Query.courses": ("anonymous", "UNAUTHENTICATED"),
    "Query.parentSchoolParticipation": ("parent_a", "FORBIDDEN"),
    "Mutation.createCourse": ("parent_a", "FORBIDDEN"),
    "Mutation.updateCourse": ("parent_a", "FORBIDDEN"),
    "Mutation.addLesson": ("district_admin", "FORBIDDEN"),
    "Mutation.updateLesson": ("parent_a", "FORBIDDEN"),
    "Mutation.submitCourse": ("parent_a", "FORBIDDEN"),
    "Mutation.approveCourse": ("lecturer", "FORBIDDEN"),
    "Mutation.returnCourse": ("lecturer", "FORBIDDEN"),
    "Mutation.archiveCourse": ("parent_a", "FORBIDDEN"),
    "Mutation.enrolInCourse": ("anonymous", "UNAUTHENTICATED"),
    "Mutation.reportLessonProgress": ("anonymous", "UNAUTHENTICATED"),
    "Mutation.createMicroLesson": ("school_admin", "FORBIDDEN"),
    "Mutation.likeMicroLesson": ("anonymous", "UNAUTHENTICATED"),
    "Mutation.saveMicroLesson": ("anonymous", "UNAUTHENTICATED"),
    "Mutation.rescheduleMicroLesson": ("district_admin", "FORBIDDEN"),
    "Mutation.cancelMicroLesson": ("parent_a", "FORBIDDEN"),
}

MONTH = dt.timedelta(days=30)
_COURSE = gid("Course", 1)
_LESSON = gid("Lesson", 1)
_MICRO = gid("MicroLesson", 1)
_COURSE_INPUT = (
    '{title: "t", summary: "s", presenter: "p", series: MASTER_CLASS, topics: [COMMUNICATION], '
    "ageBands: [JUNIOR_HIGH], audienceScope: EVERYONE}"
)
_LESSON_INPUT = '{title: "t", kind: ARTICLE, body: "b"}'


def _course_call(name: str, extra: str = "") -> tuple[str, dict[str, Any]]:
    return (
        f'mutation {{ {name}(input: {{courseId: "{_COURSE}"{extra}}}) '
        "{ userErrors { code } } }",
        {},
    )


COURSE_CALLS: dict[str, tuple[str, dict[str, Any]]] = {
    "Query.courses": ("{ courses(first: 5) { edges { node { id } } } }", {}),
    "Query.parentSchoolParticipation": (
        "query($s: ID!) { parentSchoolParticipation(schoolId: $s) { families } }",
        {"s": "SCHOOL"},
    ),
    "Mutation.createCourse": (
        f"mutation {{ createCourse(input: {{course: {_COURSE_INPUT}}}) "
        "{ userErrors { code } } }",
        {},
    ),
    "Mutation.updateCourse": _course_call("updateCourse", f", course: {_COURSE_INPUT}"),
    "Mutation.addLesson": _course_call("addLesson", f", lesson: {_LESSON_INPUT}"),
    "Mutation.updateLesson": (
        f'mutation {{ updateLesson(input: {{lessonId: "{_LESSON}", lesson: {_LESSON_INPUT}}}) '
        "{ userErrors { code } } }",
        {},
    ),
    "Mutation.submitCourse": _course_call("submitCourse"),
    "Mutation.approveCourse": _course_call("approveCourse"),
    "Mutation.returnCourse": _course_call("returnCourse", ', reason: "r"'),
    "Mutation.archiveCourse": _course_call("archiveCourse"),
    "Mutation.enrolInCourse": _course_call("enrolInCourse"),
    "Mutation.reportLessonProgress": (
        f'mutation {{ reportLessonProgress(input: {{lessonId: "{_LESSON}", fromSeconds: 0, '
        "toSeconds: 5, sequence: 1}) { userErrors { code } } }",
        {},
    ),
    "Mutation.createMicroLesson": (
        f"mutation {{ createMicroLesson(input: {{lesson: {_LESSON_INPUT}}}) "
        "{ userErrors { code } } }",
        {},
    ),
    "Mutation.likeMicroLesson": (
        f'mutation {{ likeMicroLesson(input: {{microLessonId: "{_MICRO}"}}) '
        "{ userErrors { code } } }",
        {},
    ),
    "Mutation.saveMicroLesson": (
        f'mutation {{ saveMicroLesson(input: {{microLessonId: "{_MICRO}"}}) '
        "{ userErrors { code } } }",
        {},
    ),
    "Mutation.rescheduleMicroLesson": (
        f'mutation {{ rescheduleMicroLesson(input: {{microLessonId: "{_MICRO}", '
        'releaseAt: "2026-12-01T20:00:00+08:00"}) { userErrors { code } } }',
        {},
    ),
    "Mutation.cancelMicroLesson": (
        f'mutation {{ cancelMicroLesson(input: {{microLessonId: "{_MICRO}"}}) '
        "{ userErrors { code } } }",
        {},
    ),
}

_DISTRICT = {
    "parent_a",
    "parent_b",
    "teacher_a",
    "teacher_b",
    "counselor",
    "lecturer",
    "school_admin",
    "district_admin",
}
COURSE_VISIBLE: dict[str, set[str]] = {
    "draft_course": {"lecturer"},  # its lecturer only: reviewers see it once submitted
    "draft_lesson": {"lecturer"},
    "submitted_course": {"lecturer", "district_admin"},
    "published_course": _DISTRICT,  # a district-wide course: everyone of the district
    "published_lesson": _DISTRICT,
    # for 小学高段 (parent A's child); parent B's child is in 初中
    "micro_lesson": {"parent_a", "lecturer", "district_admin"},
    "scheduled_micro_lesson": {"lecturer", "district_admin"},
}


def _fields(title: str) -> CourseFields:
    return CourseFields(
        title=title,
        summary="简介",
        presenter="讲师",
        series=CourseSeries.MASTER_CLASS,
        topics=[CourseTopic.COMMUNICATION],
        age_bands=[AgeBand.JUNIOR_HIGH],
        audience_scope=AudienceScope.DISTRICT,
    )


async def course_objects(world: World) -> dict[str, str]:
    lecturer = await load_viewer(world.lecturer.id)
    article = LessonContent(title="一讲", kind=LessonKind.ARTICLE, body="正文")
    ids: dict[str, str] = {}
    for state in ("draft", "submitted", "published"):
        course = await create_course(viewer=lecturer, fields=_fields(state), now=START)
        lesson = await add_lesson(viewer=lecturer, course_id=course.id, content=article, now=START)
        if state != "draft":
            await submit_course(viewer=lecturer, course_id=course.id, now=START)
        if state == "published":
            admin = await load_viewer(world.district_admin.id)
            await approve_course(viewer=admin, course_id=course.id, now=START)
        ids[f"{state}_course"] = gid("Course", course.id)
        if state != "submitted":
            ids[f"{state}_lesson"] = gid("Lesson", lesson.id)
    for name, release_at in (("micro_lesson", None), ("scheduled_micro_lesson", START + MONTH)):
        made = await create_micro_lesson(
            viewer=lecturer,
            content=article,
            now=START,
            age_bands=[AgeBand.PRIMARY_UPPER],
            release_at=release_at,
        )
        ids[name] = gid("MicroLesson", made.id)
    return ids
