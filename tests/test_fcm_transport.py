"""The FCM transport's OAuth handling, through the real firebase-admin SDK and the stand-in:
the access token is refreshed when it is due and when FCM answers 401, and a push is sent
once with the fresh token."""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
from collections.abc import AsyncIterator
from typing import Any

import firebase_admin
import google.auth.credentials
import pytest
from firebase_admin import credentials

from notifications.models import Platform
from notifications.transports.base import Outcome, PushMessage
from notifications.transports.fcm import SIGNED_HEADERS_KEPT_S, FcmTransport
from tests.fcm_standin import FcmStandIn

_names = itertools.count(1)


class RotatingToken(google.auth.credentials.Credentials):
    """A google-auth credential whose refresh hands out token-1, token-2, …"""

    def __init__(self) -> None:
        super().__init__()
        self.refreshes = 0
        self.token = "token-0"

    def refresh(self, request: Any) -> None:
        self.refreshes += 1
        self.token = f"token-{self.refreshes}"
        self.expiry = None


class Wrapped(credentials.Base):
    def __init__(self, credential: RotatingToken) -> None:
        super().__init__()
        self._credential = credential

    def get_credential(self) -> RotatingToken:
        return self._credential


@pytest.fixture
async def fcm() -> AsyncIterator[FcmStandIn]:
    async with FcmStandIn() as standin:
        yield standin


@pytest.fixture
async def rotating(fcm: FcmStandIn) -> AsyncIterator[tuple[FcmTransport, RotatingToken]]:
    credential = RotatingToken()
    app = firebase_admin.initialize_app(
        Wrapped(credential), {"projectId": "homeroom-test"}, name=f"auth-test-{next(_names)}"
    )
    transport = FcmTransport(app, fcm.url, timeout=5)
    yield transport, credential
    await transport.aclose()


def push(token: str) -> PushMessage:
    return PushMessage(
        token=token,
        platform=Platform.ANDROID,
        title="您有一条新的通知",
        body="请打开家校共育查看",
        data={"deep_link": "homeroom://announcements/1"},
        high_priority=False,
        ttl=dt.timedelta(days=1),
        collapse_key=None,
    )


async def test_a_401_refreshes_the_token_and_sends_once(
    fcm: FcmStandIn, rotating: tuple[FcmTransport, RotatingToken]
) -> None:
    transport, credential = rotating
    fcm.state.revoked.add("token-0")

    results = await transport.send([push("ok-a")])
    again = await transport.send([push("ok-b")])

    assert [r.outcome for r in results + again] == [Outcome.OK, Outcome.OK]
    assert credential.refreshes == 1
    assert [r.authorization for r in fcm.state.received] == ["Bearer token-1", "Bearer token-1"]
    assert fcm.state.delivered == {"ok-a": 1, "ok-b": 1}


async def test_an_expired_token_is_refreshed_before_sending(
    fcm: FcmStandIn, rotating: tuple[FcmTransport, RotatingToken]
) -> None:
    transport, credential = rotating
    await transport.send([push("ok-a")])
    credential.expiry = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(minutes=1)
    await asyncio.sleep(SIGNED_HEADERS_KEPT_S + 0.1)  # signed headers are kept that long

    await transport.send([push("ok-b")])

    assert credential.refreshes == 1  # before the request: FCM never saw the stale token
    assert [r.authorization for r in fcm.state.received] == ["Bearer token-0", "Bearer token-1"]
    assert fcm.state.requests == {"ok-a": 1, "ok-b": 1}


async def test_a_token_that_stays_rejected_is_a_retry_not_a_loop(
    fcm: FcmStandIn, rotating: tuple[FcmTransport, RotatingToken]
) -> None:
    transport, credential = rotating
    fcm.state.revoked.update(f"token-{i}" for i in range(10))

    [result] = await transport.send([push("ok-a")])

    assert result.outcome == Outcome.RETRY and result.http_status == 401
    assert credential.refreshes == 2  # firebase-admin's limit of refresh attempts
    assert fcm.state.delivered == {}
