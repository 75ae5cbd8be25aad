"""Inbox, outbox writes, preferences, quiet hours, push consent, devices and templates:
the post room's own operations, called directly (no push is sent here)."""

from __future__ import annotations

import datetime as dt
import logging
from zoneinfo import ZoneInfo

import pytest
from tortoise.transactions import in_transaction

from core.clock import FrozenClock
from core.errors import DomainError, ErrorCode
from models import load_domains
from models.schools import GuardianAudience
from notifications import NotificationCategory, enqueue, enqueue_broadcast
from notifications.audience import audience_from_json
from notifications.categories import (
    MANDATORY_CATEGORIES,
    category_spec,
    register_category,
    registered_categories,
)
from notifications.config import PushConfig
from notifications.consent import has_push_consent, record_push_consent, withdraw_push_consent
from notifications.devices import drop_device, purge_stale_devices, refresh_device, register_device
from notifications.inbox import inbox_query, mark_all_read, mark_read, unread_count
from notifications.models import (
    Notification,
    NotificationOutbox,
    Platform,
    PushConsent,
    PushDevice,
    PushKind,
)
from notifications.preferences import (
    DEFAULT_QUIET_WINDOW,
    QuietWindow,
    get_preferences,
    get_quiet_hours,
    set_preference,
    set_quiet_hours,
)
from notifications.templates import TEMPLATES, Text, register_template, render_inbox, render_push
from notifications.transports import LogTransport, build_transports
from tests.factories import make_device, make_user

SHANGHAI = ZoneInfo("Asia/Shanghai")
CONSENT = NotificationCategory.CONSENT_REQUEST
CONSENT_PARAMS = {"subject": "心理测评", "requester": "王老师"}


async def _consent_request(user_ids: list[int], now: dt.datetime) -> NotificationOutbox | None:
    return await enqueue(
        user_ids, CONSENT, "consent_request.new", CONSENT_PARAMS, "homeroom://consents/1", now=now
    )


# ---------------------------------------------------------------- outbox and inbox


async def test_enqueue_writes_inbox_entries_and_one_outbox_row(clock: FrozenClock) -> None:
    mother, father = await make_user(), await make_user()

    async with in_transaction():
        outbox = await _consent_request([mother.id, father.id, mother.id], clock.now())

    assert outbox is not None
    assert await NotificationOutbox.all().count() == 1
    entries = await Notification.filter(outbox_id=outbox.id).order_by("recipient_id")
    assert [e.recipient_id for e in entries] == [mother.id, father.id]
    assert entries[0].title == "知情同意请求：心理测评"
    assert entries[0].body == "王老师请您阅读并确认。"
    assert entries[0].deep_link == "homeroom://consents/1"


async def test_a_rolled_back_transaction_leaves_no_inbox_and_no_outbox(clock: FrozenClock) -> None:
    parent = await make_user()

    with pytest.raises(RuntimeError):
        async with in_transaction():
            await _consent_request([parent.id], clock.now())
            raise RuntimeError("the domain operation failed")

    assert await Notification.all().count() == 0
    assert await NotificationOutbox.all().count() == 0


async def test_enqueue_refuses_programming_errors(clock: FrozenClock) -> None:
    parent = await make_user()
    now = clock.now()

    with pytest.raises(ValueError, match="urgent"):
        await enqueue(
            [parent.id],
            NotificationCategory.ANNOUNCEMENT,
            "announcement.new",
            {"title": "t", "summary": "s"},
            "homeroom://a/1",
            urgent=True,
            now=now,
        )
    with pytest.raises(ValueError, match="needs params"):
        await enqueue([parent.id], CONSENT, "consent_request.new", {}, "homeroom://c/1", now=now)
    with pytest.raises(ValueError, match="belongs to"):
        await enqueue([parent.id], CONSENT, "safety.alert", {}, "homeroom://c/1", now=now)
    with pytest.raises(ValueError, match="enqueue_broadcast"):
        await _consent_request(list(range(1, 1002)), now)
    assert await _consent_request([], now) is None
    assert await NotificationOutbox.all().count() == 0


