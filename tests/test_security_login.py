"""Login cannot starve the server: one credential check per request, the lock checked before
any hashing, and argon2 off the event loop (issue 14)."""

from __future__ import annotations

import asyncio
import datetime as dt
import time

import pytest
from argon2 import PasswordHasher

from models.accounts import AuthSession, LoginThrottle, User
from tests.client import DEMO_PASSWORD, LOGIN, GraphQLClient
from tests.factories import START, make_user
from tests.helpers import eventually

ALIASED_LOGINS = """mutation { a: login(input: {phone: "%s", password: "wrong-password"}) {
  userErrors { code } }
  b: login(input: {phone: "%s", password: "wrong-password"}) { userErrors { code } } }"""
LOGIN_AND_REFRESH_IN_FRAGMENTS = """mutation { ...Both }
fragment Both on Mutation {
  login(input: {phone: "%s", password: "wrong-password"}) { userErrors { code } }
  ... on Mutation { refreshSession(input: {refreshToken: "x"}) { userErrors { code } } } }"""
API_VERSION = "{ apiVersion { featureLevel } }"


@pytest.mark.parametrize("document", [ALIASED_LOGINS, LOGIN_AND_REFRESH_IN_FRAGMENTS])
async def test_a_request_with_two_credential_checks_is_refused_before_running(
    gql: GraphQLClient, document: str
) -> None:
    user = await make_user()

    body = await gql(document % ((user.phone,) * document.count("%s")))

    assert body["data"] is None
    assert [e["extensions"]["code"] for e in body["errors"]] == ["QUERY_TOO_COMPLEX"]
    assert await LoginThrottle.all().count() == 0  # nothing ran: not even a counted failure


async def test_one_login_with_other_fields_still_runs(gql: GraphQLClient) -> None:
    user = await make_user()

    body = await gql(
        "mutation($input: LoginInput!) { login(input: $input) { accessToken userErrors { code } } "
        "apiVersion: __typename }",
        {
            "input": {
                "phone": user.phone,
                "password": DEMO_PASSWORD,
                "acceptedPolicyVersion": "2026-09",
            }
        },
    )

    assert body["data"]["login"]["userErrors"] == []
    assert await AuthSession.filter(user_id=user.id).count() == 1


@pytest.fixture
async def slow_hash_user() -> tuple[User, float]:
    """A person whose stored hash takes a good while to check, and how long: the cost a
    login must pay off the event loop, and must not pay at all while the phone is locked."""
    hasher = PasswordHasher(time_cost=12, memory_cost=65536, parallelism=1)
    stored = await asyncio.to_thread(hasher.hash, DEMO_PASSWORD)
    started = time.perf_counter()
    await asyncio.to_thread(hasher.verify, stored, DEMO_PASSWORD)
    cost = time.perf_counter() - started
    user = await make_user()
    await User.filter(id=user.id).update(password_hash=stored)
    return user, cost


async def test_a_locked_phone_is_refused_without_hashing(
    gql: GraphQLClient, slow_hash_user: tuple[User, float]
) -> None:
    user, cost = slow_hash_user
    await LoginThrottle.create(
        phone=user.phone,
        failures=10,
        last_failure_at=START,
        locked_until=START + dt.timedelta(minutes=15),
    )

    started = time.perf_counter()
    result = await gql.login(user.phone)
    took = time.perf_counter() - started

    assert [e["code"] for e in result["userErrors"]] == ["ACCOUNT_LOCKED"]
    assert took < cost / 2, (took, cost)
    assert (await LoginThrottle.get(phone=user.phone)).failures == 11  # still counted


async def test_reads_are_served_while_a_password_is_being_checked(
    gql: GraphQLClient, slow_hash_user: tuple[User, float]
) -> None:
    user, cost = slow_hash_user
    variables = {
        "input": {
            "phone": user.phone,
            "password": DEMO_PASSWORD,
            "acceptedPolicyVersion": "2026-09",
        }
    }
    login = asyncio.create_task(gql(LOGIN, variables))
    login_done: list[float] = []
    login.add_done_callback(lambda _: login_done.append(time.perf_counter()))
    # the lock was checked (its row made) and the hashing begun
    await eventually(lambda: LoginThrottle.exists(phone=user.phone), within=cost * 4)

    started = time.perf_counter()
    read = await gql(API_VERSION)
    read_done = time.perf_counter()
    took = read_done - started
    signed_in = await login

    assert read["data"]["apiVersion"]["featureLevel"] >= 1
    assert took < cost / 2, (took, cost)
    # the read came back while the hash was being checked, well before the login
    assert login_done[0] - read_done > cost / 4, (login_done[0] - read_done, cost)
    assert signed_in["data"]["login"]["userErrors"] == []
