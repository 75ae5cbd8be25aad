"""Issue 14, part B: the login lock-out falls on the phone from the guessing client, with a
slower ceiling per phone from anywhere (NIST SP 800-63B 5.2.2), so a stranger cannot lock a
parent out of their account."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

import httpx
import pytest

from core.clock import FrozenClock
from models.accounts import PHONE_LOCK_FAILURES, ClientLoginThrottle, LoginThrottle
from tests.client import GraphQLClient
from tests.factories import make_user

From = Callable[[str], AbstractAsyncContextManager[GraphQLClient]]


@pytest.fixture
def from_address(app: Any) -> From:
    """A GraphQL client connecting from the given address."""

    @asynccontextmanager
    async def connect(address: str) -> AsyncIterator[GraphQLClient]:
        transport = httpx.ASGITransport(app=app, client=(address, 50000))
        async with httpx.AsyncClient(transport=transport, base_url="http://homeroom.test") as c:
            yield GraphQLClient(c)

    return connect


def _codes(result: dict[str, Any]) -> list[str]:
    return [e["code"] for e in result["userErrors"]]


async def test_a_strangers_guesses_lock_only_the_stranger(from_address: From) -> None:
    # given a parent, and a stranger who sends ten wrong passwords for the parent's phone
    parent = await make_user()
    async with from_address("198.51.100.66") as stranger:
        guesses = [await stranger.login(parent.phone, "wrong-password") for _ in range(10)]
        stranger_again = await stranger.login(parent.phone)

    # when the parent signs in from their own phone's address
    async with from_address("203.0.113.20") as own_phone:
        signed_in = await own_phone.login(parent.phone)

    # then the stranger is locked out and the parent is not
    assert _codes(guesses[-1]) == ["ACCOUNT_LOCKED"]
    assert _codes(stranger_again) == ["ACCOUNT_LOCKED"]
    assert signed_in["userErrors"] == [] and signed_in["accessToken"]
    by_client = await ClientLoginThrottle.get(phone=parent.phone, client="198.51.100.66")
    assert by_client.failures == 11 and by_client.locked_until is not None
    # the stranger's refusals while locked do not count toward the phone's own ceiling, and
    # the parent's sign-in forgets the failures
    assert (await LoginThrottle.get(phone=parent.phone)).failures == 0


async def test_many_addresses_reach_the_phones_slower_ceiling_for_an_hour(
    from_address: From, clock: FrozenClock
) -> None:
    # given guesses from many addresses, each staying under its own lock (five free failures)
    parent = await make_user()
    for n in range(PHONE_LOCK_FAILURES // 5):
        async with from_address(f"198.51.100.{n + 1}") as guesser:
            for _ in range(5):
                result = await guesser.login(parent.phone, "wrong-password")
                assert _codes(result) == ["INVALID_CREDENTIALS"]
                clock.advance(dt.timedelta(seconds=30))  # slower than the per-client wait

    # when the parent then signs in, the stranger keeps trying within the hour, and the
    # parent tries again when the hour is over
    locked_at = clock.now()
    async with from_address("203.0.113.20") as own_phone:
        during = await own_phone.login(parent.phone)
        async with from_address("198.51.100.250") as guesser:
            clock.advance(dt.timedelta(minutes=59))
            still = await guesser.login(parent.phone, "wrong-password")
        clock.advance(dt.timedelta(minutes=1, seconds=1))
        after = await own_phone.login(parent.phone)

    # then the phone was locked from everywhere for that hour (attempts within it did not
    # extend it), then opens, and a sign-in clears the count
    assert _codes(during) == ["ACCOUNT_LOCKED"] and _codes(still) == ["ACCOUNT_LOCKED"]
    assert clock.now() - locked_at > dt.timedelta(hours=1)
    assert after["userErrors"] == []
    assert (await LoginThrottle.get(phone=parent.phone)).failures == 0
