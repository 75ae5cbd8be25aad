"""A person's first settings written at once from two devices (or a retry racing the first
try) both succeed: one row per person, the last write wins, never a unique-key INTERNAL.

The race needs a database with several connections: on PostgreSQL the requests run
concurrently; on SQLite (one connection) they run in turn and the tests check the same rows.
"""

from __future__ import annotations

import asyncio

from notifications.models import PushPreference, QuietHours
from tests.client import GraphQLClient
from tests.factories import make_user
from tests.helpers import user_errors

SET_QUIET_HOURS = """
mutation SetQuietHours($input: SetQuietHoursInput!) {
  setQuietHours(input: $input) {
    quietHours { enabled start end timezone }
    userErrors { code field message }
  }
}
"""

SET_PREFERENCE = """
mutation SetPreference($input: SetNotificationPreferenceInput!) {
  setNotificationPreference(input: $input) {
    preferences { category pushEnabled }
    userErrors { code field message }
  }
}
"""

CONCURRENT = 30


async def test_concurrent_first_quiet_hours_all_succeed(gql: GraphQLClient) -> None:
    # given a parent who never set quiet hours
    user = await make_user()
    token = await gql.token(user.phone)

    # when many first calls arrive at once
    answers = await asyncio.gather(
        *(
            gql(SET_QUIET_HOURS, {"input": {"start": "21:30", "end": "06:45"}}, token=token)
            for _ in range(CONCURRENT)
        )
    )

    # then every call is answered with the window, and one row holds it
    assert [a.get("errors") for a in answers] == [None] * CONCURRENT
    assert {a["data"]["setQuietHours"]["quietHours"]["start"] for a in answers} == {"21:30"}
    rows = await QuietHours.filter(user_id=user.id).values_list("start_minute", "end_minute")
    assert rows == [(21 * 60 + 30, 6 * 60 + 45)]


async def test_concurrent_first_preference_all_succeed(gql: GraphQLClient) -> None:
    # given a parent who never switched a category
    user = await make_user()
    token = await gql.token(user.phone)
    variables = {"input": {"category": "ANNOUNCEMENT", "pushEnabled": False}}

    # when many first switch-offs arrive at once
    answers = await asyncio.gather(
        *(gql(SET_PREFERENCE, variables, token=token) for _ in range(CONCURRENT))
    )

    # then every call succeeds and one row says off
    assert [a.get("errors") for a in answers] == [None] * CONCURRENT
    assert all(user_errors(a["data"]["setNotificationPreference"]) == [] for a in answers)
    rows = await PushPreference.filter(user_id=user.id).values_list("category", "push_enabled")
    assert rows == [("ANNOUNCEMENT", False)]


async def test_a_later_call_updates_the_same_row(gql: GraphQLClient) -> None:
    # given quiet hours already set
    user = await make_user()
    token = await gql.token(user.phone)
    await gql(SET_QUIET_HOURS, {"input": {"start": "21:30", "end": "06:45"}}, token=token)

    # when they are changed
    answer = await gql(
        SET_QUIET_HOURS,
        {"input": {"start": "23:00", "end": "06:00", "timezone": "Asia/Urumqi"}},
        token=token,
    )

    # then the one row holds the new window
    assert answer["data"]["setQuietHours"]["quietHours"] == {
        "enabled": True,
        "start": "23:00",
        "end": "06:00",
        "timezone": "Asia/Urumqi",
    }
    rows = await QuietHours.filter(user_id=user.id).values_list("start_minute", "timezone")
    assert rows == [(23 * 60, "Asia/Urumqi")]


async def test_a_timezone_must_be_a_zone_of_the_list(gql: GraphQLClient) -> None:
    # given a parent
    user = await make_user()
    token = await gql.token(user.phone)

    # when quiet hours name a directory of the zone database, a path, or no zone at all
    answers = [
        await gql(SET_QUIET_HOURS, {"input": {"timezone": tz}}, token=token)
        for tz in ("America", "../../etc/passwd", "Mars/Olympus", "")
    ]

    # then each is a typed INVALID on `timezone` that names no file, and nothing is stored
    for answer in answers:
        assert "errors" not in answer, answer
        payload = answer["data"]["setQuietHours"]
        assert user_errors(payload) == [("INVALID", "timezone")]
        assert "/" not in payload["userErrors"][0]["message"]
    assert not await QuietHours.exists(user_id=user.id)
