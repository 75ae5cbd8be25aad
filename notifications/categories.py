"""Notification categories: a closed list of names, and what each domain registers for its own.

The names (`NotificationCategory`) are schema, not post-room policy: they are stored in three
columns whose comments list them (so a new name is a migration) and published as the mobile
contract's `NotificationCategory` enum (so a new name is a contract change the apps must
learn). Adding one is therefore one line here, a migration and a feature-level bump, done
together when a domain lands.

Everything else about a category belongs to the domain that sends it and is registered from
its module with `register_category`: how it is pushed (`DeliveryProfile`), whether a person
may switch its push off, and whether a message of it may be urgent (ring through quiet
hours). `notifications.builtin` holds the registrations of domains that have no module yet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Set
from dataclasses import dataclass
from enum import StrEnum


class NotificationCategory(StrEnum):
    # The order is the GraphQL enum's and the column comments': keep it, append new names.
    CONSENT_REQUEST = "CONSENT_REQUEST"
    HOME_VISIT = "HOME_VISIT"
    COURSES_AND_LESSONS = "COURSES_AND_LESSONS"
    REFERRAL_UPDATE = "REFERRAL_UPDATE"
    ANNOUNCEMENT = "ANNOUNCEMENT"
    SAFETY = "SAFETY"


@dataclass(frozen=True, slots=True)
class DeliveryProfile:
    """How a category's pushes travel: FCM/APNs priority, how long an offline device may
    still get one, and a collapse key (newer replaces older on an offline device)."""

    high_priority: bool
    ttl: dt.timedelta
    collapse_key: str | None


@dataclass(frozen=True, slots=True)
class CategorySpec:
    category: NotificationCategory
    profile: DeliveryProfile
    mandatory: bool  # push cannot be switched off
    urgent_capable: bool  # a message may be urgent: delivered inside quiet hours


_SPECS: dict[NotificationCategory, CategorySpec] = {}


def register_category(
    category: NotificationCategory,
    *,
    profile: DeliveryProfile,
    mandatory: bool = False,
    urgent_capable: bool = False,
) -> CategorySpec:
    """Called once, at import, by the domain module that sends this category. Registering
    the same spec again is a no-op (a module imported twice); a different one is an error."""
    spec = CategorySpec(NotificationCategory(category), profile, mandatory, urgent_capable)
    existing = _SPECS.setdefault(spec.category, spec)
    if existing != spec:
        raise ValueError(f"category {category} is already registered as {existing}")
    return spec


def category_spec(category: NotificationCategory | str) -> CategorySpec:
    spec = _SPECS.get(NotificationCategory(category))
    if spec is None:
        raise LookupError(
            f"no domain registered the notification category {category}: is its module "
            "imported (models.load_domains())?"
        )
    return spec


def registered_categories() -> list[NotificationCategory]:
    return [c for c in NotificationCategory if c in _SPECS]


class _MandatoryCategories(Set[NotificationCategory]):
    """The categories whose push cannot be switched off, read from the registry each time,
    so it holds whatever the domains registered by the time it is asked."""

    def __contains__(self, category: object) -> bool:
        spec = _SPECS.get(category)  # type: ignore[call-overload]
        return spec is not None and spec.mandatory

    def __iter__(self) -> Iterator[NotificationCategory]:
        return (c for c in NotificationCategory if c in self)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __repr__(self) -> str:
        return f"MANDATORY_CATEGORIES({', '.join(self)})"


MANDATORY_CATEGORIES: Set[NotificationCategory] = _MandatoryCategories()
