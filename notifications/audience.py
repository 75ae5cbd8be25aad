"""Broadcast audiences: a query spec stored on the outbox row, expanded by the dispatcher in
keyset-paginated slices so no broadcast ever holds all its recipients in memory.

This package knows people by id, not the domain: the domain that defines who "the guardians of
class 3" are defines that kind of audience and registers it with `register_audience` (the
class, read back from the outbox row by its `kind`, and the expander that lists its people);
models/schools.py does for `GuardianAudience`. The dispatcher only calls `audience_from_json`
and `recipients_after`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, ClassVar, Protocol


class Audience(Protocol):
    """What the post room needs of an audience: a `kind` naming it, and a JSON form."""

    kind: ClassVar[str]

    def to_json(self) -> dict[str, Any]:
        """The spec stored on the outbox row; must carry `"kind": self.kind`."""
        ...

    @classmethod
    def from_json(cls, spec: dict[str, Any]) -> Audience: ...


# (audience, after_user_id, limit) -> the next `limit` recipient ids above it, ascending
Expander = Callable[[Any, int, int], Awaitable[list[int]]]
_KINDS: dict[str, type[Audience]] = {}
_EXPANDERS: dict[str, Expander] = {}


def register_audience(audience: type[Audience], expander: Expander) -> None:
    """An audience kind: its class (to read a stored spec back) and its expander. Called at
    import by the domain module that defines it."""
    kind = audience.kind
    existing = _KINDS.setdefault(kind, audience)
    if existing is not audience:
        raise ValueError(f"audience kind {kind!r} is already registered by {existing!r}")
    register_expander(kind, expander)


def register_expander(kind: str, expander: Expander) -> None:
    """The expander alone, for a kind whose class `register_audience` registered."""
    _EXPANDERS[kind] = expander


def audience_from_json(spec: dict[str, Any]) -> Audience:
    kind = spec.get("kind")
    audience = _KINDS.get(kind) if isinstance(kind, str) else None
    if audience is None:
        raise LookupError(f"no audience registered for kind {kind!r}")
    return audience.from_json(spec)


async def recipients_after(audience: Audience, after_user_id: int, limit: int) -> list[int]:
    """The next `limit` recipient ids greater than `after_user_id`, ascending (keyset)."""
    expander = _EXPANDERS.get(audience.kind)
    if expander is None:
        raise LookupError(f"no expander registered for {audience.kind!r} audiences")
    return await expander(audience, after_user_id, limit)
