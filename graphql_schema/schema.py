"""The schema: root types and `Viewer` merged from each domain, with limits and error codes.

Adding a domain: write `graphql_schema/<domain>.py` ending in `SCHEMA = DomainSchema(…)` and
list the module in `DOMAINS` below.
"""

from __future__ import annotations

import asyncio
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry import relay
from strawberry.extensions import (
    DisableIntrospection,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types

from core.errors import ErrorCode
from graphql_schema import (
    accounts,
    administration,
    announcements,
    courses,
    feed,
    home_visits,
    live_sessions,
    media,
    notifications,
    referrals,
    roster,
    schools,
)
from graphql_schema.composition import DomainSchema
from graphql_schema.context import Info
from graphql_schema.documents import KnownDocuments, cached_documents
from graphql_schema.errors import ErrorCodes, top_level_error
from graphql_schema.execution import execution_context_for
from graphql_schema.limits import (
    MAX_ALIASES,
    MAX_DEPTH,
    MAX_TOKENS,
    ConnectionCostLimiter,
    OneCredentialCheck,
)
from graphql_schema.node import resolve_global_id
from graphql_schema.pagination import MAX_PAGE
from graphql_schema.permissions import IsAuthenticated

DOMAINS: tuple[DomainSchema, ...] = (
    accounts.SCHEMA,
    schools.SCHEMA,
    notifications.SCHEMA,
    announcements.SCHEMA,
    roster.SCHEMA,
    referrals.SCHEMA,
    home_visits.SCHEMA,
    courses.SCHEMA,
    feed.SCHEMA,
    media.SCHEMA,
    live_sessions.SCHEMA,
    administration.SCHEMA,
)


def _parts(kind: str) -> tuple[type, ...]:
    return tuple(part for d in DOMAINS if (part := getattr(d, kind)) is not None)


@strawberry.type(name="ApiVersion", description="Which contract this server speaks.")
class ApiVersionType:
    feature_level: int = strawberry.field(description="Raised with every schema change.")
    minimum_app_version: str = strawberry.field(description="Older apps must update.")


Viewer = merge_types("Viewer", _parts("viewer"))
Viewer.__strawberry_definition__.description = "The signed-in person and what is theirs."  # type: ignore[attr-defined]


@strawberry.type
class CoreQueries:
    @strawberry.field
    def api_version(self, info: Info) -> ApiVersionType:
        api = info.context.api
        return ApiVersionType(
            feature_level=api.feature_level, minimum_app_version=api.minimum_app_version
        )

    @strawberry.field(permission_classes=[IsAuthenticated])
    def viewer(self) -> Viewer:  # type: ignore[valid-type]
        return Viewer()

    @strawberry.field(description="Any object by global id; null if unknown or not visible.")
    async def node(self, info: Info, id: relay.GlobalID) -> relay.Node | None:
        return await resolve_global_id(info, id)

    @strawberry.field(description="Several objects by global id, in order; null where not visible.")
    async def nodes(self, info: Info, ids: list[relay.GlobalID]) -> list[relay.Node | None]:
        if len(ids) > MAX_PAGE:
            raise top_level_error(ErrorCode.QUERY_TOO_COMPLEX, f"一次最多查询 {MAX_PAGE} 个对象")
        # gathered, so each type's loader fetches its ids in one query
        return list(await asyncio.gather(*(resolve_global_id(info, gid) for gid in ids)))


Query = merge_types("Query", (CoreQueries, *_parts("queries")))
Mutation = merge_types("Mutation", _parts("mutations"))
Subscription = merge_types("Subscription", _parts("subscriptions"))


class HomeroomSchema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        """Nothing here: `ErrorCodes` logs the unexpected errors; expected ones (they carry a
        code) are the client's business, not the log's."""


def build_schema(
    *, production: bool, max_query_nodes: int, extra_extensions: list | None = None
) -> strawberry.Schema:
    # The rules that depend on the document alone, made once: `cached_documents` validates
    # a query text with them the first time it comes and keeps it (graphql_schema/documents.py).
    limits = [
        QueryDepthLimiter(max_depth=MAX_DEPTH),
        MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
    ]
    if production:
        limits.append(DisableIntrospection())
    rules = [rule for limit in limits for rule in limit.validation_rules]
    # Factories, so each request gets fresh extension instances. `extra_extensions` (metrics)
    # come first, so they wrap the others and see each error's final code.
    extensions: list = [
        *(extra_extensions or []),
        lambda: ErrorCodes(mask=production),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        cached_documents(KnownDocuments(), rules),
        lambda: ConnectionCostLimiter(max_nodes=max_query_nodes),
        OneCredentialCheck,
    ]
    schema = HomeroomSchema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        extensions=extensions,
        config=StrawberryConfig(disable_field_suggestions=production),
    )
    schema.execution_context_class = execution_context_for(schema._schema)
    return schema
