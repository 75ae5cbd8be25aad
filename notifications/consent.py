"""Consent to push: recorded with when, which device and which policy version; withdrawn
by stamping the records. No active consent, no push (the inbox is still written)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

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
    rows: list[Any] = await PushConsent.filter(
        user_id__in=list(user_ids), withdrawn_at=None
    ).values_list("user_id", flat=True)
    return {int(r) for r in rows}


@dataclass(frozen=True, slots=True)
class PushConsentState:
    """The person's latest consent record, as the app shows it."""

    granted: bool
    granted_at: dt.datetime | None
    policy_version: str | None
    withdrawn_at: dt.datetime | None


async def push_consent_state(user_id: int) -> PushConsentState:
    latest = await PushConsent.filter(user_id=user_id).order_by("-granted_at", "-id").first()
    if latest is None:
        return PushConsentState(False, None, None, None)
    return PushConsentState(
        granted=latest.withdrawn_at is None,
        granted_at=latest.granted_at,
        policy_version=latest.policy_version,
        withdrawn_at=latest.withdrawn_at,
    )


async def set_push_consent(
    *,
    user_id: int,
    granted: bool,
    policy_version: str,
    now: dt.datetime,
    device_token: str | None = None,
) -> PushConsentState:
    """The person's answer to "may we push?": a new consent record, or a withdrawal."""
    if granted:
        await record_push_consent(
            user_id=user_id, policy_version=policy_version, now=now, device_token=device_token
        )
    else:
        await withdraw_push_consent(user_id=user_id, now=now)
    return await push_consent_state(user_id)
