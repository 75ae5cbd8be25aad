"""The demo shows home visits to every role: the parent's booking, the teacher's plan, the
counselor's proposed visit, the class's coverage."""

from __future__ import annotations

from models.schools import SchoolClass
from server.demo import DEMO_LOGINS, DEMO_PASSWORD, seed_demo
from tests.client import GraphQLClient
from tests.factories import START
from tests.helpers import gid
from tests.test_home_visits_support import MY_VISITS, OPEN_SLOTS

PLAN = """
query($c: ID!) { homeVisitPlan(classId: $c) {
  entries(first: 50) { edges { node { targeted targetedReason } } }
  slots(first: 50) { edges { node { booked } } }
  visits(first: 50) { edges { node { status kind } } } } }
"""
COVERAGE = "query($c: ID!) { homeVisitCoverage(classId: $c) { students universalDone } }"


async def test_the_demo_has_home_visits_for_each_role(gql: GraphQLClient) -> None:
    assert await seed_demo(START, "2026-09", "2026-09")
    klass = await SchoolClass.get(name="五年级2班")
    parent = await gql.token(DEMO_LOGINS["PARENT"], DEMO_PASSWORD)
    teacher = await gql.token(DEMO_LOGINS["CLASS_TEACHER"], DEMO_PASSWORD)
    counselor = await gql.token(DEMO_LOGINS["COUNSELOR"], DEMO_PASSWORD)

    mine = await gql(MY_VISITS, token=parent)
    open_slots = await gql(OPEN_SLOTS, token=parent)
    plan = (await gql(PLAN, {"c": gid("SchoolClass", klass.id)}, token=teacher))["data"]
    joined = await gql(MY_VISITS, token=counselor)
    coverage = await gql(COVERAGE, {"c": gid("SchoolClass", klass.id)}, token=teacher)

    visits = [e["node"] for e in mine["data"]["viewer"]["homeVisits"]["edges"]]
    assert [(v["status"], v["kind"]) for v in visits] == [("SCHEDULED", "UNIVERSAL")]
    assert len(open_slots["data"]["viewer"]["openHomeVisitSlots"]["edges"]) == 5
    entries = [e["node"] for e in plan["homeVisitPlan"]["entries"]["edges"]]
    assert len(entries) == 8
    assert [e["targetedReason"] for e in entries if e["targeted"]] == ["LEFT_BEHIND"]
    statuses = sorted(e["node"]["status"] for e in plan["homeVisitPlan"]["visits"]["edges"])
    assert statuses == ["COMPLETED", "PROPOSED", "SCHEDULED"]
    assert [e["node"]["status"] for e in joined["data"]["viewer"]["homeVisits"]["edges"]] == [
        "PROPOSED"
    ]
    assert coverage["data"]["homeVisitCoverage"] == {"students": 8, "universalDone": 1}
