"""Live notifications over graphql-transport-ws, against real server processes: one process
with the embedded dispatcher, and two processes whose events cross through Redis or
PostgreSQL."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import socket
import subprocess
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
import websockets
from tortoise.transactions import in_transaction

from notifications import NotificationCategory, enqueue
from server.settings import PROJECT_ROOT
from tests.client import GraphQLClient
from tests.conftest import DATABASE_URL
from tests.factories import START, make_device, make_user, make_world
from tests.helpers import eventually, gid

SECRET = "subscription-test-secret-0123456789abcdef"
SUBSCRIBE = "subscription { notificationAdded { title category deepLink } }"
ANNOUNCE = """mutation($c: ID!) { sendAnnouncement(input: {
  classId: $c, title: "春游通知", body: "下周三春游，请准备午餐。"}) { userErrors { code } } }"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@asynccontextmanager
async def _process(
    args: list[str], env: dict[str, str], port: int | None = None
) -> AsyncIterator[subprocess.Popen[bytes]]:
    full_env = {
        **os.environ,
        "HOMEROOM_DATABASE_URL": DATABASE_URL,
        "HOMEROOM_ENVIRONMENT": "test",
        "HOMEROOM_SECRET_KEY": SECRET,
        "HOMEROOM_LOG_LEVEL": "WARNING",
        "HOMEROOM_PASSWORD_HASH_PROFILE": "test",
        **env,
    }
    proc = subprocess.Popen(  # noqa: ASYNC220 - started once per test, waited for asynchronously
        [sys.executable, "-m", "server", *args],
        cwd=PROJECT_ROOT,
        env=full_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        if port is not None:
            await _wait_healthy(port, proc)
        yield proc
    finally:
        proc.terminate()
        try:
            await asyncio.to_thread(proc.wait, 15)
        except subprocess.TimeoutExpired:
            proc.kill()


async def _wait_healthy(port: int, proc: subprocess.Popen[bytes]) -> None:
    async with httpx.AsyncClient() as client:

        async def healthy() -> bool:
            if proc.poll() is not None:
                raise RuntimeError(proc.stderr.read().decode() if proc.stderr else "server exited")
            try:
                return (await client.get(f"http://127.0.0.1:{port}/healthz")).status_code == 200
            except httpx.TransportError:
                return False

        await eventually(healthy, within=15, interval=0.05, what="the server's /healthz")


def _server(env: dict[str, str]) -> tuple[int, Callable[[], Any]]:
    port = _free_port()
    return port, lambda: _process(["serve", "--port", str(port)], env, port)


async def _token(port: int, phone: str) -> str:
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
        return await GraphQLClient(client).token(phone)


@asynccontextmanager
async def _subscription(port: int, token: str | None) -> AsyncIterator[Any]:
    async with websockets.connect(
        f"ws://127.0.0.1:{port}/graphql", subprotocols=["graphql-transport-ws"]
    ) as ws:
        await ws.send(
            json.dumps(
                {
                    "type": "connection_init",
                    "payload": {"authorization": f"Bearer {token}"} if token else {},
                }
            )
        )
        ack = json.loads(await asyncio.wait_for(ws.recv(), 10))
        assert ack["type"] == "connection_ack"
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": SUBSCRIBE}}))
        # The server answers a ping after it has read the subscribe sent before it, and has
        # started the operation that registers the subscriber (no I/O on that path): events
        # from here on reach this socket. No fixed sleep.
        await ws.send(json.dumps({"type": "ping"}))
        pong = json.loads(await asyncio.wait_for(ws.recv(), 10))
        assert pong["type"] == "pong", pong
        yield ws


async def _next_event(ws: Any) -> dict[str, Any]:
    message = json.loads(await asyncio.wait_for(ws.recv(), 20))
    assert message["type"] == "next", message
    return message["payload"]["data"]["notificationAdded"]


async def test_a_new_notification_arrives_while_the_app_is_open() -> None:
    user = await make_user()
    port, server = _server(
        {"HOMEROOM_LIVE_EVENTS": "memory", "HOMEROOM_EMBEDDED_DISPATCHER": "true"}
    )
    async with server():
        token = await _token(port, user.phone)
        async with _subscription(port, token) as ws:
            async with in_transaction():
                await enqueue(
                    [user.id],
                    NotificationCategory.HOME_VISIT,
                    "home_visit.scheduled",
                    {"when": "11月20日 19:00"},
                    "homeroom://visits/9",
                    now=START,
                )

            event = await _next_event(ws)

    assert event["category"] == "HOME_VISIT"
    assert event["deepLink"] == "homeroom://visits/9"


async def test_a_connection_without_a_valid_token_is_refused() -> None:
    port, server = _server(
        {"HOMEROOM_LIVE_EVENTS": "memory", "HOMEROOM_EMBEDDED_DISPATCHER": "false"}
    )
    async with (
        server(),
        websockets.connect(
            f"ws://127.0.0.1:{port}/graphql", subprotocols=["graphql-transport-ws"]
        ) as ws,
    ):
        await ws.send(
            json.dumps({"type": "connection_init", "payload": {"authorization": "Bearer x"}})
        )
        with pytest.raises(websockets.ConnectionClosed) as closed:
            await asyncio.wait_for(ws.recv(), 10)

    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4403


@pytest.mark.parametrize("bus", ["redis://127.0.0.1:6379/0", "postgres"])
async def test_events_cross_between_two_server_processes(bus: str) -> None:
    if bus == "postgres" and not DATABASE_URL.startswith("postgres"):
        pytest.skip("LISTEN/NOTIFY needs PostgreSQL: covered by the PostgreSQL run of the suite")
    world = await make_world()
    # A serves the parent's subscription and dispatches nothing; B takes the teacher's
    # announcement and runs the dispatcher that expands it and publishes the events.
    port_a, server_a = _server(
        {"HOMEROOM_LIVE_EVENTS": bus, "HOMEROOM_EMBEDDED_DISPATCHER": "false"}
    )
    port_b, server_b = _server(
        {"HOMEROOM_LIVE_EVENTS": bus, "HOMEROOM_EMBEDDED_DISPATCHER": "true"}
    )
    async with server_a(), server_b():
        parent_token = await _token(port_a, world.parent_a.phone)
        teacher_token = await _token(port_b, world.teacher_a.phone)
        async with _subscription(port_a, parent_token) as ws:
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port_b}") as client:
                sent = await client.post(
                    "/graphql",
                    headers={"Authorization": f"Bearer {teacher_token}"},
                    json={
                        "query": ANNOUNCE,
                        "variables": {"c": gid("SchoolClass", world.class_a.id)},
                    },
                )
            assert sent.json()["data"]["sendAnnouncement"]["userErrors"] == []

            event = await _next_event(ws)

    assert (event["title"], event["category"]) == ("春游通知", "ANNOUNCEMENT")


