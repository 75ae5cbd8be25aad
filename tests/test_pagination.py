"""Connections page in the order the domain asks for, with cursors that carry the sort key,
and a list nested under each row of a list costs the same queries however many rows."""

from __future__ import annotations

import datetime as dt

from graphql_schema.pagination import ordering_of
from models.accounts import User
from models.courses import AudienceScope
from models.schools import AgeBand, SchoolYear, StaffRole
from notifications import NotificationCategory, enqueue
from tests.client import GraphQLClient
from tests.conftest import QueryCounter
from tests.factories import (
    START,
    make_class,
    make_district,
    make_guardian,
    make_school,
    make_staff,
    make_student,
    make_user,
    make_world,
)
from tests.helpers import gid
from tests.test_courses import published_course

INBOX_PAGE = """query($first: Int, $after: String, $last: Int, $before: String) {
  viewer { notifications(first: $first, after: $after, last: $last, before: $before) {
    edges { cursor node { title createdAt } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }"""

# Both as deep as the depth limit (10) allows: lists under each row of a list.
CLASSES_AND_STUDENTS = """
{ viewer { classes(first: 10) { edges { node {
  name students(first: 10) { edges { node { name schoolClass { name } } } }
} } } } }
"""
STUDENTS_AND_GUARDIANS = """query($id: ID!) { node(id: $id) { ... on SchoolClass {
  students(first: 10) { edges { node {
    name guardians(first: 5) { edges { node { relationship person { name } } } }
  } } } } } }
"""


async def _message(user: User, title: str, at: dt.datetime) -> None:
    await enqueue(
        [user.id],
        NotificationCategory.ANNOUNCEMENT,
        "announcement.new",
        {"title": title, "summary": "请查看"},
        "homeroom://inbox",
        now=at,
    )


async def _inbox(gql: GraphQLClient, token: str, **page: object) -> dict:
    body = await gql(INBOX_PAGE, page, token=token)
    assert "errors" not in body, body
    return body["data"]["viewer"]["notifications"]


def _titles(connection: dict) -> list[str]:
    return [e["node"]["title"] for e in connection["edges"]]


async def test_the_inbox_lists_newest_first_whatever_order_the_rows_were_written(
    gql: GraphQLClient,
) -> None:
    # given a direct message written first, then a broadcast's entry dated earlier (written
    # later, as a broadcast expanded late is): the later row has the higher id
    parent = await make_user()
    await _message(parent, "新", START)
    await _message(parent, "旧", START - dt.timedelta(hours=1))
    token = await gql.token(parent.phone)

    # when the app reads the inbox
    page = await _inbox(gql, token, first=10)

    # then the newer message comes first
    assert _titles(page) == ["新", "旧"]


async def test_a_cursor_stays_correct_while_rows_arrive_before_and_after_it(
    gql: GraphQLClient,
) -> None:
    parent = await make_user()
    for hour in range(5):  # 5 messages, an hour apart
        await _message(parent, f"m{hour}", START + dt.timedelta(hours=hour))
    token = await gql.token(parent.phone)
    first = await _inbox(gql, token, first=2)
    first_created = [e["node"]["createdAt"] for e in first["edges"]]

    # a newer message arrives (before the cursor), and an older one written late (after it)
    await _message(parent, "newest", START + dt.timedelta(hours=9))
    await _message(parent, "late-old", START - dt.timedelta(hours=9))
    second = await _inbox(gql, token, first=2, after=first["pageInfo"]["endCursor"])
    rest = await _inbox(gql, token, first=10, after=second["pageInfo"]["endCursor"])

    hours = [
        dt.datetime.fromisoformat(e["node"]["createdAt"]) - START
        for e in [*first["edges"], *second["edges"], *rest["edges"]]
    ]
    assert first_created == sorted(first_created, reverse=True)
    # 4h, 3h | 2h, 1h | 0h, -9h: nothing repeated, nothing skipped, the newcomer behind us unseen
    assert hours == [dt.timedelta(hours=h) for h in (4, 3, 2, 1, 0, -9)]
    assert second["pageInfo"]["hasNextPage"] is True
    assert rest["pageInfo"]["hasNextPage"] is False
    assert second["pageInfo"]["hasPreviousPage"] is True


async def test_paging_backwards_from_a_cursor_keeps_the_order(gql: GraphQLClient) -> None:
    parent = await make_user()
    for hour in range(5):
        await _message(parent, f"m{hour}", START + dt.timedelta(hours=hour))
    token = await gql.token(parent.phone)
    everything = await _inbox(gql, token, first=5)
    cursors = [e["cursor"] for e in everything["edges"]]

    before_last = await _inbox(gql, token, last=2, before=cursors[4])
    tail = await _inbox(gql, token, last=2)

    assert [e["cursor"] for e in before_last["edges"]] == cursors[2:4]
    assert before_last["pageInfo"]["hasPreviousPage"] is True
    assert before_last["pageInfo"]["hasNextPage"] is True
    assert [e["cursor"] for e in tail["edges"]] == cursors[3:5]


