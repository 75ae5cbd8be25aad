"""Issue 14, part B: a school cannot link an existing account to a child on its own say-so.
A roster import (or an invitation redeemed with someone's phone) proposes the link; the
account's owner sees it and accepts (with consent for a child under 14) or declines. Until
then the school learns nothing of the account, and the owner gets nothing from the school."""

from __future__ import annotations

from typing import Any

from core.clock import FrozenClock
from models.accounts import (
    Invitation,
    PendingGuardianship,
    PendingLinkStatus,
    PolicyAgreement,
    PolicyDocument,
    User,
)
from models.schools import Guardianship, StaffRole, Student
from notifications.dispatcher import Dispatcher
from tests.client import GraphQLClient
from tests.conftest import QueryCounter
from tests.factories import START, make_school, make_school_year, make_staff, make_world
from tests.helpers import gid, user_errors

IMPORT = """
mutation Import($input: ImportRosterInput!) {
  importRoster(input: $input) {
    report { lines classesCreated studentsCreated studentsUpdated studentsUnchanged
             guardiansCreated linksCreated linksUpdated }
    userErrors { code field }
  }
}
"""
HEADER = "学号,学生姓名,性别,出生日期,年级,班级,监护人1姓名,监护人1电话,监护人1关系\n"
ROW = "20269001,虚构的孩子,男,2017-05-01,三年级,三年级9班,冒名家长,%s,父亲\n"
STUDENT = """query($id: ID!) { node(id: $id) { ... on Student { name
  guardians(first: 10) { edges { node { relationship person { name phone } } } } } } }"""
PERSON = "query($id: ID!) { node(id: $id) { ... on Person { name phone } } }"
PENDING = """{ viewer {
  children(first: 10) { edges { node { name } } }
  pendingGuardianLinks(first: 10) { edges { node {
    id relationship studentName schoolName className } } } } }"""
ACCEPT = """mutation($input: AcceptGuardianLinkInput!) { acceptGuardianLink(input: $input) {
  guardian { relationship student { name } } userErrors { code field } } }"""
DECLINE = """mutation($input: DeclineGuardianLinkInput!) { declineGuardianLink(input: $input) {
  ok userErrors { code field } } }"""
INBOX = "{ viewer { notifications(first: 10) { edges { node { title } } } } }"
REDEEM = """mutation($input: RedeemInvitationInput!) { redeemInvitation(input: $input) {
  guardian { relationship } auth { accessToken } userErrors { code field } } }"""


async def _import(gql: GraphQLClient, token: str, school_id: int, csv: str) -> dict[str, Any]:
    body = await gql(
        IMPORT, {"input": {"schoolId": gid("School", school_id), "csv": csv}}, token=token
    )
    assert "errors" not in body, body
    return body["data"]["importRoster"]


async def _strangers_school(gql: GraphQLClient) -> tuple[int, str]:
    """Another school, its administrator signed in."""
    school = await make_school(name="远方小学")
    admin = await make_staff(StaffRole.SCHOOL_ADMIN, school=school)
    return school.id, await gql.token(admin.phone)


async def test_an_import_with_an_existing_accounts_phone_reveals_nothing_and_links_nothing(
    gql: GraphQLClient,
) -> None:
    # given a parent of one school, and the administrator of another school
    world = await make_world()
    school_id, admin = await _strangers_school(gql)
    unknown_school, unknown_admin = await _strangers_school(gql)

    # when the administrator imports an invented child with the parent's phone, and another
    # administrator the same row with a phone that has no account
    with_account = await _import(gql, admin, school_id, HEADER + ROW % world.parent_a.phone)
    without = await _import(gql, unknown_admin, unknown_school, HEADER + ROW % "13900009999")

    # then the two reports are the same: an import does not tell who has an account
    assert with_account["userErrors"] == []
    assert with_account["report"] == without["report"]
    assert with_account["report"]["linksCreated"] == 1
    # the administrator sees no guardian of the invented child, and not the parent
    child = await Student.get(school_id=school_id, student_no="20269001")
    seen = await gql(STUDENT, {"id": gid("Student", child.id)}, token=admin)
    assert seen["data"]["node"]["guardians"]["edges"] == []
    person = await gql(PERSON, {"id": gid("Person", world.parent_a.id)}, token=admin)
    assert person["data"]["node"] is None
    # the parent is not linked: the link waits for them
    assert not await Guardianship.exists(guardian_id=world.parent_a.id, student_id=child.id)
    pending = await PendingGuardianship.get(guardian_id=world.parent_a.id)
    assert (pending.student_id, pending.status) == (child.id, PendingLinkStatus.PENDING)
    # the parent's name stays theirs (not the name the import gave)
    assert (await User.get(id=world.parent_a.id)).name == world.parent_a.name


