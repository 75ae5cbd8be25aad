"""Broadcast audiences: a query spec stored on the outbox row, expanded by the dispatcher in
keyset-paginated slices so no broadcast ever holds all its recipients in memory.

The one place in this package that reads domain tables (guardianships, students, classes);
it reads them and never calls a domain operation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from models.schools import Guardianship


@dataclass(frozen=True, slots=True)
class GuardianAudience:
    """All active guardians of students matching every given scope (an empty scope is no
    filter). At least one of districts, schools or classes is needed, so a typo can't reach
    every family in the system."""

    district_ids: tuple[int, ...] = ()
    school_ids: tuple[int, ...] = ()
    class_ids: tuple[int, ...] = ()
    age_bands: tuple[str, ...] = ()  # models.schools.AgeBand values

    def __post_init__(self) -> None:
        if not (self.district_ids or self.school_ids or self.class_ids):
            raise ValueError("a guardian audience needs districts, schools or classes")

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": "guardians",
            "district_ids": list(self.district_ids),
            "school_ids": list(self.school_ids),
            "class_ids": list(self.class_ids),
            "age_bands": list(self.age_bands),
        }

    @classmethod
    def from_json(cls, spec: dict[str, Any]) -> GuardianAudience:
        if spec.get("kind") != "guardians":
            raise ValueError(f"unknown audience kind {spec.get('kind')!r}")
        return cls(
            district_ids=tuple(spec.get("district_ids", ())),
            school_ids=tuple(spec.get("school_ids", ())),
            class_ids=tuple(spec.get("class_ids", ())),
            age_bands=tuple(spec.get("age_bands", ())),
        )


Audience = GuardianAudience


def audience_from_json(spec: dict[str, Any]) -> Audience:
    return GuardianAudience.from_json(spec)


async def recipients_after(audience: Audience, after_user_id: int, limit: int) -> list[int]:
    """The next `limit` recipient ids greater than `after_user_id`, ascending (keyset)."""
    qs = Guardianship.filter(guardian_id__gt=after_user_id, guardian__is_active=True)
    if audience.district_ids:
        qs = qs.filter(student__school__district_id__in=list(audience.district_ids))
    if audience.school_ids:
        qs = qs.filter(student__school_id__in=list(audience.school_ids))
    if audience.class_ids:
        qs = qs.filter(student__school_class_id__in=list(audience.class_ids))
    if audience.age_bands:
        qs = qs.filter(student__school_class__age_band__in=list(audience.age_bands))
    rows = (
        await qs.distinct()
        .order_by("guardian_id")
        .limit(limit)
        .values_list("guardian_id", flat=True)
    )
    return [int(r) for r in rows]
