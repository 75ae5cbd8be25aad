"""Slots from availability: across days and weeks, in the visitor's zone, and through a
daylight-saving change (the wall-clock time stays, the UTC time moves; a time that does not
exist that day is skipped)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from core.errors import DomainError
from models.home_visits.slots import Availability, generate
from models.home_visits.tables import VisitSlot
from tests.client import GraphQLClient
from tests.factories import make_world
from tests.helpers import gid, user_errors
from tests.test_home_visits_support import OFFER, offer


def _local(slots: list[tuple[dt.datetime, dt.datetime]], zone: str) -> list[str]:
    return [s.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %a %H:%M") for s, _ in slots]


def _availability(**changes: object) -> Availability:
    values: dict[str, object] = {
        "first_day": dt.date(2026, 11, 7),
        "last_day": dt.date(2026, 11, 15),
        "weekdays": (5, 6),  # Saturday, Sunday
        "day_starts": dt.time(9, 0),
        "day_ends": dt.time(12, 0),
        "visit_minutes": 45,
        "travel_minutes": 15,
        "timezone": "Asia/Shanghai",
    }
    values.update(changes)
    return Availability(**values)  # type: ignore[arg-type]


def test_weekend_mornings_over_two_weeks() -> None:
    slots = generate(_availability())

    assert _local(slots, "Asia/Shanghai") == [
        f"2026-11-{day} {name} {hour}"
        for day, name in (("07", "Sat"), ("08", "Sun"), ("14", "Sat"), ("15", "Sun"))
        for hour in ("09:00", "10:00", "11:00")
    ]
    assert slots[0][0] == dt.datetime(2026, 11, 7, 1, 0, tzinfo=dt.UTC)  # 09:00 in Shanghai
    assert all(end - start == dt.timedelta(minutes=45) for start, end in slots)


def test_the_last_visit_ends_by_the_end_of_the_window() -> None:
    slots = generate(_availability(last_day=dt.date(2026, 11, 7), day_ends=dt.time(11, 44)))

    assert _local(slots, "Asia/Shanghai") == ["2026-11-07 Sat 09:00", "2026-11-07 Sat 10:00"]


def test_another_zone_keeps_its_own_wall_clock() -> None:
    slots = generate(_availability(timezone="Asia/Urumqi", last_day=dt.date(2026, 11, 7)))

    assert _local(slots, "Asia/Urumqi")[0] == "2026-11-07 Sat 09:00"
    assert slots[0][0] == dt.datetime(2026, 11, 7, 3, 0, tzinfo=dt.UTC)  # UTC+6


def test_across_the_autumn_change_the_local_time_stays_and_utc_moves() -> None:
    # Berlin leaves summer time on Sunday 25 October 2026 at 03:00
    slots = generate(
        _availability(
            first_day=dt.date(2026, 10, 24),
            last_day=dt.date(2026, 10, 25),
            day_ends=dt.time(10, 0),
            timezone="Europe/Berlin",
        )
    )

    assert _local(slots, "Europe/Berlin") == ["2026-10-24 Sat 09:00", "2026-10-25 Sun 09:00"]
    assert [s.hour for s, _ in slots] == [7, 8]  # UTC+2, then UTC+1


def test_a_wall_clock_time_that_does_not_exist_is_skipped() -> None:
    # New York springs forward on Sunday 14 March 2027: 02:00-03:00 does not exist
    slots = generate(
        _availability(
            first_day=dt.date(2027, 3, 14),
            last_day=dt.date(2027, 3, 14),
            weekdays=(6,),
            day_starts=dt.time(1, 0),
            day_ends=dt.time(4, 0),
            visit_minutes=45,
            travel_minutes=15,
            timezone="America/New_York",
        )
    )

    assert _local(slots, "America/New_York") == ["2027-03-14 Sun 01:00", "2027-03-14 Sun 03:00"]
    assert slots[1][0] - slots[0][0] == dt.timedelta(hours=1)  # one real hour apart


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"last_day": dt.date(2026, 11, 1)}, "lastDay"),
        ({"weekdays": ()}, "weekdays"),
        ({"visit_minutes": 5}, "visitMinutes"),
        ({"day_ends": dt.time(8, 0)}, "dayEnds"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
    ],
)
def test_bad_availability_is_a_typed_error(changes: dict[str, object], field: str) -> None:
    with pytest.raises(DomainError) as raised:
        generate(_availability(**changes))

    assert [(e.code.value, e.field) for e in raised.value.errors] == [("INVALID", field)]


async def test_offering_through_the_api_in_a_zone_and_again_adds_no_duplicates(
    gql: GraphQLClient,
) -> None:
    world = await make_world()
    teacher = await gql.token(world.teacher_a.phone)

    first = await offer(gql, teacher, world.class_a.id, timezone="Europe/Berlin")
    again = await offer(gql, teacher, world.class_a.id, timezone="Europe/Berlin")
    bad = await gql(
        OFFER,
        {
            "input": {
                "classId": gid("SchoolClass", world.class_a.id),
                "firstDay": "2026-11-07",
                "lastDay": "2026-11-07",
                "weekdays": [8],
                "dayStarts": "09:00:00",
                "dayEnds": "12:00:00",
            }
        },
        token=teacher,
    )

    assert [s["timezone"] for s in first] == ["Europe/Berlin"] * 3
    assert dt.datetime.fromisoformat(first[0]["startsAt"]) == dt.datetime(
        2026, 11, 7, 8, 0, tzinfo=dt.UTC
    )
    assert again == []  # the same times again: nothing new
    assert await VisitSlot.all().count() == 3
    assert user_errors(bad["data"]["offerHomeVisitSlots"]) == [("INVALID", "weekdays")]
