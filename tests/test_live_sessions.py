"""Live sessions (家庭教育讲堂) through HTTP: who sees which session (scope and age band),
idempotent registration with one reminder job, cancelling it, the reminder push, the replay
as a lesson, the lecturer's registration count, and a list in constant SQL."""

from __future__ import annotations

import datetime as dt
from typing import Any

from core.clock import FrozenClock
from models.courses import LessonProgress
from models.jobs import Job, JobConfig, JobRunner, JobStatus
from models.live_sessions import REMINDER_KIND, LiveSession, LiveSessionRegistration
from models.schools import StaffRole
from notifications.models import Notification, NotificationOutbox
from server.demo import DEMO_LOGINS, DEMO_PASSWORD, seed_demo
from tests.client import GraphQLClient
from tests.conftest import QueryCounter
from tests.factories import START, make_class, make_guardian, make_staff, make_student, make_world
from tests.helpers import gid, user_errors

HOUR = dt.timedelta(hours=1)
SESSION_FIELDS = """
  id title startsAt streamUrl audienceScope ageBands viewerRegistered registrationCount
  replay { id title mediaUrl durationSeconds }
"""
CREATE = f"""
mutation($input: CreateLiveSessionInput!) {{ createLiveSession(input: $input) {{
  liveSession {{ {SESSION_FIELDS} }} userErrors {{ code field message }} }} }}
"""
REGISTER = f"""
mutation($input: LiveSessionRegistrationInput!) {{ registerForLiveSession(input: $input) {{
  liveSession {{ {SESSION_FIELDS} }} userErrors {{ code field message }} }} }}
"""
UNREGISTER = f"""
mutation($input: LiveSessionRegistrationInput!) {{ cancelLiveSessionRegistration(input: $input) {{
  liveSession {{ {SESSION_FIELDS} }} userErrors {{ code field message }} }} }}
"""
REPLAY = f"""
mutation($input: SetLiveSessionReplayInput!) {{ setLiveSessionReplay(input: $input) {{
  liveSession {{ {SESSION_FIELDS} }} userErrors {{ code field message }} }} }}
"""
LIST = f"""
query($first: Int, $upcoming: Boolean) {{ liveSessions(first: $first, upcoming: $upcoming) {{
  edges {{ node {{ {SESSION_FIELDS} school {{ name }} }} }} }} }}
"""
NODE = f"query($id: ID!) {{ node(id: $id) {{ ... on LiveSession {{ {SESSION_FIELDS} }} }} }}"
PROGRESS = """
mutation($input: ReportLessonProgressInput!) { reportLessonProgress(input: $input) {
  userErrors { code field } } }
"""


def session_input(**changes: Any) -> dict[str, Any]:
    value: dict[str, Any] = {
        "title": "如何与青春期孩子沟通",
        "summary": "家庭教育讲师团线上讲堂，欢迎家长报名。",
        "presenter": "王老师",
        "startsAt": "2026-11-05T19:30:00+08:00",  # three days after START
        "durationMinutes": 90,
        "streamUrl": "https://live.example.cn/rooms/1001",
        "audienceScope": "DISTRICT",
    }
    value.update(changes)
    return value


async def create(gql: GraphQLClient, token: str, **changes: Any) -> dict[str, Any]:
    body = await gql(CREATE, {"input": session_input(**changes)}, token=token)
    result: dict[str, Any] = body["data"]["createLiveSession"]
    return result


async def titles(gql: GraphQLClient, token: str) -> list[str]:
    body = await gql(LIST, {"first": 50}, token=token)
    return [e["node"]["title"] for e in body["data"]["liveSessions"]["edges"]]