async def test_a_cursor_of_another_shape_is_a_typed_error(gql: GraphQLClient) -> None:
    parent = await make_user()
    await _message(parent, "m", START)
    token = await gql.token(parent.phone)
    page = await _inbox(gql, token, first=1)
    other_shape = page["pageInfo"]["endCursor"][:-4]  # truncated: not this ordering's cursor

    for forged in ("a", other_shape, "YzoxMg=="):  # the last: an old id-only cursor "c:12"
        body = await gql(INBOX_PAGE, {"first": 1, "after": forged}, token=token)
        assert body["errors"][0]["extensions"]["code"] == "INVALID", forged


async def _teacher_of(classes: int, students_each: int, guardians_each: int) -> User:
    teacher = await make_user()
    for _ in range(classes):
        school_class = await make_class(await make_school())
        await make_staff(StaffRole.CLASS_TEACHER, school_class=school_class, user=teacher)
        for _ in range(students_each):
            student = await make_student(school_class)
            for _ in range(guardians_each):
                await make_guardian(student)
    return teacher


async def _cost(
    gql: GraphQLClient, counter: QueryCounter, query: str, token: str, **variables: object
) -> tuple[dict, int]:
    counter.count = 0
    body = await gql(query, variables, token=token)
    assert "errors" not in body, body
    return body["data"], counter.count


async def _first_class_id(gql: GraphQLClient, token: str) -> str:
    body = await gql("{ viewer { classes(first: 1) { edges { node { id } } } } }", token=token)
    return body["data"]["viewer"]["classes"]["edges"][0]["node"]["id"]


async def test_nested_connections_cost_the_same_queries_for_few_or_many_rows(
    gql: GraphQLClient, sql_queries: QueryCounter
) -> None:
    # given a teacher of 1 class of 2 students with 1 guardian each, and one of 3 classes of
    # 6 students with 2 guardians each
    small, large = await _teacher_of(1, 2, 1), await _teacher_of(3, 6, 2)
    small_token, large_token = await gql.token(small.phone), await gql.token(large.phone)

    # when each reads their classes' students, and one class's students' guardians
    small_classes, small_classes_cost = await _cost(
        gql, sql_queries, CLASSES_AND_STUDENTS, small_token
    )
    large_classes, large_classes_cost = await _cost(
        gql, sql_queries, CLASSES_AND_STUDENTS, large_token
    )
    small_class = small_classes["viewer"]["classes"]["edges"][0]["node"]
    large_class = large_classes["viewer"]["classes"]["edges"][0]["node"]
    small_id = await _first_class_id(gql, small_token)
    large_id = await _first_class_id(gql, large_token)
    small_guardians, small_guardians_cost = await _cost(
        gql, sql_queries, STUDENTS_AND_GUARDIANS, small_token, id=small_id
    )
    large_guardians, large_guardians_cost = await _cost(
        gql, sql_queries, STUDENTS_AND_GUARDIANS, large_token, id=large_id
    )

    # then the costs are equal, and each page is its parent's own
    assert len(large_classes["viewer"]["classes"]["edges"]) == 3
    assert len(small_class["students"]["edges"]) == 2
    assert len(large_class["students"]["edges"]) == 6
    assert large_classes_cost == small_classes_cost
    small_students = small_guardians["node"]["students"]["edges"]
    large_students = large_guardians["node"]["students"]["edges"]
    assert [len(s["node"]["guardians"]["edges"]) for s in small_students] == [1, 1]
    assert [len(s["node"]["guardians"]["edges"]) for s in large_students] == [2] * 6
    assert all(
        g["node"]["person"]["name"] for s in large_students for g in s["node"]["guardians"]["edges"]
    )
    assert large_guardians_cost == small_guardians_cost


