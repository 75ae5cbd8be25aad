"""The executor's short ways (graphql_schema/execution.py) answer as graphql-core and Strawberry
would: a plain scalar field read off its attribute, a plain resolver field from what its page
read ahead; errors, nulls and permissions as before. On a schema of its own, so every odd
value can be given; the app's own pages are checked against `node(id:)` in test_pagination.py
and test_feed.py."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

import strawberry
from strawberry.permission import BasePermission

from graphql_schema.execution import READ_AHEAD, execution_context_for


@strawberry.enum
class Colour(Enum):
    RED = "red"


class Never(BasePermission):
    message = "no"

    def has_permission(self, source: Any, info: Any, **kwargs: Any) -> bool:
        return False


@strawberry.type
class Card:
    title: str
    subtitle: str | None
    colour: Colour
    at: dt.datetime
    count: int

    @strawberry.field
    def shown(self) -> str:
        return "resolved"

    @strawberry.field(permission_classes=[Never])
    def secret(self) -> str:
        return "resolved"

    @strawberry.field
    def twin(self) -> Card | None:
        return None


def card(**changes: Any) -> Card:
    values: dict[str, Any] = {
        "title": "t",
        "subtitle": None,
        "colour": Colour.RED,
        "at": dt.datetime(2026, 12, 7, 8, 0, tzinfo=dt.UTC),
        "count": 3,
    }
    return Card(**(values | changes))


CARDS: list[Card] = []


@strawberry.type
class Query:
    @strawberry.field
    def cards(self) -> list[Card]:
        return CARDS


def run(query: str, cards: list[Card], *, fast: bool) -> Any:
    schema = strawberry.Schema(query=Query)
    if fast:
        schema.execution_context_class = execution_context_for(schema._schema)
    CARDS[:] = cards
    result = schema.execute_sync(query)
    errors = [(e.message, e.path) for e in result.errors or []]
    return result.data, errors


def test_plain_fields_answer_as_graphql_core_does() -> None:
    query = "{ cards { title subtitle colour at count shown } }"
    cards = [card(), card(subtitle="s", count=0), card(title="", colour=Colour.RED)]

    assert run(query, cards, fast=True) == run(query, cards, fast=False)
    data, errors = run(query, cards, fast=True)
    assert data["cards"][1] == {
        "title": "t",
        "subtitle": "s",
        "colour": "RED",
        "at": "2026-12-07T08:00:00+00:00",
        "count": 0,
        "shown": "resolved",
    }
    assert errors == []


def test_a_value_that_does_not_coerce_fails_the_ordinary_way() -> None:
    query = "{ cards { title count } }"
    for bad in (card(title=None), card(count="three"), card(count=2**40)):
        fast, slow = run(query, [bad], fast=True), run(query, [bad], fast=False)
        assert fast == slow
        assert fast[0] is None and len(fast[1]) == 1  # a non-null field: the error, the list null


def test_a_plain_resolver_answers_with_what_was_read_ahead() -> None:
    ahead = card()
    ahead.__dict__[READ_AHEAD] = {"shown": "read ahead", "twin": card(title="twin")}

    data, errors = run("{ cards { shown twin { title } } }", [ahead, card()], fast=True)

    assert data == {
        "cards": [
            {"shown": "read ahead", "twin": {"title": "twin"}},
            {"shown": "resolved", "twin": None},
        ]
    }
    assert errors == []


def test_a_field_with_a_permission_is_never_answered_ahead() -> None:
    ahead = card()
    ahead.__dict__[READ_AHEAD] = {"secret": "read ahead"}

    data, errors = run("{ cards { title secret } }", [ahead], fast=True)

    assert data is None
    assert errors == [("no", ["cards", 0, "secret"])]
