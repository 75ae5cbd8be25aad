"""The parent school, for families: enrol, watch and resume (progress monotonic and
idempotent, hours capped at each lesson's length), the catalog and its search, and the figures
lecturers and school admins see; query counts for the lists. Through HTTP with real tokens."""

from __future__ import annotations

import asyncio
from typing import Any

from models.accounts import User
from models.courses import (
    AudienceScope,
    Course,
    CourseSeries,
    CourseStatus,
    CourseTopic,
    LearningTime,
    LessonProgress,
)
from models.courses.progress import enrol
from models.schools import AgeBand, StaffRole
from models.viewer import load_viewer
from tests.client import GraphQLClient
from tests.conftest import QueryCounter
from tests.factories import (
    START,
    World,
    make_class,
    make_guardian,
    make_staff,
    make_student,
    make_world,
)
from tests.helpers import gid, user_errors
from tests.test_courses import (
    CATALOG,
    COURSE_WITH_LESSONS,
    REPORT,
    UPDATE_LESSON,
    first_lesson_id,
    published_course,
    tokens,
)

# ---------------------------------------------------------------- watching and hours


async def _report(
    gql: GraphQLClient, token: str, lesson_id: int, start: int, end: int, seq: int, **more: Any
) -> dict[str, Any]:
    variables = {
        "lessonId": gid("Lesson", lesson_id),
        "fromSeconds": start,
        "toSeconds": end,
        "sequence": seq,
        **more,
    }
    return (await gql(REPORT, {"input": variables}, token=token))["data"]["reportLessonProgress"]


async def test_progress_reported_out_of_order_and_repeated_never_loses_or_double_counts(
    gql: GraphQLClient,
) -> None:
    world = await make_world()
    course = await published_course(world.lecturer, world.district_admin, seconds=600)
    lesson_id = await first_lesson_id(course)
    await enrol(viewer=await load_viewer(world.parent_b.id), course_id=course.id, now=START)
    token = await gql.token(world.parent_b.phone)

    # when reports arrive 1, 3, 2 (late), then 3 again (a retry)
    await _report(gql, token, lesson_id, 0, 10, 1)
    await _report(gql, token, lesson_id, 20, 30, 3)
    late = await _report(gql, token, lesson_id, 10, 20, 2)
    retry = await _report(gql, token, lesson_id, 20, 30, 3)

    # then the position follows the newest report and each second counts once
    assert late["progress"] == {"positionSeconds": 30, "watchedSeconds": 30, "completed": False}
    assert retry["progress"] == late["progress"]
    row = await LessonProgress.get(user_id=world.parent_b.id, lesson_id=lesson_id)
    assert row.watched == [[0, 30]] and row.last_sequence == 3
    assert (await LearningTime.get(user_id=world.parent_b.id)).seconds == 30


async def test_hours_are_capped_at_the_lessons_length_and_completion_sticks(
    gql: GraphQLClient,
) -> None:
    world = await make_world()
    course = await published_course(world.lecturer, world.district_admin, seconds=60)
    lesson_id = await first_lesson_id(course)
    await enrol(viewer=await load_viewer(world.parent_b.id), course_id=course.id, now=START)
    token = await gql.token(world.parent_b.phone)

    await _report(gql, token, lesson_id, 0, 60, 1)
    await _report(gql, token, lesson_id, 0, 60, 2)  # watched again
    beyond = await _report(gql, token, lesson_id, 0, 5000, 3)  # a client's bad clock
    rewound = await _report(gql, token, lesson_id, 0, 5, 4, completed=False)
    hours = await gql(
        "{ viewer { learningHours { schoolYear { name } seconds hours } } }", token=token
    )

    assert beyond["progress"] == {"positionSeconds": 60, "watchedSeconds": 60, "completed": True}
    assert rewound["progress"] == {"positionSeconds": 5, "watchedSeconds": 60, "completed": True}
    assert hours["data"]["viewer"]["learningHours"] == [
        {"schoolYear": {"name": "2026-2027"}, "seconds": 60, "hours": 0.0}
    ]


