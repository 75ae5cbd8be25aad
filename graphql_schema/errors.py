"""Typed errors: `userErrors` for expected failures, top-level errors with a `code` otherwise."""

from __future__ import annotations

import strawberry
from graphql import GraphQLError

from models.errors import DomainError, ErrorCode

ErrorCodeType = strawberry.enum(
    ErrorCode, name="ErrorCode", description="Every error code the API returns."
)


@strawberry.type(description="An expected failure of a mutation, for the app to show.")
class UserError:
    code: ErrorCodeType  # type: ignore[valid-type]
    field: str | None = strawberry.field(description="The input field at fault, in camelCase.")
    message: str


def user_errors(error: DomainError) -> list[UserError]:
    return [UserError(code=e.code, field=e.field, message=e.message) for e in error.errors]


def top_level_error(code: ErrorCode, message: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": code.value})
