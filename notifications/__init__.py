"""The post room: inbox, transactional outbox, preferences, consent and push delivery.

Knows people by id only. A domain operation calls `enqueue(...)` (or `enqueue_broadcast`)
inside its own transaction; `run_dispatcher` delivers later. What a domain sends is registered
from its own module: its categories' delivery rules (`register_category`), its texts
(`register_template`) and its broadcast audiences (`register_audience`). Only a new category
name touches this package, because it is schema (see `notifications.categories`).
Transports are built with `notifications.transports.build_transports()`, which imports
firebase-admin only when FCM is configured.
"""

# the registrations of domains that have no module yet
import notifications.builtin  # noqa: F401
from notifications.audience import Audience, register_audience, register_expander
from notifications.categories import (
    MANDATORY_CATEGORIES,
    DeliveryProfile,
    NotificationCategory,
    register_category,
)
from notifications.models import Platform, PushKind
from notifications.outbox import enqueue, enqueue_broadcast
from notifications.templates import Text, register_template

__all__ = [
    "MANDATORY_CATEGORIES",
    "Audience",
    "DeliveryProfile",
    "NotificationCategory",
    "Platform",
    "PushKind",
    "Text",
    "enqueue",
    "enqueue_broadcast",
    "register_audience",
    "register_category",
    "register_expander",
    "register_template",
]
