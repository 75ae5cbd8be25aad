"""The transactional outbox: what a domain operation calls inside its own transaction.

Both functions are plain ORM writes, so they join the caller's ambient `in_transaction()`:
if the caller rolls back, neither the inbox rows nor the outbox row exist and nothing is sent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from notifications.audience import Audience
from notifications.models import (
    MANDATORY_CATEGORIES,
    Notification,
    NotificationCategory,
    NotificationOutbox,
    as_utc,
)
from notifications.templates import check_params, render_inbox, template_for

# Bigger audiences are broadcasts, expanded by the dispatcher in slices.
MAX_DIRECT_RECIPIENTS = 1000
MAX_DEEP_LINK = 512


def _check(
    category: NotificationCategory,
    template: str,
    params: Mapping[str, Any],
    deep_link: str,
    urgent: bool,
) -> None:
    check_params(template_for(template, category), params)
    if urgent and category not in MANDATORY_CATEGORIES:
        raise ValueError(f"only {sorted(MANDATORY_CATEGORIES)} may be urgent, not {category}")
    if not deep_link or len(deep_link) > MAX_DEEP_LINK:
        raise ValueError(f"deep link must be 1-{MAX_DEEP_LINK} characters")


async def enqueue(
    recipient_ids: Iterable[int],
    category: NotificationCategory,
    template: str,
    params: Mapping[str, Any],
    deep_link: str,
    urgent: bool = False,
    *,
    now: dt.datetime,
    data: Mapping[str, str] | None = None,
) -> NotificationOutbox | None:
    """Writes an inbox entry per recipient and one outbox row; the dispatcher pushes later.
    Returns None when there is nobody to notify. Call it inside your transaction."""
    now = as_utc(now)
    recipients = sorted(set(recipient_ids))
    _check(category, template, params, deep_link, urgent)
    if len(recipients) > MAX_DIRECT_RECIPIENTS:
        raise ValueError(f"more than {MAX_DIRECT_RECIPIENTS} recipients: use enqueue_broadcast")
    if not recipients:
        return None
    outbox = await NotificationOutbox.create(
        category=category,
        template=template,
        params=dict(params),
        deep_link=deep_link,
        data=dict(data or {}),
        urgent=urgent,
        created_at=now,
    )
    title, body = render_inbox(template, params)
    await Notification.bulk_create(
        [
            Notification(
                recipient_id=r,
                outbox_id=outbox.id,
                category=category,
                template=template,
                params=dict(params),
                title=title,
                body=body,
                deep_link=deep_link,
                data=dict(data or {}),
                created_at=now,
            )
            for r in recipients
        ]
    )
    return outbox


async def enqueue_broadcast(
    audience: Audience,
    category: NotificationCategory,
    template: str,
    params: Mapping[str, Any],
    deep_link: str,
    urgent: bool = False,
    *,
    now: dt.datetime,
    data: Mapping[str, str] | None = None,
) -> NotificationOutbox:
    """One row, whatever the audience's size; the dispatcher writes the inbox entries and
    deliveries slice by slice. Call it inside your transaction."""
    now = as_utc(now)
    _check(category, template, params, deep_link, urgent)
    return await NotificationOutbox.create(
        category=category,
        template=template,
        params=dict(params),
        deep_link=deep_link,
        data=dict(data or {}),
        urgent=urgent,
        audience=audience.to_json(),
        created_at=now,
    )