async def test_progress_needs_enrolment_and_a_visible_lesson(gql: GraphQLClient) -> None:
    world = await make_world()
    course = await published_course(world.lecturer, world.district_admin)
    lesson_id = await first_lesson_id(course)
    token = await gql.token(world.parent_b.phone)

    not_enrolled = await _report(gql, token, lesson_id, 0, 10, 1)
    unknown = await _report(gql, token, 999_999, 0, 10, 1)
    backwards = await _report(gql, token, lesson_id, 10, 5, 1)

    assert user_errors(not_enrolled) == [("NOT_ENROLLED", "lessonId")]
    assert user_errors(unknown) == [("NOT_FOUND", "lessonId")]
    assert user_errors(backwards) == [("INVALID", "toSeconds")]
    assert await LessonProgress.all().count() == 0


async def test_editing_a_published_lesson_keeps_the_course_published_and_progress(
    gql: GraphQLClient,
) -> None:
    world = await make_world()
    course = await published_course(world.lecturer, world.district_admin)
    lesson_id = await first_lesson_id(course)
    await enrol(viewer=await load_viewer(world.parent_b.id), course_id=course.id, now=START)
    parent, lecturer = await tokens(gql, world.parent_b, world.lecturer)
    await _report(gql, parent, lesson_id, 0, 120, 1)

    edited = (
        await gql(
            UPDATE_LESSON,
            {
                "input": {
                    "lessonId": gid("Lesson", lesson_id),
                    "lesson": {
                        "title": "第1讲（修订版）",
                        "kind": "VIDEO",
                        "mediaUrl": "https://cdn.example.cn/lessons/1-v2.mp4",
                        "durationSeconds": 640,
                    },
                }
            },
            token=lecturer,
        )
    )["data"]["updateLesson"]
    seen = await gql(COURSE_WITH_LESSONS, {"id": gid("Course", course.id)}, token=parent)

    assert edited["lesson"]["version"] == 2
    assert (await Course.get(id=course.id)).status == CourseStatus.PUBLISHED
    (lesson,) = seen["data"]["node"]["lessons"]["edges"]
    assert lesson["node"]["title"] == "第1讲（修订版）" and lesson["node"]["version"] == 2
    assert lesson["node"]["viewerProgress"]["watchedSeconds"] == 120


# ---------------------------------------------------------------- the catalog


async def test_search_matches_chinese_substrings_in_titles_and_summaries(
    gql: GraphQLClient,
) -> None:
    world = await make_world()
    await published_course(world.lecturer, world.district_admin, title="如何与青春期孩子沟通")
    await published_course(
        world.lecturer,
        world.district_admin,
        title="孩子沉迷手机怎么办",
        summary="从网络沉迷的成因谈起，帮助家长与孩子约定使用规则。",
        topics=[CourseTopic.INTERNET_ADDICTION],
    )
    token = await gql.token(world.parent_b.phone)

    async def titles(search: str) -> list[str]:
        body = await gql(CATALOG, {"first": 10, "search": search}, token=token)
        return sorted(e["node"]["title"] for e in body["data"]["courses"]["edges"])

    assert await titles("青春期") == ["如何与青春期孩子沟通"]
    assert await titles("网络沉迷") == ["孩子沉迷手机怎么办"]  # in the summary
    assert await titles("孩子") == ["如何与青春期孩子沟通", "孩子沉迷手机怎么办"]
    assert await titles("高考") == []
    assert await titles("100%") == []  # LIKE wildcards are literal


async def test_the_catalog_defaults_to_the_bands_of_the_parents_children(
    gql: GraphQLClient,
) -> None:
    world = await make_world()  # parent A: a child in grade 5 (小学高段)
    await published_course(
        world.lecturer, world.district_admin, title="初中", age_bands=[AgeBand.JUNIOR_HIGH]
    )
    await published_course(
        world.lecturer,
        world.district_admin,
        title="小学高段",
        age_bands=[AgeBand.PRIMARY_UPPER],
        series=CourseSeries.MICRO_CLASS,
    )
    token = await gql.token(world.parent_a.phone)

    async def titles(**variables: Any) -> list[str]:
        body = await gql(CATALOG, {"first": 10, **variables}, token=token)
        return sorted(e["node"]["title"] for e in body["data"]["courses"]["edges"])

    assert await titles() == ["小学高段"]
    assert await titles(bands=[]) == ["初中", "小学高段"]
    assert await titles(bands=["JUNIOR_HIGH"]) == ["初中"]
    assert await titles(bands=[], series=["MASTER_CLASS"]) == ["初中"]
    assert await titles(bands=[], topics=["INTERNET_ADDICTION"]) == []


