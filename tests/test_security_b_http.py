"""Issue 14, part B, at the HTTP edge: an oversized chunked body is a JSON 413 (not a 500
with a trace), and a forwarded-for header counts only from a trusted proxy."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from server.app import MAX_BODY_BYTES


async def _chunks(total: int, size: int = 64 * 1024) -> AsyncIterator[bytes]:
    yield b'{"query": "{ __typename }", "pad": "'
    sent = 0
    while sent < total:
        yield b"x" * size
        sent += size
    yield b'"}'


async def test_a_chunked_body_over_the_limit_is_a_json_413_logged_below_error(
    http: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    # given a client streaming a body without Content-Length, past the 4 MB limit
    caplog.set_level(logging.INFO)

    # when it posts
    response = await http.post(
        "/graphql",
        content=_chunks(MAX_BODY_BYTES + 1024),
        headers={"content-type": "application/json"},
    )

    # then it is refused as too large, in JSON, and nothing is logged as an error
    assert "content-length" not in response.request.headers
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/json"
    assert response.json()["errors"][0]["extensions"]["code"] == "INVALID"
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []


async def test_a_chunked_body_under_the_limit_still_runs(http: httpx.AsyncClient) -> None:
    response = await http.post(
        "/graphql",
        content=_chunks(64 * 1024),
        headers={"content-type": "application/json"},
    )

    assert response.status_code == 200
    assert response.json()["data"] == {"__typename": "Query"}


PROXY = "10.0.0.5"  # the TLS-terminating proxy of the production recipe
API_VERSION = {"query": "{ __typename }"}


@pytest.fixture
def behind_proxy(settings: Any, clock: Any) -> Any:
    """The app as the production recipe serves it: uvicorn's proxy-header handling, trusting
    `--forwarded-allow-ips` alone, with a per-IP limit small enough to reach."""
    import uvicorn

    from server.app import create_app

    tight = settings.model_copy(update={"rate_limit_per_ip": "3/minute"})
    config = uvicorn.Config(
        create_app(tight, clock=clock, manage_database=False),
        proxy_headers=True,
        forwarded_allow_ips=PROXY,
    )
    config.load()
    assert isinstance(config.loaded_app, ProxyHeadersMiddleware)
    return config.loaded_app


async def _post_from(app: Any, client_ip: str, forwarded_for: str) -> int:
    transport = httpx.ASGITransport(app=app, client=(client_ip, 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://homeroom.test") as c:
        response = await c.post(
            "/graphql",
            content=json.dumps(API_VERSION),
            headers={"content-type": "application/json", "x-forwarded-for": forwarded_for},
        )
        return response.status_code


async def test_a_spoofed_forwarded_for_from_an_untrusted_client_is_ignored(
    behind_proxy: Any,
) -> None:
    # given a client that is not the proxy, claiming a new address on every request
    statuses = [await _post_from(behind_proxy, "203.0.113.7", f"198.51.100.{n}") for n in range(4)]

    # then its own address is counted: the fourth request is over the per-IP limit
    assert statuses == [200, 200, 200, 429]


async def test_the_trusted_proxy_forwards_each_client_address(behind_proxy: Any) -> None:
    # given the proxy forwarding four different clients
    statuses = [await _post_from(behind_proxy, PROXY, f"198.51.100.{n}") for n in range(4)]

    # then each client is counted on its own
    assert statuses == [200, 200, 200, 200]
