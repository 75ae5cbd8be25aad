"""Who sees what of a referral case, field by field and role by role; every read audited; the
guardians see who accessed their child's case; lists leak nothing; pages cost constant SQL."""

from __future__ import annotations

from typing import Any

import pytest

from models.audit import AuditEvent, AuditOutcome
from models.referrals import ConsentRequest, FollowUp, FollowUpKind, RequestStatus
from tests.client import GraphQLClient
from tests.conftest import QueryCounter
from tests.factories import START, make_student, make_user, make_world
from tests.helpers import gid
from tests.test_referrals_world import (
    ReferralWorld,
    make_case,
    make_referral_world,
    referral_objects,
)

VIEWERS = [
    "parent_a",
    "parent_b",
    "teacher_a",
    "teacher_b",
    "counselor",
    "lecturer",
    "school_admin",
    "district_admin",
    "outsider",
]

CASE_QUERY = """
query($id: ID!) { node(id: $id) { ... on ReferralCase {
  id status urgency concernCategory assessment summaryForHospital outcome outcomeNote
  createdAt updatedAt closedAt
  student { name } hospital { name greenChannelPhone }
  consentRequests(first: 5) { edges { node { status text } } }
  followUps(first: 5) { edges { node { note } } }
  handOver { sharedData }
  accessLog(first: 50) { edges { node { actorRole action outcome } } }
} } }"""

# field -> the roles who get its value (everyone else gets no case at all, or null here)
FULL_CASE = {"counselor"}
GUARDIAN_CASE = {"parent_a"}
COUNSELOR_ONLY_FIELDS = {"assessment", "summaryForHospital", "outcomeNote"}
CASE_FIELDS = [
    "status",
    "urgency",
    "concernCategory",
    "assessment",
    "summaryForHospital",
    "outcome",
    "outcomeNote",
    "createdAt",
    "updatedAt",
    "closedAt",
    "student",
    "hospital",
    "consentRequests",
    "followUps",
    "handOver",
    "accessLog",
]


async def _closed_case_with_everything(rw: ReferralWorld) -> None:
    """Every field non-null for the counselor: an outcome, a follow-up for the guardians, a
    request; the hand-over stays null (no consent here)."""
    case = rw.case
    case.outcome = "RESOLVED_AT_SCHOOL"  # type: ignore[assignment]
    case.outcome_note = "校内辅导后好转"
    case.closed_at = START
    await case.save()
    await FollowUp.create(
        case=case,
        kind=FollowUpKind.UPDATE,
        note="已与家长沟通",
        for_guardians=True,
        author_id=rw.world.counselor.id,
        created_at=START,
    )
    await ConsentRequest.create(
        case=case,
        template=rw.template,
        template_version=1,
        text="同意书全文",
        text_sha256="0" * 64,
        purpose="p",
        shared_data=["STUDENT_NAME"],
        requires_both_guardians=False,
        requested_by_id=rw.world.counselor.id,
        status=RequestStatus.DECLINED,
        created_at=START,
        expires_at=START,
    )


async def _token(gql: GraphQLClient, rw: ReferralWorld, who: str) -> str:
    if who == "outsider":
        return await gql.token((await make_user()).phone)
    return await gql.token(getattr(rw.world, who).phone)


@pytest.mark.parametrize("who", VIEWERS)
async def test_each_role_sees_only_its_fields_of_a_case(gql: GraphQLClient, who: str) -> None:
    rw = await make_referral_world()
    await _closed_case_with_everything(rw)
    token = await _token(gql, rw, who)

    body = await gql(CASE_QUERY, {"id": gid("ReferralCase", rw.case.id)}, token=token)

    assert "errors" not in body
    node: dict[str, Any] | None = body["data"]["node"]
    if who not in FULL_CASE | GUARDIAN_CASE:
        assert node is None  # no hint the case exists
        return
    assert node is not None
    shown = {f for f in CASE_FIELDS if node[f] is not None}
    expected = set(CASE_FIELDS) - {"handOver"}
    if who in GUARDIAN_CASE:
        expected -= COUNSELOR_ONLY_FIELDS
    assert shown == expected
    assert node["student"]["name"] == rw.world.student_a.name


