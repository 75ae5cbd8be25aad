"""The post room: inbox, transactional outbox, preferences, consent and push delivery.

Knows people by id only. A domain operation calls `enqueue(...)` (or `enqueue_broadcast`)
inside its own transaction; `run_dispatcher` delivers later. Transports are built with
`notifications.transports.build_transports()`, which imports firebase-admin only when FCM
is configured.
"""

from notifications.audience import GuardianAudience
from notifications.models import (
    MANDATORY_CATEGORIES,
    NotificationCategory,
    Platform,
    PushKind,
)
from notifications.outbox import enqueue, enqueue_broadcast

__all__ = [
    "MANDATORY_CATEGORIES",
    "GuardianAudience",
    "NotificationCategory",
    "Platform",
    "PushKind",
    "enqueue",
    "enqueue_broadcast",
]
