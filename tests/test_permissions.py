"""Who may see and do what, object by object, on every path: `node`, `nodes`, nested edges.

Every root field and mutation must appear in ROOT_FIELD_GUARDS, so a new field cannot land
without a permission test.
"""

from __future__ import annotations

from typing import Any

import pytest

from graphql_schema.schema import build_schema
from tests.client import GraphQLClient
from tests.factories import START, World, make_user, make_world
from tests.helpers import gid
from tests.test_courses_matrix import (
    COURSE_CALLS,
    COURSE_GUARDS,
    COURSE_VISIBLE,
    course_objects,
)
from tests.test_home_visits_support import (
    HOME_VISIT_CALLS,
    HOME_VISIT_GUARDS,
    HOME_VISIT_VISIBLE,
    home_visit_objects,
)
from tests.test_live_sessions_matrix import (
    LIVE_CALLS,
    LIVE_GUARDS,
    LIVE_VISIBLE,
    live_objects,
)
from tests.test_referrals_world import (
    REFERRAL_CALLS,
    REFERRAL_GUARDS,
    REFERRAL_VISIBLE,
    referral_call_ids,
    referral_objects,
)

# root field -> who is refused and with which code (None: public by design)
ROOT_FIELD_GUARDS: dict[str, tuple[str, str] | None] = {
    "Query.apiVersion": None,  # apps check it before sign-in
    "Query.node": None,  # scoped object by object: see the visibility tests
    "Query.nodes": None,
    "Query.policyVersions": None,  # shown before sign-in
    "Query.viewer": ("anonymous", "UNAUTHENTICATED"),
    "Mutation.login": None,
    "Mutation.refreshSession": None,  # the refresh token is the credential
    "Mutation.redeemInvitation": None,  # the invitation code is the credential
    "Mutation.logout": ("anonymous", "UNAUTHENTICATED"),
    # the owner's own proposals only (tests/test_security_b_links.py)
    "Mutation.acceptGuardianLink": ("anonymous", "UNAUTHENTICATED"),
    "Mutation.declineGuardianLink": ("anonymous", "UNAUTHENTICATED"),
    "Mutation.issueInvitation": ("parent_a", "FORBIDDEN"),
    "Mutation.importRoster": ("teacher_a", "FORBIDDEN"),
    "Mutation.sendAnnouncement": ("parent_a", "FORBIDDEN"),
    "Mutation.registerDevice": ("anonymous", "UNAUTHENTICATED"),
    "Mutation.refreshDevice": ("anonymous", "UNAUTHENTICATED"),
    "Mutation.unregisterDevice": ("anonymous", "UNAUTHENTICATED"),
    "Mutation.markNotificationRead": ("anonymous", "UNAUTHENTICATED"),
    "Mutation.markAllNotificationsRead": ("anonymous", "UNAUTHENTICATED"),
    "Mutation.setNotificationPreference": ("anonymous", "UNAUTHENTICATED"),
    "Mutation.setQuietHours": ("anonymous", "UNAUTHENTICATED"),
    "Mutation.setPushConsent": ("anonymous", "UNAUTHENTICATED"),
    # over a websocket: a connection without a valid token is closed (test_subscriptions.py)
    "Subscription.notificationAdded": ("anonymous", "UNAUTHENTICATED"),
    # district set-up: district admins only, inside their districts (test_administration_api.py)
    "Mutation.createSchool": ("school_admin", "FORBIDDEN"),
    "Mutation.createSchoolYear": ("school_admin", "FORBIDDEN"),
    "Mutation.createTerm": ("school_admin", "FORBIDDEN"),
    "Mutation.assignStaffRole": ("school_admin", "FORBIDDEN"),
    **REFERRAL_GUARDS,
    **HOME_VISIT_GUARDS,
    **COURSE_GUARDS,
    **LIVE_GUARDS,
}