@pytest.mark.parametrize("who", VIEWERS)
async def test_only_the_class_teacher_counselor_and_guardians_learn_that_a_case_is_open(
    gql: GraphQLClient, who: str
) -> None:
    rw = await make_referral_world()
    token = await _token(gql, rw, who)

    body = await gql(
        "query($s: ID!) { hasOpenReferral(studentId: $s) }",
        {"s": gid("Student", rw.world.student_a.id)},
        token=token,
    )

    expected = True if who in {"teacher_a", "counselor", "parent_a"} else None
    assert body["data"]["hasOpenReferral"] is expected


@pytest.mark.parametrize("who", VIEWERS)
async def test_lists_show_a_viewer_only_their_cases_and_no_counts(
    gql: GraphQLClient, who: str
) -> None:
    rw = await make_referral_world()
    other = await make_student(rw.world.class_b)
    other_case = await make_case(rw.world, rw.hospital)
    other_case.student_id = other.id
    await other_case.save()
    token = await _token(gql, rw, who)

    body = await gql(
        "{ viewer { referralCases(first: 10) { edges { node { id } } "
        "pageInfo { hasNextPage } } } }",
        token=token,
    )

    ids = {e["node"]["id"] for e in body["data"]["viewer"]["referralCases"]["edges"]}
    expected = {
        "counselor": {gid("ReferralCase", rw.case.id), gid("ReferralCase", other_case.id)},
        "parent_a": {gid("ReferralCase", rw.case.id)},
    }.get(who, set())
    assert ids == expected


async def test_reads_are_audited_with_role_fields_and_request_id(gql: GraphQLClient) -> None:
    rw = await make_referral_world()
    token = await gql.token(rw.world.parent_a.phone)

    await gql(
        "query($id: ID!) { node(id: $id) { ... on ReferralCase { status assessment } } }",
        {"id": gid("ReferralCase", rw.case.id)},
        token=token,
        headers={"X-Request-Id": "req-abc-123"},
    )

    event = await AuditEvent.get(action="read")
    assert (event.actor_id, event.actor_role, event.subject_id) == (
        rw.world.parent_a.id,
        "GUARDIAN",
        rw.case.id,
    )
    assert event.field_names == ["assessment", "status"]
    assert (event.request_id, event.outcome) == ("req-abc-123", AuditOutcome.OK)


async def test_a_denied_lookup_is_audited_and_answered_with_null(gql: GraphQLClient) -> None:
    rw = await make_referral_world()
    token = await gql.token(rw.world.teacher_a.phone)

    body = await gql(CASE_QUERY, {"id": gid("ReferralCase", rw.case.id)}, token=token)

    assert body == {"data": {"node": None}}
    event = await AuditEvent.get()
    assert (event.actor_id, event.outcome, event.subject_id) == (
        rw.world.teacher_a.id,
        AuditOutcome.DENIED,
        rw.case.id,
    )


async def test_a_refused_root_field_naming_a_case_is_audited(gql: GraphQLClient) -> None:
    rw = await make_referral_world()
    token = await gql.token(rw.world.parent_b.phone)

    body = await gql(
        "mutation($c: ID!) { handOverReferralCase(input: {caseId: $c}) { userErrors { code } } }",
        {"c": gid("ReferralCase", rw.case.id)},
        token=token,
    )

    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    event = await AuditEvent.get()
    assert (event.actor_id, event.outcome) == (rw.world.parent_b.id, AuditOutcome.DENIED)


async def test_guardians_see_who_accessed_their_childs_case(gql: GraphQLClient) -> None:
    rw = await make_referral_world()
    case_gid = gid("ReferralCase", rw.case.id)
    counselor = await gql.token(rw.world.counselor.phone)
    teacher = await gql.token(rw.world.teacher_a.phone)
    await gql(CASE_QUERY, {"id": case_gid}, token=counselor)
    await gql(CASE_QUERY, {"id": case_gid}, token=teacher)

    body = await gql(
        "query($id: ID!) { node(id: $id) { ... on ReferralCase { accessLog(first: 10) { edges {"
        " node { actorRole actorName action outcome fields } } } } } }",
        {"id": case_gid},
        token=await gql.token(rw.world.parent_a.phone),
    )

    log = [e["node"] for e in body["data"]["node"]["accessLog"]["edges"]]
    assert [(e["actorRole"], e["actorName"], e["outcome"]) for e in log] == [
        ("GUARDIAN", rw.world.parent_a.name, "OK"),  # this read, newest first
        ("NONE", None, "DENIED"),  # the class teacher's attempt, no name
        ("COUNSELOR", rw.world.counselor.name, "OK"),
    ]
    assert "assessment" in log[2]["fields"]


