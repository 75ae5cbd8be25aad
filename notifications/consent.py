"""Consent to push: recorded with when, which device and which policy version; withdrawn
by stamping the records. No active consent, no push (the inbox is still written)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from tortoise.transactions import in_transaction

from notifications.models import DeliveryStatus, PushConsent, PushDelivery, PushDevice, as_utc


async def record_push_consent(
    *,
    user_id: int,
    policy_version: str,
    now: dt.datetime,
    device_token: str | None = None,
) -> PushConsent:
    """A new record each time (a consent to a newer policy version is a new fact)."""
    now = as_utc(now)
    device_id = None
    if device_token:
        device_id = (
            await PushDevice.filter(token=device_token, user_id=user_id)
            .first()
            .values_list("id", flat=True)
        )
    return await PushConsent.create(
        user_id=user_id, device_id=device_id, policy_version=policy_version, granted_at=now
    )


async def withdraw_push_consent(*, user_id: int, now: dt.datetime) -> int:
    """Withdraws every active consent of the person and cancels pushes still waiting.
    Returns how many consent records were withdrawn."""
    now = as_utc(now)
    async with in_transaction():
        withdrawn = await PushConsent.filter(user_id=user_id, withdrawn_at=None).update(
            withdrawn_at=now
        )
        await PushDelivery.filter(user_id=user_id, status=DeliveryStatus.PENDING).update(
            status=DeliveryStatus.CANCELLED, last_error="push consent withdrawn"
        )
    return withdrawn


async def has_push_consent(user_id: int) -> bool:
    return await PushConsent.exists(user_id=user_id, withdrawn_at=None)


async def push_consent_history(user_id: int) -> list[PushConsent]:
    return await PushConsent.filter(user_id=user_id).order_by("-granted_at", "-id")


async def consenting_among(user_ids: Iterable[int]) -> set[int]:
    rows = await PushConsent.filter(user_id__in=list(user_ids), withdrawn_at=None).values_list(
        "user_id", flat=True
    )
    return {int(r) for r in rows}
