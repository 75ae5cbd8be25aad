"""The schema: root types merged from each domain, with limits and error handling."""

from __future__ import annotations

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

from graphql_schema.accounts import AccountMutations, AccountQueries
from graphql_schema.limits import MAX_ALIASES, MAX_DEPTH, MAX_TOKENS, ConnectionCostLimiter
from graphql_schema.roster import RosterMutations


@strawberry.type
class NodeQueries:
    node: relay.Node | None = relay.node(
        description="Any object by global id; null if not visible."
    )


Query = merge_types("Query", (NodeQueries, AccountQueries))
Mutation = merge_types("Mutation", (AccountMutations, RosterMutations))


def _is_unexpected(error: GraphQLError) -> bool:
    """Errors we raised on purpose carry a code; anything else is a bug to hide in production."""
    return not (error.extensions or {}).get("code")


def build_schema(
    *, production: bool, max_query_nodes: int, extra_extensions: list | None = None
) -> strawberry.Schema:
    extensions: list = [
        *(extra_extensions or []),
        QueryDepthLimiter(max_depth=MAX_DEPTH),
        MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
        MaxTokensLimiter(max_token_count=MAX_TOKENS),
        ConnectionCostLimiter(max_nodes=max_query_nodes),
    ]
    if production:
        extensions += [
            DisableIntrospection(),
            MaskErrors(
                should_mask_error=_is_unexpected,
                error_message="服务器内部错误",
            ),
        ]
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        extensions=extensions,
        config=StrawberryConfig(disable_field_suggestions=production),
    )
