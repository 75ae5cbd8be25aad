"""A class teacher invites a family; the parent redeems the code and becomes a guardian."""

from __future__ import annotations

import datetime as dt

from core.clock import FrozenClock
from models.accounts import Invitation, PolicyAgreement, PolicyDocument, User
from models.schools import Guardianship, StaffRole
from tests.client import GraphQLClient
from tests.factories import make_staff, make_world
from tests.helpers import gid, user_errors

ISSUE = """
mutation Issue($input: IssueInvitationInput!) {
  issueInvitation(input: $input) { code expiresAt student { name } userErrors { code field } }
}
"""
REDEEM = """
mutation Redeem($input: RedeemInvitationInput!) {
  redeemInvitation(input: $input) {
    guardian { relationship student { name } }
    auth { accessToken refreshToken }
    userErrors { code field message }
  }
}
"""
CHILDREN = "{ viewer { children(first: 10) { edges { node { name school { name } } } } } }"


async def _issue(gql: GraphQLClient, phone: str, student_id: int) -> dict:
    token = await gql.token(phone)
    body = await gql(ISSUE, {"input": {"studentId": gid("Student", student_id)}}, token=token)
    return body["data"]["issueInvitation"]


async def test_new_parent_redeems_and_signs_up(gql: GraphQLClient) -> None:
    world = await make_world()
    issued = await _issue(gql, world.teacher_a.phone, world.student_a.id)

    body = await gql(
        REDEEM,
        {
            "input": {
                "code": issued["code"].lower(),
                "relationship": "FATHER",
                "acceptedPolicyVersion": "2026-09",
                "childDataConsent": True,
                "phone": "13911112222",
                "password": "a-long-password",
                "name": "王建国",
            }
        },
    )

    # the answer says nothing (the same for a registered phone: tests/test_security_b_links.py)
    result = body["data"]["redeemInvitation"]
    assert result == {"guardian": None, "auth": None, "userErrors": []}
    children = await gql(CHILDREN, token=await gql.token("13911112222", "a-long-password"))
    names = [e["node"]["name"] for e in children["data"]["viewer"]["children"]["edges"]]
    assert names == [world.student_a.name]
    user = await User.get(phone="+8613911112222")
    link = await Guardianship.get(guardian_id=user.id)
    assert (link.student_id, link.relationship) == (world.student_a.id, "FATHER")
    documents = sorted(a.document for a in await PolicyAgreement.filter(user_id=user.id))
    assert documents == [PolicyDocument.CHILD_DATA_CONSENT, PolicyDocument.PRIVACY_POLICY]


async def test_signed_in_parent_links_a_second_child_at_another_school(gql: GraphQLClient) -> None:
    world = await make_world()
    from models.schools import StaffRole
    from tests.factories import make_class, make_staff, make_student

    other_class = await make_class(world.other_school, grade=3)
    other_child = await make_student(other_class)
    other_teacher = await make_staff(StaffRole.CLASS_TEACHER, school_class=other_class)
    issued = await _issue(gql, other_teacher.phone, other_child.id)
    parent_token = await gql.token(world.parent_a.phone)

    body = await gql(
        REDEEM,
        {
            "input": {
                "code": issued["code"],
                "relationship": "MOTHER",
                "acceptedPolicyVersion": "2026-09",
                "childDataConsent": True,
            }
        },
        token=parent_token,
    )
    children = await gql(CHILDREN, token=parent_token)

    assert body["data"]["redeemInvitation"]["userErrors"] == []
    assert body["data"]["redeemInvitation"]["guardian"]["student"]["name"] == other_child.name
    assert body["data"]["redeemInvitation"]["auth"] is None
    schools = {e["node"]["school"]["name"] for e in children["data"]["viewer"]["children"]["edges"]}
    assert schools == {world.school.name, world.other_school.name}


async def test_child_under_fourteen_needs_guardian_consent(gql: GraphQLClient) -> None:
    world = await make_world()  # student_a was born 2016: ten years old
    issued = await _issue(gql, world.teacher_a.phone, world.student_a.id)
    token = await gql.token(world.parent_b.phone)

    body = await gql(
        REDEEM,
        {
            "input": {
                "code": issued["code"],
                "relationship": "FATHER",
                "acceptedPolicyVersion": "2026-09",
            }
        },
        token=token,
    )

    assert user_errors(body["data"]["redeemInvitation"]) == [
        ("CHILD_CONSENT_REQUIRED", "childDataConsent")
    ]
    assert not await Guardianship.exists(
        guardian_id=world.parent_b.id, student_id=world.student_a.id
    )


