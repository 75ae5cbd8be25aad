"""Schools, classes and students through `viewer`: related objects are batched per request."""

from __future__ import annotations

from models.accounts import User
from tests.client import GraphQLClient
from tests.conftest import QueryCounter
from tests.factories import make_class, make_guardian, make_school, make_student, make_user

CHILDREN = """
{ viewer { children(first: 10) { edges { node {
  name
  schoolClass { name grade schoolYear { name } school { name district { name } } }
} } } } }
"""


async def _parent_with_children(count: int) -> User:
    parent = await make_user()
    for _ in range(count):
        school = await make_school()  # every child in another school and district
        await make_guardian(await make_student(await make_class(school)), parent)
    return parent


async def test_a_page_of_children_costs_the_same_queries_for_two_or_six(
    gql: GraphQLClient, sql_queries: QueryCounter
) -> None:
    small, large = await _parent_with_children(2), await _parent_with_children(6)
    small_token, large_token = await gql.token(small.phone), await gql.token(large.phone)

    sql_queries.count = 0
    small_body = await gql(CHILDREN, token=small_token)
    small_cost = sql_queries.count
    sql_queries.count = 0
    large_body = await gql(CHILDREN, token=large_token)
    large_cost = sql_queries.count

    assert len(small_body["data"]["viewer"]["children"]["edges"]) == 2
    assert len(large_body["data"]["viewer"]["children"]["edges"]) == 6
    assert large_cost == small_cost


async def test_children_page_forwards_and_backwards(gql: GraphQLClient) -> None:
    parent = await _parent_with_children(5)
    token = await gql.token(parent.phone)
    page = """query($after: String) { viewer { children(first: 2, after: $after) {
      edges { cursor node { name } } pageInfo { hasNextPage endCursor } } } }"""

    names: list[str] = []
    after = None
    while True:
        conn = (await gql(page, {"after": after}, token=token))["data"]["viewer"]["children"]
        names += [e["node"]["name"] for e in conn["edges"]]
        if not conn["pageInfo"]["hasNextPage"]:
            break
        after = conn["pageInfo"]["endCursor"]
    last = await gql(
        "{ viewer { children(last: 2) { edges { node { name } } pageInfo { hasPreviousPage } } } }",
        token=token,
    )

    assert len(names) == 5 and len(set(names)) == 5
    tail = last["data"]["viewer"]["children"]
    assert [e["node"]["name"] for e in tail["edges"]] == names[-2:]
    assert tail["pageInfo"]["hasPreviousPage"] is True


async def test_a_bad_cursor_is_a_typed_error(gql: GraphQLClient) -> None:
    parent = await _parent_with_children(1)
    token = await gql.token(parent.phone)

    body = await gql(
        '{ viewer { children(first: 2, after: "bm9wZQ==") { edges { node { name } } } } }',
        token=token,
    )

    assert body["errors"][0]["extensions"]["code"] == "INVALID"
