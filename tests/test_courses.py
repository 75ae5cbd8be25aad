"""The parent school, for lecturers and reviewers: courses written, submitted, approved or
returned, archived; every illegal transition refused, and who may do each (a lecturer edits
only their own courses, only a district admin of the course's district reviews). Through HTTP
with real tokens; the families' side is in test_courses_learning.py."""

from __future__ import annotations

from typing import Any

import pytest

from models.accounts import User
from models.courses import (
    AudienceScope,
    Course,
    CourseSeries,
    CourseStatus,
    CourseTopic,
    LessonKind,
)
from models.courses.workflow import (
    CourseFields,
    LessonContent,
    add_lesson,
    approve_course,
    create_course,
    submit_course,
)
from models.schools import AgeBand, StaffRole
from models.viewer import load_viewer
from tests.client import GraphQLClient
from tests.factories import (
    START,
    make_staff,
    make_world,
)
from tests.helpers import gid, user_errors

USER_ERRORS = "userErrors { code field message }"
COURSE_FIELDS = "id title status returnReason series topics ageBands"

CREATE_COURSE = f"""
mutation($input: CreateCourseInput!) {{ createCourse(input: $input) {{
  course {{ {COURSE_FIELDS} }} {USER_ERRORS} }} }}
"""
UPDATE_COURSE = f"""
mutation($input: UpdateCourseInput!) {{ updateCourse(input: $input) {{
  course {{ {COURSE_FIELDS} }} {USER_ERRORS} }} }}
"""
ADD_LESSON = f"""
mutation($input: AddLessonInput!) {{ addLesson(input: $input) {{
  lesson {{ id title position version durationSeconds }} {USER_ERRORS} }} }}
"""
UPDATE_LESSON = f"""
mutation($input: UpdateLessonInput!) {{ updateLesson(input: $input) {{
  lesson {{ id title version mediaUrl }} {USER_ERRORS} }} }}
"""
TRANSITIONS = {
    action: f"""
mutation($input: {kind}!) {{ {action}(input: $input) {{
  course {{ id status returnReason }} {USER_ERRORS} }} }}
"""
    for action, kind in (
        ("submitCourse", "CourseIdInput"),
        ("approveCourse", "CourseIdInput"),
        ("returnCourse", "ReturnCourseInput"),
        ("archiveCourse", "CourseIdInput"),
        ("enrolInCourse", "CourseIdInput"),
    )
}
REPORT = f"""
mutation($input: ReportLessonProgressInput!) {{ reportLessonProgress(input: $input) {{
  progress {{ positionSeconds watchedSeconds completed }} {USER_ERRORS} }} }}
"""
CATALOG = """
query($search: String, $topics: [CourseTopic!], $series: [CourseSeries!], $bands: [AgeBand!],
      $first: Int!) {
  courses(first: $first, search: $search, topics: $topics, series: $series, ageBands: $bands) {
    edges { node { id title series topics ageBands viewerEnrolled } }
  } }
"""
COURSE_WITH_LESSONS = """
query($id: ID!) { node(id: $id) { ... on Course {
  title topics ageBands viewerEnrolled figures { views }
  lessons(first: 50) { edges { node { id title position version viewerProgress {
    positionSeconds watchedSeconds completed } } } }
} } }
"""


def course_input(**overrides: Any) -> dict[str, Any]:
    return {
        "title": "如何与青春期孩子沟通",
        "summary": "青春期的孩子情绪起伏大，家长如何倾听、如何表达、如何守住边界。",
        "presenter": "王敏（国家二级心理咨询师）",
        "series": "MASTER_CLASS",
        "topics": ["COMMUNICATION", "ADOLESCENCE"],
        "ageBands": ["JUNIOR_HIGH"],
        "audienceScope": "DISTRICT",
        "coverUrl": "https://cdn.example.cn/covers/qingchunqi.jpg",
        **overrides,
    }


def video(title: str = "第一讲：倾听比说教更有力量", seconds: int = 600) -> LessonContent:
    return LessonContent(
        title=title,
        kind=LessonKind.VIDEO,
        media_url=f"/media/lessons/{abs(hash(title)) % 10_000}.mp4",
        duration_seconds=seconds,
    )


def fields(**overrides: Any) -> CourseFields:
    values: dict[str, Any] = {
        "title": "如何与青春期孩子沟通",
        "summary": "青春期的孩子情绪起伏大，家长如何倾听、如何表达。",
        "presenter": "王敏",
        "series": CourseSeries.MASTER_CLASS,
        "topics": [CourseTopic.COMMUNICATION, CourseTopic.ADOLESCENCE],
        "age_bands": [AgeBand.JUNIOR_HIGH],
        "audience_scope": AudienceScope.DISTRICT,
        **overrides,
    }
    return CourseFields(**values)


