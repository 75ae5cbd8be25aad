"""The schema: root types merged from each domain, with limits and error handling."""

from __future__ import annotations

import asyncio
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry import relay
from strawberry.extensions import (
    DisableIntrospection,
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types

from core.errors import ErrorCode
from graphql_schema.accounts import AccountMutations, AccountQueries
from graphql_schema.announcements import AnnouncementMutations
from graphql_schema.context import Info
from graphql_schema.errors import top_level_error
from graphql_schema.limits import MAX_ALIASES, MAX_DEPTH, MAX_TOKENS, ConnectionCostLimiter
from graphql_schema.node import resolve_global_id
from graphql_schema.notifications import NotificationMutations, NotificationSubscriptions
from graphql_schema.pagination import MAX_PAGE
from graphql_schema.roster import RosterMutations


@strawberry.type(name="ApiVersion", description="Which contract this server speaks.")
class ApiVersionType:
    feature_level: int = strawberry.field(description="Raised with every schema change.")
    minimum_app_version: str = strawberry.field(description="Older apps must update.")


@strawberry.type
class CoreQueries:
    @strawberry.field
    def api_version(self, info: Info) -> ApiVersionType:
        api = info.context.api
        return ApiVersionType(
            feature_level=api.feature_level, minimum_app_version=api.minimum_app_version
        )

    @strawberry.field(description="Any object by global id; null if unknown or not visible.")
    async def node(self, info: Info, id: relay.GlobalID) -> relay.Node | None:
        return await resolve_global_id(info, id)

    @strawberry.field(description="Several objects by global id, in order; null where not visible.")
    async def nodes(self, info: Info, ids: list[relay.GlobalID]) -> list[relay.Node | None]:
        if len(ids) > MAX_PAGE:
            raise top_level_error(ErrorCode.QUERY_TOO_COMPLEX, f"一次最多查询 {MAX_PAGE} 个对象")
        # gathered, so each type's loader fetches its ids in one query
        return list(await asyncio.gather(*(resolve_global_id(info, gid) for gid in ids)))


Query = merge_types("Query", (CoreQueries, AccountQueries))
Mutation = merge_types(
    "Mutation", (AccountMutations, RosterMutations, NotificationMutations, AnnouncementMutations)
)
Subscription = merge_types("Subscription", (NotificationSubscriptions,))


def _is_unexpected(error: GraphQLError) -> bool:
    """A bug, not a refusal: an exception that is not a GraphQL error and carries no code.
    These are logged, and masked in production."""
    if (error.extensions or {}).get("code"):
        return False
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError)


class HomeroomSchema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        """Expected errors (they carry a code) are the client's business, not the log's."""
        unexpected = [e for e in errors if _is_unexpected(e)]
        if unexpected:
            super().process_errors(unexpected, execution_context)


def build_schema(
    *, production: bool, max_query_nodes: int, extra_extensions: list | None = None
) -> strawberry.Schema:
    # Factories, so each request gets fresh extension instances.
    extensions: list = [
        *(extra_extensions or []),
        lambda: QueryDepthLimiter(max_depth=MAX_DEPTH),
        lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: ConnectionCostLimiter(max_nodes=max_query_nodes),
    ]
    if production:
        extensions += [
            DisableIntrospection,
            lambda: MaskErrors(should_mask_error=_is_unexpected, error_message="服务器内部错误"),
        ]
    return HomeroomSchema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        extensions=extensions,
        config=StrawberryConfig(disable_field_suggestions=production),
    )