async def test_targeting_by_scope_and_age_band(gql: GraphQLClient) -> None:
    # given a lecturer's sessions for the district's 初中 families and for one school, a
    # parent of a 五年级 child (小学高段) and one of an 八年级 child (初中), a family of
    # another district
    world = await make_world()
    lecturer = await gql.token(world.lecturer.phone)
    junior = await create(gql, lecturer, title="初中讲堂", ageBands=["JUNIOR_HIGH"])
    school = await create(
        gql,
        lecturer,
        title="本校讲堂",
        audienceScope="SCHOOL",
        schoolId=gid("School", world.school.id),
    )
    elsewhere = await make_guardian(await make_student(await make_class(world.other_school)))

    # when each lists the sessions and asks for the 初中 one by id
    seen = {
        name: await titles(gql, await gql.token(user.phone))
        for name, user in (
            ("primary", world.parent_a),
            ("junior", world.parent_b),
            ("elsewhere", elsewhere),
            ("admin", world.district_admin),
        )
    }
    other_parent = await gql.token(elsewhere.phone)
    by_id = await gql(NODE, {"id": junior["liveSession"]["id"]}, token=other_parent)

    # then each family sees the sessions meant for its children only
    assert user_errors(junior) == [] and user_errors(school) == []
    assert junior["liveSession"]["ageBands"] == ["JUNIOR_HIGH"]
    assert seen["primary"] == ["本校讲堂"]
    assert seen["junior"] == ["初中讲堂", "本校讲堂"]
    assert seen["elsewhere"] == []
    assert seen["admin"] == ["初中讲堂", "本校讲堂"]
    assert by_id["data"]["node"] is None


async def test_registration_is_idempotent_and_schedules_one_reminder(
    gql: GraphQLClient, clock: FrozenClock
) -> None:
    # given a session and a parent it is meant for
    world = await make_world()
    lecturer = await gql.token(world.lecturer.phone)
    session = (await create(gql, lecturer))["liveSession"]
    parent = await gql.token(world.parent_a.phone)

    # when the parent registers twice, and the lecturer and the parent look at it
    first = (await gql(REGISTER, {"input": {"liveSessionId": session["id"]}}, token=parent))[
        "data"
    ]["registerForLiveSession"]
    again = (await gql(REGISTER, {"input": {"liveSessionId": session["id"]}}, token=parent))[
        "data"
    ]["registerForLiveSession"]
    lecturers_view = (await gql(NODE, {"id": session["id"]}, token=lecturer))["data"]["node"]

    # then one registration and one reminder, 30 minutes before the start; the count is the
    # lecturer's to see, not the parent's
    assert user_errors(first) == [] and user_errors(again) == []
    assert again["liveSession"]["viewerRegistered"] is True
    assert again["liveSession"]["registrationCount"] is None
    assert lecturers_view["registrationCount"] == 1
    assert await LiveSessionRegistration.all().count() == 1
    (job,) = await Job.filter(kind=REMINDER_KIND)
    row = await LiveSession.get()
    assert job.status == JobStatus.PENDING
    assert job.run_at == row.starts_at - dt.timedelta(minutes=30)


async def test_the_reminder_reaches_registered_parents_only_and_cancelling_stops_it(
    gql: GraphQLClient, clock: FrozenClock
) -> None:
    # given a session both parents of the school may join; both register, one cancels
    world = await make_world()
    lecturer = await gql.token(world.lecturer.phone)
    session = (await create(gql, lecturer))["liveSession"]
    ref = {"input": {"liveSessionId": session["id"]}}
    staying, leaving = await gql.token(world.parent_a.phone), await gql.token(world.parent_b.phone)
    await gql(REGISTER, ref, token=staying)
    await gql(REGISTER, ref, token=leaving)
    cancelled = (await gql(UNREGISTER, ref, token=leaving))["data"]["cancelLiveSessionRegistration"]
    cancelled_again = (await gql(UNREGISTER, ref, token=leaving))["data"][
        "cancelLiveSessionRegistration"
    ]

    # when the job runner runs an hour before the start, then at the reminder time
    runner = JobRunner(clock, JobConfig(), "live-test")
    starts = (await LiveSession.get()).starts_at
    clock.set(starts - HOUR)
    early = await runner.run_until_idle()
    clock.set(starts - dt.timedelta(minutes=30))
    on_time = await runner.run_until_idle()

    # then the one still registered gets one inbox entry (and push), naming 19:30 local
    assert user_errors(cancelled) == [] and user_errors(cancelled_again) == []
    assert cancelled["liveSession"]["viewerRegistered"] is False
    assert early == [] and len(on_time) == 1
    entries = await Notification.all().values_list("recipient_id", "title", "body")
    assert entries == [
        (world.parent_a.id, "讲堂提醒：如何与青春期孩子沟通", "您报名的讲堂将于 19:30 开始。")
    ]
    (outbox,) = await NotificationOutbox.all()
    assert outbox.deep_link == f"homeroom://live-sessions/{(await LiveSession.get()).id}"
    statuses = sorted(await Job.filter(kind=REMINDER_KIND).values_list("status", flat=True))
    assert statuses == sorted([JobStatus.DONE, JobStatus.CANCELLED])


