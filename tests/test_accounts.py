"""Sign-in, token rotation, logout and lock-out, through HTTP like the app."""

from __future__ import annotations

import datetime as dt

import argon2
import httpx

from core.clock import FrozenClock
from models.accounts import (
    AuthSession,
    ClientLoginThrottle,
    LoginThrottle,
    PasswordHashProfile,
    PolicyAgreement,
    PolicyDocument,
    User,
    use_password_hash_profile,
)
from server.app import create_app
from server.settings import Environment, Settings
from tests.client import DEMO_PASSWORD, LOGIN, GraphQLClient
from tests.factories import make_user
from tests.helpers import user_errors

CLIENT = "203.0.113.7"  # the address the test client (tests/conftest.py) connects from
VIEWER = "{ viewer { person { name phone } } }"
REFRESH = """
mutation Refresh($token: String!) {
  refreshSession(input: {refreshToken: $token}) {
    accessToken refreshToken userErrors { code field message }
  }
}
"""
LOGOUT = "mutation { logout { ok userErrors { code } } }"


async def test_login_gives_tokens_that_open_the_viewer(gql: GraphQLClient) -> None:
    user = await make_user(name="林秀英")

    result = await gql.login(user.phone[3:])  # typed without +86, as people do

    assert result["userErrors"] == []
    assert result["refreshToken"]
    body = await gql(VIEWER, token=result["accessToken"])
    assert body["data"]["viewer"]["person"] == {"name": "林秀英", "phone": user.phone}


async def test_by_default_a_login_rehashes_a_cheap_password_at_production_cost(
    database: str,
) -> None:
    """The suite hashes with the cheap test profile (conftest); this is the one test that pays
    argon2's production cost. A hash made under one profile verifies under the other."""
    user = await make_user()  # hashed with the test profile, like one from before a cost rise
    app = create_app(
        Settings(environment=Environment.TEST, database_url=database, secret_key="t" * 40),
        manage_database=False,
    )
    transport = httpx.ASGITransport(app=app)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://homeroom.test") as http:
            signed_in = await GraphQLClient(http).login(user.phone)
    finally:
        use_password_hash_profile(PasswordHashProfile.TEST)  # the suite's profile again

    assert signed_in["userErrors"] == [] and signed_in["accessToken"]
    stored = (await User.get(id=user.id)).password_hash
    assert stored is not None
    assert argon2.extract_parameters(stored) == argon2.profiles.RFC_9106_LOW_MEMORY
    assert argon2.PasswordHasher().verify(stored, DEMO_PASSWORD)


async def test_first_login_needs_the_policy_and_records_agreement(gql: GraphQLClient) -> None:
    user = await make_user()

    refused = await gql(LOGIN, {"input": {"phone": user.phone, "password": DEMO_PASSWORD}})
    accepted = await gql.login(user.phone)

    assert user_errors(refused["data"]["login"]) == [
        ("POLICY_NOT_ACCEPTED", "acceptedPolicyVersion")
    ]
    assert refused["data"]["login"]["accessToken"] is None
    assert accepted["accessToken"]
    agreement = await PolicyAgreement.get(user_id=user.id)
    assert (agreement.document, agreement.version) == (PolicyDocument.PRIVACY_POLICY, "2026-09")


async def test_wrong_password_and_unknown_phone_look_the_same(gql: GraphQLClient) -> None:
    user = await make_user()

    wrong = await gql.login(user.phone, "not-the-password")
    unknown = await gql.login("13912345678", "whatever-password")
    malformed = await gql.login("12", "whatever-password")

    for result in (wrong, unknown, malformed):
        assert user_errors(result) == [("INVALID_CREDENTIALS", None)]  # no hint which one
        assert result["accessToken"] is None
    assert wrong["userErrors"][0]["message"] == unknown["userErrors"][0]["message"]


