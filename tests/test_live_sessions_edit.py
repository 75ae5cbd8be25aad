"""Editing and cancelling a live session through HTTP: a new start time moves every
registered parent's reminder and tells each of them once, a session under way keeps its
start time but may fix its stream URL, a cancelled session's reminders never fire and its
registered parents are told once, and every refusal is typed and writes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from core.clock import FrozenClock
from models.jobs import Job, JobConfig, JobOutcome, JobRunner, JobStatus
from models.live_sessions import REMINDER_KIND, LiveSession
from models.schools import StaffRole
from notifications.models import Notification, NotificationOutbox
from tests.client import GraphQLClient
from tests.factories import make_staff, make_world
from tests.helpers import user_errors
from tests.test_live_sessions import REGISTER, REPLAY, SESSION_FIELDS, create

HOUR = dt.timedelta(hours=1)
MINUTES_30 = dt.timedelta(minutes=30)
FIELDS = f"{SESSION_FIELDS} summary presenter durationMinutes cancelledAt"
UPDATE = f"""
mutation($input: UpdateLiveSessionInput!) {{ updateLiveSession(input: $input) {{
  liveSession {{ {FIELDS} }} userErrors {{ code field message }} }} }}
"""
CANCEL = f"""
mutation($input: CancelLiveSessionInput!) {{ cancelLiveSession(input: $input) {{
  liveSession {{ {FIELDS} }} userErrors {{ code field message }} }} }}
