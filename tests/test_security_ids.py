"""Forged global ids and cursors are unknown ids, never a crash; `nodes(ids:)` costs its
list's length (issue 14)."""

from __future__ import annotations

import json

import pytest
from strawberry.relay import to_base64

from tests.client import GraphQLClient
from tests.conftest import QueryCounter
from tests.factories import make_world
from tests.helpers import gid

NODE = "query($id: ID!) { node(id: $id) { id ... on Student { name } } }"
NODES = "query($ids: [ID!]!) { nodes(ids: $ids) { id } }"
CHILDREN_AFTER = """query($after: String) { viewer { children(first: 5, after: $after) {
  edges { node { name } } } } }"""
FORGED_IDS = [
    to_base64("Student", "²"),  # a digit to str.isdigit(), not to int()
    to_base64("Student", "99999999999999999999"),  # beyond any integer column
    to_base64("Student", "-1"),
    to_base64("Student", ""),
]


@pytest.mark.parametrize("forged", FORGED_IDS)
async def test_a_forged_global_id_is_an_unknown_object(gql: GraphQLClient, forged: str) -> None:
    world = await make_world()
    token = await gql.token(world.district_admin.phone)

    body = await gql(NODE, {"id": forged}, token=token)

    assert body == {"data": {"node": None}}


async def test_forged_ids_among_real_ones_are_null_in_place(gql: GraphQLClient) -> None:
    world = await make_world()
    token = await gql.token(world.parent_a.phone)
    own = gid("Student", world.student_a.id)

    body = await gql(NODES, {"ids": [FORGED_IDS[0], own, FORGED_IDS[1]]}, token=token)

    assert body == {"data": {"nodes": [None, {"id": own}, None]}}


@pytest.mark.parametrize(
    "payload",
    ["[99999999999999999999]", "[1e400]", "[-99999999999999999999]", '["²"]', "[[1]]"],
)
async def test_a_forged_cursor_is_invalid_not_internal(gql: GraphQLClient, payload: str) -> None:
    world = await make_world()
    token = await gql.token(world.parent_a.phone)

    body = await gql(CHILDREN_AFTER, {"after": to_base64("k", payload)}, token=token)

    assert body["data"] is None
    assert [e["extensions"]["code"] for e in body["errors"]] == ["INVALID"]


async def test_a_huge_cursor_is_invalid(gql: GraphQLClient) -> None:
    world = await make_world()
    token = await gql.token(world.parent_a.phone)
    huge = to_base64("k", json.dumps(["9" * 5000]))

    body = await gql(CHILDREN_AFTER, {"after": huge}, token=token)

    assert [e["extensions"]["code"] for e in body["errors"]] == ["INVALID"]


async def test_a_real_cursor_still_pages(gql: GraphQLClient) -> None:
    world = await make_world()
    token = await gql.token(world.parent_a.phone)
    cursor = to_base64("k", json.dumps([0]))

    body = await gql(CHILDREN_AFTER, {"after": cursor}, token=token)

    assert body["data"]["viewer"]["children"]["edges"] == [{"node": {"name": world.student_a.name}}]


# 100 ids, each a class whose 100 students have a guardian each: 20,000 possible nodes.
NODES_FAN_OUT = """query($ids: [ID!]!) { nodes(ids: $ids) { ... on SchoolClass {
  students(first: 100) { edges { node { guardians(first: 1) { edges { node { id } } } } } }
} } }"""


async def test_nodes_costs_the_length_of_its_id_list(
    gql: GraphQLClient, sql_queries: QueryCounter
) -> None:
    ids = [gid("SchoolClass", i) for i in range(1, 101)]
    sql_queries.count = 0

    body = await gql(NODES_FAN_OUT, {"ids": ids})

    assert body["data"] is None
    assert [e["extensions"]["code"] for e in body["errors"]] == ["QUERY_TOO_COMPLEX"]
    assert sql_queries.count == 0  # refused before any resolver ran


async def test_a_few_ids_with_nested_pages_still_run(gql: GraphQLClient) -> None:
    world = await make_world()
    token = await gql.token(world.teacher_a.phone)

    body = await gql(NODES_FAN_OUT, {"ids": [gid("SchoolClass", world.class_a.id)]}, token=token)

    assert "errors" not in body, body
    assert len(body["data"]["nodes"][0]["students"]["edges"]) >= 1