async def published_course(
    lecturer: User, admin: User, *, lessons: int = 1, seconds: int = 600, **overrides: Any
) -> Course:
    """Given: a course of `lessons` videos, written, submitted and approved."""
    author = await load_viewer(lecturer.id)
    course = await create_course(viewer=author, fields=fields(**overrides), now=START)
    for n in range(lessons):
        await add_lesson(
            viewer=author, course_id=course.id, content=video(f"第{n + 1}讲", seconds), now=START
        )
    await submit_course(viewer=author, course_id=course.id, now=START)
    return await approve_course(viewer=await load_viewer(admin.id), course_id=course.id, now=START)


async def first_lesson_id(course: Course) -> int:
    return (await course.lessons.all().order_by("position").first()).id  # type: ignore[union-attr]


async def tokens(gql: GraphQLClient, *users: User) -> list[str]:
    return [await gql.token(u.phone) for u in users]


# ---------------------------------------------------------------- writing and review


async def test_a_course_goes_from_draft_through_review_to_the_catalog(
    gql: GraphQLClient,
) -> None:
    world = await make_world()
    lecturer, admin, parent = await tokens(
        gql, world.lecturer, world.district_admin, world.parent_b
    )

    created = (await gql(CREATE_COURSE, {"input": {"course": course_input()}}, token=lecturer))[
        "data"
    ]["createCourse"]
    course_id = created["course"]["id"]
    added = (
        await gql(
            ADD_LESSON,
            {
                "input": {
                    "courseId": course_id,
                    "lesson": {
                        "title": "第一讲：倾听比说教更有力量",
                        "kind": "VIDEO",
                        "mediaUrl": "/media/lessons/1.mp4",
                        "durationSeconds": 900,
                    },
                }
            },
            token=lecturer,
        )
    )["data"]["addLesson"]
    before_review = await gql(CATALOG, {"first": 10}, token=parent)
    submitted = (
        await gql(TRANSITIONS["submitCourse"], {"input": {"courseId": course_id}}, token=lecturer)
    )["data"]["submitCourse"]
    approved = (
        await gql(TRANSITIONS["approveCourse"], {"input": {"courseId": course_id}}, token=admin)
    )["data"]["approveCourse"]
    after_review = await gql(CATALOG, {"first": 10}, token=parent)

    assert created["userErrors"] == [] and created["course"]["status"] == "DRAFT"
    assert created["course"]["topics"] == ["ADOLESCENCE", "COMMUNICATION"]
    assert added["lesson"]["position"] == 1 and added["lesson"]["version"] == 1
    assert before_review["data"]["courses"]["edges"] == []
    assert submitted["course"]["status"] == "SUBMITTED"
    assert approved["course"]["status"] == "PUBLISHED"
    titles = [e["node"]["title"] for e in after_review["data"]["courses"]["edges"]]
    assert titles == ["如何与青春期孩子沟通"]  # parent B's child is in grade 8: 初中


async def test_a_returned_course_carries_its_reason_and_can_be_submitted_again(
    gql: GraphQLClient,
) -> None:
    world = await make_world()
    author = await load_viewer(world.lecturer.id)
    course = await create_course(viewer=author, fields=fields(), now=START)
    await add_lesson(viewer=author, course_id=course.id, content=video(), now=START)
    await submit_course(viewer=author, course_id=course.id, now=START)
    lecturer, admin = await tokens(gql, world.lecturer, world.district_admin)
    course_gid = gid("Course", course.id)

    returned = (
        await gql(
            TRANSITIONS["returnCourse"],
            {"input": {"courseId": course_gid, "reason": "第二讲的案例涉及学生隐私，请替换。"}},
            token=admin,
        )
    )["data"]["returnCourse"]
    no_reason = (
        await gql(
            TRANSITIONS["returnCourse"],
            {"input": {"courseId": course_gid, "reason": "  "}},
            token=admin,
        )
    )["data"]["returnCourse"]
    again = (
        await gql(TRANSITIONS["submitCourse"], {"input": {"courseId": course_gid}}, token=lecturer)
    )["data"]["submitCourse"]

    assert returned["course"] == {
        "id": course_gid,
        "status": "RETURNED",
        "returnReason": "第二讲的案例涉及学生隐私，请替换。",
    }
    assert user_errors(no_reason) == [("INVALID", "reason")]
    assert again["course"]["status"] == "SUBMITTED"


# (action, who, the states it is allowed from)
ALLOWED = {
    "submitCourse": ("lecturer", {CourseStatus.DRAFT, CourseStatus.RETURNED}),
    "approveCourse": ("district_admin", {CourseStatus.SUBMITTED}),
    "returnCourse": ("district_admin", {CourseStatus.SUBMITTED}),
    "archiveCourse": ("lecturer", {CourseStatus.PUBLISHED}),
    "updateCourse": (
        "lecturer",
        {CourseStatus.DRAFT, CourseStatus.RETURNED, CourseStatus.PUBLISHED},
    ),
}
ILLEGAL = [
    (action, state)
    for action, (_, allowed) in ALLOWED.items()
    for state in CourseStatus
    if state not in allowed
]