async def test_a_school_course_is_seen_by_that_schools_families_only(gql: GraphQLClient) -> None:
    world = await make_world()
    await published_course(
        world.lecturer,
        world.district_admin,
        audience_scope=AudienceScope.SCHOOL,
        school_id=world.school.id,
    )
    elsewhere_class = await make_class(world.other_school, grade=8)
    elsewhere = await make_guardian(await make_student(elsewhere_class))

    inside = await gql(CATALOG, {"first": 5}, token=await gql.token(world.parent_b.phone))
    outside = await gql(CATALOG, {"first": 5}, token=await gql.token(elsewhere.phone))

    assert len(inside["data"]["courses"]["edges"]) == 1
    assert outside["data"]["courses"]["edges"] == []


async def _parent_of(world: World, children: int) -> User:
    parent = await make_guardian(await make_student(world.class_b))
    for _ in range(children - 1):
        await make_guardian(await make_student(await make_class(world.school, 8)), parent)
    return parent


async def _cost(gql: GraphQLClient, counter: QueryCounter, query: str, token: str, **v: Any) -> int:
    counter.count = 0
    body = await gql(query, v, token=token)
    assert "errors" not in body, body
    return counter.count


async def test_the_catalog_and_a_course_of_30_lessons_cost_constant_queries(
    gql: GraphQLClient, sql_queries: QueryCounter
) -> None:
    world = await make_world()
    small = await published_course(world.lecturer, world.district_admin, lessons=3)
    for _ in range(24):
        await published_course(world.lecturer, world.district_admin, lessons=1)
    large = await published_course(world.lecturer, world.district_admin, lessons=30)
    one, six = await _parent_of(world, 1), await _parent_of(world, 6)
    for parent in (one, six):
        viewer = await load_viewer(parent.id)
        for course in (small, large):
            await enrol(viewer=viewer, course_id=course.id, now=START)
    one_token, six_token = await tokens(gql, one, six)

    costs = {
        (children, first): await _cost(gql, sql_queries, CATALOG, token, first=first)
        for children, token in ((1, one_token), (6, six_token))
        for first in (5, 20)
    }
    small_cost = await _cost(
        gql, sql_queries, COURSE_WITH_LESSONS, six_token, id=gid("Course", small.id)
    )
    large_cost = await _cost(
        gql, sql_queries, COURSE_WITH_LESSONS, six_token, id=gid("Course", large.id)
    )

    assert len(set(costs.values())) == 1, costs
    assert small_cost == large_cost


# ---------------------------------------------------------------- figures


async def test_the_lecturer_sees_figures_per_course_and_lesson_and_parents_do_not(
    gql: GraphQLClient,
) -> None:
    world = await make_world()
    course = await published_course(world.lecturer, world.district_admin, lessons=2, seconds=100)
    first, second = [lesson.id for lesson in await course.lessons.all().order_by("position")]
    parents = [world.parent_b, await _parent_of(world, 1)]
    for parent in parents:
        await enrol(viewer=await load_viewer(parent.id), course_id=course.id, now=START)
    parent_token, other_token, lecturer = await tokens(gql, *parents, world.lecturer)
    for token in (parent_token, other_token):
        await _report(gql, token, first, 0, 100, 1)
    await _report(gql, parent_token, second, 0, 50, 1)
    query = """query($id: ID!) { node(id: $id) { ... on Course {
      figures { enrolments views completions averageWatchShare }
      lessons(first: 5) { edges { node { figures { views completions averageWatchShare } } } }
    } } }"""

    seen = await gql(query, {"id": gid("Course", course.id)}, token=lecturer)
    parent_view = await gql(query, {"id": gid("Course", course.id)}, token=parent_token)

    node = seen["data"]["node"]
    assert node["figures"] == {
        "enrolments": 2,
        "views": 2,
        "completions": 0,
        "averageWatchShare": 0.625,  # (150 + 100) seconds of 2 × 200
    }
    assert [e["node"]["figures"] for e in node["lessons"]["edges"]] == [
        {"views": 2, "completions": 2, "averageWatchShare": 1.0},
        {"views": 1, "completions": 0, "averageWatchShare": 0.5},
    ]
    assert parent_view["data"]["node"]["figures"] is None
    assert all(
        e["node"]["figures"] is None for e in parent_view["data"]["node"]["lessons"]["edges"]
    )


