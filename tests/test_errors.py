"""One classification of errors: every error leaves with a code; a bug is INTERNAL, logged
with its trace, and in production shows nothing of itself."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from graphql import GraphQLError
from tortoise import Tortoise
from tortoise.exceptions import DBConnectionError

from core.errors import registered_error_codes
from graphql_schema.errors import error_code
from graphql_schema.schema import build_schema
from server.app import create_app
from server.settings import Environment, Settings
from tests.client import GraphQLClient
from tests.factories import make_world

DISTRICTS = "{ viewer { districts(first: 5) { edges { node { name } } } } }"


@pytest.fixture
async def production_gql(database: str) -> AsyncIterator[GraphQLClient]:
    settings = Settings(
        environment=Environment.PRODUCTION, database_url=database, secret_key="p" * 40
    )
    app = create_app(settings, manage_database=False)
    transport = httpx.ASGITransport(app=app, client=("203.0.113.9", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://h") as client:
        yield GraphQLClient(client)


@pytest.fixture
def broken_district_table() -> Iterator[Any]:
    """A fault the code does not expect: the table behind a resolver is gone."""

    async def rename(old: str, new: str) -> None:
        await Tortoise.get_connection("default").execute_script(
            f'ALTER TABLE "{old}" RENAME TO "{new}"'
        )

    class Breaker:
        async def __aenter__(self) -> None:
            await rename("district", "district_gone")

        async def __aexit__(self, *exc: object) -> None:
            await rename("district_gone", "district")

    yield Breaker()


async def test_a_bug_in_production_is_internal_logged_and_masked(
    production_gql: GraphQLClient,
    broken_district_table: Any,
    caplog: pytest.LogCaptureFixture,
) -> None:
    world = await make_world()
    token = await production_gql.token(world.district_admin.phone)

    with caplog.at_level(logging.ERROR, logger="homeroom.graphql"):
        async with broken_district_table:
            response = await production_gql.post(DISTRICTS, token=token)

    error = response.json()["errors"][0]
    assert error["extensions"] == {"code": "INTERNAL"}
    assert error["message"] == "服务器内部错误"
    assert "district_gone" not in response.text and "Traceback" not in response.text
    logged = [r for r in caplog.records if r.name == "homeroom.graphql"]
    assert len(logged) == 1 and logged[0].exc_info is not None


async def test_a_bug_in_development_is_internal_with_its_message(
    gql: GraphQLClient, broken_district_table: Any
) -> None:
    world = await make_world()
    token = await gql.token(world.district_admin.phone)

    async with broken_district_table:
        body = await gql(DISTRICTS, token=token)

    assert body["errors"][0]["extensions"]["code"] == "INTERNAL"
    assert body["errors"][0]["message"] != "服务器内部错误"


async def test_refusals_keep_their_codes_in_production(production_gql: GraphQLClient) -> None:
    # a root field the viewer may not use, and a malformed query
    unauthenticated = await production_gql(DISTRICTS)
    malformed = await production_gql("{ viewer { districts(first: 5) { edges { nod } } } }")

    assert unauthenticated["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert malformed["errors"][0]["extensions"]["code"] == "INVALID"


def test_a_database_that_cannot_be_reached_inside_a_resolver_is_unavailable() -> None:
    # the exceptions the drivers raise when the database is gone, as a resolver would meet them
    refused = ConnectionRefusedError(111, "Connect call failed ('127.0.0.1', 5432)")
    gone = DBConnectionError("connection is closed")
    bug = KeyError("district")

    codes = [error_code(GraphQLError("x", original_error=e)) for e in (refused, gone, bug)]

    assert codes == ["UNAVAILABLE", "UNAVAILABLE", "INTERNAL"]


def test_every_error_code_a_module_registers_is_in_the_schema() -> None:
    # given every module of every package imported (a code registered by a module the schema
    # does not load would reach a client as INTERNAL instead of its own code)
    import importlib
    import pkgutil

    import core
    import models
    import notifications

    for package in (core, models, notifications):
        for module in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            importlib.import_module(module.name)

    # then the schema's ErrorCode enum holds them all
    schema = build_schema(production=False, max_query_nodes=10_000)
    in_schema = set(schema._schema.type_map["ErrorCode"].values)  # type: ignore[attr-defined]
    assert set(registered_error_codes()) == in_schema
