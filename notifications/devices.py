"""Push devices: register, refresh, drop on logout, and the staleness rules.

A token belongs to one app installation, so it is unique: when another account registers a
token (a shared family phone, a new sign-in), the device moves to that account.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from core.errors import DomainError, ErrorCode
from notifications.models import (
    DeliveryStatus,
    Platform,
    PushDelivery,
    PushDevice,
    PushKind,
    as_utc,
)

STALE_AFTER = dt.timedelta(days=30)  # unseen this long: no push
PURGE_AFTER = dt.timedelta(days=270)  # unseen this long: deleted
MAX_TOKEN = 512


def _check_token(token: str, field: str = "token") -> str:
    token = token.strip()
    if not token or len(token) > MAX_TOKEN:
        raise DomainError.single(ErrorCode.INVALID, "推送令牌无效", field)
    return token


async def register_device(
    *,
    user_id: int,
    token: str,
    platform: Platform,
    app_version: str,
    locale: str,
    now: dt.datetime,
    push_kind: PushKind = PushKind.FCM,
) -> PushDevice:
    """Creates the device or takes it over; either way it is seen now."""
    now = as_utc(now)
    token = _check_token(token)
    values: dict[str, Any] = {
        "user_id": user_id,
        "platform": platform,
        "push_kind": push_kind,
        "app_version": app_version[:32],
        "locale": locale[:35] or "zh-CN",
        "last_seen_at": now,
    }
    for _ in range(2):  # a concurrent first registration of the same token: retry as update
        try:
            async with in_transaction():
                device = await PushDevice.select_for_update().get_or_none(token=token)
                if device is None:
                    return await PushDevice.create(token=token, created_at=now, **values)
                previous_owner = device.user_id
                await PushDevice.filter(id=device.id).update(**values)
                if previous_owner != user_id:
                    await _cancel_pending(device.id, "device changed owner")
                return await PushDevice.get(id=device.id)
        except IntegrityError:
            continue
    raise DomainError.single(ErrorCode.INTERNAL, "推送令牌注册冲突，请重试", "token")


async def register_device_with_answer(
    *,
    user_id: int,
    token: str,
    platform: Platform,
    app_version: str,
    locale: str,
    now: dt.datetime,
    push_kind: PushKind = PushKind.FCM,
    push_consent: bool | None = None,
    policy_version: str,
) -> PushDevice:
    """The app's first call: the device and the person's answer to the push prompt (granted,
    refused, or not asked yet) are recorded together or not at all."""
    from notifications.consent import record_push_consent, withdraw_push_consent

    async with in_transaction():
        device = await register_device(
            user_id=user_id,
            token=token,
            platform=platform,
            app_version=app_version,
            locale=locale,
            now=now,
            push_kind=push_kind,
        )
        if push_consent is True:
            await record_push_consent(
                user_id=user_id, policy_version=policy_version, now=now, device_token=device.token
            )
        elif push_consent is False:
            await withdraw_push_consent(user_id=user_id, now=now)
    return device


async def refresh_device(
    *,
    user_id: int,
    token: str,
    now: dt.datetime,
    new_token: str | None = None,
    app_version: str | None = None,
    locale: str | None = None,
) -> PushDevice:
    """The app is alive (seen now) and may bring a rotated token, app version or locale."""
    now = as_utc(now)
    token = _check_token(token)
    async with in_transaction():
        device = await PushDevice.select_for_update().get_or_none(token=token, user_id=user_id)
        if device is None:
            raise DomainError.single(ErrorCode.NOT_FOUND, "找不到该设备", "token")
        changes: dict[str, object] = {"last_seen_at": now}
        if new_token is not None and new_token.strip() != token:
            new_token = _check_token(new_token, "newToken")
            # the rotated token may already be registered (e.g. by another account): it moves here
            await PushDevice.filter(token=new_token).delete()
            changes["token"] = new_token
        if app_version is not None:
            changes["app_version"] = app_version[:32]
        if locale is not None:
            changes["locale"] = locale[:35]
        await PushDevice.filter(id=device.id).update(**changes)
        return await PushDevice.get(id=device.id)


async def drop_device(*, user_id: int, token: str) -> bool:
    """On logout: the token stops receiving this person's pushes. True when one was removed."""
    return bool(await PushDevice.filter(user_id=user_id, token=token.strip()).delete())


async def devices_of(user_id: int) -> list[PushDevice]:
    return await PushDevice.filter(user_id=user_id).order_by("-last_seen_at", "-id")


async def purge_stale_devices(now: dt.datetime) -> int:
    """Deletes devices unseen for PURGE_AFTER; their deliveries stay as a record."""
    return await PushDevice.filter(last_seen_at__lt=as_utc(now) - PURGE_AFTER).delete()


async def _cancel_pending(device_id: int, reason: str) -> None:
    await PushDelivery.filter(device_id=device_id, status=DeliveryStatus.PENDING).update(
        status=DeliveryStatus.CANCELLED, last_error=reason, lease_owner=None, lease_until=None
    )