async def test_a_page_of_cases_costs_the_same_sql_whatever_its_size(
    gql: GraphQLClient, sql_queries: QueryCounter
) -> None:
    rw = await make_referral_world()
    token = await gql.token(rw.world.counselor.phone)
    query = (
        "{ viewer { referralCases(first: 50) { edges { node { status assessment "
        "student { name } hospital { name } followUps(first: 3) { edges { node { note } } } "
        "consentRequests(first: 3) { edges { node { status } } } } } } } }"
    )

    async def cost() -> int:
        before = sql_queries.count
        body = await gql(query, token=token)
        assert "errors" not in body
        return sql_queries.count - before

    for _ in range(2):
        await make_case(rw.world, rw.hospital)
    small = await cost()
    for _ in range(10):
        await make_case(rw.world, rw.hospital)
    large = await cost()

    assert large == small


async def test_a_denied_lookup_of_part_of_a_case_is_audited_on_the_case(
    gql: GraphQLClient,
) -> None:
    world = await make_world()
    ids = await referral_objects(world)
    case_id = (await ConsentRequest.get(id=int(_pk(ids["consent_request"])))).case_id
    token = await gql.token(world.teacher_a.phone)

    answers = [
        await gql("query($id: ID!) { node(id: $id) { id } }", {"id": ids[name]}, token=token)
        for name in ("consent_request", "consent_decision", "follow_up_internal")
    ]

    assert [a["data"]["node"] for a in answers] == [None, None, None]
    denied = await AuditEvent.filter(outcome=AuditOutcome.DENIED).order_by("id")
    assert [(e.subject_id, e.actor_id) for e in denied] == [(case_id, world.teacher_a.id)] * 3


def _pk(global_id: str) -> str:
    from strawberry.relay import from_base64

    return from_base64(global_id)[1]


LISTS = {
    "consentRequests": (
        "parent_a",
        "{ viewer { consentRequests(first: 50) { edges { node { status text "
        "decisions(first: 3) { edges { node { kind } } } } } } } }",
    ),
    "partnerHospitals": (
        "counselor",
        "{ viewer { partnerHospitals(first: 50) { edges { node { name district { name } } } } } }",
    ),
    "consentTemplates": (
        "district_admin",
        "{ viewer { consentTemplates(first: 50) { edges { node { version } } } } }",
    ),
    "accessLog": (
        "parent_a",
        "{ viewer { referralCases(first: 50) { edges { node { "
        "accessLog(first: 20) { edges { node { actorName actorRole } } } } } } } }",
    ),
}


async def _grow(rw: ReferralWorld, n: int) -> None:
    """n more of every listed thing: cases of student A with a declined request each, hospitals,
    template versions."""
    from models.referrals import ConsentTemplate, PartnerHospital

    for _ in range(n):
        case = await make_case(rw.world, rw.hospital)
        count = await PartnerHospital.all().count()
        await PartnerHospital.create(
            district_id=rw.world.district.id,
            name=f"医院{count}",
            green_channel_contact="c",
            green_channel_phone="1",
            created_at=START,
        )
        await ConsentTemplate.create(
            district_id=rw.world.district.id,
            version=await ConsentTemplate.all().count() + 1,
            body_zh="z",
            body_en="e",
            created_by_id=rw.world.district_admin.id,
            created_at=START,
        )
        await ConsentRequest.create(
            case=case,
            template=rw.template,
            template_version=1,
            text="t",
            text_sha256="0" * 64,
            purpose="p",
            shared_data=["STUDENT_NAME"],
            requires_both_guardians=False,
            requested_by_id=rw.world.counselor.id,
            created_at=START,
            expires_at=START,
        )


@pytest.mark.parametrize("name", sorted(LISTS))
async def test_every_referral_list_costs_constant_sql_per_page(
    gql: GraphQLClient, sql_queries: QueryCounter, name: str
) -> None:
    rw = await make_referral_world()
    who, query = LISTS[name]
    token = await gql.token(getattr(rw.world, who).phone)

    async def cost() -> int:
        await gql(query, token=token)  # a first read: its audit events are in the second's log
        before = sql_queries.count
        body = await gql(query, token=token)
        assert "errors" not in body, body
        return sql_queries.count - before

    await _grow(rw, 2)
    small = await cost()
    await _grow(rw, 8)
    large = await cost()

    assert large == small