async def test_a_broadcast_is_one_row_whatever_the_audience(clock: FrozenClock) -> None:
    async with in_transaction():
        outbox = await enqueue_broadcast(
            GuardianAudience(district_ids=(1,), age_bands=("PRIMARY_LOWER",)),
            NotificationCategory.ANNOUNCEMENT,
            "announcement.new",
            {"title": "开学通知", "summary": "9月1日开学"},
            "homeroom://announcements/1",
            now=clock.now(),
        )

    assert await NotificationOutbox.all().count() == 1
    assert outbox.audience == {
        "kind": "guardians",
        "district_ids": [1],
        "school_ids": [],
        "class_ids": [],
        "age_bands": ["PRIMARY_LOWER"],
    }
    assert await Notification.all().count() == 0  # written by the dispatcher, slice by slice
    with pytest.raises(ValueError, match="needs districts"):
        GuardianAudience(age_bands=("PRIMARY_LOWER",))


async def test_unread_count_and_marking_read(clock: FrozenClock) -> None:
    parent, other = await make_user(), await make_user()
    for _ in range(3):
        await _consent_request([parent.id], clock.now())
        clock.advance(dt.timedelta(minutes=1))
    await _consent_request([other.id], clock.now())
    newest_first = await inbox_query(parent.id)
    others = await inbox_query(other.id)

    assert await unread_count(parent.id) == 3
    assert await mark_read(user_id=parent.id, notification_id=newest_first[0].id, now=clock.now())
    assert not await mark_read(
        user_id=parent.id, notification_id=newest_first[0].id, now=clock.now()
    )
    assert not await mark_read(user_id=parent.id, notification_id=others[0].id, now=clock.now())
    assert await unread_count(parent.id) == 2
    assert len(await inbox_query(parent.id, unread_only=True)) == 2
    assert await mark_all_read(user_id=parent.id, now=clock.now()) == 2
    assert await unread_count(parent.id) == 0
    assert await unread_count(other.id) == 1
    assert [n.created_at for n in newest_first] == sorted(
        (n.created_at for n in newest_first), reverse=True
    )


# ---------------------------------------------------------------- preferences and quiet hours


async def test_preferences_default_on_and_persist(clock: FrozenClock) -> None:
    parent = await make_user()

    before = await get_preferences(parent.id)
    after = await set_preference(
        user_id=parent.id,
        category=NotificationCategory.COURSES_AND_LESSONS,
        push_enabled=False,
        now=clock.now(),
    )

    assert set(before.values()) == {True} and set(before) == set(NotificationCategory)
    assert after[NotificationCategory.COURSES_AND_LESSONS] is False
    assert (await get_preferences(parent.id))[NotificationCategory.COURSES_AND_LESSONS] is False


@pytest.mark.parametrize("category", [CONSENT, NotificationCategory.SAFETY])
async def test_consent_requests_and_safety_cannot_be_switched_off(
    clock: FrozenClock, category: NotificationCategory
) -> None:
    parent = await make_user()

    with pytest.raises(DomainError) as refused:
        await set_preference(
            user_id=parent.id, category=category, push_enabled=False, now=clock.now()
        )

    assert refused.value.errors[0].code == ErrorCode.INVALID
    assert (await get_preferences(parent.id))[category] is True


async def test_quiet_hours_default_and_change(clock: FrozenClock) -> None:
    parent = await make_user()

    default = await get_quiet_hours(parent.id)
    changed = await set_quiet_hours(
        user_id=parent.id, start=dt.time(21, 30), end=dt.time(6, 45), now=clock.now()
    )

    assert default == DEFAULT_QUIET_WINDOW
    assert (default.start, default.end, default.timezone) == (
        dt.time(22),
        dt.time(7),
        "Asia/Shanghai",
    )
    assert (changed.start, changed.end) == (dt.time(21, 30), dt.time(6, 45))
    assert await get_quiet_hours(parent.id) == changed
    with pytest.raises(DomainError):
        await set_quiet_hours(
            user_id=parent.id,
            start=dt.time(1),
            end=dt.time(2),
            timezone="Mars/Base",
            now=clock.now(),
        )