async def test_refresh_rotates_and_reuse_revokes_the_chain(gql: GraphQLClient) -> None:
    user = await make_user()
    first = await gql.login(user.phone)

    second = (await gql(REFRESH, {"token": first["refreshToken"]}))["data"]["refreshSession"]
    reused = (await gql(REFRESH, {"token": first["refreshToken"]}))["data"]["refreshSession"]
    after_reuse = (await gql(REFRESH, {"token": second["refreshToken"]}))["data"]["refreshSession"]
    viewer_after = await gql(VIEWER, token=second["accessToken"])

    assert second["userErrors"] == [] and second["refreshToken"] != first["refreshToken"]
    assert user_errors(reused) == [("TOKEN_REUSED", None)]
    assert user_errors(after_reuse) == [("TOKEN_INVALID", None)]
    assert viewer_after["data"] is None
    assert viewer_after["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    session = await AuthSession.get(user_id=user.id)
    assert session.revoked_reason == "refresh_token_reuse"


async def test_refresh_token_expires(gql: GraphQLClient, clock: FrozenClock) -> None:
    user = await make_user()
    first = await gql.login(user.phone)

    clock.advance(dt.timedelta(days=31))
    result = (await gql(REFRESH, {"token": first["refreshToken"]}))["data"]["refreshSession"]

    assert user_errors(result) == [("TOKEN_EXPIRED", None)]


async def test_access_token_expires_after_fifteen_minutes(
    gql: GraphQLClient, clock: FrozenClock
) -> None:
    user = await make_user()
    token = await gql.token(user.phone)

    clock.advance(dt.timedelta(minutes=14))
    fresh = await gql(VIEWER, token=token)
    clock.advance(dt.timedelta(minutes=2))
    stale = await gql(VIEWER, token=token)

    assert fresh["data"]["viewer"]["person"]["phone"] == user.phone
    assert stale["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_logout_revokes_access_and_refresh(gql: GraphQLClient) -> None:
    user = await make_user()
    signed_in = await gql.login(user.phone)

    out = await gql(LOGOUT, token=signed_in["accessToken"])
    viewer = await gql(VIEWER, token=signed_in["accessToken"])
    refreshed = (await gql(REFRESH, {"token": signed_in["refreshToken"]}))["data"]["refreshSession"]

    assert out["data"]["logout"] == {"ok": True, "userErrors": []}
    assert viewer["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert user_errors(refreshed) == [("TOKEN_INVALID", None)]


async def test_logout_needs_a_session(gql: GraphQLClient) -> None:
    body = await gql(LOGOUT)

    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_forged_token_is_anonymous(gql: GraphQLClient) -> None:
    user = await make_user()
    token = await gql.token(user.phone)
    header, payload, _signature = token.split(".")

    body = await gql(VIEWER, token=f"{header}.{payload}.AAAA")

    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_twenty_attempts_count_as_twenty_and_lock(
    gql: GraphQLClient, clock: FrozenClock
) -> None:
    # one login per request (aliased logins are refused whole: tests/test_security_login.py)
    user = await make_user()

    attempts = [await gql.login(user.phone, "wrong-password") for _ in range(20)]
    failures = (await ClientLoginThrottle.get(phone=user.phone, client=CLIENT)).failures
    right_password = await gql.login(user.phone)

    codes = [attempt["userErrors"][0]["code"] for attempt in attempts]
    # five free, a sixth that sets the first wait, then (the clock stands still) all locked
    assert codes == ["INVALID_CREDENTIALS"] * 6 + ["ACCOUNT_LOCKED"] * 14
    assert failures == 20
    assert user_errors(right_password) == [("ACCOUNT_LOCKED", None)]
    # the lock lifts after a while, and a right password then resets the count
    clock.advance(dt.timedelta(minutes=16))
    later = await gql.login(user.phone)
    assert later["userErrors"] == []
    assert (await ClientLoginThrottle.get(phone=user.phone, client=CLIENT)).failures == 0
    assert (await LoginThrottle.get(phone=user.phone)).failures == 0


async def test_failures_beyond_five_are_slowed(gql: GraphQLClient, clock: FrozenClock) -> None:
    user = await make_user()
    for _ in range(6):
        await gql.login(user.phone, "wrong-password")

    too_soon = await gql.login(user.phone)
    clock.advance(dt.timedelta(seconds=30))  # past the slow-down after the sixth failure...
    # ...but the refused attempt above counted as the seventh failure and set a new wait
    clock.advance(dt.timedelta(minutes=1))
    in_time = await gql.login(user.phone)

    assert user_errors(too_soon) == [("ACCOUNT_LOCKED", None)]
    assert in_time["userErrors"] == []
