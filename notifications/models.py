"""Tables of the post room: devices, inbox, outbox, deliveries, attempts, preferences, consent.

People are known by id only: every link to a person is a string reference to "models.User",
so this package never imports a domain module.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from tortoise import fields
from tortoise.models import Model
from tortoise.queryset import QuerySet

# The category names live with their registry; here for the columns, and re-exported for
# importers of `notifications.models`.
from notifications.categories import MANDATORY_CATEGORIES as MANDATORY_CATEGORIES
from notifications.categories import NotificationCategory as NotificationCategory


def as_utc(at: dt.datetime) -> dt.datetime:
    """Times are stored and compared in UTC: SQLite compares them as text, so one offset."""
    return at.astimezone(dt.UTC)


class Platform(StrEnum):
    IOS = "IOS"
    ANDROID = "ANDROID"


class PushKind(StrEnum):
    """Which push channel a device's token belongs to; each has its own transport."""

    FCM = "FCM"
    HUAWEI = "HUAWEI"
    XIAOMI = "XIAOMI"
    OPPO = "OPPO"
    VIVO = "VIVO"
    HONOR = "HONOR"


class OutboxStatus(StrEnum):
    PENDING = "PENDING"  # recipients still to expand into deliveries
    DONE = "DONE"


class DeliveryStatus(StrEnum):
    PENDING = "PENDING"  # due at `not_before`; claimable when its lease is free or expired
    SENT = "SENT"
    DROPPED = "DROPPED"  # the channel said the token is dead; the device was removed
    CANCELLED = "CANCELLED"  # no longer wanted: read in the app, consent withdrawn, owner changed
    FAILED = "FAILED"  # permanent error or retries exhausted


class AttemptOutcome(StrEnum):
    OK = "OK"
    UNREGISTERED = "UNREGISTERED"
    INVALID_TOKEN = "INVALID_TOKEN"
    RETRY = "RETRY"
    FAILED = "FAILED"


class PushDevice(Model):
    """One app installation's push token. The token is unique: registering it moves it."""

    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="push_devices", on_delete=fields.CASCADE
    )
    user_id: int
    token = fields.CharField(max_length=512, unique=True)
    platform = fields.CharEnumField(Platform, max_length=10)
    push_kind = fields.CharEnumField(PushKind, max_length=10, default=PushKind.FCM)
    app_version = fields.CharField(max_length=32)
    locale = fields.CharField(max_length=35, default="zh-CN", description="BCP 47")
    created_at = fields.DatetimeField()
    last_seen_at = fields.DatetimeField()

    class Meta:
        table = "push_device"
        indexes = (("user_id", "last_seen_at"), ("last_seen_at",))


class NotificationOutbox(Model):
    """One message to send, written in the caller's transaction. A direct message lists its
    recipients as inbox rows; a broadcast holds an audience spec expanded by the dispatcher."""

    id = fields.BigIntField(primary_key=True)
    category = fields.CharEnumField(NotificationCategory, max_length=30)
    template = fields.CharField(max_length=60)
    params: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)
    deep_link = fields.CharField(max_length=512)
    data: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)
    urgent = fields.BooleanField(default=False)
    audience: fields.JSONField[dict[str, Any] | None] = fields.JSONField(
        null=True, description="broadcast audience spec; null: direct"
    )
    status = fields.CharEnumField(OutboxStatus, max_length=10, default=OutboxStatus.PENDING)
    cursor = fields.BigIntField(default=0, description="last recipient id expanded (keyset)")
    recipients_expanded = fields.IntField(default=0)
    created_at = fields.DatetimeField()
    completed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "notification_outbox"
        indexes = (("status", "id"),)


class Notification(Model):
    """A person's in-app inbox entry: the record. Push is only the doorbell."""

    id = fields.BigIntField(primary_key=True)
    recipient: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="notifications", on_delete=fields.CASCADE
    )
    recipient_id: int
    outbox: fields.ForeignKeyRelation[NotificationOutbox] = fields.ForeignKeyField(
        "models.NotificationOutbox", related_name="notifications", on_delete=fields.CASCADE
    )
    outbox_id: int
    category = fields.CharEnumField(NotificationCategory, max_length=30)
    template = fields.CharField(max_length=60)
    params: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)
    title = fields.CharField(max_length=200)
    body = fields.TextField()
    deep_link = fields.CharField(max_length=512)
    data: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)
    created_at = fields.DatetimeField()
    read_at = fields.DatetimeField(null=True)

    class Meta:
        table = "notification"
        # one inbox row per person per message, so a re-expanded broadcast cannot double up
        unique_together = (("outbox_id", "recipient_id"),)
        indexes = (("recipient_id", "read_at"), ("recipient_id", "created_at"))

    @classmethod
    def visible_to(cls, viewer: Any) -> QuerySet[Notification]:
        """A person's inbox is theirs alone (`viewer` is a models.viewer.Viewer)."""
        return cls.filter(recipient_id=viewer.user_id or 0)


