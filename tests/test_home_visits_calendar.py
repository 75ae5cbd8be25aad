"""The visitor's private iCalendar feed over HTTP: parsed back, with time zones; a new URL
revokes the old one; revoking ends it."""

from __future__ import annotations

import datetime as dt

import httpx
import icalendar

from models.home_visits import CalendarFeed
from tests.client import GraphQLClient
from tests.factories import make_world
from tests.helpers import gid
from tests.test_home_visits_support import CO_VISITOR, book, offer

RESET = "mutation { resetHomeVisitCalendarFeed { url userErrors { code field } } }"
REVOKE = "mutation { revokeHomeVisitCalendarFeed { revoked } }"


def _path(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


async def test_the_feed_lists_the_visitors_visits_in_their_zone(
    gql: GraphQLClient, http: httpx.AsyncClient
) -> None:
    world = await make_world()
    teacher = await gql.token(world.teacher_a.phone)
    slots = await offer(gql, teacher, world.class_a.id)
    visit = await book(gql, await gql.token(world.parent_a.phone), slots[1]["id"])
    await gql(
        CO_VISITOR,
        {"input": {"visitId": visit["visit"]["id"], "personId": gid("Person", world.counselor.id)}},
        token=teacher,
    )
    url = (await gql(RESET, token=teacher))["data"]["resetHomeVisitCalendarFeed"]["url"]
    counselor_url = (await gql(RESET, token=await gql.token(world.counselor.phone)))["data"][
        "resetHomeVisitCalendarFeed"
    ]["url"]

    response = await http.get(_path(url))
    counselor_feed = await http.get(_path(counselor_url))

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(response.content)
    (event,) = cal.walk("VEVENT")
    assert event.decoded("dtstart") == dt.datetime.fromisoformat(slots[1]["startsAt"])
    assert event.decoded("dtstart").utcoffset() == dt.timedelta(hours=8)
    assert str(event["SUMMARY"]) == f"家访：{world.class_a.name} {world.student_a.name}"
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    assert len(icalendar.Calendar.from_ical(counselor_feed.content).walk("VEVENT")) == 1
    stored = await CalendarFeed.get(user_id=world.teacher_a.id)
    assert url.split("/")[-1].removesuffix(".ics") not in stored.token_hash  # kept hashed


async def test_a_new_url_revokes_the_old_and_revoking_ends_the_feed(
    gql: GraphQLClient, http: httpx.AsyncClient
) -> None:
    world = await make_world()
    teacher = await gql.token(world.teacher_a.phone)
    first = (await gql(RESET, token=teacher))["data"]["resetHomeVisitCalendarFeed"]["url"]
    second = (await gql(RESET, token=teacher))["data"]["resetHomeVisitCalendarFeed"]["url"]

    old = await http.get(_path(first))
    new = await http.get(_path(second))
    revoked = await gql(REVOKE, token=teacher)
    after = await http.get(_path(second))
    guessed = await http.get("/calendar/home-visits/not-a-token.ics")

    assert (old.status_code, new.status_code) == (404, 200)
    assert revoked["data"]["revokeHomeVisitCalendarFeed"]["revoked"] is True
    assert (after.status_code, guessed.status_code) == (404, 404)
    assert await CalendarFeed.all().count() == 0