GUARDED_CALLS = {
    "Query.viewer": ("{ viewer { roles } }", {}),
    "Mutation.logout": ("mutation { logout { ok } }", {}),
    "Mutation.acceptGuardianLink": (
        "mutation($id: ID!) { acceptGuardianLink(input: {linkId: $id}) { userErrors { code } } }",
        {"id": gid("PendingGuardianLink", 1)},
    ),
    "Mutation.declineGuardianLink": (
        "mutation($id: ID!) { declineGuardianLink(input: {linkId: $id}) { ok } }",
        {"id": gid("PendingGuardianLink", 1)},
    ),
    "Mutation.issueInvitation": (
        "mutation($id: ID!) { issueInvitation(input: {studentId: $id}) { code } }",
        {"id": "STUDENT_A"},
    ),
    "Mutation.importRoster": (
        'mutation($s: ID!) { importRoster(input: {schoolId: $s, csv: "x"}) { report { lines } } }',
        {"s": "SCHOOL"},
    ),
    "Mutation.sendAnnouncement": (
        'mutation($c: ID!) { sendAnnouncement(input: {classId: $c, title: "t", body: "b"}) { '
        "userErrors { code } } }",
        {"c": "CLASS_A"},
    ),
    "Mutation.registerDevice": (
        'mutation { registerDevice(input: {token: "t", platform: IOS, appVersion: "1.0"}) '
        "{ userErrors { code } } }",
        {},
    ),
    "Mutation.refreshDevice": (
        'mutation { refreshDevice(input: {token: "t"}) { userErrors { code } } }',
        {},
    ),
    "Mutation.unregisterDevice": (
        'mutation { unregisterDevice(input: {token: "t"}) { removed } }',
        {},
    ),
    "Mutation.markNotificationRead": (
        "mutation($id: ID!) { markNotificationRead(input: {id: $id}) { unreadCount } }",
        {"id": "NOTIFICATION"},
    ),
    "Mutation.markAllNotificationsRead": (
        "mutation { markAllNotificationsRead { unreadCount } }",
        {},
    ),
    "Mutation.setNotificationPreference": (
        "mutation { setNotificationPreference(input: {category: ANNOUNCEMENT, pushEnabled: false}) "
        "{ userErrors { code } } }",
        {},
    ),
    "Mutation.setQuietHours": ("mutation { setQuietHours(input: {}) { userErrors { code } } }", {}),
    "Mutation.setPushConsent": (
        "mutation { setPushConsent(input: {granted: true}) { userErrors { code } } }",
        {},
    ),
    "Mutation.createSchool": (
        'mutation($d: ID!) { createSchool(input: {districtId: $d, name: "新学校"}) '
        "{ userErrors { code } } }",
        {"d": "DISTRICT"},
    ),
    "Mutation.createSchoolYear": (
        'mutation { createSchoolYear(input: {name: "2030-2031", startsOn: "2030-09-01", '
        'endsOn: "2031-08-31"}) { userErrors { code } } }',
        {},
    ),
    "Mutation.createTerm": (
        'mutation { createTerm(input: {schoolYear: "2026-2027", name: "第一学期", '
        'startsOn: "2026-09-01", endsOn: "2027-01-20"}) { userErrors { code } } }',
        {},
    ),
    "Mutation.assignStaffRole": (
        'mutation($s: ID!) { assignStaffRole(input: {phone: "13800000009", role: COUNSELOR, '
        "schoolId: $s}) { userErrors { code } } }",
        {"s": "SCHOOL"},
    ),
    **REFERRAL_CALLS,
    **HOME_VISIT_CALLS,
    **COURSE_CALLS,
    **LIVE_CALLS,
}


def test_every_root_field_has_a_guard_listed() -> None:
    schema = build_schema(production=False, max_query_nodes=10_000)
    graphql_schema = schema._schema
    roots = [
        graphql_schema.query_type,
        graphql_schema.mutation_type,
        graphql_schema.subscription_type,
    ]
    fields = {f"{root.name}.{name}" for root in roots if root for name in root.fields}

    assert fields == set(ROOT_FIELD_GUARDS)


async def _token(gql: GraphQLClient, world: World, who: str) -> str | None:
    if who == "anonymous":
        return None
    return await gql.token(getattr(world, who).phone)


@pytest.mark.parametrize("field", sorted(GUARDED_CALLS))
async def test_guarded_root_field_refuses_with_a_typed_error(
    gql: GraphQLClient, field: str
) -> None:
    world = await make_world()
    who, code = ROOT_FIELD_GUARDS[field]  # type: ignore[misc]
    query, variables = GUARDED_CALLS[field]
    ids = {
        "STUDENT_A": gid("Student", world.student_a.id),
        "SCHOOL": gid("School", world.school.id),
        "DISTRICT": gid("District", world.district.id),
        "CLASS_A": gid("SchoolClass", world.class_a.id),
        "NOTIFICATION": gid("Notification", 1),
        **referral_call_ids(world),
    }
    variables = {k: ids.get(v, v) for k, v in variables.items()}

    body = await gql(query, variables, token=await _token(gql, world, who))

    # a nullable root field (homeVisitPlan) answers null beside the error
    assert body["data"] is None or set(body["data"].values()) == {None}
    assert body["errors"][0]["extensions"]["code"] == code


# ----------------------------------------------------------------- object visibility

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
    "anonymous",
]

# object -> the viewers who may see it
VISIBLE: dict[str, set[str]] = {
    "student_a": {"parent_a", "teacher_a", "counselor", "school_admin", "district_admin"},
    "student_b": {"parent_b", "teacher_b", "counselor", "school_admin", "district_admin"},
    "class_a": {"parent_a", "teacher_a", "counselor", "school_admin", "district_admin"},
    "school": {
        "parent_a",
        "parent_b",
        "teacher_a",
        "teacher_b",
        "counselor",
        "school_admin",
        "district_admin",
    },
    "district": {
        "parent_a",
        "parent_b",
        "teacher_a",
        "teacher_b",
        "counselor",
        "lecturer",
        "school_admin",
        "district_admin",
    },
    "parent_a_person": {"parent_a", "teacher_a", "counselor", "school_admin", "district_admin"},
    "teacher_a_person": {"parent_a", "teacher_a"},
    "parent_a_link": {"parent_a", "teacher_a", "counselor", "school_admin", "district_admin"},
    "other_school": set(),
    **REFERRAL_VISIBLE,
    **HOME_VISIT_VISIBLE,
    **COURSE_VISIBLE,
    **LIVE_VISIBLE,
}