async def test_the_owner_sees_the_proposal_and_nothing_of_the_school_until_accepting(
    gql: GraphQLClient, clock: FrozenClock
) -> None:
    # given an invented child imported with a parent's phone by another school
    world = await make_world()
    school_id, admin = await _strangers_school(gql)
    await _import(gql, admin, school_id, HEADER + ROW % world.parent_a.phone)
    parent = await gql.token(world.parent_a.phone)

    # when that school announces to its families
    sent = await gql(
        """mutation($s: ID!) { sendAnnouncement(input: {schoolId: $s, title: "缴费通知",
        body: "请点击链接缴费"}) { userErrors { code } } }""",
        {"s": gid("School", school_id)},
        token=admin,
    )
    while await Dispatcher({}, FrozenClock(START)).expand_once():
        pass
    viewer = (await gql(PENDING, token=parent))["data"]["viewer"]
    inbox = (await gql(INBOX, token=parent))["data"]["viewer"]["notifications"]["edges"]

    # then the parent has no such child and no announcement, only a proposal to decide on
    assert sent["data"]["sendAnnouncement"]["userErrors"] == []
    assert [e["node"]["name"] for e in viewer["children"]["edges"]] == [world.student_a.name]
    assert inbox == []
    [proposal] = [e["node"] for e in viewer["pendingGuardianLinks"]["edges"]]
    assert {k: v for k, v in proposal.items() if k != "id"} == {
        "relationship": "FATHER",
        "studentName": "虚构的孩子",
        "schoolName": "远方小学",
        "className": "三年级9班",
    }


async def test_accepting_links_the_child_with_consent_for_a_child_under_fourteen(
    gql: GraphQLClient,
) -> None:
    # given a proposal for a nine-year-old
    world = await make_world()
    school_id, admin = await _strangers_school(gql)
    await _import(gql, admin, school_id, HEADER + ROW % world.parent_a.phone)
    parent = await gql.token(world.parent_a.phone)
    viewer = (await gql(PENDING, token=parent))["data"]["viewer"]
    link_id = viewer["pendingGuardianLinks"]["edges"][0]["node"]["id"]

    # when the parent accepts without consent, then with it
    refused = await gql(ACCEPT, {"input": {"linkId": link_id}}, token=parent)
    accepted = await gql(
        ACCEPT, {"input": {"linkId": link_id, "childDataConsent": True}}, token=parent
    )

    # then consent was required first; now the child is theirs and the school sees them
    assert user_errors(refused["data"]["acceptGuardianLink"]) == [
        ("CHILD_CONSENT_REQUIRED", "childDataConsent")
    ]
    assert accepted["data"]["acceptGuardianLink"] == {
        "guardian": {"relationship": "FATHER", "student": {"name": "虚构的孩子"}},
        "userErrors": [],
    }
    child = await Student.get(school_id=school_id, student_no="20269001")
    assert await Guardianship.exists(guardian_id=world.parent_a.id, student_id=child.id)
    assert await PolicyAgreement.exists(
        user_id=world.parent_a.id, document=PolicyDocument.CHILD_DATA_CONSENT, student_id=child.id
    )
    after = (await gql(PENDING, token=parent))["data"]["viewer"]
    assert after["pendingGuardianLinks"]["edges"] == []
    assert sorted(e["node"]["name"] for e in after["children"]["edges"]) == sorted(
        ["虚构的孩子", world.student_a.name]
    )
    seen = await gql(STUDENT, {"id": gid("Student", child.id)}, token=admin)
    [guardian] = seen["data"]["node"]["guardians"]["edges"]
    assert guardian["node"]["person"]["name"] == world.parent_a.name


async def test_a_declined_proposal_stays_declined_and_others_cannot_decide_it(
    gql: GraphQLClient,
) -> None:
    # given a proposal to a parent
    world = await make_world()
    school_id, admin = await _strangers_school(gql)
    csv = HEADER + ROW % world.parent_a.phone
    await _import(gql, admin, school_id, csv)
    link = await PendingGuardianship.get(guardian_id=world.parent_a.id)
    link_id = gid("PendingGuardianLink", link.id)

    # when another parent tries to accept it, the parent declines, and the school re-imports
    other = await gql(
        ACCEPT,
        {"input": {"linkId": link_id, "childDataConsent": True}},
        token=await gql.token(world.parent_b.phone),
    )
    declined = await gql(
        DECLINE, {"input": {"linkId": link_id}}, token=await gql.token(world.parent_a.phone)
    )
    again = await _import(gql, admin, school_id, csv)

    # then only the owner could decide, and the decision holds
    assert user_errors(other["data"]["acceptGuardianLink"]) == [("NOT_FOUND", "linkId")]
    assert declined["data"]["declineGuardianLink"] == {"ok": True, "userErrors": []}
    assert again["report"]["linksCreated"] == 0
    assert (await PendingGuardianship.get(id=link.id)).status == PendingLinkStatus.DECLINED
    assert await PendingGuardianship.all().count() == 1
    assert not await Guardianship.exists(
        guardian_id=world.parent_a.id, student__school_id=school_id
    )


