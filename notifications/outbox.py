"""The transactional outbox: what a domain operation calls inside its own transaction.

Both functions are plain ORM writes, so they join the caller's ambient `in_transaction()`:
if the caller rolls back, neither the inbox rows nor the outbox row exist and nothing is sent.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from notifications.audience import Audience
from notifications.categories import NotificationCategory, category_spec, registered_categories
from notifications.models import Notification, NotificationOutbox, as_utc
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
    try:
        spec = category_spec(category)  # a category nobody registered could not be delivered
    except LookupError as error:
        raise ValueError(str(error)) from None
    check_params(template_for(template, category), params)
    if urgent and not spec.urgent_capable:
        capable = [c for c in registered_categories() if category_spec(c).urgent_capable]
        raise ValueError(f"only {capable} may be urgent, not {category}")
    if not deep_link or len(deep_link) > MAX_DEEP_LINK:
        raise ValueError(f"deep link must be 1-{MAX_DEEP_LINK} characters")


async def write_inbox(outbox: NotificationOutbox, recipient_ids: Sequence[int]) -> None:
    """One inbox entry per recipient of an outbox row (direct at enqueue time, a broadcast
    slice by slice in the dispatcher); inside the caller's transaction. On PostgreSQL one
    statement, since the entries differ only in their recipient."""
    if not recipient_ids:
        return
    title, body = render_inbox(outbox.template, outbox.params)
    connection = Notification._meta.db
    if connection.capabilities.dialect == "postgres":
        await connection.execute_query(
            "INSERT INTO notification (recipient_id, outbox_id, category, template, params,"
            " title, body, deep_link, data, created_at)"
            " SELECT r, $2, $3, $4, $5::jsonb, $6, $7, $8, $9::jsonb, $10"
            " FROM unnest($1::int[]) AS r",
            [
                list(recipient_ids),
                outbox.id,
                str(outbox.category),
                outbox.template,
                json.dumps(outbox.params, ensure_ascii=False),
                title,
                body,
                outbox.deep_link,
                json.dumps(outbox.data, ensure_ascii=False),
                outbox.created_at,
            ],
        )
        return
    await Notification.bulk_create(
        [
            Notification(
                recipient_id=r,
                outbox_id=outbox.id,
                category=outbox.category,
                template=outbox.template,
                params=outbox.params,
                title=title,
                body=body,
                deep_link=outbox.deep_link,
                data=outbox.data,
                created_at=outbox.created_at,
            )
            for r in recipient_ids
        ],
        batch_size=1000,
    )


async def _create_outbox(
    category: NotificationCategory,
    template: str,
    params: Mapping[str, Any],
    deep_link: str,
    urgent: bool,
    now: dt.datetime,
    data: Mapping[str, str] | None,
    audience: Audience | None = None,
) -> NotificationOutbox:
    return await NotificationOutbox.create(
        category=category,
        template=template,
        params=dict(params),
        deep_link=deep_link,
        data=dict(data or {}),
        urgent=urgent,
        audience=audience.to_json() if audience is not None else None,
        created_at=as_utc(now),
    )


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
    recipients = sorted(set(recipient_ids))
    _check(category, template, params, deep_link, urgent)
    if len(recipients) > MAX_DIRECT_RECIPIENTS:
        raise ValueError(f"more than {MAX_DIRECT_RECIPIENTS} recipients: use enqueue_broadcast")
    if not recipients:
        return None
    outbox = await _create_outbox(category, template, params, deep_link, urgent, now, data)
    await write_inbox(outbox, recipients)
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
    _check(category, template, params, deep_link, urgent)
    return await _create_outbox(category, template, params, deep_link, urgent, now, data, audience)