@pytest.mark.parametrize(
    ("local", "ends"),
    [
        (dt.datetime(2026, 11, 2, 21, 59), None),
        (dt.datetime(2026, 11, 2, 22, 0), dt.datetime(2026, 11, 3, 7, 0)),
        (dt.datetime(2026, 11, 3, 3, 0), dt.datetime(2026, 11, 3, 7, 0)),
        (dt.datetime(2026, 11, 3, 7, 0), None),
    ],
)
def test_the_default_window_runs_over_midnight(
    local: dt.datetime, ends: dt.datetime | None
) -> None:
    at = local.replace(tzinfo=SHANGHAI)

    end = DEFAULT_QUIET_WINDOW.ends_after(at)

    assert end == (ends.replace(tzinfo=SHANGHAI) if ends else None)
    assert QuietWindow(dt.time(22), dt.time(7), enabled=False).ends_after(at) is None


# ---------------------------------------------------------------- push consent


async def test_push_consent_is_recorded_and_withdrawn(clock: FrozenClock) -> None:
    parent = await make_user()
    await make_device(parent, "tok-consent", platform=Platform.IOS, now=clock.now())

    record = await record_push_consent(
        user_id=parent.id, policy_version="2026-09", device_token="tok-consent", now=clock.now()
    )
    granted = await has_push_consent(parent.id)
    clock.advance(dt.timedelta(days=3))
    withdrawn = await withdraw_push_consent(user_id=parent.id, now=clock.now())

    device = await PushDevice.get(token="tok-consent")
    assert granted and record.device_id == device.id and record.policy_version == "2026-09"
    assert withdrawn == 1 and not await has_push_consent(parent.id)
    kept = await PushConsent.get(id=record.id)  # the record stays, stamped
    assert kept.withdrawn_at == clock.now()


# ---------------------------------------------------------------- devices


async def test_a_token_moves_to_the_account_that_registers_it(clock: FrozenClock) -> None:
    first, second = await make_user(), await make_user()
    device = dict(
        token="shared-phone", platform=Platform.ANDROID, app_version="2.0", locale="zh-CN"
    )

    await register_device(user_id=first.id, now=clock.now(), **device)
    clock.advance(dt.timedelta(hours=1))
    moved = await register_device(
        user_id=second.id, now=clock.now(), push_kind=PushKind.HUAWEI, **device
    )

    assert await PushDevice.all().count() == 1
    assert (moved.user_id, moved.push_kind, moved.last_seen_at) == (
        second.id,
        PushKind.HUAWEI,
        clock.now(),
    )


async def test_several_devices_refresh_and_logout(clock: FrozenClock) -> None:
    parent = await make_user()
    for token, platform in (("phone", Platform.IOS), ("tablet", Platform.ANDROID)):
        await make_device(parent, token, platform=platform, now=clock.now())
    clock.advance(dt.timedelta(days=2))

    refreshed = await refresh_device(
        user_id=parent.id,
        token="phone",
        new_token="phone-rotated",
        app_version="2.1",
        now=clock.now(),
    )
    dropped = await drop_device(user_id=parent.id, token="tablet")
    with pytest.raises(DomainError) as unknown:
        await refresh_device(user_id=parent.id, token="tablet", now=clock.now())

    assert (refreshed.token, refreshed.app_version, refreshed.last_seen_at) == (
        "phone-rotated",
        "2.1",
        clock.now(),
    )
    assert dropped
    assert unknown.value.errors[0].code == ErrorCode.NOT_FOUND
    assert await PushDevice.filter(user_id=parent.id).values_list("token", flat=True) == [
        "phone-rotated"
    ]