async def test_redeeming_an_invitation_answers_the_same_whatever_the_phone(
    gql: GraphQLClient,
) -> None:
    # given two invitations of a class teacher
    world = await make_world()
    teacher = await gql.token(world.teacher_a.phone)
    issue = """mutation($s: ID!) { issueInvitation(input: {studentId: $s}) { code } }"""
    codes = [
        (await gql(issue, {"s": gid("Student", world.student_a.id)}, token=teacher))["data"][
            "issueInvitation"
        ]["code"]
        for _ in range(2)
    ]

    def redeem(code: str, phone: str) -> dict[str, Any]:
        return {
            "input": {
                "code": code,
                "relationship": "MOTHER",
                "acceptedPolicyVersion": "2026-09",
                "childDataConsent": True,
                "phone": phone,
                "password": "a-long-password",
                "name": "试探者",
            }
        }

    # when one is redeemed without a session with a registered phone, one with a new phone
    registered = await gql(REDEEM, redeem(codes[0], world.parent_b.phone))
    new = await gql(REDEEM, redeem(codes[1], "13900007777"))

    # then both answers are the same, and both codes are spent
    assert (
        registered
        == new
        == {"data": {"redeemInvitation": {"guardian": None, "auth": None, "userErrors": []}}}
    )
    assert not await Invitation.exists(redeemed_at=None)
    # the registered account is not linked, nor renamed, nor its password changed: its owner
    # is asked; the new phone's account is linked
    assert not await Guardianship.exists(
        guardian_id=world.parent_b.id, student_id=world.student_a.id
    )
    assert (await User.get(id=world.parent_b.id)).name == world.parent_b.name
    assert (await gql.login(world.parent_b.phone))["userErrors"] == []
    assert await PendingGuardianship.exists(
        guardian_id=world.parent_b.id, student_id=world.student_a.id
    )
    newcomer = await User.get(phone="+8613900007777")
    assert await Guardianship.exists(guardian_id=newcomer.id, student_id=world.student_a.id)


async def test_two_concurrent_imports_of_one_school_both_succeed(
    gql: GraphQLClient,
) -> None:
    """The losing import used to fail on school_class's unique key (issue 15)."""
    import asyncio

    world = await make_world()
    await make_school_year()
    admin = await gql.token(world.school_admin.phone)
    rows = "".join(
        f"2026{n:04d},学生{n},女,2016-03-12,四年级,四年级{n % 3}班,家长{n},1391234{n:04d},母亲\n"
        for n in range(1, 31)
    )

    reports = await asyncio.gather(
        *(_import(gql, admin, world.school.id, HEADER + rows) for _ in range(2))
    )

    assert [r["userErrors"] for r in reports] == [[], []]
    created = sorted(r["report"]["studentsCreated"] for r in reports)
    assert created == [0, 30]
    assert (
        await Student.filter(school_id=world.school.id, student_no__startswith="2026").count() == 30
    )


async def test_a_page_of_pending_links_costs_the_same_queries_for_two_or_six(
    gql: GraphQLClient, sql_queries: QueryCounter
) -> None:
    # given two parents, one proposed for two children and one for six (by roster imports)
    world = await make_world()
    school_id, admin = await _strangers_school(gql)
    rows = "".join(
        f"2026{n:04d},孩子{n},女,2017-05-01,三年级,三年级{n % 2}班,家长,{phone},母亲\n"
        for n, phone in enumerate([world.parent_a.phone] * 2 + [world.parent_b.phone] * 6)
    )
    await _import(gql, admin, school_id, HEADER + rows)
    costs = []
    for parent, expected in ((world.parent_a, 2), (world.parent_b, 6)):
        token = await gql.token(parent.phone)

        # when each reads their page of proposals
        sql_queries.count = 0
        body = await gql(PENDING, token=token)
        costs.append(sql_queries.count)

        # then they see their own
        assert len(body["data"]["viewer"]["pendingGuardianLinks"]["edges"]) == expected

    # and it costs the same
    assert costs[0] == costs[1], costs
