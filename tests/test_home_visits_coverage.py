"""Coverage figures against a fixture computed by hand, read in a constant number of queries,
and shown to the class teacher (their class), school admins and district admins only."""

from __future__ import annotations

import datetime as dt
from typing import Any

from core.clock import FrozenClock
from models.schools import Term
from tests.client import GraphQLClient
from tests.conftest import QueryCounter
from tests.factories import (
    make_class,
    make_guardian,
    make_school,
    make_school_year,
    make_student,
    make_world,
)
from tests.helpers import gid
from tests.test_home_visits_support import LOG_CONTACT, RECORD, SET_TARGETED, book, offer

COVERAGE = """
query($c: ID, $s: ID, $d: ID) {
  homeVisitCoverage(classId: $c, schoolId: $s, districtId: $d) {
    schoolYear students universalDone universalShare targetedNeeded targetedDone notReached
    contactedThisTerm perTeacher { teacherName visits }
  }
}
"""


async def _fixture(gql: GraphQLClient, clock: FrozenClock) -> Any:
    """Class A: 4 students; s1 visited, s2 targeted and visited, s3 targeted and not visited,
    s4 called on the phone. Class B: 2 students; one visited, one visit that did not happen.
    Another school of the district: one student, nothing yet."""
    world = await make_world()
    year = await make_school_year()
    await Term.create(
        school_year=year,
        name="第一学期",
        starts_on=dt.date(2026, 9, 1),
        ends_on=dt.date(2027, 1, 31),
    )
    s2 = await make_student(world.class_a)  # s1 is world.student_a
    s3, s4 = await make_student(world.class_a), await make_student(world.class_a)
    p2 = await make_guardian(s2)
    await make_guardian(s3)
    await make_guardian(s4)
    b2 = await make_student(world.class_b)
    pb2 = await make_guardian(b2)
    await make_student(await make_class(await make_school(world.district)))
    counselor = await gql.token(world.counselor.phone)
    for student in (s2, s3):
        await gql(
            SET_TARGETED,
            {"input": {"studentId": gid("Student", student.id), "reason": "SAFETY_RISK"}},
            token=counselor,
        )
    slots_a = await offer(gql, await gql.token(world.teacher_a.phone), world.class_a.id)
    slots_b = await offer(gql, await gql.token(world.teacher_b.phone), world.class_b.id)
    visits = [
        (await book(gql, await gql.token(parent.phone), slot["id"]))["visit"]["id"]
        for parent, slot in (
            (world.parent_a, slots_a[0]),
            (p2, slots_a[1]),
            (world.parent_b, slots_b[0]),
            (pb2, slots_b[1]),
        )
    ]
    clock.set(dt.datetime.fromisoformat(slots_a[2]["startsAt"]))
    teacher_a = await gql.token(world.teacher_a.phone)
    teacher_b = await gql.token(world.teacher_b.phone)
    for visit, token, happened in (
        (visits[0], teacher_a, True),
        (visits[1], teacher_a, True),
        (visits[2], teacher_b, True),
        (visits[3], teacher_b, False),
    ):
        body = await gql(
            RECORD,
            {"input": {"visitId": visit, "happened": happened, "notHappenedReason": "家中无人"}},
            token=token,
        )
        assert body["data"]["recordHomeVisit"]["userErrors"] == []
    await gql(
        LOG_CONTACT,
        {"input": {"studentId": gid("Student", s4.id), "channel": "PHONE"}},
        token=teacher_a,
    )
    return world