async def test_devices_unseen_for_270_days_are_purged(clock: FrozenClock) -> None:
    parent = await make_user()
    for token in ("old", "recent"):
        await make_device(parent, token, now=clock.now())
        clock.advance(dt.timedelta(days=100))
    clock.advance(dt.timedelta(days=71))  # "old" unseen 271 days, "recent" 171

    purged = await purge_stale_devices(clock.now())

    assert purged == 1
    assert await PushDevice.all().values_list("token", flat=True) == ["recent"]


# ---------------------------------------------------------------- templates and transports


def test_push_text_is_generic_and_localised() -> None:
    assert render_push("consent_request.new", "zh-CN") == (
        "您有一条新的知情同意请求",
        "请打开家校共育查看并处理",
    )
    assert render_push("consent_request.new", "en-US")[0] == "You have a new consent request"
    assert render_push("consent_request.new", None)[0] == "您有一条新的知情同意请求"
    assert render_inbox("referral.updated", {"status": "已受理"}, "en")[1] == "Status: 已受理"
    for template in TEMPLATES.values():  # no push face takes a parameter
        for text in (template.push_title, template.push_body):
            assert "{" not in text.zh + text.en


def test_without_credentials_pushes_go_to_the_log(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="homeroom.push"):
        transports = build_transports(PushConfig())

    assert set(transports) == set(PushKind)
    assert all(isinstance(t, LogTransport) for t in transports.values())
    assert "pushes are logged, not sent" in caplog.text
    assert PushConfig.from_env(
        {"HOMEROOM_FCM_ENDPOINT": "http://127.0.0.1:1", "HOMEROOM_FCM_ACCESS_TOKEN": "t"}
    ).fcm_enabled


# ---------------------------------------------------------------- registries


def test_every_category_is_registered_once_the_domains_are_loaded() -> None:
    load_domains()

    assert registered_categories() == list(NotificationCategory)
    assert {t.category for t in TEMPLATES.values()} == set(NotificationCategory)
    assert set(MANDATORY_CATEGORIES) == {CONSENT, NotificationCategory.SAFETY}
    assert category_spec(NotificationCategory.ANNOUNCEMENT).profile.collapse_key == "announcement"


def test_a_registration_is_kept_and_a_conflicting_one_refused() -> None:
    spec = category_spec(NotificationCategory.SAFETY)
    again = register_category(
        spec.category, profile=spec.profile, mandatory=True, urgent_capable=True
    )
    assert again == spec  # a module imported twice registers the same thing: a no-op

    with pytest.raises(ValueError, match="already registered"):
        register_category(spec.category, profile=spec.profile)  # no longer mandatory
    assert category_spec(NotificationCategory.SAFETY) == spec
    with pytest.raises(ValueError, match="already registered"):
        register_template(
            "safety.alert",
            NotificationCategory.SAFETY,
            push_title=Text("别的", "other"),
            push_body=Text("别的", "other"),
            inbox_title=Text("别的", "other"),
            inbox_body=Text("别的", "other"),
        )


def test_a_push_face_with_a_parameter_is_refused() -> None:
    with pytest.raises(ValueError, match="push face takes no parameters"):
        register_template(
            "referral.leaky",
            NotificationCategory.REFERRAL_UPDATE,
            push_title=Text("{student}的转介有更新", "{student}'s referral was updated"),
            push_body=Text("请查看", "Take a look"),
            inbox_title=Text("转介", "Referral"),
            inbox_body=Text("转介", "Referral"),
        )
    assert "referral.leaky" not in TEMPLATES


def test_a_stored_audience_is_read_back_by_its_kind() -> None:
    audience = GuardianAudience(school_ids=(2,), age_bands=("JUNIOR_HIGH",))

    assert audience_from_json(audience.to_json()) == audience
    with pytest.raises(LookupError, match="no audience registered for kind 'pupils'"):
        audience_from_json({"kind": "pupils", "class_ids": [3]})