async def _object_ids(world: World) -> dict[str, str]:
    from models.schools import Guardianship

    link = await Guardianship.get(guardian_id=world.parent_a.id)
    return {
        "student_a": gid("Student", world.student_a.id),
        "student_b": gid("Student", world.student_b.id),
        "class_a": gid("SchoolClass", world.class_a.id),
        "school": gid("School", world.school.id),
        "district": gid("District", world.district.id),
        "parent_a_person": gid("Person", world.parent_a.id),
        "teacher_a_person": gid("Person", world.teacher_a.id),
        "parent_a_link": gid("Guardian", link.id),
        "other_school": gid("School", world.other_school.id),
        **(await referral_objects(world)),
        **(await home_visit_objects(world)),
        **(await course_objects(world)),
        **(await live_objects(world)),
    }


@pytest.mark.parametrize("who", VIEWERS)
async def test_node_shows_only_what_the_viewer_may_see(gql: GraphQLClient, who: str) -> None:
    world = await make_world()
    world.outsider = await make_user()  # type: ignore[attr-defined]
    ids = await _object_ids(world)
    token = await _token(gql, world, who)
    names = sorted(ids)
    query = "query($ids: [ID!]!) { nodes(ids: $ids) { id } }"

    body = await gql(query, {"ids": [ids[n] for n in names]}, token=token)
    singles = {
        n: (await gql("query($id: ID!) { node(id: $id) { id } }", {"id": ids[n]}, token=token))
        for n in names
    }

    seen = {n for n, node in zip(names, body["data"]["nodes"], strict=True) if node is not None}
    expected = {n for n in names if who in VISIBLE[n]}
    assert seen == expected
    assert {n for n, b in singles.items() if b["data"]["node"] is not None} == expected
    assert all("errors" not in b for b in singles.values())  # no hint that hidden objects exist


async def test_nested_edges_are_scoped_too(gql: GraphQLClient) -> None:
    """Teacher A reaches class B through the shared school, but sees none of its students."""
    world = await make_world()
    token = await gql.token(world.teacher_a.phone)
    query = """
    query($id: ID!) { node(id: $id) { ... on School {
      classes(first: 10) { edges { node { name students(first: 10) { edges { node { name } } } } } }
    } } }
    """

    body = await gql(query, {"id": gid("School", world.school.id)}, token=token)

    classes = body["data"]["node"]["classes"]["edges"]
    assert [c["node"]["name"] for c in classes] == [world.class_a.name]
    students = [s["node"]["name"] for s in classes[0]["node"]["students"]["edges"]]
    assert students == [world.student_a.name]


async def test_parent_sees_own_link_but_not_other_families(gql: GraphQLClient) -> None:
    world = await make_world()
    co_parent = await make_user()
    from models.schools import Guardianship, Relationship

    await Guardianship.create(
        student=world.student_a,
        guardian=co_parent,
        relationship=Relationship.FATHER,
        created_at=START,
    )
    token = await gql.token(world.parent_b.phone)
    query = """
    query($id: ID!) { node(id: $id) { ... on Student { name guardians(first: 5) { edges { node {
      person { name } } } } } } }
    """

    other_family = await gql(query, {"id": gid("Student", world.student_a.id)}, token=token)
    teacher_view = await gql(
        query,
        {"id": gid("Student", world.student_a.id)},
        token=await gql.token(world.teacher_a.phone),
    )

    assert other_family["data"]["node"] is None
    guardians = teacher_view["data"]["node"]["guardians"]["edges"]
    assert {g["node"]["person"]["name"] for g in guardians} == {world.parent_a.name, co_parent.name}


async def test_phone_is_masked_for_parents_viewing_staff(gql: GraphQLClient) -> None:
    world = await make_world()
    token = await gql.token(world.parent_a.phone)

    body = await gql(
        "query($id: ID!) { node(id: $id) { ... on Person { phone } } }",
        {"id": gid("Person", world.teacher_a.id)},
        token=token,
    )

    phone: Any = body["data"]["node"]["phone"]
    assert "****" in phone and phone != world.teacher_a.phone


async def test_malformed_and_unknown_type_ids_give_no_data(gql: GraphQLClient) -> None:
    world = await make_world()
    token = await gql.token(world.district_admin.phone)

    wrong_type = await gql(
        "query($id: ID!) { node(id: $id) { id } }", {"id": gid("Nope", 1)}, token=token
    )
    garbage = await gql("query($id: ID!) { node(id: $id) { id } }", {"id": "%%%"}, token=token)

    assert wrong_type == {"data": {"node": None}}  # an unknown type looks like a hidden object
    assert garbage["data"] == {"node": None}
    assert [e["extensions"]["code"] for e in garbage["errors"]] == ["INVALID"]
