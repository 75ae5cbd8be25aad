"""The inbox, push devices, preferences, quiet hours, push consent and live notifications."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncGenerator

import strawberry
from strawberry import relay
from tortoise.queryset import QuerySet

from core.errors import DomainError, ErrorCode
from graphql_schema.composition import DomainSchema
from graphql_schema.context import Info
from graphql_schema.errors import Payload, mutation
from graphql_schema.node import ModelNode, decode_id
from graphql_schema.pagination import connection
from graphql_schema.permissions import IsAuthenticated
from notifications import consent, devices, inbox, preferences
from notifications import models as notification_models

NotificationCategory = strawberry.enum(notification_models.NotificationCategory)
Platform = strawberry.enum(notification_models.Platform)
PushKind = strawberry.enum(
    notification_models.PushKind, description="The push channel a device's token belongs to."
)


@strawberry.type(description="An entry of the viewer's in-app inbox.")
class Notification(ModelNode):
    model = notification_models.Notification
    id: relay.NodeID[int]
    row: strawberry.Private[notification_models.Notification]
    category: NotificationCategory  # type: ignore[valid-type]
    title: str
    body: str
    deep_link: str = strawberry.field(description="A route inside the app, e.g. homeroom://…")
    created_at: dt.datetime
    read_at: dt.datetime | None

    @strawberry.field
    def is_read(self) -> bool:
        return self.read_at is not None


@strawberry.type
class NotificationPreference:
    category: NotificationCategory  # type: ignore[valid-type]
    push_enabled: bool
    can_turn_off: bool = strawberry.field(description="Consent requests and safety: always on.")


def preference_list(
    prefs: dict[notification_models.NotificationCategory, bool],
) -> list[NotificationPreference]:
    return [
        NotificationPreference(
            category=c,
            push_enabled=on,
            can_turn_off=c not in notification_models.MANDATORY_CATEGORIES,
        )
        for c, on in prefs.items()
    ]


@strawberry.type(description="No push in this window (local time), except urgent messages.")
class QuietHours:
    enabled: bool
    start: str = strawberry.field(description="HH:MM")
    end: str = strawberry.field(description="HH:MM; before start means over midnight")
    timezone: str

    @classmethod
    def from_window(cls, w: preferences.QuietWindow) -> QuietHours:
        return cls(
            enabled=w.enabled,
            start=w.start.strftime("%H:%M"),
            end=w.end.strftime("%H:%M"),
            timezone=w.timezone,
        )


@strawberry.type
class PushDevice:
    platform: Platform  # type: ignore[valid-type]
    push_kind: PushKind  # type: ignore[valid-type]
    app_version: str
    locale: str
    last_seen_at: dt.datetime

    @classmethod
    def from_row(cls, row: notification_models.PushDevice) -> PushDevice:
        return cls(
            platform=row.platform,
            push_kind=row.push_kind,
            app_version=row.app_version,
            locale=row.locale,
            last_seen_at=row.last_seen_at,
        )


@strawberry.type(description="Whether the person agreed to receive push, and when.")
class PushConsentState:
    granted: bool
    granted_at: dt.datetime | None
    policy_version: str | None
    withdrawn_at: dt.datetime | None

    @classmethod
    def of(cls, state: consent.PushConsentState) -> PushConsentState:
        return cls(
            granted=state.granted,
            granted_at=state.granted_at,
            policy_version=state.policy_version,
            withdrawn_at=state.withdrawn_at,
        )


# ---------------------------------------------------------------- inputs and payloads


@strawberry.input
class RegisterDeviceInput:
    token: str
    platform: Platform  # type: ignore[valid-type]
    push_kind: PushKind = notification_models.PushKind.FCM  # type: ignore[valid-type]
    app_version: str
    locale: str = "zh-CN"
    push_consent: bool | None = strawberry.field(
        default=None,
        description="The person's answer to the push prompt, recorded with this device.",
    )


@strawberry.type
class DevicePayload(Payload):
    device: PushDevice | None = None
    push_consent: PushConsentState | None = None


@strawberry.input
class RefreshDeviceInput:
    token: str
    new_token: str | None = None
    app_version: str | None = None
    locale: str | None = None


@strawberry.input
class UnregisterDeviceInput:
    token: str


@strawberry.type
class UnregisterDevicePayload(Payload):
    removed: bool = False


@strawberry.input
class MarkNotificationReadInput:
    id: relay.GlobalID


@strawberry.type
class MarkReadPayload(Payload):
    notification: Notification | None = None
    unread_count: int = 0

    @classmethod
    def of(cls, result: inbox.ReadResult) -> MarkReadPayload:
        entry = result.entry
        return cls(
            notification=Notification.from_row(entry) if entry else None,
            unread_count=result.unread_count,
        )


@strawberry.input
class SetNotificationPreferenceInput:
    category: NotificationCategory  # type: ignore[valid-type]
    push_enabled: bool


@strawberry.type
class NotificationPreferencesPayload(Payload):
    preferences: list[NotificationPreference] = strawberry.field(default_factory=list)


@strawberry.input
class SetQuietHoursInput:
    enabled: bool = True
    start: str = strawberry.field(default="22:00", description="HH:MM")
    end: str = strawberry.field(default="07:00", description="HH:MM")
    timezone: str = "Asia/Shanghai"


@strawberry.type
class QuietHoursPayload(Payload):
    quiet_hours: QuietHours | None = None


@strawberry.input
class SetPushConsentInput:
    granted: bool
    device_token: str | None = None


@strawberry.type
class PushConsentPayload(Payload):
    push_consent: PushConsentState | None = None


def _parse_time(value: str, field: str) -> dt.time:
    try:
        return dt.datetime.strptime(value.strip(), "%H:%M").time()
    except ValueError:
        raise DomainError.single(ErrorCode.INVALID, "时间格式应为 HH:MM", field) from None


def _user_id(info: Info) -> int:
    user_id = info.context.viewer.user_id
    assert user_id is not None  # guarded by IsAuthenticated
    return user_id


@strawberry.type
class NotificationViewerFields:
    @connection(Notification, "The viewer's in-app inbox, newest first.")
    def notifications(
        self,
        info: Info,
        unread_only: bool = False,
        category: NotificationCategory | None = None,  # type: ignore[valid-type]
    ) -> QuerySet[notification_models.Notification]:
        return inbox.inbox_query(
            _user_id(info),
            unread_only=unread_only,
            category=notification_models.NotificationCategory(category) if category else None,
        )

    @strawberry.field
    async def unread_notification_count(self, info: Info) -> int:
        return await inbox.unread_count(_user_id(info))

    @strawberry.field(description="Push on or off per category.")
    async def notification_preferences(self, info: Info) -> list[NotificationPreference]:
        return preference_list(await preferences.get_preferences(_user_id(info)))

    @strawberry.field
    async def quiet_hours(self, info: Info) -> QuietHours:
        return QuietHours.from_window(await preferences.get_quiet_hours(_user_id(info)))

    @strawberry.field
    async def push_consent(self, info: Info) -> PushConsentState:
        return PushConsentState.of(await consent.push_consent_state(_user_id(info)))

    @strawberry.field(description="The viewer's registered push devices.")
    async def push_devices(self, info: Info) -> list[PushDevice]:
        return [PushDevice.from_row(r) for r in await devices.devices_of(_user_id(info))]


@strawberry.type
class NotificationMutations:
    @mutation(permission_classes=[IsAuthenticated])
    async def register_device(self, info: Info, input: RegisterDeviceInput) -> DevicePayload:
        user_id = _user_id(info)
        device = await devices.register_device_with_answer(
            user_id=user_id,
            token=input.token,
            platform=notification_models.Platform(input.platform),
            push_kind=notification_models.PushKind(input.push_kind),
            app_version=input.app_version,
            locale=input.locale,
            push_consent=input.push_consent,
            policy_version=info.context.policies.privacy_policy_version,
            now=info.context.now(),
        )
        state = await consent.push_consent_state(user_id)
        return DevicePayload(
            device=PushDevice.from_row(device), push_consent=PushConsentState.of(state)
        )

    @mutation(permission_classes=[IsAuthenticated])
    async def refresh_device(self, info: Info, input: RefreshDeviceInput) -> DevicePayload:
        device = await devices.refresh_device(
            user_id=_user_id(info),
            token=input.token,
            new_token=input.new_token,
            app_version=input.app_version,
            locale=input.locale,
            now=info.context.now(),
        )
        return DevicePayload(device=PushDevice.from_row(device))

    @mutation(permission_classes=[IsAuthenticated])
    async def unregister_device(
        self, info: Info, input: UnregisterDeviceInput
    ) -> UnregisterDevicePayload:
        removed = await devices.drop_device(user_id=_user_id(info), token=input.token)
        return UnregisterDevicePayload(removed=removed)

    @mutation(permission_classes=[IsAuthenticated])
    async def mark_notification_read(
        self, info: Info, input: MarkNotificationReadInput
    ) -> MarkReadPayload:
        result = await inbox.read(
            user_id=_user_id(info),
            notification_id=decode_id(input.id, Notification, "id"),
            now=info.context.now(),
        )
        return MarkReadPayload.of(result)

    @mutation(permission_classes=[IsAuthenticated])
    async def mark_all_notifications_read(self, info: Info) -> MarkReadPayload:
        return MarkReadPayload.of(
            await inbox.read_all(user_id=_user_id(info), now=info.context.now())
        )

    @mutation(permission_classes=[IsAuthenticated])
    async def set_notification_preference(
        self, info: Info, input: SetNotificationPreferenceInput
    ) -> NotificationPreferencesPayload:
        prefs = await preferences.set_preference(
            user_id=_user_id(info),
            category=notification_models.NotificationCategory(input.category),
            push_enabled=input.push_enabled,
            now=info.context.now(),
        )
        return NotificationPreferencesPayload(preferences=preference_list(prefs))

    @mutation(permission_classes=[IsAuthenticated])
    async def set_quiet_hours(self, info: Info, input: SetQuietHoursInput) -> QuietHoursPayload:
        window = await preferences.set_quiet_hours(
            user_id=_user_id(info),
            start=_parse_time(input.start, "start"),
            end=_parse_time(input.end, "end"),
            enabled=input.enabled,
            timezone=input.timezone,
            now=info.context.now(),
        )
        return QuietHoursPayload(quiet_hours=QuietHours.from_window(window))

    @mutation(permission_classes=[IsAuthenticated])
    async def set_push_consent(self, info: Info, input: SetPushConsentInput) -> PushConsentPayload:
        state = await consent.set_push_consent(
            user_id=_user_id(info),
            granted=input.granted,
            device_token=input.device_token,
            policy_version=info.context.policies.privacy_policy_version,
            now=info.context.now(),
        )
        return PushConsentPayload(push_consent=PushConsentState.of(state))


@strawberry.type
class NotificationSubscriptions:
    @strawberry.subscription(
        permission_classes=[IsAuthenticated],
        description="The viewer's new inbox entries while the app is open.",
    )
    async def notification_added(self, info: Info) -> AsyncGenerator[Notification, None]:
        user_id = _user_id(info)
        async with info.context.live.subscribe(user_id) as queue:
            while True:
                event = await queue.get()
                entry = await inbox.entry_of(user_id, event.notification_id)
                if entry is not None:
                    yield Notification.from_row(entry)


SCHEMA = DomainSchema(
    mutations=NotificationMutations,
    subscriptions=NotificationSubscriptions,
    viewer=NotificationViewerFields,
)