class PushDelivery(Model):
    """One push of one message to one device; the unit the dispatcher claims and retries."""

    id = fields.BigIntField(primary_key=True)
    outbox: fields.ForeignKeyRelation[NotificationOutbox] = fields.ForeignKeyField(
        "models.NotificationOutbox", related_name="deliveries", on_delete=fields.CASCADE
    )
    outbox_id: int
    # SET NULL keeps the delivery and its attempts as a record after the device is gone.
    device: fields.ForeignKeyNullableRelation[PushDevice] = fields.ForeignKeyField(
        "models.PushDevice", related_name="deliveries", null=True, on_delete=fields.SET_NULL
    )
    device_id: int | None
    user: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="push_deliveries", on_delete=fields.CASCADE
    )
    user_id: int
    status = fields.CharEnumField(DeliveryStatus, max_length=10, default=DeliveryStatus.PENDING)
    not_before = fields.DatetimeField(description="not sent before: quiet hours or backoff")
    attempts = fields.SmallIntField(default=0)
    lease_owner = fields.CharField(max_length=64, null=True)
    lease_until = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField()
    sent_at = fields.DatetimeField(null=True)
    last_error = fields.CharField(max_length=200, null=True)

    class Meta:
        table = "push_delivery"
        unique_together = (("outbox_id", "device_id"),)
        # device_id: deleting a dead token sets its deliveries' device to NULL
        indexes = (("status", "not_before", "id"), ("user_id", "status"), ("device_id",))


class PushAttempt(Model):
    """Each call to a push channel for a delivery, with what the channel answered."""

    id = fields.BigIntField(primary_key=True)
    delivery: fields.ForeignKeyRelation[PushDelivery] = fields.ForeignKeyField(
        "models.PushDelivery", related_name="attempt_log", on_delete=fields.CASCADE
    )
    delivery_id: int
    attempted_at = fields.DatetimeField()
    transport = fields.CharField(max_length=20)
    outcome = fields.CharEnumField(AttemptOutcome, max_length=15)
    http_status = fields.SmallIntField(null=True)
    error_code = fields.CharField(max_length=64, null=True)
    message_id = fields.CharField(max_length=200, null=True)
    retry_after_s = fields.FloatField(null=True)

    class Meta:
        table = "push_attempt"
        indexes = (("delivery_id",),)


class PushPreference(Model):
    """A person's choice for one category; no row means push is on."""

    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="push_preferences", on_delete=fields.CASCADE
    )
    user_id: int
    category = fields.CharEnumField(NotificationCategory, max_length=30)
    push_enabled = fields.BooleanField()
    updated_at = fields.DatetimeField()

    class Meta:
        table = "push_preference"
        unique_together = (("user_id", "category"),)


class QuietHours(Model):
    """A person's quiet hours; no row means the default 22:00-07:00 in Shanghai time.
    Minutes since local midnight, so the window is portable across dialects."""

    id = fields.IntField(primary_key=True)
    user: fields.OneToOneRelation = fields.OneToOneField(
        "models.User", related_name="quiet_hours", on_delete=fields.CASCADE
    )
    user_id: int
    enabled = fields.BooleanField(default=True)
    start_minute = fields.SmallIntField()
    end_minute = fields.SmallIntField()
    timezone = fields.CharField(max_length=64, default="Asia/Shanghai")
    updated_at = fields.DatetimeField()

    class Meta:
        table = "quiet_hours"


class PushConsent(Model):
    """The record of a person's consent to push (when, which device, which policy version)
    and of its withdrawal. Rows are never deleted: withdrawal stamps `withdrawn_at`."""

    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="push_consents", on_delete=fields.CASCADE
    )
    user_id: int
    device: fields.ForeignKeyNullableRelation[PushDevice] = fields.ForeignKeyField(
        "models.PushDevice", related_name="consents", null=True, on_delete=fields.SET_NULL
    )
    device_id: int | None
    policy_version = fields.CharField(max_length=20)
    granted_at = fields.DatetimeField()
    withdrawn_at = fields.DatetimeField(null=True)

    class Meta:
        table = "push_consent"
        indexes = (("user_id", "withdrawn_at"), ("device_id",))
