"""Building pushes, apart from sending them: which claimed deliveries still go out, and the
payload each one carries (generic text from the template, a deep link and ids, the category's
delivery profile, the unread count as the iOS badge).

A push is only the doorbell: it never carries a student's details, and the app fetches the
content after sign-in.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from tortoise.functions import Count

from notifications.categories import NotificationCategory, category_spec
from notifications.dispatcher.claim import Claimed, Device
from notifications.dispatcher.eligibility import is_fresh
from notifications.models import Notification, NotificationOutbox, Platform, PushKind
from notifications.templates import render_push
from notifications.transports.base import PushMessage

logger = logging.getLogger("homeroom.push.dispatcher")

MAX_PAYLOAD_BYTES = 4096  # FCM's limit for a message's notification + data


def payload_size(message: PushMessage) -> int:
    body = {"notification": {"title": message.title, "body": message.body}, "data": message.data}
    return len(json.dumps(body, ensure_ascii=False).encode())


async def outboxes_of(deliveries: Collection[Claimed]) -> dict[int, dict[str, Any]]:
    """What a push needs of each delivery's outbox row, by id."""
    rows = await NotificationOutbox.filter(id__in=list({d.outbox_id for d in deliveries})).values(
        "id", "category", "template", "deep_link"
    )
    return {o["id"]: o for o in rows}


async def unread_badges(user_ids: Collection[int]) -> dict[int, int]:
    """Each person's unread inbox count: an iOS push's badge."""
    if not user_ids:
        return {}
    rows = (
        await Notification.filter(recipient_id__in=list(user_ids), read_at=None)
        .annotate(n=Count("id"))
        .group_by("recipient_id")
        .values_list("recipient_id", "n")
    )
    return {int(u): int(n) for u, n in rows}


def push_message(
    outbox: Mapping[str, Any], device: Device, badges: Mapping[int, int]
) -> PushMessage:
    category = NotificationCategory(outbox["category"])
    profile = category_spec(category).profile
    title, body = render_push(outbox["template"], device.locale)
    return PushMessage(
        token=device.token,
        platform=Platform(device.platform),
        title=title,
        body=body,
        # a deep link and ids only: the app fetches the content after sign-in
        data={
            "deep_link": outbox["deep_link"],
            "category": category.value,
            "message_id": str(outbox["id"]),
        },
        high_priority=profile.high_priority,
        ttl=profile.ttl,
        collapse_key=profile.collapse_key,
        badge=badges.get(device.user_id, 0) if device.platform == Platform.IOS else None,
    )


@dataclass(slots=True)
class Pushes:
    """A claim sorted out: pushes to send by channel, and deliveries that go no further."""

    by_kind: dict[PushKind, list[tuple[Claimed, PushMessage]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    cancelled: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    failed: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))


async def build_pushes(
    deliveries: list[Claimed], kinds: Collection[PushKind], now: dt.datetime
) -> Pushes:
    """The pushes of a claim, for the channels in `kinds`. A delivery whose device is gone,
    changed owner or went stale since planning is cancelled; one without a channel, with an
    unregistered category or too large a payload fails."""
    out = Pushes()
    outboxes = await outboxes_of(deliveries)
    badges = await unread_badges(
        {
            d.user_id
            for d in deliveries
            if d.device is not None and d.device.platform == Platform.IOS
        }
    )
    sizes: dict[tuple[str, str, tuple[tuple[str, str], ...]], int] = {}  # same text, same size
    for d in deliveries:
        device = d.device
        if device is None:
            out.cancelled["device removed"].append(d.id)
        elif device.user_id != d.user_id:  # never ring someone else's message
            out.cancelled["device changed owner"].append(d.id)
        elif not is_fresh(device.last_seen_at, now):
            out.cancelled["device stale"].append(d.id)
        elif device.push_kind not in kinds:
            out.failed[f"no transport for {device.push_kind}"].append(d.id)
        else:
            try:
                message = push_message(outboxes[d.outbox_id], device, badges)
            except LookupError as error:  # a category or template nobody registered
                logger.error("delivery %d cannot be built: %s", d.id, error)
                out.failed[str(error)[:200]].append(d.id)
                continue
            key = (message.title, message.body, tuple(message.data.items()))
            size = sizes.get(key)
            if size is None:
                size = sizes[key] = payload_size(message)
            if size > MAX_PAYLOAD_BYTES:
                out.failed["payload too large"].append(d.id)
            else:
                out.by_kind[device.push_kind].append((d, message))
    return out
