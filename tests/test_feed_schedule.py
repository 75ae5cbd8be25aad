"""Rescheduling and withdrawing a scheduled micro-lesson through HTTP: the one release job
moves (one push at the new time, none at the old), a withdrawn one leaves no job and no push,
a released one is refused with ALREADY_RELEASED, and a release job already claimed when the
lecturer moves it loses its lease and rolls back. Jobs run on the test's FrozenClock."""

from __future__ import annotations

import datetime as dt
from typing import Any

from core.clock import FrozenClock
from models.courses import Lesson
from models.feed import RELEASE_KIND, MicroLesson, MicroLessonTarget
from models.jobs import Job, JobConfig, JobOutcome, JobRunner, JobStatus
from models.schools import StaffRole
from notifications.models import NotificationOutbox
from tests.client import GraphQLClient
from tests.factories import START, make_staff, make_world
from tests.helpers import gid, user_errors
from tests.test_feed import CREATE, feed_titles, micro

HOUR = dt.timedelta(hours=1)
RESCHEDULE = """mutation($input: RescheduleMicroLessonInput!) {
  rescheduleMicroLesson(input: $input) {
  microLesson { id releaseAt releasedAt } userErrors { code field message } } }"""
CANCEL = """mutation($input: CancelMicroLessonInput!) { cancelMicroLesson(input: $input) {
  cancelledMicroLessonId userErrors { code field message } } }"""


def iso(at: dt.datetime) -> str:
    return at.isoformat()


async def reschedule(gql: GraphQLClient, token: str, micro_id: int, at: str) -> dict[str, Any]:
    body = await gql(
        RESCHEDULE,
        {"input": {"microLessonId": gid("MicroLesson", micro_id), "releaseAt": at}},
        token=token,
    )
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"]["rescheduleMicroLesson"]
    return result


async def withdraw(gql: GraphQLClient, token: str, micro_id: int) -> dict[str, Any]:
    body = await gql(
        CANCEL, {"input": {"microLessonId": gid("MicroLesson", micro_id)}}, token=token
    )
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"]["cancelMicroLesson"]
    return result


async def test_a_rescheduled_micro_lesson_is_released_once_at_the_new_time(
    gql: GraphQLClient, clock: FrozenClock
) -> None:
    # given a micro-lesson for the district scheduled two hours from now
    world = await make_world()
    made = await micro(world.lecturer, "孩子沉迷手机怎么办", release_at=START + 2 * HOUR)
    lecturer = await gql.token(world.lecturer.phone)

    # when its lecturer moves it to five hours from now, and the jobs run at both times
    moved = await reschedule(gql, lecturer, made.id, "2026-11-02T15:00:00+08:00")
    runner = JobRunner(clock, JobConfig(), "reschedule-test")
    clock.set(START + 2 * HOUR)
    at_old_time = await runner.run_until_idle()
    feed_at_old_time = await feed_titles(gql, await gql.token(world.parent_a.phone))
    clock.set(START + 5 * HOUR)
    at_new_time = await runner.run_until_idle()
    feed_at_new_time = await feed_titles(gql, await gql.token(world.parent_a.phone))

    # then nothing at the old time, one release and one broadcast at the new one
    assert moved["userErrors"] == []
    assert moved["microLesson"]["releaseAt"] == "2026-11-02T07:00:00+00:00"
    assert moved["microLesson"]["releasedAt"] is None
    assert at_old_time == [] and feed_at_old_time == []
    assert at_new_time == [JobOutcome.DONE]
    assert feed_at_new_time == ["孩子沉迷手机怎么办"]
    (job,) = await Job.filter(kind=RELEASE_KIND)
    assert (job.status, job.run_at) == (JobStatus.DONE, START + 5 * HOUR)
    (outbox,) = await NotificationOutbox.all()
    assert outbox.created_at == START + 5 * HOUR
    row = await MicroLesson.get(id=made.id)
    assert (row.release_at, row.released_at) == (START + 5 * HOUR, START + 5 * HOUR)


