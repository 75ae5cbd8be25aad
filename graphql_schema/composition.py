"""What a domain's GraphQL module contributes to the schema; `schema.py` merges them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DomainSchema:
    """Each is a `@strawberry.type` class of fields, or None. `viewer` fields appear on the
    signed-in `viewer { … }` entry point ("mine")."""

    queries: type | None = None
    mutations: type | None = None
    subscriptions: type | None = None
    viewer: type | None = None