async def test_a_school_admin_sees_participation_of_their_school(gql: GraphQLClient) -> None:
    world = await make_world()
    course = await published_course(world.lecturer, world.district_admin, seconds=3600)
    lesson_id = await first_lesson_id(course)
    await enrol(viewer=await load_viewer(world.parent_b.id), course_id=course.id, now=START)
    await _report(gql, await gql.token(world.parent_b.phone), lesson_id, 0, 3600, 1)
    query = """query($id: ID!) { parentSchoolParticipation(schoolId: $id) {
      schoolYear { name } families familiesWithCompletion completionShare
      classes { schoolClass { name } families hours } } }"""

    seen = await gql(
        query,
        {"id": gid("School", world.school.id)},
        token=await gql.token(world.school_admin.phone),
    )
    other = await gql(
        query,
        {"id": gid("School", world.other_school.id)},
        token=await gql.token(world.school_admin.phone),
    )

    report = seen["data"]["parentSchoolParticipation"]
    assert report["families"] == 2 and report["familiesWithCompletion"] == 1
    assert report["completionShare"] == 0.5
    assert report["classes"] == [
        {"schoolClass": {"name": world.class_a.name}, "families": 1, "hours": 0.0},
        {"schoolClass": {"name": world.class_b.name}, "families": 1, "hours": 1.0},
    ]
    assert other["data"]["parentSchoolParticipation"] is None


async def test_the_lecturers_figures_for_a_page_of_courses_cost_constant_queries(
    gql: GraphQLClient, sql_queries: QueryCounter
) -> None:
    world = await make_world()
    few = await make_staff(StaffRole.LECTURER, district=world.district)
    many = await make_staff(StaffRole.LECTURER, district=world.district)
    for lecturer, count in ((few, 2), (many, 8)):
        for _ in range(count):
            course = await published_course(lecturer, world.district_admin, lessons=3)
            await enrol(viewer=await load_viewer(world.parent_b.id), course_id=course.id, now=START)
    query = """{ viewer { authoredCourses(first: 20) { edges { node {
      title figures { enrolments views completions averageWatchShare }
      lessons(first: 10) { edges { node { figures { views } } } } } } } } }"""

    costs = [
        await _cost(gql, sql_queries, query, await gql.token(lecturer.phone))
        for lecturer in (few, many)
    ]

    assert costs[0] == costs[1]


async def test_reports_arriving_at_once_merge_without_losing_any(gql: GraphQLClient) -> None:
    # given an enrolled parent whose app sends ten reports in parallel (a flaky network's burst)
    world = await make_world()
    course = await published_course(world.lecturer, world.district_admin, seconds=600)
    lesson_id = await first_lesson_id(course)
    await enrol(viewer=await load_viewer(world.parent_b.id), course_id=course.id, now=START)
    token = await gql.token(world.parent_b.phone)

    results = await asyncio.gather(
        *(_report(gql, token, lesson_id, 10 * n, 10 * n + 10, n + 1) for n in range(10))
    )

    # then every interval counts once, and the newest report sets the position
    assert all(r["userErrors"] == [] for r in results)
    row = await LessonProgress.get(user_id=world.parent_b.id, lesson_id=lesson_id)
    assert (row.watched, row.watched_seconds, row.position_seconds) == ([[0, 100]], 100, 100)
    assert (await LearningTime.get(user_id=world.parent_b.id)).seconds == 100
