"""The demo shows a referral: the demo parent has a consent request to answer, the counselor
the open case."""

from __future__ import annotations

from server.demo import DEMO_LOGINS, DEMO_PASSWORD, seed_demo
from tests.client import GraphQLClient
from tests.factories import START


async def test_demo_parent_has_a_pending_consent_request_and_counselor_the_case(
    gql: GraphQLClient,
) -> None:
    assert await seed_demo(START, "2026-09", "2026-09")
    parent = await gql.token(DEMO_LOGINS["PARENT"], DEMO_PASSWORD)
    counselor = await gql.token(DEMO_LOGINS["COUNSELOR"], DEMO_PASSWORD)

    requests = await gql(
        "{ viewer { consentRequests(first: 5) { edges { node { status text "
        "case { hospital { name greenChannelPhone } } } } } } }",
        token=parent,
    )
    cases = await gql(
        "{ viewer { referralCases(first: 5) { edges { node { status assessment "
        "student { schoolClass { name } } } } } } }",
        token=counselor,
    )

    (request,) = [e["node"] for e in requests["data"]["viewer"]["consentRequests"]["edges"]]
    assert request["status"] == "PENDING"
    assert "青禾区精神卫生中心" in request["text"] and "随时撤回" in request["text"]
    assert request["case"]["hospital"]["greenChannelPhone"] == "0571-8765 4321"
    (case,) = [e["node"] for e in cases["data"]["viewer"]["referralCases"]["edges"]]
    assert case["status"] == "OPEN" and case["assessment"]
    assert case["student"]["schoolClass"]["name"] == "五年级2班"