async def test_rescheduled_to_now_it_is_released_at_once_and_the_job_is_cancelled(
    gql: GraphQLClient, clock: FrozenClock
) -> None:
    world = await make_world()
    made = await micro(world.lecturer, "开学第一周", release_at=START + 24 * HOUR)
    lecturer = await gql.token(world.lecturer.phone)

    now = await reschedule(gql, lecturer, made.id, iso(START - HOUR))
    clock.set(START + 25 * HOUR)
    later = await JobRunner(clock, JobConfig(), "now-test").run_until_idle()

    assert now["userErrors"] == []
    assert now["microLesson"]["releasedAt"] == "2026-11-02T02:00:00+00:00"
    assert later == []
    assert await NotificationOutbox.all().count() == 1
    (job,) = await Job.filter(kind=RELEASE_KIND)
    assert job.status == JobStatus.CANCELLED


async def test_a_withdrawn_micro_lesson_leaves_no_job_and_no_push(
    gql: GraphQLClient, clock: FrozenClock
) -> None:
    # given a scheduled micro-lesson and another one that stays
    world = await make_world()
    made = await micro(world.lecturer, "撤回的微课", release_at=START + 2 * HOUR)
    kept = await micro(world.lecturer, "保留的微课", release_at=START + 3 * HOUR)
    lecturer = await gql.token(world.lecturer.phone)

    # when its lecturer withdraws it, and the jobs run past both times
    result = await withdraw(gql, lecturer, made.id)
    again = await withdraw(gql, lecturer, made.id)
    clock.set(START + 4 * HOUR)
    outcomes = await JobRunner(clock, JobConfig(), "cancel-test").run_until_idle()

    # then it is gone with its lesson and targets, its job cancelled; the other one released
    assert result == {"cancelledMicroLessonId": gid("MicroLesson", made.id), "userErrors": []}
    assert user_errors(again) == [("NOT_FOUND", "microLessonId")]
    assert outcomes == [JobOutcome.DONE]
    assert await MicroLesson.filter(id=made.id).count() == 0
    assert await Lesson.filter(id=made.lesson_id).count() == 0
    assert await MicroLessonTarget.filter(micro_lesson_id=made.id).count() == 0
    statuses = dict(await Job.filter(kind=RELEASE_KIND).values_list("key", "status"))
    assert statuses == {f"{made.id}": JobStatus.CANCELLED, f"{kept.id}": JobStatus.DONE}
    (outbox,) = await NotificationOutbox.all()
    assert outbox.deep_link == f"homeroom://micro-lessons/{kept.id}"


