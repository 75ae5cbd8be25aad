"""Typed errors: `userErrors` for expected failures, top-level errors with a `code` otherwise.

The schema's one `ErrorCode` enum is composed of the generic codes and every domain's own enum
(registered with `core.errors.error_codes` beside the domain's rules), so adding a code never
touches this file.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from enum import StrEnum
from typing import Any, Self, cast

import strawberry
from graphql import GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.extensions.field_extension import FieldExtension
from strawberry.types.field import StrawberryField

from core.errors import DomainError, registered_error_codes
from core.errors import ErrorCode as GenericCode
from core.faults import database_unavailable
from models import load_domains

load_domains()  # each domain registers its codes when imported
log = logging.getLogger("homeroom.graphql")
INTERNAL_MESSAGE = "服务器内部错误"
UNAVAILABLE_MESSAGE = "服务暂时不可用，请稍后重试"
RETRY_AFTER_SECONDS = 5

_every_code = cast(
    "type[StrEnum]", StrEnum("ErrorCode", {code: code for code in registered_error_codes()})
)
ErrorCode = strawberry.enum(
    _every_code, name="ErrorCode", description="Every error code the API returns."
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


@strawberry.type(description="What every mutation returns: its result fields and userErrors.")
class Payload:
    user_errors: list[UserError] = strawberry.field(default_factory=list)

    @classmethod
    def from_error(cls, error: DomainError) -> Self:
        """The payload for an expected failure; a payload with more to say overrides it."""
        return cls(user_errors=user_errors(error))


class UserErrorsExtension(FieldExtension):
    """Turns a `DomainError` raised by the mutation into its payload's `userErrors`."""

    payload: type[Payload]

    def apply(self, field: StrawberryField) -> None:
        payload = field.type
        if not (isinstance(payload, type) and issubclass(payload, Payload)):
            raise TypeError(f"mutation {field.python_name} must return a Payload subclass")
        self.payload = payload

    def resolve(self, next_: Any, source: Any, info: Any, **kwargs: Any) -> Any:
        try:
            return next_(source, info, **kwargs)
        except DomainError as e:
            return self.payload.from_error(e)

    async def resolve_async(self, next_: Any, source: Any, info: Any, **kwargs: Any) -> Any:
        try:
            return await next_(source, info, **kwargs)
        except DomainError as e:
            return self.payload.from_error(e)


def mutation(description: str | None = None, **kwargs: Any) -> Any:
    """`@mutation(...)`: a mutation returning a `Payload`; a `DomainError` becomes userErrors."""
    extensions = [*kwargs.pop("extensions", []), UserErrorsExtension()]
    return strawberry.mutation(description=description, extensions=extensions, **kwargs)


def error_code(error: GraphQLError) -> str:
    """The one classification of a top-level error: the code it carries (permissions, limits,
    a refusal raised with `top_level_error`), INVALID for a GraphQL error without one (syntax,
    validation, argument coercion), UNAVAILABLE when the database cannot be reached (worth a
    retry), INTERNAL for any other exception: a bug."""
    code = (error.extensions or {}).get("code")
    if code:
        return str(code)
    original = error.original_error
    if original is None or isinstance(original, GraphQLError):
        return GenericCode.INVALID.value
    if database_unavailable(original):
        return GenericCode.UNAVAILABLE.value
    return GenericCode.INTERNAL.value


class ErrorCodes(SchemaExtension):
    """Every error leaves with a `code` in its extensions. INTERNAL ones are logged with their
    trace (and the request id, from the log context) and, when `mask` is set (production),
    leave with a generic message and nothing of the exception."""

    def __init__(self, *, mask: bool) -> None:
        self.mask = mask

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        errors = getattr(result, "errors", None)
        if result is None or not errors:
            return
        result.errors = [self._classified(e) for e in errors]
        codes = {(e.extensions or {}).get("code") for e in result.errors}
        response: Any = getattr(self.execution_context.context, "response", None)
        # an HTTP response (a socket has none: its client sees the code in the message)
        if GenericCode.UNAVAILABLE.value in codes and hasattr(response, "status_code"):
            # the app retries later, as for a database down before execution (server.faults)
            response.status_code = 503
            response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)

    def _classified(self, error: GraphQLError) -> GraphQLError:
        code = error_code(error)
        if code == GenericCode.UNAVAILABLE.value:
            log.warning("database unavailable: %s", error.original_error)
            return GraphQLError(
                UNAVAILABLE_MESSAGE, nodes=error.nodes, path=error.path, extensions={"code": code}
            )
        if code != GenericCode.INTERNAL.value:
            error.extensions = {**(error.extensions or {}), "code": code}
            return error
        log.error("unexpected error: %s", error.message, exc_info=error.original_error)
        if not self.mask:
            error.extensions = {**(error.extensions or {}), "code": code}
            return error
        return GraphQLError(
            INTERNAL_MESSAGE,
            nodes=error.nodes,
            path=error.path,
            extensions={"code": code},
        )
