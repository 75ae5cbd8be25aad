"""The firebase-admin internals notifications/transports/fcm.py leans on (its docstring says
which and why), checked one by one: an SDK upgrade that removes or changes one fails here,
naming it, instead of failing pushes in production. Also the pin in pyproject.toml."""

from __future__ import annotations

import asyncio
import itertools
import re
import tomllib
from collections.abc import AsyncIterator
from importlib.metadata import version
from pathlib import Path
from typing import Any

import firebase_admin
import httpx
import pytest
from firebase_admin import messaging
from packaging.requirements import Requirement

from notifications.transports.fcm import StaticTokenCredential

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
_names = itertools.count(1)
UPGRADE = (
    "firebase-admin changed under notifications/transports/fcm.py: re-read the SDK's "
    "messaging.py and fix the transport (or drop the private use) before moving the pin"
)


class SdkClientDouble:
    """Stands in for the SDK's own HTTP client (firebase-admin's HttpxAsyncClient), to see how
    the messaging service calls whatever sits in its `_async_client`."""

    def __init__(self, status: int = 200, body: dict[str, Any] | None = None) -> None:
        self.status = status
        self.body = body if body is not None else {"name": "projects/p/messages/1"}
        self.calls: list[tuple[str, str, dict[str, Any]]] = []
        self.closed = 0

    async def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        self.calls.append((method, url, kwargs))
        response = httpx.Response(
            self.status, json=self.body, request=httpx.Request(method.upper(), url)
        )
        return response.raise_for_status()

    async def aclose(self) -> None:
        self.closed += 1


@pytest.fixture
async def app() -> AsyncIterator[firebase_admin.App]:
    app = firebase_admin.initialize_app(
        StaticTokenCredential("pin-token"), {"projectId": "pin-test"}, name=f"pin-{next(_names)}"
    )
    yield app
    if app.name in firebase_admin._apps:
        await asyncio.to_thread(firebase_admin.delete_app, app)


def test_the_installed_sdk_is_the_pinned_tested_line() -> None:
    dependencies = tomllib.loads(PYPROJECT.read_text())["project"]["dependencies"]
    [pin] = [Requirement(d) for d in dependencies if d.startswith("firebase-admin")]
    installed = version("firebase-admin")
    assert pin.specifier.contains(installed), (
        f"firebase-admin {installed} is installed, outside the pin {pin.specifier}: {UPGRADE}"
    )
    assert re.fullmatch(r">=7\.7,<7\.8|<7\.8,>=7\.7", str(pin.specifier)), (
        f"the pin {pin.specifier} lets in versions nobody tested against the private names"
    )


def test_get_messaging_service_gives_the_apps_one_service(app: firebase_admin.App) -> None:
    get = getattr(messaging, "_get_messaging_service", None)
    assert callable(get), f"firebase_admin.messaging._get_messaging_service is gone: {UPGRADE}"
    service = get(app)
    assert get(app) is service, (
        f"messaging._get_messaging_service no longer returns one service per app: {UPGRADE}"
    )
    url = getattr(service, "_fcm_url", None)
    assert url == "https://fcm.googleapis.com/v1/projects/pin-test/messages:send", (
        f"the messaging service's `_fcm_url` is {url!r}, not the messages:send URL: {UPGRADE}"
    )
    client = getattr(service, "_async_client", None)
    assert callable(getattr(client, "request", None)) and callable(
        getattr(client, "aclose", None)
    ), f"the messaging service's `_async_client` has no request()/aclose(): {UPGRADE}"


async def test_send_each_async_posts_through_async_client_to_fcm_url(
    app: firebase_admin.App,
) -> None:
    service = messaging._get_messaging_service(app)
    double = SdkClientDouble()
    service._fcm_url = "http://stand-in.invalid/v1/projects/pin-test/messages:send"
    service._async_client = double

    batch = await messaging.send_each_async(
        [messaging.Message(fid="t-1", data={"a": "b"})], app=app
    )

    assert batch.success_count == 1, (
        f"send_each_async did not answer from `_async_client`: {UPGRADE}"
    )
    assert len(double.calls) == 1, (
        f"send_each_async no longer posts through `_async_client.request`: {UPGRADE}"
    )
    method, url, kwargs = double.calls[0]
    assert (method.lower(), url) == ("post", service._fcm_url), (
        f"send_each_async no longer posts to `_fcm_url` (got {method} {url}): {UPGRADE}"
    )
    assert (kwargs.get("json") or {}).get("message", {}).get("fid") == "t-1", (
        f"send_each_async no longer passes the message as `json=`: {UPGRADE}"
    )


async def test_an_http_status_error_from_async_client_is_the_sdks_error(
    app: firebase_admin.App,
) -> None:
    service = messaging._get_messaging_service(app)
    service._async_client = SdkClientDouble(
        404,
        {
            "error": {
                "status": "NOT_FOUND",
                "message": "Requested entity was not found.",
                "details": [
                    {
                        "@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError",
                        "errorCode": "UNREGISTERED",
                    }
                ],
            }
        },
    )

    batch = await messaging.send_each_async([messaging.Message(fid="gone")], app=app)

    [response] = batch.responses
    assert isinstance(response.exception, messaging.UnregisteredError), (
        "the messaging service no longer turns an httpx.HTTPStatusError raised by "
        f"`_async_client.request` into its FirebaseError classes: {UPGRADE}"
    )


async def test_delete_app_closes_async_client(app: firebase_admin.App) -> None:
    double = SdkClientDouble()
    messaging._get_messaging_service(app)._async_client = double

    await asyncio.to_thread(firebase_admin.delete_app, app)

    assert double.closed == 1, (
        f"delete_app no longer closes the messaging service's `_async_client`: {UPGRADE}"
    )


def test_the_bench_encoder_is_there() -> None:
    """bench/fanout.py builds the raw client's payload with the SDK's own encoder."""
    encode = getattr(getattr(messaging, "_MessagingService", None), "encode_message", None)
    assert callable(encode), (
        "firebase_admin.messaging._MessagingService.encode_message is gone: bench/fanout.py "
        "builds its raw payload with it"
    )
