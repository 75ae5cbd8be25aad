"""Broadcast audiences: a query spec stored on the outbox row, expanded by the dispatcher in
keyset-paginated slices so no broadcast ever holds all its recipients in memory.

This package knows people by id, not the domain: the domain that defines who "the guardians of
class 3" are registers the expander for that kind of audience (models/schools.py does for
`GuardianAudience`), and the dispatcher calls it through `recipients_after`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class GuardianAudience:
    """All active guardians of students matching every given scope (an empty scope is no
    filter). At least one of districts, schools or classes is needed, so a typo can't reach
    every family in the system."""

    kind = "guardians"
    district_ids: tuple[int, ...] = ()
    school_ids: tuple[int, ...] = ()
    class_ids: tuple[int, ...] = ()
    age_bands: tuple[str, ...] = ()  # models.schools.AgeBand values

    def __post_init__(self) -> None:
        if not (self.district_ids or self.school_ids or self.class_ids):
            raise ValueError("a guardian audience needs districts, schools or classes")

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "district_ids": list(self.district_ids),
            "school_ids": list(self.school_ids),
            "class_ids": list(self.class_ids),
            "age_bands": list(self.age_bands),
        }

    @classmethod
    def from_json(cls, spec: dict[str, Any]) -> GuardianAudience:
        if spec.get("kind") != cls.kind:
            raise ValueError(f"unknown audience kind {spec.get('kind')!r}")
        return cls(
            district_ids=tuple(spec.get("district_ids", ())),
            school_ids=tuple(spec.get("school_ids", ())),
            class_ids=tuple(spec.get("class_ids", ())),
            age_bands=tuple(spec.get("age_bands", ())),
        )


Audience = GuardianAudience
# (audience, after_user_id, limit) -> the next `limit` recipient ids above it, ascending
Expander = Callable[[Any, int, int], Awaitable[list[int]]]
_EXPANDERS: dict[str, Expander] = {}


def register_expander(kind: str, expander: Expander) -> None:
    _EXPANDERS[kind] = expander


def audience_from_json(spec: dict[str, Any]) -> Audience:
    return GuardianAudience.from_json(spec)


async def recipients_after(audience: Audience, after_user_id: int, limit: int) -> list[int]:
    """The next `limit` recipient ids greater than `after_user_id`, ascending (keyset)."""
    expander = _EXPANDERS.get(audience.kind)
    if expander is None:
        raise LookupError(f"no expander registered for {audience.kind!r} audiences")
    return await expander(audience, after_user_id, limit)