async def test_who_may_reschedule_or_withdraw_and_what_is_refused(
    gql: GraphQLClient, clock: FrozenClock
) -> None:
    # given a scheduled micro-lesson, a released one, another lecturer of the district
    world = await make_world()
    scheduled = await micro(world.lecturer, "待发布", release_at=START + 2 * HOUR)
    released = await micro(world.lecturer, "已发布")
    other = await make_staff(StaffRole.LECTURER, district=world.district)
    lecturer = await gql.token(world.lecturer.phone)
    colleague = await gql.token(other.phone)
    later = iso(START + 3 * HOUR)

    # when each is asked for
    moved_released = await reschedule(gql, lecturer, released.id, later)
    withdrawn_released = await withdraw(gql, lecturer, released.id)
    by_colleague = await reschedule(gql, colleague, scheduled.id, later)
    withdrawn_by_colleague = await withdraw(gql, colleague, scheduled.id)
    too_far = await reschedule(gql, lecturer, scheduled.id, iso(START + 500 * 24 * HOUR))
    no_zone = await reschedule(gql, lecturer, scheduled.id, "2026-11-03T10:00:00")
    wrong_type = (
        await gql(
            RESCHEDULE,
            {"input": {"microLessonId": gid("School", world.school.id), "releaseAt": later}},
            token=lecturer,
        )
    )["data"]["rescheduleMicroLesson"]
    refused_roots = {
        who.phone: await gql(
            RESCHEDULE,
            {"input": {"microLessonId": gid("MicroLesson", scheduled.id), "releaseAt": later}},
            token=await gql.token(who.phone),
        )
        for who in (world.parent_a, world.district_admin)
    }

    # then typed errors on the field, the root field refused to non-lecturers, nothing moved
    assert user_errors(moved_released) == [("ALREADY_RELEASED", "microLessonId")]
    assert user_errors(withdrawn_released) == [("ALREADY_RELEASED", "microLessonId")]
    assert user_errors(by_colleague) == [("NOT_FOUND", "microLessonId")]
    assert user_errors(withdrawn_by_colleague) == [("NOT_FOUND", "microLessonId")]
    assert user_errors(too_far) == [("INVALID", "releaseAt")]
    assert user_errors(wrong_type) == [("INVALID", "microLessonId")]
    for body in refused_roots.values():
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert user_errors(no_zone) == [("INVALID", "releaseAt")]
    row = await MicroLesson.get(id=scheduled.id)
    assert (row.release_at, row.released_at) == (START + 2 * HOUR, None)
    (job,) = await Job.filter(kind=RELEASE_KIND)
    assert (job.key, job.status, job.run_at) == (
        f"{scheduled.id}",
        JobStatus.PENDING,
        START + 2 * HOUR,
    )
    assert await NotificationOutbox.all().count() == 1  # the released one's, at its creation


async def test_a_release_job_claimed_before_a_reschedule_loses_its_lease(
    gql: GraphQLClient, clock: FrozenClock
) -> None:
    # given a release job a worker has just claimed at the scheduled time
    world = await make_world()
    made = await micro(world.lecturer, "临时改期", release_at=START + HOUR)
    clock.set(START + HOUR)
    runner = JobRunner(clock, JobConfig(), "slow-worker")
    claimed = await runner.claim()
    assert claimed is not None

    # when the lecturer moves it an hour later before the worker runs it
    moved = await reschedule(
        gql, await gql.token(world.lecturer.phone), made.id, iso(START + 2 * HOUR)
    )
    outcome = await runner.run(claimed)
    clock.set(START + 2 * HOUR)
    on_time = await JobRunner(clock, JobConfig(), "next-worker").run_until_idle()

    # then the stale run is rolled back; one release and one push at the new time
    assert moved["userErrors"] == []
    assert outcome == JobOutcome.LOST
    assert on_time == [JobOutcome.DONE]
    (outbox,) = await NotificationOutbox.all()
    assert outbox.created_at == START + 2 * HOUR
    assert (await MicroLesson.get(id=made.id)).released_at == START + 2 * HOUR


async def test_the_create_mutation_and_reschedule_agree_on_the_release_time(
    gql: GraphQLClient,
) -> None:
    world = await make_world()
    lecturer = await gql.token(world.lecturer.phone)
    lesson = {"title": "周末", "kind": "AUDIO", "mediaUrl": "/media/a.m4a", "durationSeconds": 300}
    created = (
        await gql(
            CREATE,
            {"input": {"lesson": lesson, "releaseAt": "2026-11-03T20:00:00+08:00"}},
            token=lecturer,
        )
    )["data"]["createMicroLesson"]
    micro_id = int((await MicroLesson.get()).id)

    moved = await reschedule(gql, lecturer, micro_id, "2026-11-04T20:00:00+08:00")

    assert created["microLesson"]["releaseAt"] == "2026-11-03T12:00:00+00:00"
    assert moved["microLesson"]["releaseAt"] == "2026-11-04T12:00:00+00:00"
    (job,) = await Job.filter(kind=RELEASE_KIND, status=JobStatus.PENDING)
    assert job.run_at == dt.datetime(2026, 11, 4, 12, 0, tzinfo=dt.UTC)