"""
OLD_START = dt.datetime(2026, 11, 5, 11, 30, tzinfo=dt.UTC)  # 19:30 in Shanghai
NEW_START = dt.datetime(2026, 11, 6, 12, 30, tzinfo=dt.UTC)  # 20:30 the next day


async def update(gql: GraphQLClient, token: str, session_id: str, **changes: Any) -> dict[str, Any]:
    body = await gql(UPDATE, {"input": {"liveSessionId": session_id, **changes}}, token=token)
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"]["updateLiveSession"]
    return result


async def cancel(gql: GraphQLClient, token: str, session_id: str) -> dict[str, Any]:
    body = await gql(CANCEL, {"input": {"liveSessionId": session_id}}, token=token)
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"]["cancelLiveSession"]
    return result


async def registered_session(gql: GraphQLClient, world: Any) -> tuple[str, str]:
    """A district session at 19:30 on 5 November both parents registered for; the
    lecturer's token and the session's id."""
    lecturer = await gql.token(world.lecturer.phone)
    session = (await create(gql, lecturer))["liveSession"]
    for parent in (world.parent_a, world.parent_b):
        body = await gql(
            REGISTER,
            {"input": {"liveSessionId": session["id"]}},
            token=await gql.token(parent.phone),
        )
        assert user_errors(body["data"]["registerForLiveSession"]) == []
    return lecturer, session["id"]


async def reminder_jobs() -> list[tuple[JobStatus, dt.datetime]]:
    return sorted(await Job.filter(kind=REMINDER_KIND).values_list("status", "run_at"))


async def test_a_new_start_time_moves_the_reminders_and_tells_registered_parents_once(
    gql: GraphQLClient, clock: FrozenClock
) -> None:
    # given a session two parents registered for
    world = await make_world()
    lecturer, session_id = await registered_session(gql, world)

    # when its lecturer moves it to 20:30 the next day (and renames it on the way)
    moved = await update(
        gql, lecturer, session_id, startsAt="2026-11-06T20:30:00+08:00", title="改期后的讲堂"
    )
    jobs_after_move = await reminder_jobs()
    notices = await Notification.all().values_list("recipient_id", "title", "body")
    runner = JobRunner(clock, JobConfig(), "move-test")
    clock.set(OLD_START - MINUTES_30)
    at_old_time = await runner.run_until_idle()
    clock.set(NEW_START - MINUTES_30)
    at_new_time = await runner.run_until_idle()

    # then each parent is told once of the new time, and reminded once, before the new start
    assert user_errors(moved) == []
    assert moved["liveSession"]["startsAt"] == "2026-11-06T12:30:00+00:00"
    assert moved["liveSession"]["title"] == "改期后的讲堂"
    pending, cancelled = JobStatus.PENDING, JobStatus.CANCELLED
    assert jobs_after_move == sorted(
        [(cancelled, OLD_START - MINUTES_30)] * 2 + [(pending, NEW_START - MINUTES_30)] * 2
    )
    assert sorted(notices) == sorted(
        (parent.id, "讲堂改期：改期后的讲堂", "您报名的讲堂改为 2026-11-06 20:30 开始。")
        for parent in (world.parent_a, world.parent_b)
    )
    assert at_old_time == []
    assert at_new_time == [JobOutcome.DONE, JobOutcome.DONE]
    reminders = await Notification.filter(title__startswith="讲堂提醒").values_list(
        "recipient_id", "body"
    )
    assert sorted(reminders) == sorted(
        (parent.id, "您报名的讲堂将于 20:30 开始。") for parent in (world.parent_a, world.parent_b)
    )
    templates = await NotificationOutbox.all().values_list("template", flat=True)
    assert sorted(templates) == [
        "live_sessions.reminder",
        "live_sessions.reminder",
        "live_sessions.rescheduled",
    ]


async def test_moved_after_its_reminder_was_sent_it_is_reminded_again(
    gql: GraphQLClient, clock: FrozenClock
) -> None:
    # given a session whose reminder went out 30 minutes before its start
    world = await make_world()
    lecturer, session_id = await registered_session(gql, world)
    runner = JobRunner(clock, JobConfig(), "late-move")
    clock.set(OLD_START - MINUTES_30)
    assert len(await runner.run_until_idle()) == 2

    # when the lecturer, ten minutes before the start, moves it an hour later
    clock.set(OLD_START - dt.timedelta(minutes=10))
    lecturer = await gql.token(world.lecturer.phone)
    moved = await update(gql, lecturer, session_id, startsAt="2026-11-05T20:30:00+08:00")
    clock.set(OLD_START + MINUTES_30)
    again = await runner.run_until_idle()

    # then the parents hear of the new time and get a reminder for it
    assert user_errors(moved) == []
    assert again == [JobOutcome.DONE, JobOutcome.DONE]
    bodies = await Notification.filter(recipient_id=world.parent_a.id).values_list(
        "body", flat=True
    )
    assert sorted(bodies) == sorted(
        [
            "您报名的讲堂将于 19:30 开始。",
            "您报名的讲堂改为 2026-11-05 20:30 开始。",
            "您报名的讲堂将于 20:30 开始。",
        ]
    )


async def test_a_session_under_way_keeps_its_start_but_may_fix_its_stream(
    gql: GraphQLClient, clock: FrozenClock
) -> None:
    world = await make_world()
    lecturer, session_id = await registered_session(gql, world)
    clock.set(OLD_START + dt.timedelta(minutes=5))
    lecturer = await gql.token(world.lecturer.phone)

    moved = await update(gql, lecturer, session_id, startsAt="2026-11-06T20:30:00+08:00")
    fixed = await update(
        gql,
        lecturer,
        session_id,
        streamUrl="https://live.example.cn/rooms/1002",
        durationMinutes=120,
    )
    same_start = await update(gql, lecturer, session_id, startsAt="2026-11-05T19:30:00+08:00")

    assert user_errors(moved) == [("ALREADY_STARTED", "startsAt")]
    assert user_errors(fixed) == [] and user_errors(same_start) == []
    row = await LiveSession.get()
    assert (row.starts_at, row.stream_url, row.duration_minutes) == (
        OLD_START,
        "https://live.example.cn/rooms/1002",
        120,
    )
    assert await NotificationOutbox.all().count() == 0


async def test_edit_refusals_are_typed_and_write_nothing(gql: GraphQLClient) -> None:
    # given a registered session, another lecturer of the district, a parent
    world = await make_world()
    lecturer, session_id = await registered_session(gql, world)
    colleague = await gql.token(
        (await make_staff(StaffRole.LECTURER, district=world.district)).phone
    )
    jobs_before = await reminder_jobs()

    # when bad edits are sent, each with a good title beside it
    title = {"title": "不该保存的标题"}
    past = await update(gql, lecturer, session_id, startsAt="2026-11-01T19:30:00+08:00", **title)
    far = await update(gql, lecturer, session_id, startsAt="2028-01-01T19:30:00+08:00", **title)
    plain_http = await update(gql, lecturer, session_id, streamUrl="http://x.cn/1", **title)
    short = await update(gql, lecturer, session_id, durationMinutes=5, **title)
    empty_title = await update(gql, lecturer, session_id, title="  ")
    not_theirs = await update(gql, colleague, session_id, **title)
    not_theirs_cancel = await cancel(gql, colleague, session_id)
    by_parent = await gql(
        UPDATE,
        {"input": {"liveSessionId": session_id, **title}},
        token=await gql.token(world.parent_a.phone),
    )

    # then each is refused on its field, and the session, its reminders and inboxes stay
    assert user_errors(past) == [("INVALID", "startsAt")]
    assert user_errors(far) == [("INVALID", "startsAt")]
    assert user_errors(plain_http) == [("INVALID", "streamUrl")]
    assert user_errors(short) == [("INVALID", "durationMinutes")]
    assert user_errors(empty_title) == [("INVALID", "title")]
    assert user_errors(not_theirs) == [("FORBIDDEN", "liveSessionId")]  # it sees the session
    assert user_errors(not_theirs_cancel) == [("FORBIDDEN", "liveSessionId")]
    assert by_parent["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    row = await LiveSession.get()
    assert (row.title, row.starts_at, row.cancelled_at) == ("如何与青春期孩子沟通", OLD_START, None)
    assert await reminder_jobs() == jobs_before
    assert await NotificationOutbox.all().count() == 0


async def test_cancelling_stops_the_reminders_and_tells_registered_parents_once(
    gql: GraphQLClient, clock: FrozenClock
) -> None:
    # given a session both parents registered for
    world = await make_world()
    lecturer, session_id = await registered_session(gql, world)

    # when its lecturer cancels it twice, and then anyone tries to use it
    cancelled = await cancel(gql, lecturer, session_id)
    again = await cancel(gql, lecturer, session_id)
    edited = await update(gql, lecturer, session_id, title="还能改吗")
    registered = (
        await gql(
            REGISTER,
            {"input": {"liveSessionId": session_id}},
            token=await gql.token(world.parent_a.phone),
        )
    )["data"]["registerForLiveSession"]
    clock.set(OLD_START - MINUTES_30)
    reminders = await JobRunner(clock, JobConfig(), "cancel-test").run_until_idle()
    clock.set(OLD_START + HOUR)
    replay = (
        await gql(
            REPLAY,
            {
                "input": {
                    "liveSessionId": session_id,
                    "mediaUrl": "https://v.example.cn/1.mp4",
                    "durationSeconds": 600,
                }
            },
            token=await gql.token(world.lecturer.phone),
        )
    )["data"]["setLiveSessionReplay"]

    # then one notice per registered parent, no reminder, and the session closed
    assert user_errors(cancelled) == [] and user_errors(again) == []
    assert cancelled["liveSession"]["cancelledAt"] == "2026-11-02T02:00:00+00:00"
    assert again["liveSession"]["cancelledAt"] == cancelled["liveSession"]["cancelledAt"]
    assert user_errors(edited) == [("SESSION_CANCELLED", "liveSessionId")]
    assert user_errors(registered) == [("SESSION_CANCELLED", "liveSessionId")]
    assert user_errors(replay) == [("SESSION_CANCELLED", "liveSessionId")]
    assert reminders == []
    assert [status for status, _ in await reminder_jobs()] == [JobStatus.CANCELLED] * 2
    (outbox,) = await NotificationOutbox.all()
    assert (outbox.template, outbox.deep_link) == (
        "live_sessions.cancelled",
        f"homeroom://live-sessions/{(await LiveSession.get()).id}",
    )
    notices = await Notification.all().values_list("recipient_id", "body")
    assert sorted(notices) == sorted(
        (parent.id, "您报名的讲堂（原定 2026-11-05 19:30 开始）已取消。")
        for parent in (world.parent_a, world.parent_b)
    )
    row = await LiveSession.get()
    assert row.title == "如何与青春期孩子沟通"


async def test_a_session_under_way_cannot_be_cancelled(
    gql: GraphQLClient, clock: FrozenClock
) -> None:
    world = await make_world()
    _, session_id = await registered_session(gql, world)
    clock.set(OLD_START + dt.timedelta(minutes=1))

    late = await cancel(gql, await gql.token(world.lecturer.phone), session_id)

    assert user_errors(late) == [("ALREADY_STARTED", "liveSessionId")]
    assert (await LiveSession.get()).cancelled_at is None
    assert await NotificationOutbox.all().count() == 0
