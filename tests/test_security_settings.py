"""Bounded metrics, /metrics off the public port in production, a per-installation signing
key in development, and commands that refuse unsafe settings (issue 14)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest

from core.clock import FrozenClock
from models.accounts import PasswordHashProfile
from server.app import create_app
from server.settings import PROJECT_ROOT, Environment, Settings
from tests.client import GraphQLClient
from tests.conftest import DATABASE_URL
from tests.factories import START, make_world
from tests.test_subscriptions import _free_port, _process

SERIES = "homeroom_graphql_operations_total{"


def _series(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(SERIES)]


async def test_distinct_huge_operation_names_add_no_series(
    gql: GraphQLClient, http: httpx.AsyncClient
) -> None:
    await gql("query First { apiVersion { featureLevel } }")
    before = _series((await http.get("/metrics")).text)

    for i in range(10):
        name = f"N{i}" + "x" * 200_000
        response = await http.post(
            "/graphql",
            json={
                "query": f"query {name} {{ apiVersion {{ featureLevel }} }}",
                "operationName": name,
            },
        )
        assert response.status_code == 200
    scraped = await http.get("/metrics")

    assert len(_series(scraped.text)) == len(before)
    assert [s.split(" ")[0] for s in _series(scraped.text)] == [
        'homeroom_graphql_operations_total{operation="apiVersion",type="query"}'
    ]
    assert len(scraped.content) < 50_000


async def test_an_unknown_root_field_or_a_bad_document_is_labelled_other(
    http: httpx.AsyncClient,
) -> None:
    await http.post("/graphql", json={"query": "{ nope" + "z" * 500 + " }"})
    await http.post("/graphql", json={"query": "query {"})

    labels = {s.split(" ")[0] for s in _series((await http.get("/metrics")).text)}

    assert labels <= {
        'homeroom_graphql_operations_total{operation="other",type="query"}',
        'homeroom_graphql_operations_total{operation="other",type="unknown"}',
    }


@pytest.fixture
def production_settings(database: str) -> Settings:
    return Settings(environment=Environment.PRODUCTION, database_url=database, secret_key="p" * 40)


async def _get(app: Any, path: str) -> httpx.Response:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://h"
    ) as client:
        return await client.get(path)


async def test_production_keeps_metrics_off_the_api_port(production_settings: Settings) -> None:
    hidden = create_app(production_settings, manage_database=False)
    shown = create_app(
        production_settings.model_copy(update={"metrics_public": True}), manage_database=False
    )

    assert (await _get(hidden, "/metrics")).status_code == 404
    assert (await _get(shown, "/metrics")).status_code == 200
    assert (await _get(hidden.metrics_app, "/metrics")).status_code == 200


async def test_serve_in_production_puts_metrics_on_a_loopback_side_port() -> None:
    port, metrics_port = _free_port(), _free_port()
    env = {
        "HOMEROOM_ENVIRONMENT": "production",
        "HOMEROOM_PASSWORD_HASH_PROFILE": "production",
        "HOMEROOM_METRICS_PORT": str(metrics_port),
        "HOMEROOM_EMBEDDED_DISPATCHER": "false",
    }
    async with _process(["serve", "--port", str(port)], env, port), httpx.AsyncClient() as client:
        api = await client.get(f"http://127.0.0.1:{port}/metrics")
        side = await client.get(f"http://127.0.0.1:{metrics_port}/metrics")

    assert api.status_code == 404
    assert side.status_code == 200 and "homeroom_http_requests_total" in side.text


# ---------------------------------------------------------------- the signing key

PUBLISHED_DEV_SECRET = "homeroom-development-secret-not-for-production"


@pytest.fixture
async def development_app(database: str, tmp_path: Path) -> AsyncIterator[GraphQLClient]:
    settings = Settings(
        environment=Environment.DEVELOPMENT,
        database_url=database,
        secret_key_file=tmp_path / "var" / "secret_key",
        password_hash_profile=PasswordHashProfile.TEST,
    )
    app = create_app(settings, clock=FrozenClock(START), manage_database=False)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://h"
    ) as client:
        yield GraphQLClient(client)


async def test_development_refuses_tokens_signed_with_the_published_key(
    development_app: GraphQLClient,
) -> None:
    world = await make_world()
    session = await development_app.login(world.district_admin.phone)
    claims = jwt.decode(session["accessToken"], options={"verify_signature": False})
    forged = jwt.encode(claims, PUBLISHED_DEV_SECRET, algorithm="HS256")

    own = await development_app("{ viewer { roles } }", token=session["accessToken"])
    body = await development_app("{ viewer { roles } }", token=forged)

    assert own["data"]["viewer"]["roles"] == ["DISTRICT_ADMIN"]
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_development_key_is_random_per_installation_and_private(tmp_path: Path) -> None:
    one = tmp_path / "one" / "secret_key"
    two = tmp_path / "two" / "secret_key"

    first = Settings(environment=Environment.DEVELOPMENT, secret_key_file=one).signing_key
    again = Settings(environment=Environment.DEVELOPMENT, secret_key_file=one).signing_key
    other = Settings(environment=Environment.DEVELOPMENT, secret_key_file=two).signing_key

    assert first == again != other
    assert len(first) >= 32
    assert stat.S_IMODE(one.stat().st_mode) == 0o600
    assert [p.name for p in one.parent.iterdir()] == ["secret_key"]  # no temporary left


# ---------------------------------------------------------------- commands


def _command(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "server", *args],
        cwd=PROJECT_ROOT,
        env={**os.environ, "HOMEROOM_DATABASE_URL": DATABASE_URL, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.0.2.10"])
def test_serve_refuses_an_open_bind_without_production_settings(host: str) -> None:
    done = _command(
        ["serve", "--host", host, "--port", str(_free_port())],
        {"HOMEROOM_ENVIRONMENT": "development"},
    )

    assert done.returncode != 0
    assert f"refusing to listen on {host} in development mode" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_seed_demo_refuses_to_run_in_production() -> None:
    done = _command(
        ["seed-demo"],
        {
            "HOMEROOM_ENVIRONMENT": "production",
            "HOMEROOM_SECRET_KEY": "s" * 40,
            "HOMEROOM_PASSWORD_HASH_PROFILE": "production",
        },
    )

    assert done.returncode != 0
    assert done.stderr.strip().splitlines() == [
        "seed-demo refuses to run in production (HOMEROOM_ENVIRONMENT=production)"
    ]
