"""A socket lives no longer than its session and obeys the limits (issue 14): a real
graphql-transport-ws client against the app served by uvicorn in the test's own event loop,
so the test's FrozenClock is the server's clock."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import uvicorn
import websockets
from tortoise.transactions import in_transaction
from websockets.typing import Subprotocol

from core.clock import FrozenClock
from models.accounts import AuthSession
from notifications import NotificationCategory, enqueue
from server.app import create_app
from server.settings import Settings
from tests.client import LOGIN
from tests.factories import START, make_world
from tests.helpers import eventually
from tests.test_accounts import LOGOUT, REFRESH
from tests.test_subscriptions import SUBSCRIBE, _free_port

CHILDREN = "query { viewer { children(first: 5) { edges { node { name birthDate } } } } }"
LOGOUT_OVER_SOCKET = "mutation { logout { ok } }"


@dataclass
class Served:
    port: int
    http: httpx.AsyncClient

    async def login(self, phone: str) -> dict[str, Any]:
        body = (
            await self.http.post(
                "/graphql",
                json={
                    "query": LOGIN,
                    "variables": {
                        "input": {
                            "phone": phone,
                            "password": "correct-horse-9",
                            "acceptedPolicyVersion": "2026-09",
                        }
                    },
                },
            )
        ).json()
        return body["data"]["login"]

    async def post(self, query: str, variables: dict[str, Any], token: str | None = None) -> Any:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return await self.http.post(
            "/graphql", json={"query": query, "variables": variables}, headers=headers
        )


async def _serve(settings: Settings, clock: FrozenClock) -> AsyncIterator[Served]:
    app = create_app(settings, clock=clock, manage_database=False)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, access_log=False)
    )
    task = asyncio.create_task(server.serve())
    try:
        await eventually(lambda: server.started, within=10, what="uvicorn to start")
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
            yield Served(port, http)
    finally:
        server.should_exit = True
        await task


@pytest.fixture
async def served(settings: Settings, clock: FrozenClock) -> AsyncIterator[Served]:
    quick = settings.model_copy(update={"ws_session_check_seconds": 0.02})
    async for s in _serve(quick, clock):
        yield s


@pytest.fixture
async def limited(settings: Settings, clock: FrozenClock) -> AsyncIterator[Served]:
    tight = settings.model_copy(
        update={"ws_session_check_seconds": 0.02, "rate_limit_per_account": "3/minute"}
    )
    async for s in _serve(tight, clock):
        yield s


@asynccontextmanager
async def _socket(port: int, token: str) -> AsyncIterator[Any]:
    async with websockets.connect(
        f"ws://127.0.0.1:{port}/graphql", subprotocols=[Subprotocol("graphql-transport-ws")]
    ) as ws:
        await ws.send(
            json.dumps({"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}})
        )
        ack = json.loads(await asyncio.wait_for(ws.recv(), 10))
        assert ack["type"] == "connection_ack", ack
        yield ws


async def _subscribe(ws: Any, op_id: str, query: str = SUBSCRIBE) -> dict[str, Any]:
    """Sends a subscribe; returns the server's answer to a ping sent after it, or an error
    the server sent for the operation first."""
    await ws.send(json.dumps({"id": op_id, "type": "subscribe", "payload": {"query": query}}))
    await ws.send(json.dumps({"type": "ping"}))
    return json.loads(await asyncio.wait_for(ws.recv(), 10))


async def _closed_with(ws: Any) -> int:
    with pytest.raises(websockets.ConnectionClosed) as closed:
        while True:  # anything still in flight, then the close
            await asyncio.wait_for(ws.recv(), 10)
    assert closed.value.rcvd is not None, "the server did not close the socket"
    return closed.value.rcvd.code


async def test_logout_closes_the_sessions_socket(served: Served) -> None:
    world = await make_world()
    session = await served.login(world.parent_a.phone)
    async with _socket(served.port, session["accessToken"]) as ws:
        assert (await _subscribe(ws, "1"))["type"] == "pong"

        await served.post(LOGOUT, {}, token=session["accessToken"])

        assert await _closed_with(ws) == 4403


async def test_a_reused_refresh_token_closes_the_chains_socket(served: Served) -> None:
    world = await make_world()
    session = await served.login(world.parent_a.phone)
    async with _socket(served.port, session["accessToken"]) as ws:
        assert (await _subscribe(ws, "1"))["type"] == "pong"

        await served.post(REFRESH, {"token": session["refreshToken"]})
        reused = await served.post(REFRESH, {"token": session["refreshToken"]})

        assert reused.json()["data"]["refreshSession"]["userErrors"][0]["code"] == "TOKEN_REUSED"
        assert await _closed_with(ws) == 4403


async def test_the_socket_closes_when_its_access_token_expires(
    served: Served, clock: FrozenClock
) -> None:
    world = await make_world()
    session = await served.login(world.parent_a.phone)
    async with _socket(served.port, session["accessToken"]) as ws:
        assert (await _subscribe(ws, "1"))["type"] == "pong"

        clock.advance(dt.timedelta(minutes=15))

        assert await _closed_with(ws) == 4401
    # the session itself lives on: the app refreshes and re-connects
    assert await AuthSession.filter(revoked_at=None).count() == 1


async def test_no_event_reaches_a_socket_past_its_token(served: Served, clock: FrozenClock) -> None:
    world = await make_world()
    session = await served.login(world.parent_a.phone)
    async with _socket(served.port, session["accessToken"]) as ws:
        assert (await _subscribe(ws, "1"))["type"] == "pong"
        clock.advance(dt.timedelta(minutes=15))
        async with in_transaction():
            await enqueue(
                [world.parent_a.id],
                NotificationCategory.HOME_VISIT,
                "home_visit.scheduled",
                {"when": "11月20日 19:00"},
                "homeroom://visits/9",
                now=START,
            )

        with pytest.raises(websockets.ConnectionClosed) as closed:
            message = json.loads(await asyncio.wait_for(ws.recv(), 10))
            pytest.fail(f"the socket got {message}")

    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4401


@pytest.mark.parametrize("query", [CHILDREN, LOGOUT_OVER_SOCKET])
async def test_queries_and_mutations_are_refused_over_the_socket(
    served: Served, query: str
) -> None:
    world = await make_world()
    session = await served.login(world.parent_a.phone)
    async with _socket(served.port, session["accessToken"]) as ws:
        answer = await _subscribe(ws, "q", query)
        pong = json.loads(await asyncio.wait_for(ws.recv(), 10))

    assert answer["type"] == "error" and answer["id"] == "q"
    assert [e["extensions"]["code"] for e in answer["payload"]] == ["FORBIDDEN"]
    assert pong["type"] == "pong"  # the socket stays open for subscriptions
    assert await AuthSession.filter(revoked_at=None).count() == 1  # the logout did not run


async def test_subscribes_count_against_the_accounts_limit(limited: Served) -> None:
    world = await make_world()
    session = await limited.login(world.parent_a.phone)
    async with _socket(limited.port, session["accessToken"]) as ws:
        answers = [await _subscribe(ws, str(i)) for i in range(4)]

    assert [a["type"] for a in answers[:3]] == ["pong"] * 3
    assert answers[3]["type"] == "error"
    assert [e["extensions"]["code"] for e in answers[3]["payload"]] == ["RATE_LIMITED"]


async def test_the_socket_and_http_share_one_budget_per_account(limited: Served) -> None:
    world = await make_world()
    session = await limited.login(world.parent_a.phone)
    token = session["accessToken"]
    async with _socket(limited.port, token) as ws:
        for i in range(3):
            assert (await _subscribe(ws, str(i)))["type"] == "pong"

        over_http = await limited.post(CHILDREN, {}, token=token)

    assert over_http.status_code == 429
    assert over_http.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"


async def test_the_legacy_graphql_ws_protocol_is_not_served(served: Served) -> None:
    ws = await websockets.connect(
        f"ws://127.0.0.1:{served.port}/graphql", subprotocols=[Subprotocol("graphql-ws")]
    )
    try:
        code = await _closed_with(ws)  # at once, before any message
    finally:
        await ws.close()

    assert code == 4406  # Subprotocol not acceptable: only graphql-transport-ws is hardened