async def test_a_nested_page_is_cut_per_parent(gql: GraphQLClient) -> None:
    teacher = await _teacher_of(2, 3, 3)
    token = await gql.token(teacher.phone)

    body = await gql(
        """{ viewer { classes(first: 10) { edges { node { id students(first: 2) {
          edges { node { name } } pageInfo { hasNextPage endCursor } } } } } } }""",
        token=token,
    )
    classes = body["data"]["viewer"]["classes"]["edges"]
    guardians = await gql(
        """query($id: ID!) { node(id: $id) { ... on SchoolClass { students(first: 10) {
          edges { node { guardians(first: 2) { edges { node { relationship } }
          pageInfo { hasNextPage } } } } } } } }""",
        {"id": classes[1]["node"]["id"]},
        token=token,
    )
    after = classes[0]["node"]["students"]["pageInfo"]["endCursor"]
    rest = await gql(
        """query($id: ID!, $after: String) { node(id: $id) { ... on SchoolClass {
          students(first: 5, after: $after) { edges { node { name } } } } } }""",
        {"id": classes[0]["node"]["id"], "after": after},
        token=token,
    )

    for school_class in classes:
        students = school_class["node"]["students"]
        assert len(students["edges"]) == 2
        assert students["pageInfo"]["hasNextPage"] is True
    for student in guardians["data"]["node"]["students"]["edges"]:
        assert len(student["node"]["guardians"]["edges"]) == 2
        assert student["node"]["guardians"]["pageInfo"]["hasNextPage"] is True
    # the nested cursor goes on where the page stopped: the class's third student
    assert len(rest["data"]["node"]["students"]["edges"]) == 1


async def test_a_list_without_its_own_order_follows_the_models_default_order() -> None:
    # SchoolYear orders by starts_on in its Meta; a QuerySet that says nothing keeps it
    keys = ordering_of(SchoolYear.all())
    explicit = ordering_of(SchoolYear.all().order_by("-name"))

    assert [(k.field, k.descending) for k in keys] == [("starts_on", False), ("id", False)]
    assert [(k.field, k.descending) for k in explicit] == [("name", True), ("id", True)]


STUDENT = """id name school { id name } schoolClass { id name }
  guardians(first: 5) { edges { node { id person { id name } student { id } } } }"""


async def test_related_rows_read_ahead_with_a_page_answer_as_the_node_alone(
    gql: GraphQLClient,
) -> None:
    """A page reads the rows behind its nodes' related fields for all of them at once
    (`ModelNode.read_ahead_page`), through the same scope: for every viewer each node of the
    page (nulls included) is the node `node(id:)` gives, which reads them one by one."""
    world = await make_world()
    await make_guardian(world.student_a)  # a second family member of student A
    page = """query($id: ID!) { node(id: $id) { ... on SchoolClass {
      students(first: 10) { edges { node { STUDENT } } } } } }""".replace("STUDENT", STUDENT)
    alone = "query($id: ID!) { node(id: $id) { ... on Student { STUDENT } } }".replace(
        "STUDENT", STUDENT
    )
    people = [
        world.parent_a,
        world.parent_b,
        world.teacher_a,
        world.teacher_b,
        world.counselor,
        world.school_admin,
        world.district_admin,
    ]
    shown = 0
    for person in people:
        token = await gql.token(person.phone)
        for school_class in (world.class_a, world.class_b):
            body = await gql(page, {"id": gid("SchoolClass", school_class.id)}, token=token)
            assert "errors" not in body, body
            found = body["data"]["node"]
            for node in [e["node"] for e in found["students"]["edges"]] if found else []:
                single = await gql(alone, {"id": node["id"]}, token=token)
                assert single["data"]["node"] == node, (person.phone, node["name"])
                shown += node["schoolClass"] is not None and len(node["guardians"]["edges"]) > 1
    assert shown >= 2  # the comparison met real nested rows, not only nulls


async def test_a_related_row_hidden_from_the_viewer_is_null_in_a_page_as_alone(
    gql: GraphQLClient,
) -> None:
    """A course for everyone from another district is in a parent's catalog, its district
    not: read ahead with the catalog page, that district is null, as `node(id:)` says."""
    world = await make_world()
    elsewhere = await make_district()
    bands = {"age_bands": [AgeBand.PRIMARY_UPPER]}
    await published_course(world.lecturer, world.district_admin, **bands)
    await published_course(
        await make_staff(StaffRole.LECTURER, district=elsewhere),
        await make_staff(StaffRole.DISTRICT_ADMIN, district=elsewhere),
        audience_scope=AudienceScope.EVERYONE,
        **bands,
    )
    token = await gql.token(world.parent_a.phone)
    catalog = "{ courses(first: 10) { edges { node { id district { id name } } } } }"
    one = "query($id: ID!) { node(id: $id) { ... on Course { id district { id name } } } }"

    page = await gql(catalog, token=token)
    nodes = [e["node"] for e in page["data"]["courses"]["edges"]]
    alone = [(await gql(one, {"id": n["id"]}, token=token))["data"]["node"] for n in nodes]

    assert sorted(n["district"] is None for n in nodes) == [False, True]
    assert alone == nodes