async def test_code_is_single_use_and_expires(gql: GraphQLClient, clock: FrozenClock) -> None:
    world = await make_world()
    first = await _issue(gql, world.teacher_a.phone, world.student_a.id)
    second = await _issue(gql, world.teacher_a.phone, world.student_a.id)
    redeem = {"relationship": "OTHER", "acceptedPolicyVersion": "2026-09", "childDataConsent": True}
    token = await gql.token(world.parent_b.phone)

    ok = await gql(REDEEM, {"input": {"code": first["code"], **redeem}}, token=token)
    again = await gql(REDEEM, {"input": {"code": first["code"], **redeem}}, token=token)
    clock.advance(dt.timedelta(days=15))
    expired = await gql(REDEEM, {"input": {"code": second["code"], **redeem}}, token=token)
    unknown = await gql(REDEEM, {"input": {"code": "NOPE", **redeem}}, token=token)

    assert ok["data"]["redeemInvitation"]["userErrors"] == []
    assert [user_errors(b["data"]["redeemInvitation"]) for b in (again, expired, unknown)] == [
        [("INVITATION_USED", "code")],
        [("INVITATION_EXPIRED", "code")],
        [("INVITATION_INVALID", "code")],
    ]


async def test_redeeming_needs_the_privacy_policy(gql: GraphQLClient) -> None:
    world = await make_world()
    issued = await _issue(gql, world.teacher_a.phone, world.student_a.id)

    body = await gql(
        REDEEM,
        {
            "input": {
                "code": issued["code"],
                "relationship": "MOTHER",
                "acceptedPolicyVersion": "2020-01",
                "childDataConsent": True,
                "phone": "13911113333",
                "password": "a-long-password",
                "name": "李",
            }
        },
    )

    assert user_errors(body["data"]["redeemInvitation"]) == [
        ("POLICY_NOT_ACCEPTED", "acceptedPolicyVersion")
    ]
    assert not await User.exists(phone="+8613911113333")


async def test_teacher_cannot_invite_for_another_class(gql: GraphQLClient) -> None:
    world = await make_world()

    result = await _issue(gql, world.teacher_a.phone, world.student_b.id)

    assert result["code"] is None
    assert user_errors(result) == [("NOT_FOUND", "studentId")]


async def test_counselor_sees_student_but_cannot_invite(gql: GraphQLClient) -> None:
    world = await make_world()
    token = await gql.token(world.counselor.phone)

    body = await gql(
        ISSUE, {"input": {"studentId": gid("Student", world.student_a.id)}}, token=token
    )

    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_a_class_teacher_who_is_also_counselor_cannot_invite_outside_the_class(
    gql: GraphQLClient,
) -> None:
    # given teacher A, who is also the school's counselor: they see class B's student
    world = await make_world()
    await make_staff(StaffRole.COUNSELOR, school=world.school, user=world.teacher_a)

    # when they issue an invitation for that student
    result = await _issue(gql, world.teacher_a.phone, world.student_b.id)

    # then the root field is theirs (they teach a class), the student is visible, the action
    # is not: a userError FORBIDDEN on the field, and no invitation
    assert result["code"] is None
    assert user_errors(result) == [("FORBIDDEN", "studentId")]
    assert await Invitation.filter(student_id=world.student_b.id).count() == 0


async def test_school_admin_may_invite(gql: GraphQLClient) -> None:
    world = await make_world()

    result = await _issue(gql, world.school_admin.phone, world.student_b.id)

    assert result["userErrors"] == [] and len(result["code"]) == 10


async def test_sign_up_input_is_checked_before_anything_is_written(gql: GraphQLClient) -> None:
    world = await make_world()
    issued = await _issue(gql, world.teacher_a.phone, world.student_a.id)
    base = {
        "code": issued["code"],
        "relationship": "MOTHER",
        "acceptedPolicyVersion": "2026-09",
        "childDataConsent": True,
        "phone": "13911114444",
        "password": "a-long-password",
        "name": "李",
    }

    cases = [
        ({"name": "长" * 51}, "INVALID", "name"),
        ({"password": "short"}, "WEAK_PASSWORD", "password"),
        ({"phone": "555"}, "INVALID", "phone"),
        ({"password": "aaaaaaaa"}, "WEAK_PASSWORD", "password"),
        ({"password": "woaini1314"}, "WEAK_PASSWORD", "password"),
        ({"password": "13911114444"}, "WEAK_PASSWORD", "password"),
    ]
    results = []
    for change, _code, _field in cases:
        body = await gql(REDEEM, {"input": {**base, **change}})
        results.append(body["data"]["redeemInvitation"]["userErrors"][0])

    assert [(e["code"], e["field"]) for e in results] == [(c, f) for _, c, f in cases]
    assert not await User.exists(phone="+8613911114444")
    assert not await Guardianship.exists(
        student_id=world.student_a.id, guardian_id__not=world.parent_a.id
    )
