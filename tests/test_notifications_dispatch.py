"""The dispatcher, through the real firebase-admin SDK against a local FCM v1 stand-in:
at-least-once delivery, leases, retries, dead tokens, quiet hours, consent, preferences,
broadcast fan-out and what a push may carry."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import AsyncIterator
from zoneinfo import ZoneInfo

import pytest
from tortoise.transactions import in_transaction

from core.clock import FrozenClock
from models.accounts import User
from models.schools import GuardianAudience
from notifications import NotificationCategory, enqueue, enqueue_broadcast
from notifications.config import PushConfig
from notifications.consent import record_push_consent, withdraw_push_consent
from notifications.dispatcher import Dispatcher, DispatcherConfig
from notifications.inbox import mark_read, unread_count
from notifications.models import (
    AttemptOutcome,
    DeliveryStatus,
    Notification,
    NotificationOutbox,
    Platform,
    PushAttempt,
    PushDelivery,
    PushDevice,
    PushKind,
)
from notifications.preferences import set_preference, set_quiet_hours
from notifications.transports import Transport, build_transports, close_transports
from server.db import dialect_of
from tests.factories import (
    make_class,
    make_device,
    make_guardian,
    make_school,
    make_student,
    make_user,
)
from tests.fcm_standin import FcmStandIn
from tests.helpers import eventually

# The installed SDK deprecates Message.token; the transport must use its successor.
pytestmark = pytest.mark.filterwarnings("error:Message.token is deprecated")

SHANGHAI = ZoneInfo("Asia/Shanghai")
CONSENT = NotificationCategory.CONSENT_REQUEST
SECRET = {"subject": "抑郁筛查复评", "requester": "心理老师张敏"}  # must never leave in a push
Transports = dict[PushKind, Transport]


@pytest.fixture
async def fcm() -> AsyncIterator[FcmStandIn]:
    async with FcmStandIn() as standin:
        yield standin


@pytest.fixture
async def transports(fcm: FcmStandIn) -> AsyncIterator[Transports]:
    config = PushConfig(
        fcm_access_token="test-access-token",
        firebase_project_id="homeroom-test",
        fcm_endpoint=fcm.url,
    )
    built = build_transports(config)
    yield built
    await close_transports(built)


def dispatcher(transports: Transports, clock: FrozenClock, **config: object) -> Dispatcher:
    return Dispatcher(transports, clock, DispatcherConfig(**config))  # type: ignore[arg-type]


async def parent(
    clock: FrozenClock,
    *tokens: str,
    platform: Platform = Platform.ANDROID,
    locale: str = "zh-CN",
    consent: bool = True,
) -> User:
    user = await make_user()
    for token in tokens:
        await make_device(user, token, platform=platform, locale=locale, now=clock.now())
    if consent:
        await record_push_consent(user_id=user.id, policy_version="2026-09", now=clock.now())
    return user


async def consent_request(
    users: list[User], clock: FrozenClock, urgent: bool = False
) -> NotificationOutbox | None:
    async with in_transaction():
        return await enqueue(
            [u.id for u in users],
            CONSENT,
            "consent_request.new",
            SECRET,
            "homeroom://consents/42",
            urgent=urgent,
            now=clock.now(),
        )


async def course(users: list[User], clock: FrozenClock) -> None:
    await enqueue(
        [u.id for u in users],
        NotificationCategory.COURSES_AND_LESSONS,
        "courses.new_lesson",
        {"lesson": "如何与青春期孩子沟通"},
        "homeroom://lessons/7",
        now=clock.now(),
    )


# ---------------------------------------------------------------- what a push carries


async def test_a_push_is_generic_small_and_sent_once_per_device(
    transports: Transports, fcm: FcmStandIn, clock: FrozenClock
) -> None:
    mother = await parent(clock, "ok-android", "ok-android-2")
    father = await parent(clock, "ok-ios", platform=Platform.IOS, locale="en-US")
    await consent_request([mother, father], clock)

    report = await dispatcher(transports, clock).run_until_idle()

    assert report.sent == 3
    assert fcm.state.delivered == {"ok-android": 1, "ok-android-2": 1, "ok-ios": 1}
    bodies = {r.token: r for r in fcm.state.received}
    android = bodies["ok-android"].body["message"]
    ios = bodies["ok-ios"].body["message"]
    assert android["fid"] == "ok-android" and "token" not in android
    assert android["notification"] == {
        "title": "您有一条新的知情同意请求",
        "body": "请打开家校共育查看并处理",
    }
    assert android["data"]["deep_link"] == "homeroom://consents/42"
    assert android["android"]["priority"] == "high"
    assert ios["notification"]["title"] == "You have a new consent request"
    assert ios["apns"]["payload"]["aps"]["badge"] == 1  # the unread count
    assert ios["apns"]["headers"]["apns-priority"] == "10"
    for received in fcm.state.received:
        assert received.size < 4096
        assert received.authorization == "Bearer test-access-token"
        text = json.dumps(received.body, ensure_ascii=False)
        assert all(value not in text for value in SECRET.values())
    assert await PushDelivery.filter(status=DeliveryStatus.SENT).count() == 3
    assert await PushAttempt.filter(outcome=AttemptOutcome.OK).count() == 3


async def test_the_badge_counts_what_is_unread(
    transports: Transports, fcm: FcmStandIn, clock: FrozenClock
) -> None:
    mother = await parent(clock, "ok-ios", platform=Platform.IOS)
    await consent_request([mother], clock)
    await dispatcher(transports, clock).run_until_idle()
    await consent_request([mother], clock)

    await dispatcher(transports, clock).run_until_idle()

    badges = [r.body["message"]["apns"]["payload"]["aps"]["badge"] for r in fcm.state.received]
    assert badges == [1, 2]


# ---------------------------------------------------------------- the outbox is transactional


async def test_a_rolled_back_operation_sends_nothing(
    transports: Transports, fcm: FcmStandIn, clock: FrozenClock
) -> None:
    mother = await parent(clock, "ok-1")

    with pytest.raises(RuntimeError):
        async with in_transaction():
            await enqueue(
                [mother.id],
                CONSENT,
                "consent_request.new",
                SECRET,
                "homeroom://c/1",
                now=clock.now(),
            )
            raise RuntimeError("consent form failed validation")
    report = await dispatcher(transports, clock).run_until_idle()

    assert report.handled == 0
    assert fcm.state.requests == {}
    assert await unread_count(mother.id) == 0


# ---------------------------------------------------------------- a killed dispatcher


async def test_an_abandoned_claim_is_sent_once_after_its_lease_expires(
    transports: Transports, fcm: FcmStandIn, clock: FrozenClock
) -> None:
    families = [await parent(clock, f"ok-{i}") for i in range(5)]
    await consent_request(families, clock)
    killed = dispatcher(transports, clock, send_batch=3)
    await killed.expand_once()
    claim = await killed.claim()  # ...and the process dies before sending
    assert claim is not None and len(claim.ids) == 3

    survivor = dispatcher(transports, clock, send_batch=3)
    before_expiry = await survivor.run_until_idle()
    clock.advance(dt.timedelta(seconds=61))
    after_expiry = await survivor.run_until_idle()

    assert (before_expiry.sent, after_expiry.sent) == (2, 3)
    assert fcm.state.delivered == {f"ok-{i}": 1 for i in range(5)}


async def test_a_late_dispatcher_records_nothing_over_the_next_lease(
    transports: Transports, fcm: FcmStandIn, clock: FrozenClock
) -> None:
    families = [await parent(clock, f"ok-{i}") for i in range(4)]
    await consent_request(families, clock)
    slow = dispatcher(transports, clock)
    await slow.expand_once()
    stalled = await slow.claim()  # ...and it stalls past its lease
    clock.advance(dt.timedelta(seconds=61))
    other = dispatcher(transports, clock)
    taken = await other.claim()
    assert stalled is not None and taken is not None
    assert sorted(taken.ids) == sorted(stalled.ids)

    late = await slow.send_claimed(stalled)  # the re-check finds the rows are not its own
    still_leased = await PushDelivery.filter(lease_owner=taken.owner).count()
    on_time = await other.send_claimed(taken)

    assert (late.sent, still_leased, on_time.sent) == (0, 4, 4)
    assert fcm.state.delivered == {f"ok-{i}": 1 for i in range(4)}  # the late one sent nothing
    assert await PushDelivery.filter(status=DeliveryStatus.SENT).count() == 4
    assert await PushAttempt.all().count() == 4


async def test_a_dispatcher_cancelled_mid_batch_loses_nothing(
    transports: Transports, fcm: FcmStandIn, clock: FrozenClock
) -> None:
    families = [await parent(clock, f"slow-{i}") for i in range(4)]
    families += [await parent(clock, f"ok-{i}") for i in range(4)]
    await consent_request(families, clock)
    first = dispatcher(transports, clock, send_batch=4)
    await first.expand_once()
    fcm.state.slow_delay_s = 5.0
    task = asyncio.create_task(first.send_once())  # the slow tokens come first (lowest ids)
    await eventually(lambda: len(fcm.state.received) == 4, within=5, what="the batch in flight")
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    in_flight = {r.token for r in fcm.state.received}

    fcm.state.slow_delay_s = 0.01
    clock.advance(dt.timedelta(seconds=61))
    await dispatcher(transports, clock, send_batch=4).run_until_idle()

    assert in_flight == {f"slow-{i}" for i in range(4)}
    delivered = fcm.state.delivered
    assert set(delivered) == {f"slow-{i}" for i in range(4)} | {f"ok-{i}" for i in range(4)}
    assert all(delivered[t] == 1 for t in delivered if t.startswith("ok-"))
    assert all(delivered[t] <= 2 for t in in_flight)  # only the batch in flight may repeat
    assert await PushDelivery.filter(status=DeliveryStatus.SENT).count() == 8


# ---------------------------------------------------------------- channel answers


async def test_dead_tokens_are_removed(
    transports: Transports, fcm: FcmStandIn, clock: FrozenClock
) -> None:
    mother = await parent(clock, "ok-phone", "unreg-old-phone", "invalid-garbage")
    await consent_request([mother], clock)

    report = await dispatcher(transports, clock).run_until_idle()

    assert (report.sent, report.dropped) == (1, 2)
    assert await PushDevice.filter(user_id=mother.id).values_list("token", flat=True) == [
        "ok-phone"
    ]
    outcomes = await PushAttempt.all().order_by("id").values_list("outcome", "http_status")
    assert sorted(outcomes) == sorted(
        [
            (AttemptOutcome.OK, 200),
            (AttemptOutcome.UNREGISTERED, 404),
            (AttemptOutcome.INVALID_TOKEN, 400),
        ]
    )
    assert await PushDelivery.filter(status=DeliveryStatus.DROPPED, device_id=None).count() == 2


async def test_throttling_and_outages_are_retried_with_backoff(
    transports: Transports, fcm: FcmStandIn, clock: FrozenClock
) -> None:
    mother = await parent(clock, "throttle1-phone", "down2-tablet")
    await consent_request([mother], clock)
    sender = dispatcher(transports, clock)

    first = await sender.run_until_idle()
    waiting = {
        d.device_id: d.not_before for d in await PushDelivery.filter(status=DeliveryStatus.PENDING)
    }
    clock.advance(dt.timedelta(seconds=5))
    second = await sender.run_until_idle()
    clock.advance(dt.timedelta(seconds=10))
    third = await sender.run_until_idle()

    assert (first.retried, second.sent, second.retried, third.sent) == (2, 1, 1, 1)
    phone = await PushDevice.get(token="throttle1-phone")
    assert waiting[phone.id] >= clock.now() - dt.timedelta(seconds=15) + dt.timedelta(seconds=1)
    assert fcm.state.delivered == {"throttle1-phone": 1, "down2-tablet": 1}
    attempts = (
        await PushAttempt.all()
        .order_by("id")
        .values("delivery__device__token", "outcome", "http_status", "retry_after_s")
    )
    by_token: dict[str, list[tuple]] = {}
    for a in attempts:
        by_token.setdefault(a["delivery__device__token"], []).append(
            (a["outcome"], a["http_status"], a["retry_after_s"])
        )
    assert by_token["throttle1-phone"] == [
        (AttemptOutcome.RETRY, 429, 1.0),
        (AttemptOutcome.OK, 200, None),
    ]
    assert by_token["down2-tablet"] == [
        (AttemptOutcome.RETRY, 503, None),
        (AttemptOutcome.RETRY, 503, None),
        (AttemptOutcome.OK, 200, None),
    ]


# ---------------------------------------------------------------- who gets a push, and when


async def test_quiet_hours_defer_until_morning_unless_urgent(
    transports: Transports, fcm: FcmStandIn, clock: FrozenClock
) -> None:
    clock.set(dt.datetime(2026, 11, 2, 23, 30, tzinfo=SHANGHAI))
    mother = await parent(clock, "ok-mother")
    father = await parent(clock, "ok-father")
    await course([mother], clock)
    await consent_request([father], clock, urgent=True)
    sender = dispatcher(transports, clock)

    at_night = await sender.run_until_idle()
    clock.set(dt.datetime(2026, 11, 3, 6, 59, tzinfo=SHANGHAI))
    before_seven = await sender.run_until_idle()
    clock.set(dt.datetime(2026, 11, 3, 7, 0, tzinfo=SHANGHAI))
    at_seven = await sender.run_until_idle()

    assert (at_night.sent, before_seven.sent, at_seven.sent) == (1, 0, 1)
    assert fcm.state.delivered == {"ok-father": 1, "ok-mother": 1}
    assert await unread_count(mother.id) == 1  # the inbox did not wait


async def test_each_person_keeps_their_own_quiet_hours(
    transports: Transports, fcm: FcmStandIn, clock: FrozenClock
) -> None:
    clock.set(dt.datetime(2026, 11, 2, 23, 30, tzinfo=SHANGHAI))  # 15:30 in London
    default = await parent(clock, "ok-default")
    night_owl = await parent(clock, "ok-night-owl")
    await set_quiet_hours(
        user_id=night_owl.id, start=dt.time(23, 0), end=dt.time(8, 0), now=clock.now()
    )
    abroad = await parent(clock, "ok-abroad")
    await set_quiet_hours(
        user_id=abroad.id,
        start=dt.time(22, 0),
        end=dt.time(7, 0),
        timezone="Europe/London",
        now=clock.now(),
    )
    always = await parent(clock, "ok-always")
    await set_quiet_hours(
        user_id=always.id, start=dt.time(22, 0), end=dt.time(7, 0), enabled=False, now=clock.now()
    )
    await course([default, night_owl, abroad, always], clock)
    sender = dispatcher(transports, clock)

    sent_at = {}
    for local in (dt.time(23, 30), dt.time(7, 0), dt.time(7, 59), dt.time(8, 0)):
        day = dt.date(2026, 11, 2) if local.hour == 23 else dt.date(2026, 11, 3)
        clock.set(dt.datetime.combine(day, local, tzinfo=SHANGHAI))
        await sender.run_until_idle()
        sent_at.update({token: local for token in fcm.state.delivered if token not in sent_at})

    assert sent_at == {
        "ok-abroad": dt.time(23, 30),  # mid-afternoon in London
        "ok-always": dt.time(23, 30),
        "ok-default": dt.time(7, 0),
        "ok-night-owl": dt.time(8, 0),
    }


async def test_a_category_switched_off_gets_the_inbox_but_no_push(
    transports: Transports, fcm: FcmStandIn, clock: FrozenClock
) -> None:
    mother = await parent(clock, "ok-mother")
    await set_preference(
        user_id=mother.id,
        category=NotificationCategory.COURSES_AND_LESSONS,
        push_enabled=False,
        now=clock.now(),
    )
    await course([mother], clock)
    await consent_request([mother], clock)  # mandatory: still pushed

    await dispatcher(transports, clock).run_until_idle()

    assert fcm.state.delivered == {"ok-mother": 1}
    assert fcm.state.received[0].body["message"]["data"]["category"] == "CONSENT_REQUEST"
    assert await unread_count(mother.id) == 2


async def test_no_push_without_consent_or_after_withdrawal(
    transports: Transports, fcm: FcmStandIn, clock: FrozenClock
) -> None:
    never = await parent(clock, "ok-never", consent=False)
    withdrawing = await parent(clock, "ok-withdrawing")
    clock.set(dt.datetime(2026, 11, 2, 23, 0, tzinfo=SHANGHAI))
    await course([withdrawing], clock)  # deferred to 07:00
    sender = dispatcher(transports, clock)
    await sender.run_until_idle()

    await withdraw_push_consent(user_id=withdrawing.id, now=clock.now())
    await consent_request([never, withdrawing], clock, urgent=True)
    clock.set(dt.datetime(2026, 11, 3, 8, 0, tzinfo=SHANGHAI))
    report = await sender.run_until_idle()

    assert report.sent == 0 and fcm.state.requests == {}
    assert await unread_count(never.id) == 1 and await unread_count(withdrawing.id) == 2
    assert await PushDelivery.filter(status=DeliveryStatus.CANCELLED).count() == 1


async def test_reading_in_the_app_cancels_the_waiting_push(
    transports: Transports, fcm: FcmStandIn, clock: FrozenClock
) -> None:
    clock.set(dt.datetime(2026, 11, 2, 23, 0, tzinfo=SHANGHAI))
    mother = await parent(clock, "ok-mother")
    await course([mother], clock)
    sender = dispatcher(transports, clock)
    await sender.run_until_idle()

    entry = await Notification.get(recipient_id=mother.id)
    await mark_read(user_id=mother.id, notification_id=entry.id, now=clock.now())
    clock.set(dt.datetime(2026, 11, 3, 8, 0, tzinfo=SHANGHAI))
    await sender.run_until_idle()

    assert fcm.state.requests == {}


async def test_a_moved_token_rings_for_its_new_owner_only(
    transports: Transports, fcm: FcmStandIn, clock: FrozenClock
) -> None:
    clock.set(dt.datetime(2026, 11, 2, 23, 0, tzinfo=SHANGHAI))
    old_owner = await parent(clock, "ok-shared")
    await course([old_owner], clock)  # waits for 07:00 on the shared phone
    sender = dispatcher(transports, clock)
    await sender.run_until_idle()

    new_owner = await parent(clock, "ok-shared")
    await consent_request([old_owner, new_owner], clock, urgent=True)
    await sender.run_until_idle()
    clock.set(dt.datetime(2026, 11, 3, 8, 0, tzinfo=SHANGHAI))
    await sender.run_until_idle()

    assert fcm.state.delivered == {"ok-shared": 1}
    device = await PushDevice.get(token="ok-shared")
    sent = await PushDelivery.get(status=DeliveryStatus.SENT)
    assert device.user_id == new_owner.id and sent.user_id == new_owner.id
    assert await PushDelivery.filter(user_id=old_owner.id, status=DeliveryStatus.SENT).count() == 0


async def test_devices_unseen_for_30_days_get_no_push(
    transports: Transports, fcm: FcmStandIn, clock: FrozenClock
) -> None:
    mother = await parent(clock, "ok-old-phone")
    clock.advance(dt.timedelta(days=31))
    await make_device(mother, "ok-new-phone", now=clock.now())
    await consent_request([mother], clock)

    await dispatcher(transports, clock).run_until_idle()

    assert fcm.state.delivered == {"ok-new-phone": 1}


async def test_a_kind_without_transport_fails_without_touching_the_device(
    transports: Transports, fcm: FcmStandIn, clock: FrozenClock
) -> None:
    mother = await make_user()
    await make_device(mother, "huawei-token", push_kind=PushKind.HUAWEI, consent=True)
    await consent_request([mother], clock)

    report = await dispatcher(transports, clock).run_until_idle()

    assert report.failed == 1 and fcm.state.requests == {}
    delivery = await PushDelivery.get()
    assert delivery.last_error == "no transport for HUAWEI"
    assert await PushDevice.exists(token="huawei-token")


# ---------------------------------------------------------------- concurrency and fan-out


async def test_two_dispatchers_never_claim_the_same_delivery_while_leases_hold(
    transports: Transports, fcm: FcmStandIn, clock: FrozenClock, database: str
) -> None:
    # On PostgreSQL the two claim through FOR UPDATE SKIP LOCKED on separate connections;
    # on SQLite their transactions interleave on one writer, which still exercises the leases.
    # (Delivery is at-least-once: an expired lease is sent again, see the abandoned claim.)
    families = [await parent(clock, f"ok-{i}-a", f"ok-{i}-b") for i in range(30)]
    await consent_request(families, clock)
    await course(families, clock)
    one = dispatcher(transports, clock, send_batch=7, expand_batch=8)
    two = dispatcher(transports, clock, send_batch=7, expand_batch=8)

    reports = await asyncio.gather(one.run_until_idle(), two.run_until_idle())

    assert sum(r.sent for r in reports) == 120
    assert all(r.sent > 0 for r in reports), f"both should work on {dialect_of(database)}"
    assert sum(fcm.state.delivered.values()) == 120
    assert set(fcm.state.delivered.values()) == {2}  # two messages, each device once per message
    assert await PushAttempt.all().count() == 120


async def test_a_claim_rewrites_no_index_on_postgresql(
    transports: Transports, clock: FrozenClock, database: str
) -> None:
    """The lease touches no indexed column and push_delivery's pages keep room (fillfactor),
    so PostgreSQL claims in place (HOT) instead of adding a row version to all five indexes."""
    if dialect_of(database) != "postgres":
        pytest.skip("fillfactor and HOT updates are PostgreSQL's; SQLite rewrites its rows")
    families = [await parent(clock, f"ok-{i}") for i in range(40)]
    await consent_request(families, clock)
    # a long name, as a container's host name makes it: the lease owner is up to 64 characters
    name = "homeroom-dispatcher-7f9c6d5b8d-x2x9q.cluster.local:123456:3fa9c1"
    sender = Dispatcher(transports, clock, DispatcherConfig(send_batch=40), name=name)
    await sender.expand_once()

    # This backend's counters, read around the claim: they may also hold earlier transactions'
    # counts that PostgreSQL has not flushed yet (it flushes about once a second), so the
    # claim's share is the difference.
    counters = (
        "SELECT pg_stat_get_xact_tuples_updated(c.oid), "
        "pg_stat_get_xact_tuples_hot_updated(c.oid) "
        "FROM pg_class c WHERE c.relname = 'push_delivery'"
    )
    async with in_transaction() as tx:
        _, before = await tx.execute_query(counters)
        claim = await sender.claim()
        _, after = await tx.execute_query(counters)

    assert claim is not None and len(claim.ids) == 40
    updated, hot = (int(a) - int(b) for a, b in zip(after[0], before[0], strict=True))
    assert (updated, hot) == (40, 40)


async def test_a_broadcast_expands_in_slices_and_reaches_every_device_once(
    transports: Transports, fcm: FcmStandIn, clock: FrozenClock
) -> None:
    school = await make_school()
    lower, upper = await make_class(school, grade=2), await make_class(school, grade=5)
    guardians: list[User] = []
    for i in range(23):
        student = await make_student(lower if i % 2 else upper)
        user = await parent(clock, f"ok-{i}-phone", *([f"ok-{i}-pad"] if i % 3 == 0 else []))
        guardians.append(await make_guardian(student, user))
    sibling = await make_student(lower)
    await make_guardian(sibling, guardians[0])  # two children: still one message
    outsider = await parent(clock, "ok-outsider")
    await make_guardian(await make_student(), outsider)  # another school
    heard: list[tuple[int, int]] = []

    async def on_inbox(entries: list[tuple[int, int]]) -> None:
        heard.extend(entries)

    async with in_transaction():
        outbox = await enqueue_broadcast(
            GuardianAudience(school_ids=(school.id,)),
            NotificationCategory.ANNOUNCEMENT,
            "announcement.new",
            {"title": "家长会", "summary": "周五下午三点"},
            "homeroom://announcements/9",
            now=clock.now(),
        )
    sender = Dispatcher(transports, clock, DispatcherConfig(expand_batch=10), on_inbox=on_inbox)
    slices = 0
    while await sender.expand_once():
        slices += 1
    await sender.run_until_idle()

    assert slices == 3  # 10 + 10 + 3 recipients
    expected = {f"ok-{i}-phone" for i in range(23)} | {f"ok-{i}-pad" for i in range(0, 23, 3)}
    assert fcm.state.delivered == dict.fromkeys(expected, 1)
    assert await Notification.filter(outbox_id=outbox.id).count() == 23
    assert await unread_count(outsider.id) == 0
    assert sorted(u for u, _ in heard) == sorted(g.id for g in guardians)
    done = await NotificationOutbox.get(id=outbox.id)
    assert (done.status, done.recipients_expanded) == ("DONE", 23)


async def test_a_broadcast_by_age_band(transports: Transports, clock: FrozenClock) -> None:
    school = await make_school()
    lower, upper = await make_class(school, grade=2), await make_class(school, grade=8)
    young = await make_guardian(await make_student(lower), await parent(clock, "ok-young"))
    await make_guardian(await make_student(upper), await parent(clock, "ok-teen"))

    async with in_transaction():
        await enqueue_broadcast(
            GuardianAudience(school_ids=(school.id,), age_bands=("PRIMARY_LOWER",)),
            NotificationCategory.COURSES_AND_LESSONS,
            "courses.new_lesson",
            {"lesson": "幼小衔接"},
            "homeroom://lessons/1",
            now=clock.now(),
        )
    await dispatcher(transports, clock).run_until_idle()

    assert await Notification.all().values_list("recipient_id", flat=True) == [young.id]
