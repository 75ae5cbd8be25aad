"""Typed, expected failures of domain operations.

Domain operations raise `DomainError`; the GraphQL layer turns it into `userErrors` entries.
The codes are part of the mobile contract: add new ones, never rename or remove.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ErrorCode(StrEnum):
    # generic
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
    UPGRADE_REQUIRED = "UPGRADE_REQUIRED"
    # accounts
    INVALID_CREDENTIALS = "INVALID_CREDENTIALS"
    ACCOUNT_LOCKED = "ACCOUNT_LOCKED"
    TOKEN_INVALID = "TOKEN_INVALID"
    TOKEN_EXPIRED = "TOKEN_EXPIRED"
    TOKEN_REUSED = "TOKEN_REUSED"
    POLICY_NOT_ACCEPTED = "POLICY_NOT_ACCEPTED"
    CHILD_CONSENT_REQUIRED = "CHILD_CONSENT_REQUIRED"
    PHONE_TAKEN = "PHONE_TAKEN"
    WEAK_PASSWORD = "WEAK_PASSWORD"
    INVITATION_INVALID = "INVITATION_INVALID"
    INVITATION_EXPIRED = "INVITATION_EXPIRED"
    INVITATION_USED = "INVITATION_USED"
    ALREADY_GUARDIAN = "ALREADY_GUARDIAN"
    # roster
    ROSTER_INVALID_FILE = "ROSTER_INVALID_FILE"
    ROSTER_INVALID_ROW = "ROSTER_INVALID_ROW"


@dataclass(frozen=True, slots=True)
class FieldError:
    code: ErrorCode
    message: str
    field: str | None = None


class DomainError(Exception):
    """One or more expected failures; nothing was written when this is raised."""

    def __init__(self, *errors: FieldError) -> None:
        super().__init__("; ".join(e.message for e in errors))
        self.errors: tuple[FieldError, ...] = errors

    @classmethod
    def single(cls, code: ErrorCode, message: str, field: str | None = None) -> DomainError:
        return cls(FieldError(code=code, message=message, field=field))
