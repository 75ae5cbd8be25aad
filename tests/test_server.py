"""The door: health, metrics, request ids, rate limits and idempotent retries."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from core.clock import FrozenClock
from models.accounts import AuthSession, Invitation
from server.app import create_app
from server.settings import Settings
from tests.client import GraphQLClient
from tests.factories import make_user, make_world
from tests.helpers import gid
from tests.test_invitations import ISSUE


async def test_healthz_checks_the_database(http: httpx.AsyncClient) -> None:
    response = await http.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


async def test_metrics_count_operations_and_error_codes(
    gql: GraphQLClient, http: httpx.AsyncClient
) -> None:
    await gql("query Viewer { viewer { roles } }")

    text = (await http.get("/metrics")).text

    # labelled by the root field: a client's operation name is not a bounded label (issue 14)
    assert 'homeroom_graphql_operations_total{operation="viewer",type="query"}' in text
    assert 'homeroom_graphql_errors_total{code="UNAUTHENTICATED"}' in text
    assert "homeroom_graphql_operation_seconds_bucket" in text


async def test_every_response_carries_a_request_id(http: httpx.AsyncClient) -> None:
    given = await http.get("/healthz", headers={"X-Request-ID": "abc123"})
    made = await http.get("/healthz")

    assert given.headers["x-request-id"] == "abc123"
    assert len(made.headers["x-request-id"]) == 32


@pytest.fixture
def limited(settings: Settings, clock: FrozenClock) -> Any:
    settings = settings.model_copy(
        update={"rate_limit_per_ip": "5/minute", "rate_limit_per_account": "3/minute"}
    )
    return create_app(settings, clock=clock, manage_database=False)


async def _client(app: Any, ip: str) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, client=(ip, 1234))
    return httpx.AsyncClient(transport=transport, base_url="http://homeroom.test")


async def test_rate_limit_per_client_ip(limited: Any) -> None:
    async with (
        await _client(limited, "198.51.100.1") as client,
        await _client(limited, "198.51.100.2") as other,
    ):
        statuses = [
            (await client.post("/graphql", json={"query": "{ __typename }"})).status_code
            for _ in range(6)
        ]
        refused = await client.post("/graphql", json={"query": "{ __typename }"})
        elsewhere = await other.post("/graphql", json={"query": "{ __typename }"})

    assert statuses == [200] * 5 + [429]
    assert refused.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert elsewhere.status_code == 200


async def test_rate_limit_per_account_across_ips(limited: Any) -> None:
    user = await make_user()
    async with await _client(limited, "198.51.100.3") as first:
        token = await GraphQLClient(first).token(user.phone)
    headers = {"Authorization": f"Bearer {token}"}
    statuses = []
    for n in range(4):
        async with await _client(limited, f"198.51.100.{10 + n}") as client:
            response = await client.post(
                "/graphql", json={"query": "{ viewer { roles } }"}, headers=headers
            )
            statuses.append(response.status_code)

    assert statuses == [200, 200, 200, 429]


async def test_retried_mutation_returns_the_first_answer(gql: GraphQLClient) -> None:
    world = await make_world()
    token = await gql.token(world.teacher_a.phone)
    variables = {"input": {"studentId": gid("Student", world.student_a.id)}}
    headers = {"Idempotency-Key": "7f1c1e52-retry"}

    first = await gql.post(ISSUE, variables, token=token, headers=headers)
    retry = await gql.post(ISSUE, variables, token=token, headers=headers)

    assert retry.json() == first.json()
    assert retry.headers["idempotent-replayed"] == "true"
    assert await Invitation.filter(student_id=world.student_a.id).count() == 1


async def test_same_key_with_other_input_is_refused(gql: GraphQLClient) -> None:
    world = await make_world()
    token = await gql.token(world.school_admin.phone)
    headers = {"Idempotency-Key": "k-1"}

    await gql.post(
        ISSUE,
        {"input": {"studentId": gid("Student", world.student_a.id)}},
        token=token,
        headers=headers,
    )
    other = await gql.post(
        ISSUE,
        {"input": {"studentId": gid("Student", world.student_b.id)}},
        token=token,
        headers=headers,
    )

    assert other.status_code == 422
    assert other.json()["errors"][0]["extensions"]["code"] == "IDEMPOTENCY_KEY_REUSED"
    assert not await Invitation.exists(student_id=world.student_b.id)


async def test_keys_are_per_caller(gql: GraphQLClient) -> None:
    world = await make_world()
    variables = {"input": {"studentId": gid("Student", world.student_a.id)}}
    headers = {"Idempotency-Key": "shared-key"}

    await gql.post(ISSUE, variables, token=await gql.token(world.teacher_a.phone), headers=headers)
    await gql.post(
        ISSUE, variables, token=await gql.token(world.school_admin.phone), headers=headers
    )

    assert await Invitation.filter(student_id=world.student_a.id).count() == 2


async def test_retried_login_does_not_open_a_second_session(gql: GraphQLClient) -> None:
    user = await make_user()
    login = {
        "input": {
            "phone": user.phone,
            "password": "correct-horse-9",
            "acceptedPolicyVersion": "2026-09",
        }
    }
    headers = {"Idempotency-Key": "login-once"}
    from tests.client import LOGIN

    first = await gql.post(LOGIN, login, headers=headers)
    retry = await gql.post(LOGIN, login, headers=headers)

    assert (
        first.json()["data"]["login"]["refreshToken"]
        == retry.json()["data"]["login"]["refreshToken"]
    )
    assert await AuthSession.filter(user_id=user.id).count() == 1


async def test_queries_ignore_the_key(gql: GraphQLClient) -> None:
    first = await gql.post("{ __typename }", headers={"Idempotency-Key": "q"})
    second = await gql.post("{ __typename }", headers={"Idempotency-Key": "q"})

    assert "idempotent-replayed" not in second.headers
    assert first.status_code == second.status_code == 200


async def test_an_oversized_body_is_refused(http: httpx.AsyncClient) -> None:
    huge = "x" * (5 * 1024 * 1024)

    response = await http.post(
        "/graphql", json={"query": "{ __typename }", "variables": {"x": huge}}
    )

    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "INVALID"
