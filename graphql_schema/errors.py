"""Typed errors: `userErrors` for expected failures, top-level errors with a `code` otherwise.

The schema's one `ErrorCode` enum is composed of the generic codes and every domain's own enum
(registered with `core.errors.error_codes` beside the domain's rules), so adding a code never
touches this file.
"""

from __future__ import annotations

from enum import StrEnum

import strawberry
from graphql import GraphQLError

from core.errors import DomainError, registered_error_codes
from models import load_domains

load_domains()  # each domain registers its codes when imported

ErrorCode = strawberry.enum(
    StrEnum("ErrorCode", {code: code for code in registered_error_codes()}),  # type: ignore[misc]
    name="ErrorCode",
    description="Every error code the API returns.",
)


@strawberry.type(description="An expected failure of a mutation, for the app to show.")
class UserError:
    code: ErrorCode  # type: ignore[valid-type]
    field: str | None = strawberry.field(description="The input field at fault, in camelCase.")
    message: str


def user_errors(error: DomainError) -> list[UserError]:
    return [
        UserError(code=ErrorCode(e.code.value), field=e.field, message=e.message)
        for e in error.errors
    ]


def top_level_error(code: StrEnum, message: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": code.value})
