"""Issue 14, part B: a full phone number only where the role needs it."""

from __future__ import annotations

import pytest

from models.accounts import User
from tests.client import GraphQLClient
from tests.factories import make_guardian, make_world
from tests.helpers import gid

PERSON = "query($id: ID!) { node(id: $id) { ... on Person { phone } } }"
GUARDIAN_PHONES = """query($id: ID!) { node(id: $id) { ... on Student {
  guardians(first: 10) { edges { node { person { id phone } } } } } } }"""


async def _phone_seen(gql: GraphQLClient, viewer: User, person: User) -> str:
    body = await gql(PERSON, {"id": gid("Person", person.id)}, token=await gql.token(viewer.phone))
    node = body["data"]["node"]
    assert node is not None, "the person should be visible to the viewer"
    return str(node["phone"])


def _masked(phone: str, full: str) -> bool:
    return phone != full and phone == full[:-8] + "****" + full[-4:]


async def test_a_lecturer_who_is_also_a_parent_sees_the_class_teacher_masked(
    gql: GraphQLClient,
) -> None:
    # given a district lecturer who is also the parent of a child of class A
    world = await make_world()
    await make_guardian(world.student_a, user=world.lecturer)

    # when they look at their child's class teacher
    seen = await _phone_seen(gql, world.lecturer, world.teacher_a)

    # then the lecturer role gives them no more than any parent
    assert _masked(seen, world.teacher_a.phone), seen


@pytest.mark.parametrize(
    ("viewer", "person"),
    [
        ("parent_a", "parent_a"),  # oneself
        ("teacher_a", "parent_a"),  # the guardians of one's class
        ("counselor", "parent_b"),  # the families of one's school
        ("school_admin", "parent_a"),
    ],
)
async def test_the_full_phone_where_the_role_needs_it(
    gql: GraphQLClient, viewer: str, person: str
) -> None:
    world = await make_world()
    seen_by, seen = getattr(world, viewer), getattr(world, person)

    assert await _phone_seen(gql, seen_by, seen) == seen.phone


async def test_a_class_teacher_sees_a_co_guardian_in_full_and_the_district_admin_does_not(
    gql: GraphQLClient,
) -> None:
    # given a parent of class A
    world = await make_world()

    # when the district administrator (who may see the student) lists its guardians, and
    # the class teacher does
    by_district = await gql(
        GUARDIAN_PHONES,
        {"id": gid("Student", world.student_a.id)},
        token=await gql.token(world.district_admin.phone),
    )
    by_teacher = await gql(
        GUARDIAN_PHONES,
        {"id": gid("Student", world.student_a.id)},
        token=await gql.token(world.teacher_a.phone),
    )

    # then the district sees the family masked, the class teacher in full
    def phones(body: dict) -> list[str]:  # type: ignore[type-arg]
        node = body["data"]["node"]
        return [e["node"]["person"]["phone"] for e in node["guardians"]["edges"]] if node else []

    assert all(_masked(p, world.parent_a.phone) for p in phones(by_district))
    assert phones(by_teacher) == [world.parent_a.phone]