async def test_registration_refusals(gql: GraphQLClient, clock: FrozenClock) -> None:
    # given a session for 初中 families, a parent of a 小学 child, and one of another district
    world = await make_world()
    lecturer = await gql.token(world.lecturer.phone)
    session = (await create(gql, lecturer, ageBands=["JUNIOR_HIGH"]))["liveSession"]
    ref = {"input": {"liveSessionId": session["id"]}}
    primary = await gql.token(world.parent_a.phone)
    junior = await gql.token(world.parent_b.phone)

    # when the 小学 parent registers, a bad id is sent, and the 初中 parent registers late
    not_for_them = (await gql(REGISTER, ref, token=primary))["data"]["registerForLiveSession"]
    wrong_type = (
        await gql(REGISTER, {"input": {"liveSessionId": gid("School", 1)}}, token=junior)
    )["data"]["registerForLiveSession"]
    clock.set((await LiveSession.get()).starts_at + dt.timedelta(minutes=1))
    junior = await gql.token(world.parent_b.phone)  # signed in again, days later
    too_late = (await gql(REGISTER, ref, token=junior))["data"]["registerForLiveSession"]

    # then each is refused on the session's field, and nothing is registered
    assert user_errors(not_for_them) == [("NOT_FOUND", "liveSessionId")]
    assert user_errors(wrong_type) == [("INVALID", "liveSessionId")]
    assert user_errors(too_late) == [("ALREADY_STARTED", "liveSessionId")]
    assert await LiveSessionRegistration.all().count() == 0
    assert await Job.filter(kind=REMINDER_KIND).count() == 0