@pytest.mark.parametrize(("action", "state"), ILLEGAL)
async def test_every_illegal_transition_is_refused_and_changes_nothing(
    gql: GraphQLClient, action: str, state: CourseStatus
) -> None:
    # given a course of the district in `state`
    world = await make_world()
    author = await load_viewer(world.lecturer.id)
    course = await create_course(viewer=author, fields=fields(), now=START)
    await add_lesson(viewer=author, course_id=course.id, content=video(), now=START)
    await Course.filter(id=course.id).update(status=state)
    who = getattr(world, ALLOWED[action][0])
    token = await gql.token(who.phone)
    course_gid = gid("Course", course.id)
    variables: dict[str, Any] = {"courseId": course_gid}
    if action == "returnCourse":
        variables["reason"] = "请补充案例"
    if action == "updateCourse":
        variables["course"] = course_input(title="改过的标题")

    # when the one who may do it elsewhere tries it here
    query = UPDATE_COURSE if action == "updateCourse" else TRANSITIONS[action]
    body = await gql(query, {"input": variables}, token=token)

    # then it is refused, typed, and the course is as it was (a reviewer never sees drafts)
    hidden = state == CourseStatus.DRAFT and ALLOWED[action][0] == "district_admin"
    code = "NOT_FOUND" if hidden else "INVALID_TRANSITION"
    assert user_errors(body["data"][action]) == [(code, "courseId")]
    row = await Course.get(id=course.id)
    assert (row.status, row.title) == (state, "如何与青春期孩子沟通")


async def test_only_a_district_admin_of_the_courses_district_reviews(gql: GraphQLClient) -> None:
    world = await make_world()
    author = await load_viewer(world.lecturer.id)
    course = await create_course(viewer=author, fields=fields(), now=START)
    await add_lesson(viewer=author, course_id=course.id, content=video(), now=START)
    await submit_course(viewer=author, course_id=course.id, now=START)
    other_admin = await make_staff(StaffRole.DISTRICT_ADMIN, district=world.other_school.district)
    approve = TRANSITIONS["approveCourse"]
    variables = {"input": {"courseId": gid("Course", course.id)}}

    by_lecturer = await gql(approve, variables, token=await gql.token(world.lecturer.phone))
    by_school_admin = await gql(approve, variables, token=await gql.token(world.school_admin.phone))
    by_other_district = await gql(approve, variables, token=await gql.token(other_admin.phone))

    assert by_lecturer["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert by_school_admin["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert user_errors(by_other_district["data"]["approveCourse"]) == [("NOT_FOUND", "courseId")]
    assert (await Course.get(id=course.id)).status == CourseStatus.SUBMITTED


async def test_a_lecturer_cannot_edit_another_lecturers_course(gql: GraphQLClient) -> None:
    # given a colleague's draft and a colleague's published course
    world = await make_world()
    colleague = await make_staff(StaffRole.LECTURER, district=world.district)
    draft = await create_course(
        viewer=await load_viewer(colleague.id), fields=fields(title="草稿"), now=START
    )
    published = await published_course(colleague, world.district_admin, title="已发布")
    token = await gql.token(world.lecturer.phone)

    on_draft = await gql(
        UPDATE_COURSE,
        {"input": {"courseId": gid("Course", draft.id), "course": course_input(title="改")}},
        token=token,
    )
    on_published = await gql(
        UPDATE_COURSE,
        {"input": {"courseId": gid("Course", published.id), "course": course_input(title="改")}},
        token=token,
    )
    add_to_published = await gql(
        ADD_LESSON,
        {
            "input": {
                "courseId": gid("Course", published.id),
                "lesson": {"title": "插入", "kind": "ARTICLE", "body": "正文"},
            }
        },
        token=token,
    )
    archive = await gql(
        TRANSITIONS["archiveCourse"],
        {"input": {"courseId": gid("Course", published.id)}},
        token=token,
    )

    assert user_errors(on_draft["data"]["updateCourse"]) == [("NOT_FOUND", "courseId")]
    assert user_errors(on_published["data"]["updateCourse"]) == [("NOT_OWNER", "courseId")]
    assert user_errors(add_to_published["data"]["addLesson"]) == [("NOT_OWNER", "courseId")]
    assert user_errors(archive["data"]["archiveCourse"]) == [("NOT_OWNER", "courseId")]
    assert {c.title for c in await Course.all()} == {"草稿", "已发布"}
    assert await published.lessons.all().count() == 1


async def test_bad_input_is_a_typed_error_on_its_field(gql: GraphQLClient) -> None:
    world = await make_world()
    token = await gql.token(world.lecturer.phone)

    cases = {
        "coverUrl": course_input(coverUrl="http://insecure.example.cn/a.jpg"),
        "title": course_input(title=""),
        "topics": course_input(topics=[]),
        "schoolId": course_input(audienceScope="SCHOOL"),
    }
    found = {
        field: user_errors(
            (await gql(CREATE_COURSE, {"input": {"course": value}}, token=token))["data"][
                "createCourse"
            ]
        )
        for field, value in cases.items()
    }

    assert found == {
        "coverUrl": [("INVALID_MEDIA_URL", "coverUrl")],
        "title": [("INVALID", "title")],
        "topics": [("REQUIRED", "topics")],
        "schoolId": [("REQUIRED", "schoolId")],
    }
    assert await Course.all().count() == 0
