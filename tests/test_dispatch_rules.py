"""The dispatcher's rules written twice, SQL for PostgreSQL and Python for SQLite, held to the
same answer: each form runs on the same rows and the two must agree, rule by rule.

The SQL forms use PostgreSQL's arrays, so these run on PostgreSQL (where both forms can run);
on SQLite the dispatcher runs the Python forms, which every test of test_notifications_dispatch
exercises there.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from tortoise.transactions import in_transaction

from core.clock import FrozenClock
from models.accounts import User
from notifications.categories import NotificationCategory
from notifications.consent import record_push_consent, withdraw_push_consent
from notifications.dispatcher import claim as claiming
from notifications.dispatcher import eligibility
from notifications.dispatcher.planning import expand_slice
from notifications.dispatcher.sql import bind, on_postgres
from notifications.models import DeliveryStatus, PushDelivery, PushDevice
from notifications.outbox import enqueue
from notifications.preferences import set_preference, set_quiet_hours
from tests.factories import make_device, make_user

COURSES = NotificationCategory.COURSES_AND_LESSONS  # a person may switch it off
CONSENT = NotificationCategory.CONSENT_REQUEST  # mandatory, urgent-capable
# 23:30 in Shanghai (inside the default quiet hours), 15:30 in London, 10:30 in New York
LATE = dt.datetime(2026, 11, 2, 15, 30, tzinfo=dt.UTC)
# 11:30 in Shanghai (outside the default quiet hours), 03:30 in London, 22:30 in New York
MIDDAY = dt.datetime(2026, 11, 2, 3, 30, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    if not on_postgres():
        pytest.skip("the SQL forms are PostgreSQL's; SQLite runs the Python forms")


async def _person(
    *,
    consent: str = "granted",
    devices_seen_days_ago: tuple[float, ...] = (0,),
    at: dt.datetime,
) -> User:
    user = await make_user()
    for days in devices_seen_days_ago:
        await make_device(user, now=at - dt.timedelta(days=days))
    if consent in ("granted", "withdrawn"):
        await record_push_consent(user_id=user.id, policy_version="2026-09", now=at)
    if consent == "withdrawn":
        await withdraw_push_consent(user_id=user.id, now=at)
    return user


async def people(at: dt.datetime) -> list[int]:
    """Everyone a rule can tell apart: consent granted, withdrawn, never given; a category
    switched off or explicitly on; fresh, stale and just-fresh devices; quiet hours by
    default, personal in three time zones, disabled, and empty (start = end)."""
    plain = await _person(at=at)
    withdrawn = await _person(consent="withdrawn", at=at)
    never = await _person(consent="never", at=at)
    switched_off = await _person(at=at)
    await set_preference(user_id=switched_off.id, category=COURSES, push_enabled=False, now=at)
    switched_on = await _person(at=at)
    await set_preference(user_id=switched_on.id, category=COURSES, push_enabled=True, now=at)
    # 30 days is the limit, inclusive; a whole day either side of it too
    devices = await _person(devices_seen_days_ago=(0, 29, 30, 30.0001, 31), at=at)
    staleonly = await _person(devices_seen_days_ago=(45,), at=at)
    quiet: list[User] = []
    for start, end, timezone, enabled in [
        (dt.time(14, 0), dt.time(18, 0), "Europe/London", True),
        (dt.time(22, 0), dt.time(7, 0), "America/New_York", True),
        (dt.time(8, 0), dt.time(12, 0), "America/New_York", True),
        (dt.time(22, 0), dt.time(7, 0), "Asia/Shanghai", False),
        (dt.time(9, 0), dt.time(9, 0), "Asia/Shanghai", True),
        (dt.time(23, 0), dt.time(23, 45), "Asia/Shanghai", True),
    ]:
        person = await _person(at=at)
        await set_quiet_hours(
            user_id=person.id, start=start, end=end, timezone=timezone, enabled=enabled, now=at
        )
        quiet.append(person)
    nobody = await make_user()  # no device at all
    users = [plain, withdrawn, never, switched_off, switched_on, devices, staleonly, *quiet]
    return [u.id for u in [*users, nobody]]


async def _sql(template: str, values: dict[str, Any]) -> list[tuple]:
    sql, args = bind(template, values)
    _, rows = await PushDevice._meta.db.execute_query(sql, args)
    return [tuple(r) for r in rows]


async def _devices_of(recipients: list[int]) -> list[tuple[int, int]]:
    rows = await PushDevice.filter(user_id__in=recipients).values_list("id", "user_id")
    return [(int(d), int(u)) for d, u in rows]


CASES = [
    pytest.param(COURSES, False, LATE, id="switchable-late"),
    pytest.param(COURSES, False, MIDDAY, id="switchable-midday"),
    pytest.param(CONSENT, False, LATE, id="mandatory-late"),
    pytest.param(CONSENT, True, LATE, id="mandatory-urgent-late"),
]


@pytest.mark.parametrize(("category", "urgent", "now"), CASES)
async def test_each_rule_in_sql_and_in_python_agrees(
    category: NotificationCategory, urgent: bool, now: dt.datetime
) -> None:
    # given everyone a rule can tell apart
    recipients = await people(now)
    values = await eligibility.sql_values(recipients, category, urgent, now)
    devices = await _devices_of(recipients)
    owners = {u for _, u in devices}
    over_devices = "SELECT v.id, v.user_id FROM push_device v WHERE v.user_id = ANY({recipients})"

    # 1. push consent
    in_sql = {u for _, u in await _sql(f"{over_devices} AND {eligibility.CONSENT_SQL}", values)}
    in_python = await eligibility.consenting(recipients) & owners
    assert in_sql == in_python and in_sql, "rule 1, push consent: the two forms disagree"

    # 2. category switch
    in_sql = {u for _, u in await _sql(f"{over_devices} AND {eligibility.CATEGORY_ON_SQL}", values)}
    in_python = owners - await eligibility.switched_off(recipients, category)
    assert in_sql == in_python and in_sql, "rule 2, category switch: the two forms disagree"

    # 3. fresh device
    in_sql_devices = set(await _sql(f"{over_devices} AND {eligibility.FRESH_DEVICE_SQL}", values))
    in_python_devices = set(await eligibility.fresh_devices(recipients, now))
    assert in_sql_devices == in_python_devices and 0 < len(in_sql_devices) < len(devices), (
        "rule 3, fresh device: the two forms disagree"
    )
    assert all(
        eligibility.is_fresh(seen, now) == ((int(i), int(u)) in in_python_devices)
        for i, u, seen in await PushDevice.filter(user_id__in=recipients).values_list(
            "id", "user_id", "last_seen_at"
        )
    ), "rule 3, fresh device: is_fresh (the send step's check) disagrees with the query"

    # 4. quiet hours
    due_sql = await _sql(
        "SELECT v.user_id, "
        f"{eligibility.DUE_SQL} FROM push_device v {eligibility.QUIET_HOURS_JOIN_SQL}"
        " WHERE v.user_id = ANY({recipients})",
        values,
    )
    due_python = await eligibility.due_times(owners, now, urgent)
    assert dict(due_sql) == due_python, "rule 4, quiet hours: the two forms disagree"
    assert len(set(due_python.values())) > (1 if not urgent else 0)

    # all four, as planning uses them
    in_sql_all = sorted(await _sql(eligibility.ELIGIBLE_SQL, values))
    in_python_all = sorted(await eligibility.eligible_in_python(recipients, category, urgent, now))
    assert in_sql_all == in_python_all and in_sql_all, "all four rules: the two forms disagree"


async def test_the_claim_in_sql_and_in_the_orm_picks_the_same_rows(clock: FrozenClock) -> None:
    # given deliveries pending, due later, leased, with an expired lease, and sent
    now = clock.now()
    recipients = await people(now)
    async with in_transaction():
        await enqueue(
            recipients, CONSENT, "consent_request.new", {"subject": "s", "requester": "r"},
            "homeroom://consents/1", urgent=True, now=now,
        )  # fmt: skip
    while await expand_slice(now, 1000):
        pass
    ids = sorted(await PushDelivery.all().values_list("id", flat=True))
    assert len(ids) >= 8
    minute = dt.timedelta(minutes=1)
    await PushDelivery.filter(id=ids[0]).update(not_before=now + minute)
    await PushDelivery.filter(id=ids[1]).update(lease_owner="w", lease_until=now + minute)
    await PushDelivery.filter(id=ids[2]).update(lease_owner="w", lease_until=now - minute)
    await PushDelivery.filter(id=ids[3]).update(status=DeliveryStatus.SENT)
    await PushDelivery.filter(id=ids[4]).update(not_before=now - 2 * minute)

    for limit in (3, 100):
        # when both forms select what is claimable
        async with in_transaction() as tx:
            _, rows = await tx.execute_query(claiming._DUE_SQL, [now, limit])
            in_sql = [claiming._claimed(r) for r in rows]
        in_orm = [
            claiming._claimed(r)
            for r in await claiming._due_query(now, limit).values_list(*claiming._CLAIM_VALUES)
        ]

        # then they agree, in order and in what they read of each device
        assert in_sql == in_orm, f"the claim's two forms disagree (limit {limit})"
    assert in_sql[0].id == ids[4] and {ids[0], ids[1], ids[3]}.isdisjoint(d.id for d in in_sql)