async def test_creating_checks_its_input_and_who_asks(gql: GraphQLClient) -> None:
    # given a lecturer and a parent
    world = await make_world()
    lecturer = await gql.token(world.lecturer.phone)
    parent = await gql.token(world.parent_a.phone)

    # when sessions with bad fields are created, and a parent tries to create one
    past = await create(gql, lecturer, startsAt="2026-11-01T19:30:00+08:00")
    plain_http = await create(gql, lecturer, streamUrl="http://live.example.cn/1")
    no_school = await create(gql, lecturer, audienceScope="SCHOOL")
    foreign_school = await create(
        gql, lecturer, audienceScope="SCHOOL", schoolId=gid("School", world.other_school.id)
    )
    short = await create(gql, lecturer, durationMinutes=5)
    by_parent = await gql(CREATE, {"input": session_input()}, token=parent)

    # then typed errors on each field, a FORBIDDEN root field for the parent, and no rows
    assert user_errors(past) == [("INVALID", "startsAt")]
    assert user_errors(plain_http) == [("INVALID", "streamUrl")]
    assert user_errors(no_school) == [("REQUIRED", "schoolId")]
    assert user_errors(foreign_school) == [("NOT_FOUND", "schoolId")]
    assert user_errors(short) == [("INVALID", "durationMinutes")]
    assert by_parent["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await LiveSession.all().count() == 0


async def test_the_replay_is_a_lesson_for_the_sessions_families(
    gql: GraphQLClient, clock: FrozenClock
) -> None:
    # given a session a parent registered for, and another lecturer of the district
    world = await make_world()
    lecturer = await gql.token(world.lecturer.phone)
    other = await make_staff(StaffRole.LECTURER, district=world.district)
    session = (await create(gql, lecturer))["liveSession"]
    parent = await gql.token(world.parent_a.phone)
    await gql(REGISTER, {"input": {"liveSessionId": session["id"]}}, token=parent)
    replay = {
        "liveSessionId": session["id"],
        "mediaUrl": "/media/lessons/2026/11/0123456789abcdef0123456789abcdef.mp4",
        "durationSeconds": 5400,
    }

    # when the replay is set before the start, by another lecturer, then by its lecturer after
    early = (await gql(REPLAY, {"input": replay}, token=lecturer))["data"]["setLiveSessionReplay"]
    clock.set((await LiveSession.get()).starts_at + 2 * HOUR)
    lecturer, parent = await gql.token(world.lecturer.phone), await gql.token(world.parent_a.phone)
    not_theirs = (await gql(REPLAY, {"input": replay}, token=await gql.token(other.phone)))["data"][
        "setLiveSessionReplay"
    ]
    bad_url = (await gql(REPLAY, {"input": {**replay, "mediaUrl": "ftp://x/y"}}, token=lecturer))[
        "data"
    ]["setLiveSessionReplay"]
    done = (await gql(REPLAY, {"input": replay}, token=lecturer))["data"]["setLiveSessionReplay"]
    replaced = (await gql(REPLAY, {"input": {**replay, "durationSeconds": 5000}}, token=lecturer))[
        "data"
    ]["setLiveSessionReplay"]
    seen = (await gql(NODE, {"id": session["id"]}, token=parent))["data"]["node"]
    watched = (
        await gql(
            PROGRESS,
            {
                "input": {
                    "lessonId": seen["replay"]["id"],
                    "fromSeconds": 0,
                    "toSeconds": 600,
                    "sequence": 1,
                    "completed": False,
                }
            },
            token=parent,
        )
    )["data"]["reportLessonProgress"]
    past = await gql(LIST, {"first": 10, "upcoming": False}, token=parent)

    # then refused until it has begun and for anyone else; then one lesson, replaced in place,
    # that the family watches with progress like any lesson
    assert user_errors(early) == [("NOT_STARTED", "liveSessionId")]
    assert user_errors(not_theirs) == [("FORBIDDEN", "liveSessionId")]
    assert user_errors(bad_url) == [("INVALID_MEDIA_URL", "mediaUrl")]
    assert user_errors(done) == [] and user_errors(replaced) == []
    assert done["liveSession"]["replay"]["id"] == replaced["liveSession"]["replay"]["id"]
    assert seen["replay"]["title"] == "回放：如何与青春期孩子沟通"
    assert seen["replay"]["mediaUrl"] == replay["mediaUrl"]
    assert seen["replay"]["durationSeconds"] == 5000
    assert user_errors(watched) == []
    assert (await LessonProgress.get()).watched_seconds == 600
    assert [e["node"]["title"] for e in past["data"]["liveSessions"]["edges"]] == [
        "如何与青春期孩子沟通"
    ]


async def test_a_page_of_sessions_costs_the_same_queries_for_2_or_8(
    gql: GraphQLClient, sql_queries: QueryCounter
) -> None:
    # given a parent registered for some of 2, then 8, sessions with age bands
    world = await make_world()
    lecturer = await gql.token(world.lecturer.phone)
    parent = await gql.token(world.parent_b.phone)
    lecturer_counts: list[int] = []
    parent_counts: list[int] = []
    for total in (2, 8):
        while await LiveSession.all().count() < total:
            made = await create(gql, lecturer, ageBands=["JUNIOR_HIGH", "SENIOR_HIGH"])
            ref = {"input": {"liveSessionId": made["liveSession"]["id"]}}
            await gql(REGISTER, ref, token=parent)

        # when each lists them
        for token, counts in ((lecturer, lecturer_counts), (parent, parent_counts)):
            sql_queries.count = 0
            body = await gql(LIST, {"first": 20}, token=token)
            assert len(body["data"]["liveSessions"]["edges"]) == total
            counts.append(sql_queries.count)

    # then the number of SQL queries does not grow with the page
    assert lecturer_counts[0] == lecturer_counts[1]
    assert parent_counts[0] == parent_counts[1]


async def test_the_demo_parent_has_an_upcoming_session_and_a_replay(gql: GraphQLClient) -> None:
    # given the demo data
    assert await seed_demo(START, "2026-09", "2026-09")

    # when the demo parent lists upcoming and all sessions
    token = await gql.token(DEMO_LOGINS["PARENT"], DEMO_PASSWORD)
    upcoming = (await gql(LIST, {"first": 10}, token=token))["data"]["liveSessions"]["edges"]
    every = (await gql(LIST, {"first": 10, "upcoming": False}, token=token))["data"][
        "liveSessions"
    ]["edges"]

    # then the coming lecture (registered, its reminder waiting) and last week's with a replay
    assert [(e["node"]["title"], e["node"]["viewerRegistered"]) for e in upcoming] == [
        ("家庭教育讲堂：双减之后，如何陪孩子度过课余时间", True)
    ]
    assert [e["node"]["replay"] is not None for e in every] == [True, False]
    assert await Job.filter(kind=REMINDER_KIND, status=JobStatus.PENDING).count() == 1
