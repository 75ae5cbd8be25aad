"""Home-visit lists are connections read in a constant number of queries per page."""

from __future__ import annotations

from models.home_visits import VisitPlan
from tests.client import GraphQLClient
from tests.conftest import QueryCounter
from tests.factories import make_guardian, make_student, make_world
from tests.helpers import gid
from tests.test_home_visits_support import SATURDAY, book, offer

# each list on its own, so that the batches of one do not race those of another
PLAN_LISTS = {
    "entries": """query($c: ID!) { homeVisitPlan(classId: $c) { schoolYear
      entries(first: 50) { edges { node { targeted universalVisitedAt student { name } } } } } }""",
    "slots": """query($c: ID!) { homeVisitPlan(classId: $c) {
      slots(first: 50) { edges { node { startsAt booked host { name } } } } } }""",
    "visits": """query($c: ID!) { homeVisitPlan(classId: $c) {
      visits(first: 50) { edges { node { status student { name } host { name } record { notes }
      familyRecord { happened } coVisitors(first: 5) { edges { node { person { name } } } } } } }
    } }""",
}
MINE = """
{ viewer { homeVisits(first: 50) { edges { node { status startsAt student { name }
  familyRecord { happened } } } }
  openHomeVisitSlots(first: 50) { edges { node { startsAt schoolClass { name } } } } } }
"""


async def _families(world: object, count: int) -> list[object]:
    parents = []
    for _ in range(count):
        parents.append(await make_guardian(await make_student(world.class_a)))  # type: ignore[attr-defined]
    return parents


async def test_the_plan_and_its_lists_cost_the_same_for_two_or_ten_families(
    gql: GraphQLClient, sql_queries: QueryCounter
) -> None:
    world = await make_world()
    teacher = await gql.token(world.teacher_a.phone)
    week = {**SATURDAY, "lastDay": "2026-11-15", "weekdays": [6, 7]}
    slots = await offer(gql, teacher, world.class_a.id, **week)
    counts: dict[str, list[int]] = {name: [] for name in PLAN_LISTS}
    booked = 0
    for families in (2, 10):
        for parent in await _families(world, families - booked):
            token = await gql.token(parent.phone)  # type: ignore[attr-defined]
            await book(gql, token, slots[booked]["id"])
            booked += 1
        for name, query in PLAN_LISTS.items():
            sql_queries.count = 0
            body = await gql(query, {"c": gid("SchoolClass", world.class_a.id)}, token=teacher)
            counts[name].append(sql_queries.count)
            assert len(body["data"]["homeVisitPlan"][name]["edges"]) >= booked

    assert all(two == ten for two, ten in counts.values()), counts
    assert await VisitPlan.all().count() == 1


async def test_a_familys_own_lists_cost_the_same_for_one_or_five_visits(
    gql: GraphQLClient, sql_queries: QueryCounter
) -> None:
    world = await make_world()
    teacher = await gql.token(world.teacher_a.phone)
    slots = await offer(gql, teacher, world.class_a.id, lastDay="2026-11-15", weekdays=[6, 7])
    parent = world.parent_a
    token = await gql.token(parent.phone)
    await book(gql, token, slots[0]["id"])
    sql_queries.count = 0
    await gql(MINE, token=token)
    one = sql_queries.count
    for i in range(1, 5):  # the same parent's other children in the class
        child = await make_student(world.class_a)
        await make_guardian(child, user=parent)
        token = await gql.token(parent.phone)
        await gql(
            "mutation($s: ID!, $c: ID!) { bookHomeVisitSlot(input: {slotId: $s, studentId: $c}) "
            "{ userErrors { code } } }",
            {"s": slots[i]["id"], "c": gid("Student", child.id)},
            token=token,
        )
    sql_queries.count = 0
    body = await gql(MINE, token=token)
    five = sql_queries.count

    assert len(body["data"]["viewer"]["homeVisits"]["edges"]) == 5
    assert one == five
