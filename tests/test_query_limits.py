"""Oversized queries are refused before any resolver runs (no SQL is sent)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from models.accounts import LoginThrottle, PasswordHashProfile
from server.app import create_app
from server.settings import Environment, Settings
from tests.client import GraphQLClient
from tests.conftest import QueryCounter
from tests.factories import make_world
from tests.helpers import gid

STUDENT = 'query { node(id: "%s") { ... on Student { name } } }'


def _code(body: dict[str, Any]) -> str:
    assert body.get("data") is None, body
    return body["errors"][0]["extensions"]["code"]


async def test_a_small_query_runs_and_is_counted(
    gql: GraphQLClient, sql_queries: QueryCounter
) -> None:
    world = await make_world()
    sql_queries.count = 0

    body = await gql(STUDENT % gid("Student", world.student_a.id))

    assert body["data"] == {"node": None}  # anonymous: not visible, but the resolver ran
    assert sql_queries.count == 1  # its one SELECT, scoped to what anonymous may see


async def test_depth_over_ten_is_refused(gql: GraphQLClient, sql_queries: QueryCounter) -> None:
    deep = (
        "id "
        + "school { district { schools(first: 1) { edges { node { " * 3
        + "id"
        + " } } } } }" * 3
    )
    query = f'query {{ node(id: "{gid("Student", 1)}") {{ ... on Student {{ {deep} }} }} }}'
    sql_queries.count = 0

    body = await gql(query)

    assert "exceeds maximum operation depth" in body["errors"][0]["message"]
    assert sql_queries.count == 0


async def test_more_than_fifteen_aliases_is_refused(
    gql: GraphQLClient, sql_queries: QueryCounter
) -> None:
    logins = " ".join(
        f'a{i}: login(input: {{phone: "13900000001", password: "wrong-one"}}) {{ accessToken }}'
        for i in range(16)
    )
    sql_queries.count = 0

    body = await gql(f"mutation {{ {logins} }}")

    assert "aliases" in body["errors"][0]["message"]
    assert sql_queries.count == 0
    assert not await LoginThrottle.exists()


async def test_more_than_two_thousand_tokens_is_refused(
    gql: GraphQLClient, sql_queries: QueryCounter
) -> None:
    fields = " ".join("__typename" for _ in range(2100))
    sql_queries.count = 0

    response = await gql.post(f"query {{ {fields} }}")

    assert "token" in response.text.lower()
    assert sql_queries.count == 0


@pytest.mark.parametrize(
    ("arguments", "reason"),
    [
        ("", "first 或 last"),
        ("first: 2, last: 2", "first 或 last 中的一个"),
        ("first: 101", "0 到 100"),
        ("last: -1", "0 到 100"),
    ],
)
async def test_connections_need_a_bounded_first_or_last(
    gql: GraphQLClient, sql_queries: QueryCounter, arguments: str, reason: str
) -> None:
    world = await make_world()
    token = await gql.token(world.parent_a.phone)
    query = "{ viewer { children%s { edges { node { name } } } } }" % (
        f"({arguments})" if arguments else ""
    )
    sql_queries.count = 0
    await gql("{ __typename }", token=token)  # no resolver: what loading the viewer costs
    viewer_cost = sql_queries.count
    sql_queries.count = 0

    body = await gql(query, token=token)

    assert _code(body) == "QUERY_TOO_COMPLEX"
    assert reason in body["errors"][0]["message"]
    assert sql_queries.count == viewer_cost  # the viewer's own rows, and nothing a resolver asks


async def test_nested_page_sizes_multiply(gql: GraphQLClient, sql_queries: QueryCounter) -> None:
    world = await make_world()
    token = await gql.token(world.district_admin.phone)
    query = """
    query Big($n: Int!) { viewer { districts(first: $n) { edges { node {
      schools(first: $n) { edges { node { classes(first: $n) { edges { node { name } } } } } }
    } } } } }
    """
    sql_queries.count = 0

    big = await gql(query, {"n": 100})
    after_big = sql_queries.count
    small = await gql(query, {"n": 5}, token=token)

    assert _code(big) == "QUERY_TOO_COMPLEX"
    assert "1010100" in big["errors"][0]["message"]
    assert after_big == 0  # anonymous: not even a viewer to load
    assert "errors" not in small
    assert small["data"]["viewer"]["districts"]["edges"]


async def test_batched_requests_are_refused(http: httpx.AsyncClient) -> None:
    response = await http.post(
        "/graphql", json=[{"query": "{ __typename }"}, {"query": "{ __typename }"}]
    )

    assert response.status_code == 400


async def test_queries_over_get_are_refused(http: httpx.AsyncClient) -> None:
    response = await http.get("/graphql", params={"query": "{ __typename }"})

    assert response.status_code == 400
    assert "not allowed" in response.text


@pytest.fixture
async def production_http(database: str) -> Any:
    settings = Settings(
        environment=Environment.PRODUCTION, database_url=database, secret_key="p" * 40
    )
    app = create_app(settings, manage_database=False)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://h"
    ) as client:
        yield client


async def test_production_turns_off_introspection_suggestions_and_graphiql(
    production_http: Any,
) -> None:
    introspection = await production_http.post(
        "/graphql", json={"query": "{ __schema { types { name } } }"}
    )
    typo = await production_http.post("/graphql", json={"query": "{ viewr { roles } }"})
    ide = await production_http.get("/graphql", headers={"accept": "text/html"})

    assert "introspection" in introspection.json()["errors"][0]["message"].lower()
    assert "Did you mean" not in typo.text
    assert typo.json()["errors"][0]["extensions"]["code"] == "INVALID"
    assert "graphiql" not in ide.text.lower()


def test_production_refuses_to_start_without_secrets() -> None:
    with pytest.raises(ValueError, match="HOMEROOM_SECRET_KEY"):
        Settings(
            environment=Environment.PRODUCTION, database_url="postgres://x@h/db", secret_key=None
        )
    with pytest.raises(ValueError, match="HOMEROOM_DATABASE_URL"):
        Settings(environment=Environment.PRODUCTION, database_url=None, secret_key="s" * 40)
    with pytest.raises(ValueError, match="HOMEROOM_PASSWORD_HASH_PROFILE"):
        Settings(
            environment=Environment.PRODUCTION,
            database_url="postgres://x@h/db",
            secret_key="s" * 40,
            password_hash_profile=PasswordHashProfile.TEST,
        )
