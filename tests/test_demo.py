"""The demo data lets anyone click through every role."""

from __future__ import annotations

import argon2

from models.accounts import User
from server.demo import DEMO_LOGINS, DEMO_PASSWORD, seed_demo
from tests.client import GraphQLClient
from tests.factories import START

ROLES = "{ viewer { roles children(first: 5) { edges { node { school { name } } } } } }"


async def test_every_demo_login_works_and_has_its_role(gql: GraphQLClient) -> None:
    assert await seed_demo(START, "2026-09", "2026-09")
    assert not await seed_demo(START, "2026-09", "2026-09")  # loads into an empty database only
    hashes = await User.exclude(password_hash=None).values_list("password_hash", flat=True)
    # demo accounts are a deployment's first: never the test suite's cheap profile
    assert hashes and all(
        argon2.extract_parameters(h) == argon2.profiles.RFC_9106_LOW_MEMORY for h in hashes
    )

    for role, phone in DEMO_LOGINS.items():
        token = await gql.token(phone, DEMO_PASSWORD)
        viewer = (await gql(ROLES, token=token))["data"]["viewer"]
        if role == "PARENT":
            schools = {e["node"]["school"]["name"] for e in viewer["children"]["edges"]}
            assert len(schools) == 2  # one child at each school
        else:
            assert viewer["roles"] == [role]
