"""Typed, expected failures of operations, and the registry of their codes.

An operation raises `DomainError`; the GraphQL layer turns it into `userErrors` entries.
Generic codes live here; each domain keeps its own codes beside its rules in a `StrEnum`
decorated with `@error_codes`, and the GraphQL layer composes every registered enum into the one
`ErrorCode` enum of the schema. Codes are part of the mobile contract: add new ones, never
rename or remove.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

E = TypeVar("E", bound=type[StrEnum])
_REGISTERED: dict[str, type[StrEnum]] = {}


def error_codes(enum: E) -> E:
    """Registers a domain's codes; a value claimed by two enums is a programming error."""
    for member in enum:
        owner = _REGISTERED.setdefault(member.value, enum)
        if owner is not enum:
            raise ValueError(f"error code {member.value} is defined by {owner} and {enum}")
    return enum


def registered_error_codes() -> list[str]:
    """Every code of every registered enum, sorted, so the schema's order is stable."""
    return sorted(_REGISTERED)


@error_codes
class ErrorCode(StrEnum):
    """Codes every layer uses: input, access, limits and the server itself."""

    INVALID = "INVALID"
    REQUIRED = "REQUIRED"
    NOT_FOUND = "NOT_FOUND"
    FORBIDDEN = "FORBIDDEN"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    RATE_LIMITED = "RATE_LIMITED"
    QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    IDEMPOTENCY_KEY_IN_PROGRESS = "IDEMPOTENCY_KEY_IN_PROGRESS"
    INTERNAL = "INTERNAL"
    # the database (or another service the request needs) cannot be reached now: HTTP 503
    # with Retry-After; the same request may succeed later
    UNAVAILABLE = "UNAVAILABLE"
    UPGRADE_REQUIRED = "UPGRADE_REQUIRED"


@dataclass(frozen=True, slots=True)
class FieldError:
    code: StrEnum
    message: str
    field: str | None = None


class DomainError(Exception):
    """One or more expected failures; nothing was written when this is raised."""

    def __init__(self, *errors: FieldError) -> None:
        super().__init__("; ".join(e.message for e in errors))
        self.errors: tuple[FieldError, ...] = errors

    @classmethod
    def single(cls, code: StrEnum, message: str, field: str | None = None) -> DomainError:
        return cls(FieldError(code=code, message=message, field=field))