async def test_the_dispatcher_runs_as_its_own_process_and_stops_cleanly() -> None:
    """`python -m server dispatcher` delivers through firebase-admin to the FCM stand-in and
    exits on SIGTERM once the batch in flight is recorded."""
    from notifications.models import DeliveryStatus, Platform, PushDelivery
    from tests.fcm_standin import FcmStandIn

    # the process runs on the wall clock, so the phone is seen now: a phone unseen for 30 days
    # (since the fixed START of the other tests) gets no push
    now = dt.datetime.now(dt.UTC)
    user = await make_user()
    await make_device(user, "worker-phone", platform=Platform.IOS, consent=True, now=now)
    async with FcmStandIn() as fcm:
        env = {
            "HOMEROOM_FCM_ENDPOINT": fcm.url,
            "HOMEROOM_FCM_ACCESS_TOKEN": "test-token",
            "HOMEROOM_FIREBASE_PROJECT_ID": "homeroom-test",
            "HOMEROOM_LOG_LEVEL": "INFO",
        }
        async with _process(["dispatcher"], env) as worker:
            async with in_transaction():
                # urgent, so quiet hours (the wall clock may be at night) cannot hold it back
                await enqueue(
                    [user.id],
                    NotificationCategory.SAFETY,
                    "safety.alert",
                    {"title": "暴雨停课", "message": "明日停课，请留在家中。"},
                    "homeroom://safety",
                    urgent=True,
                    now=now,
                )
            await eventually(
                lambda: fcm.state.delivered["worker-phone"] > 0, within=20, what="the push"
            )

    assert fcm.state.delivered["worker-phone"] == 1
    assert worker.returncode == 0  # SIGTERM: finished its batch and stopped
    assert [d.status for d in await PushDelivery.filter(user_id=user.id)] == [DeliveryStatus.SENT]
