"""Live events reach subscribers in this process and, through PostgreSQL or Redis, in others."""

from __future__ import annotations

import asyncio

import pytest

from notifications.live import LiveEvents, NotificationEvent, live_events_for
from tests.conftest import DATABASE_URL
from tests.helpers import eventually

PROBE_USER = 999_999  # nobody's: probes the bus without touching the users the tests watch


async def _roundtrip(publisher: LiveEvents, subscriber: LiveEvents) -> NotificationEvent:
    async with subscriber.subscribe(7) as queue, subscriber.subscribe(8) as other:
        await publisher.publish(NotificationEvent(user_id=7, notification_id=42))
        event = await asyncio.wait_for(queue.get(), timeout=5)
        assert other.empty()
        return event


async def _until_the_bus_carries(publisher: LiveEvents, subscriber: LiveEvents) -> None:
    """Redis confirms a SUBSCRIBE after `start` returns: publish a probe until one arrives
    rather than sleep and hope (LISTEN has taken effect when `start` returns: one probe)."""
    async with subscriber.subscribe(PROBE_USER) as probes:

        async def a_probe_arrives() -> bool:
            await publisher.publish(NotificationEvent(PROBE_USER, 0))
            try:
                await asyncio.wait_for(probes.get(), timeout=0.05)
            except TimeoutError:
                return False
            return True

        await eventually(a_probe_arrives, within=5, interval=0, what="a probe over the bus")


async def test_in_process_events_reach_only_their_person() -> None:
    events = live_events_for("memory", DATABASE_URL)

    assert await _roundtrip(events, events) == NotificationEvent(7, 42)
    assert events.subscriber_count() == 0


async def test_a_slow_subscriber_loses_the_oldest_not_the_newest() -> None:
    events = LiveEvents()
    async with events.subscribe(1) as queue:
        for n in range(150):
            await events.publish(NotificationEvent(1, n))

        assert queue.qsize() == 100
        assert queue.get_nowait().notification_id == 50


@pytest.mark.parametrize("kind", ["postgres", "redis://127.0.0.1:6379/0"])
async def test_events_cross_between_two_buses(kind: str) -> None:
    if kind == "postgres" and not DATABASE_URL.startswith("postgres"):
        pytest.skip("LISTEN/NOTIFY needs PostgreSQL: covered by the PostgreSQL run of the suite")
    publisher, subscriber = live_events_for(kind, DATABASE_URL), live_events_for(kind, DATABASE_URL)
    await publisher.start()
    await subscriber.start()
    try:
        await _until_the_bus_carries(publisher, subscriber)
        assert await _roundtrip(publisher, subscriber) == NotificationEvent(7, 42)
    finally:
        await publisher.stop()
        await subscriber.stop()


def test_bad_setting_is_refused() -> None:
    with pytest.raises(ValueError, match="memory, postgres"):
        live_events_for("kafka", DATABASE_URL)
    with pytest.raises(ValueError, match="PostgreSQL"):
        live_events_for("postgres", "sqlite://x")
