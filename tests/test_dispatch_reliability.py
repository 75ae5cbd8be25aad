"""The dispatcher under a slow channel, cancels that land while a batch is out, and a worker
stopped mid-batch (issue 15): through firebase-admin against the local FCM stand-in."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
from tortoise.transactions import in_transaction

from core.clock import FrozenClock, SystemClock
from models.accounts import User
from notifications import NotificationCategory, enqueue
from notifications.config import PushConfig
from notifications.consent import withdraw_push_consent
from notifications.devices import drop_device, register_device
from notifications.dispatcher import Dispatcher, DispatcherConfig, run_dispatcher
from notifications.inbox import mark_read
from notifications.models import (
    AttemptOutcome,
    DeliveryStatus,
    Notification,
    Platform,
    PushAttempt,
    PushDelivery,
    PushKind,
)
from notifications.preferences import set_preference, set_quiet_hours
from notifications.transports import Transport, build_transports, close_transports
from tests.factories import make_device, make_user
from tests.fcm_standin import FcmStandIn
from tests.helpers import eventually

COURSES = NotificationCategory.COURSES_AND_LESSONS
Transports = dict[PushKind, Transport]


@pytest.fixture
async def fcm() -> AsyncIterator[FcmStandIn]:
    async with FcmStandIn() as standin:
        standin.state.release = asyncio.Event()
        yield standin
        standin.state.release.set()  # nothing stays held


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


async def parent(now: dt.datetime, *tokens: str) -> User:
    user = await make_user()
    for i, token in enumerate(tokens):
        # one after another, so deliveries are claimed (and sent) in token order
        await make_device(user, token, consent=i == 0, now=now)
    # no quiet hours in the way, whatever the time of day (one test runs on the system clock)
    await set_quiet_hours(
        user_id=user.id, start=dt.time(22, 0), end=dt.time(7, 0), enabled=False, now=now
    )
    return user


async def lesson(users: list[User], now: dt.datetime) -> None:
    async with in_transaction():
        await enqueue(
            [u.id for u in users],
            COURSES,
            "courses.new_lesson",
            {"lesson": "如何与青春期孩子沟通"},
            "homeroom://lessons/7",
            now=now,
        )


def held(fcm: FcmStandIn, token: str) -> bool:
    """The push to `token` has reached FCM (a `block-…` one is then held until released)."""
    return any(r.token == token for r in fcm.state.received)


async def statuses() -> list[tuple[DeliveryStatus, str | None]]:
    return [
        (DeliveryStatus(s), e)
        for s, e in await PushDelivery.all().order_by("id").values_list("status", "last_error")
    ]


# ---------------------------------------------------------------- a channel slower than the lease


async def test_a_channel_slower_than_the_lease_pushes_each_device_once(
    transports: Transports, fcm: FcmStandIn
) -> None:
    # given 40 devices and a channel answering in 0.25 s, 8 at a time: a 40-push batch takes
    # 5 rounds, about 1.25 s, twice the 0.6 s lease, with a second send loop waiting to claim
    clock = SystemClock()
    families = [await parent(clock.now(), f"slow-{i}") for i in range(40)]
    await lesson(families, clock.now())
    fcm.state.slow_delay_s = 0.25
    stop = asyncio.Event()
    config = DispatcherConfig(lease=dt.timedelta(seconds=0.6), concurrency=2)

    # when two send loops run until every row is recorded
    worker = asyncio.create_task(
        run_dispatcher(
            transports=transports, clock=clock, stop=stop, poll_interval=0.05, config=config
        )
    )

    async def all_sent() -> bool:
        return await PushDelivery.filter(status=DeliveryStatus.SENT).count() == 40

    try:
        await eventually(all_sent, within=30, what="every delivery SENT")
    finally:
        stop.set()
        await worker

    # then each device got one push, and each delivery one attempt
    assert fcm.state.delivered == {f"slow-{i}": 1 for i in range(40)}
    assert await PushAttempt.all().count() == 40
    assert set(await PushDelivery.all().values_list("attempts", flat=True)) == {1}


async def test_a_delivery_claimed_without_an_outcome_runs_out_of_attempts(
    transports: Transports, fcm: FcmStandIn, clock: FrozenClock
) -> None:
    # given a delivery whose senders die before recording, claim after claim
    await lesson([await parent(clock.now(), "ok-1")], clock.now())
    sender = Dispatcher(transports, clock, DispatcherConfig(max_attempts=3))
    await sender.expand_once()
    for _ in range(3):
        assert await sender.claim() is not None
        clock.advance(dt.timedelta(seconds=61))

    # when the next dispatcher claims it
    report = await sender.send_once()

    # then it is failed, not pushed a fourth time
    assert report.failed == 1 and fcm.state.requests == {}
    assert await statuses() == [(DeliveryStatus.FAILED, "no outcome after 3 attempts")]


# ---------------------------------------------------------------- cancels while a batch is out

Cancel = Callable[[User, FrozenClock], Awaitable[object]]


async def _read(user: User, clock: FrozenClock) -> None:
    entry = await Notification.get(recipient_id=user.id)
    await mark_read(user_id=user.id, notification_id=entry.id, now=clock.now())


async def _withdraw(user: User, clock: FrozenClock) -> None:
    await withdraw_push_consent(user_id=user.id, now=clock.now())


async def _switch_off(user: User, clock: FrozenClock) -> None:
    await set_preference(user_id=user.id, category=COURSES, push_enabled=False, now=clock.now())


@pytest.mark.parametrize(
    ("cancel", "reason"),
    [
        (_read, "read in app"),
        (_withdraw, "push consent withdrawn"),
        (_switch_off, "category switched off"),
    ],
    ids=["read-in-app", "consent-withdrawn", "category-off"],
)
async def test_a_cancel_committed_while_a_push_is_out_stops_the_rest_and_is_kept(
    transports: Transports, fcm: FcmStandIn, clock: FrozenClock, cancel: Cancel, reason: str
) -> None:
    # given a mother's two phones in one claim, slice by slice, the first push held by FCM
    mother = await parent(clock.now(), "block-phone", "ok-tablet")
    await lesson([mother], clock.now())
    sender = Dispatcher(transports, clock, DispatcherConfig(record_every=1))
    await sender.expand_once()
    claim = await sender.claim()
    assert claim is not None and len(claim.ids) == 2
    sending = asyncio.create_task(sender.send_claimed(claim))
    await eventually(lambda: held(fcm, "block-phone"), what="the held push")

    # when the cancel commits while that push is out, and then FCM answers it
    await cancel(mother, clock)
    fcm.state.release.set()  # type: ignore[union-attr]
    report = await sending

    # then the tablet gets nothing, both rows keep the cancel and its reason, and the push
    # that did go out is on record as an attempt
    assert fcm.state.delivered == {"block-phone": 1}
    assert (report.sent, report.cancelled) == (0, 0)  # cancelled by the person, not by us
    assert await statuses() == [(DeliveryStatus.CANCELLED, reason)] * 2
    attempts = await PushAttempt.all().values_list("delivery__device__token", "outcome")
    assert attempts == [("block-phone", AttemptOutcome.OK)]


async def _moved(user: User, clock: FrozenClock) -> None:
    other = await make_user()
    await register_device(
        user_id=other.id,
        token="ok-tablet",
        platform=Platform.ANDROID,
        app_version="3.2.0",
        locale="zh-CN",
        now=clock.now(),
    )


async def _logged_out(user: User, clock: FrozenClock) -> None:
    await drop_device(user_id=user.id, token="ok-tablet")


@pytest.mark.parametrize(
    ("cancel", "reason"),
    [(_moved, "device changed owner"), (_logged_out, "device removed")],
    ids=["token-moved-to-another-account", "logout"],
)
async def test_a_token_that_moved_or_logged_out_after_the_claim_is_not_pushed(
    transports: Transports, fcm: FcmStandIn, clock: FrozenClock, cancel: Cancel, reason: str
) -> None:
    # given a mother's phone and tablet in one claim, the phone's push held by FCM
    mother = await parent(clock.now(), "block-phone", "ok-tablet")
    await lesson([mother], clock.now())
    sender = Dispatcher(transports, clock, DispatcherConfig(record_every=1))
    await sender.expand_once()
    claim = await sender.claim()
    assert claim is not None
    sending = asyncio.create_task(sender.send_claimed(claim))
    await eventually(lambda: held(fcm, "block-phone"), what="the held push")

    # when the tablet's token moves to another account (or she logs out on it) meanwhile
    await cancel(mother, clock)
    fcm.state.release.set()  # type: ignore[union-attr]
    await sending

    # then the tablet never rings with her message, and the phone's push is recorded SENT
    assert fcm.state.delivered == {"block-phone": 1}
    assert await statuses() == [(DeliveryStatus.SENT, None), (DeliveryStatus.CANCELLED, reason)]


# ---------------------------------------------------------------- a worker stopped mid-batch


async def test_what_was_sent_is_recorded_as_it_goes_and_only_the_slice_out_repeats(
    transports: Transports, fcm: FcmStandIn, clock: FrozenClock
) -> None:
    # given six devices, one claim, slices of two, the second slice held by FCM
    tokens = ["ok-1", "ok-2", "block-3", "ok-4", "ok-5", "ok-6"]
    await lesson([await parent(clock.now(), t) for t in tokens], clock.now())
    killed = Dispatcher(transports, clock, DispatcherConfig(record_every=2))
    await killed.expand_once()
    claim = await killed.claim()
    assert claim is not None and len(claim.ids) == 6
    sending = asyncio.create_task(killed.send_claimed(claim))
    await eventually(lambda: held(fcm, "block-3"), what="the held slice")

    # when the worker dies with that slice out (its task cancelled: nothing more is written)
    recorded = await PushAttempt.all().values_list("delivery__device__token", flat=True)
    sent = await PushDelivery.filter(status=DeliveryStatus.SENT).count()
    sending.cancel()
    with pytest.raises(asyncio.CancelledError):
        await sending
    fcm.state.release.set()  # type: ignore[union-attr]
    clock.advance(dt.timedelta(seconds=61))
    await Dispatcher(transports, clock).run_until_idle()

    # then the first slice was on record before the death, and only the slice that was out
    # is pushed twice
    assert sorted(recorded) == ["ok-1", "ok-2"] and sent == 2
    pushed = Counter(r.token for r in fcm.state.received)  # the held one counts as pushed
    assert pushed == {
        "ok-1": 1,
        "ok-2": 1,
        "block-3": 2,
        "ok-4": 2,
        "ok-5": 1,
        "ok-6": 1,
    }
    assert await PushDelivery.filter(status=DeliveryStatus.SENT).count() == 6