async def test_coverage_of_a_class_a_school_and_a_district_matches_the_hand_count(
    gql: GraphQLClient, clock: FrozenClock
) -> None:
    world = await _fixture(gql, clock)

    by_class = await gql(
        COVERAGE,
        {"c": gid("SchoolClass", world.class_a.id)},
        token=await gql.token(world.teacher_a.phone),
    )
    by_school = await gql(
        COVERAGE,
        {"s": gid("School", world.school.id)},
        token=await gql.token(world.school_admin.phone),
    )
    by_district = await gql(
        COVERAGE,
        {"d": gid("District", world.district.id)},
        token=await gql.token(world.district_admin.phone),
    )

    teacher_a, teacher_b = world.teacher_a.name, world.teacher_b.name
    assert by_class["data"]["homeVisitCoverage"] == {
        "schoolYear": "2026-2027",
        "students": 4,
        "universalDone": 2,
        "universalShare": 0.5,
        "targetedNeeded": 2,
        "targetedDone": 1,
        "notReached": 2,
        "contactedThisTerm": 3,
        "perTeacher": [{"teacherName": teacher_a, "visits": 2}],
    }
    assert by_school["data"]["homeVisitCoverage"] == {
        "schoolYear": "2026-2027",
        "students": 6,
        "universalDone": 3,
        "universalShare": 0.5,
        "targetedNeeded": 2,
        "targetedDone": 1,
        "notReached": 3,
        "contactedThisTerm": 4,
        "perTeacher": [
            {"teacherName": teacher_a, "visits": 2},
            {"teacherName": teacher_b, "visits": 1},
        ],
    }
    district = by_district["data"]["homeVisitCoverage"]
    assert (district["students"], district["universalDone"], district["notReached"]) == (7, 3, 4)
    assert district["universalShare"] == round(3 / 7, 4)


async def test_coverage_is_read_in_a_constant_number_of_queries(
    gql: GraphQLClient, clock: FrozenClock, sql_queries: QueryCounter
) -> None:
    world = await _fixture(gql, clock)
    teacher = await gql.token(world.teacher_a.phone)
    admin = await gql.token(world.district_admin.phone)

    async def counted(variables: dict[str, str], token: str) -> int:
        sql_queries.count = 0
        body = await gql(COVERAGE, variables, token=token)
        assert body["data"]["homeVisitCoverage"] is not None
        return sql_queries.count

    class_scope = {"c": gid("SchoolClass", world.class_a.id)}
    district_scope = {"d": gid("District", world.district.id)}
    before = (await counted(class_scope, teacher), await counted(district_scope, admin))
    bigger = await make_class(await make_school(world.district))
    for _ in range(12):
        await make_guardian(await make_student(bigger))
    for _ in range(6):
        await make_student(world.class_a)
    after = (await counted(class_scope, teacher), await counted(district_scope, admin))

    assert before == after
    assert max(before) <= 14  # the viewer, the scope check, eight counts and the year's rows


async def test_coverage_is_shown_only_within_the_viewers_own_scope(
    gql: GraphQLClient, clock: FrozenClock
) -> None:
    world = await _fixture(gql, clock)
    teacher = await gql.token(world.teacher_a.phone)

    other_class = await gql(COVERAGE, {"c": gid("SchoolClass", world.class_b.id)}, token=teacher)
    whole_school = await gql(COVERAGE, {"s": gid("School", world.school.id)}, token=teacher)
    other_district = await gql(
        COVERAGE,
        {"s": gid("School", world.other_school.id)},
        token=await gql.token(world.school_admin.phone),
    )
    two_scopes = await gql(
        COVERAGE,
        {"c": gid("SchoolClass", world.class_a.id), "s": gid("School", world.school.id)},
        token=teacher,
    )
    counselor = await gql(
        COVERAGE,
        {"c": gid("SchoolClass", world.class_a.id)},
        token=await gql.token(world.counselor.phone),
    )

    assert other_class["data"]["homeVisitCoverage"] is None
    assert whole_school["data"]["homeVisitCoverage"] is None
    assert other_district["data"]["homeVisitCoverage"] is None
    assert [e["extensions"]["code"] for e in two_scopes["errors"]] == ["INVALID"]
    assert [e["extensions"]["code"] for e in counselor["errors"]] == ["FORBIDDEN"]
