"""The micro-lesson feed: targeting by each child's district, school and age band together,
release now or at a set time with one push per parent, the viewer's own state, idempotent
like and save, cursors that stay right while lessons are released, and a constant number of
queries per page. Scheduled release is driven by a JobRunner on the test's FrozenClock."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from typing import Any

import pytest

from core.clock import FrozenClock
from models.accounts import User
from models.courses import Lesson, LessonKind
from models.courses.workflow import LessonContent
from models.feed import (
    RELEASE_KIND,
    MicroLesson,
    MicroLessonReaction,
    create_micro_lesson,
    viewer_states,
)
from models.jobs import Job, JobConfig, JobRunner, JobStatus
from models.schools import AgeBand, SchoolClass, StaffRole
from models.viewer import load_viewer
from notifications.config import PushConfig
from notifications.dispatcher import Dispatcher, DispatcherConfig
from notifications.models import Notification, NotificationOutbox, PushKind
from notifications.transports import Transport, build_transports, close_transports
from tests.client import GraphQLClient
from tests.conftest import QueryCounter
from tests.factories import (
    START,
    make_class,
    make_device,
    make_guardian,
    make_school,
    make_staff,
    make_student,
    make_world,
)
from tests.fcm_standin import FcmStandIn
from tests.helpers import gid, user_errors

HOUR = dt.timedelta(hours=1)
FEED = """
query($first: Int!, $after: String) { viewer { microLessonFeed(first: $first, after: $after) {
  edges { cursor node { id series episode releasedAt liked saved
    viewerProgress { positionSeconds completed }
    lesson { title kind mediaUrl durationSeconds } } }
  pageInfo { hasNextPage endCursor } } } }
"""
NEW_COUNT = "query($since: String!) { viewer { newMicroLessonCount(since: $since) } }"
LIKE = """mutation($input: LikeMicroLessonInput!) { likeMicroLesson(input: $input) {
  microLesson { liked saved } userErrors { code field } } }"""
SAVE = """mutation($input: SaveMicroLessonInput!) { saveMicroLesson(input: $input) {
  microLesson { liked saved } userErrors { code field } } }"""
CREATE = """mutation($input: CreateMicroLessonInput!) { createMicroLesson(input: $input) {
  microLesson { id releaseAt releasedAt } userErrors { code field } } }"""


def clip(title: str, seconds: int = 240) -> LessonContent:
    return LessonContent(
        title=title,
        kind=LessonKind.VIDEO,
        media_url=f"/media/micro/{title}.mp4",
        duration_seconds=seconds,
    )


async def micro(
    lecturer: User,
    title: str,
    *,
    now: dt.datetime = START,
    schools: list[int] | None = None,
    bands: list[AgeBand] | None = None,
    release_at: dt.datetime | None = None,
) -> MicroLesson:
    return await create_micro_lesson(
        viewer=await load_viewer(lecturer.id),
        content=clip(title),
        now=now,
        series="24 堂暖心微课",
        school_ids=schools,
        age_bands=bands,
        release_at=release_at,
    )


async def feed_titles(gql: GraphQLClient, token: str, first: int = 50) -> list[str]:
    body = await gql(FEED, {"first": first}, token=token)
    assert "errors" not in body, body
    edges = body["data"]["viewer"]["microLessonFeed"]["edges"]
    return [e["node"]["lesson"]["title"] for e in edges]


# ---------------------------------------------------------------- targeting


async def test_a_parent_sees_only_micro_lessons_meant_for_one_of_their_children(
    gql: GraphQLClient, clock: FrozenClock
) -> None:
    # given a parent with a child in grade 5 at school A and one in grade 8 at school B
    world = await make_world()
    school_b = await make_school(world.district)
    teen_class = await make_class(school_b, grade=8)
    parent = world.parent_a
    await make_guardian(await make_student(teen_class), parent)
    other_district_lecturer = await make_staff(
        StaffRole.LECTURER, district=world.other_school.district
    )
    lecturer = world.lecturer
    at = START - dt.timedelta(minutes=10)
    made = {
        "全区": await micro(lecturer, "全区", now=at),
        "A校小学高段": await micro(
            lecturer,
            "A校小学高段",
            now=at,
            schools=[world.school.id],
            bands=[AgeBand.PRIMARY_UPPER],
        ),
        "B校初中": await micro(
            lecturer, "B校初中", now=at, schools=[school_b.id], bands=[AgeBand.JUNIOR_HIGH]
        ),
        # each of these matches one child on one part only: never shown
        "A校初中": await micro(
            lecturer, "A校初中", now=at, schools=[world.school.id], bands=[AgeBand.JUNIOR_HIGH]
        ),
        "全区高中": await micro(lecturer, "全区高中", now=at, bands=[AgeBand.SENIOR_HIGH]),
        "外区": await micro(other_district_lecturer, "外区", now=at),
    }
    token = await gql.token(parent.phone)

    titles = await feed_titles(gql, token)
    nodes = {
        title: (
            await gql(
                "query($id: ID!) { node(id: $id) { id } }",
                {"id": gid("MicroLesson", m.id)},
                token=token,
            )
        )["data"]["node"]
        for title, m in made.items()
    }

    assert sorted(titles) == ["A校小学高段", "B校初中", "全区"]
    assert {t for t, n in nodes.items() if n is not None} == {"A校小学高段", "B校初中", "全区"}


async def test_a_lesson_loader_narrowed_to_its_batch_sees_exactly_what_the_rule_sees() -> None:
    """`Lesson.visible_among(viewer, ids)` (the loaders' form, each subquery narrowed to the
    batch) answers as `Lesson.visible_to(viewer)` filtered to the batch, for every viewer."""
    world = await make_world()
    other_lecturer = await make_staff(StaffRole.LECTURER, district=world.other_school.district)
    at = START - dt.timedelta(minutes=10)
    await micro(world.lecturer, "全区", now=at)
    await micro(world.lecturer, "五年级", now=at, bands=[AgeBand.PRIMARY_UPPER])
    await micro(world.lecturer, "初中", now=at, bands=[AgeBand.JUNIOR_HIGH])
    await micro(world.lecturer, "待发布", now=at, release_at=START + HOUR)
    await micro(other_lecturer, "外区", now=at)
    ids = sorted(await Lesson.all().values_list("id", flat=True))
    batches = [ids, ids[:2], ids[2:], [ids[-1]], [ids[0], 10**6]]
    people = [world.parent_a, world.parent_b, world.lecturer, other_lecturer, world.district_admin]
    seen: dict[int, set[int]] = {}

    for person in people:
        viewer = await load_viewer(person.id)
        seen[person.id] = set(await Lesson.visible_to(viewer).values_list("id", flat=True))
        for batch in batches:
            narrowed = await Lesson.visible_among(viewer, batch).values_list("id", flat=True)
            assert set(narrowed) == seen[person.id] & set(batch), (person.id, batch)

        # a micro-lesson's `lesson` field loads by key (granted_by_parent): sound only
        # because the lesson rule grants the lesson of every micro-lesson the viewer sees
        micro_lessons = MicroLesson.visible_to(viewer).values_list("lesson_id", flat=True)
        assert set(await micro_lessons) <= seen[person.id], person.id

    # and the rule tells people apart: the two parents' children are in different age bands
    assert seen[world.parent_a.id] != seen[world.parent_b.id]
    assert len(seen[world.lecturer.id]) == 4  # their own, the scheduled one too


async def test_a_lecturer_targets_only_schools_of_their_district(gql: GraphQLClient) -> None:
    world = await make_world()
    token = await gql.token(world.lecturer.phone)
    lesson = {
        "title": "睡前十分钟",
        "kind": "AUDIO",
        "mediaUrl": "/media/a.m4a",
        "durationSeconds": 300,
    }

    body = await gql(
        CREATE,
        {"input": {"lesson": lesson, "schoolIds": [gid("School", world.other_school.id)]}},
        token=token,
    )
    bad_url = await gql(
        CREATE, {"input": {"lesson": {**lesson, "mediaUrl": "ftp://x/a.m4a"}}}, token=token
    )
    by_parent = await gql(
        CREATE, {"input": {"lesson": lesson}}, token=await gql.token(world.parent_a.phone)
    )

    assert user_errors(body["data"]["createMicroLesson"]) == [("NOT_FOUND", "schoolIds")]
    assert user_errors(bad_url["data"]["createMicroLesson"]) == [("INVALID_MEDIA_URL", "mediaUrl")]
    assert by_parent["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await MicroLesson.all().count() == 0


# ---------------------------------------------------------------- release and its push


@pytest.fixture
async def fcm() -> AsyncIterator[FcmStandIn]:
    async with FcmStandIn() as standin:
        yield standin


@pytest.fixture
async def transports(fcm: FcmStandIn) -> AsyncIterator[dict[PushKind, Transport]]:
    config = PushConfig(
        fcm_access_token="test-access-token",
        firebase_project_id="homeroom-test",
        fcm_endpoint=fcm.url,
    )
    built = build_transports(config)
    yield built
    await close_transports(built)


async def test_a_scheduled_micro_lesson_is_released_at_its_time_with_one_push_per_parent(
    gql: GraphQLClient,
    clock: FrozenClock,
    fcm: FcmStandIn,
    transports: dict[PushKind, Transport],
) -> None:
    # given parents of the grade-5 class (one with two children there), a grade-8 parent
    world = await make_world()
    twice = await make_guardian(await make_student(world.class_a), world.parent_a)
    assert twice.id == world.parent_a.id
    for user, token in ((world.parent_a, "ok-a"), (world.parent_b, "ok-b")):
        await make_device(user, token, consent=True)
    lecturer_token = await gql.token(world.lecturer.phone)

    # when a lecturer schedules a 小学高段 micro-lesson for 20:00 tonight
    created = (
        await gql(
            CREATE,
            {
                "input": {
                    "lesson": {
                        "title": "孩子说谎了怎么办",
                        "kind": "VIDEO",
                        "mediaUrl": "https://cdn.example.cn/m/1.mp4",
                        "durationSeconds": 300,
                    },
                    "series": "24 堂暖心微课",
                    "episode": 3,
                    "ageBands": ["PRIMARY_UPPER"],
                    "releaseAt": "2026-11-02T20:00:00+08:00",
                }
            },
            token=lecturer_token,
        )
    )["data"]["createMicroLesson"]
    parent_token = await gql.token(world.parent_a.phone)
    runner = JobRunner(clock, JobConfig(), "runner-test")
    before = await feed_titles(gql, parent_token)
    early = await runner.run_until_idle()
    clock.set(dt.datetime(2026, 11, 2, 12, 0, tzinfo=dt.UTC))  # 20:00 in Shanghai
    on_time = await runner.run_until_idle()
    after = await feed_titles(gql, await gql.token(world.parent_a.phone))
    sender = Dispatcher(transports, clock, DispatcherConfig())
    await sender.run_until_idle()

    # then nothing before its time; at its time one broadcast, one entry and push per parent
    assert created["userErrors"] == [] and created["microLesson"]["releasedAt"] is None
    assert before == [] and early == []
    assert len(on_time) == 1
    assert after == ["孩子说谎了怎么办"]
    (outbox,) = await NotificationOutbox.all()
    assert (outbox.template, outbox.deep_link) == (
        "courses.new_lesson",
        f"homeroom://micro-lessons/{(await MicroLesson.get()).id}",
    )
    entries = await Notification.all().values_list("recipient_id", "title")
    assert entries == [(world.parent_a.id, "新微课：孩子说谎了怎么办")]
    assert fcm.state.delivered == {"ok-a": 1}
    released = await MicroLesson.get()
    assert released.released_at == clock.now()
    job = await Job.get(kind=RELEASE_KIND)
    assert job.status == JobStatus.DONE


async def test_a_release_job_run_again_pushes_nothing_more(clock: FrozenClock) -> None:
    world = await make_world()
    await micro(world.lecturer, "周末亲子时光", release_at=START + HOUR)
    clock.advance(HOUR)
    await JobRunner(clock, JobConfig(), "a").run_until_idle()
    job = await Job.get(kind=RELEASE_KIND)

    # when the same job is handed to the handler again (a worker that crashed after the run)
    from models.feed import release_micro_lesson
    from models.jobs import JobContext

    await release_micro_lesson(
        dict(job.payload), JobContext(job.id, job.kind, job.key, 2, clock.now())
    )

    assert await NotificationOutbox.all().count() == 1


async def test_released_now_notifies_at_once_in_the_same_transaction(
    gql: GraphQLClient,
) -> None:
    world = await make_world()

    made = await micro(world.lecturer, "写给新生家长")

    assert made.released_at == START
    assert await NotificationOutbox.all().count() == 1
    assert await Job.filter(kind=RELEASE_KIND).count() == 0


# ---------------------------------------------------------------- the viewer's own state


async def test_like_and_save_are_idempotent_and_show_in_the_feed(gql: GraphQLClient) -> None:
    world = await make_world()
    made = await micro(world.lecturer, "如何陪孩子写作业", bands=[AgeBand.PRIMARY_UPPER])
    token = await gql.token(world.parent_a.phone)
    target = {"microLessonId": gid("MicroLesson", made.id)}

    first = (await gql(LIKE, {"input": target}, token=token))["data"]["likeMicroLesson"]
    again = (await gql(LIKE, {"input": target}, token=token))["data"]["likeMicroLesson"]
    saved = (await gql(SAVE, {"input": target}, token=token))["data"]["saveMicroLesson"]
    unliked = (await gql(LIKE, {"input": {**target, "liked": False}}, token=token))["data"][
        "likeMicroLesson"
    ]
    feed = await gql(FEED, {"first": 5}, token=token)
    saved_list = await gql(
        "{ viewer { savedMicroLessons(first: 5) { edges { node { lesson { title } } } } } }",
        token=token,
    )
    foreign = await gql(LIKE, {"input": target}, token=await gql.token(world.parent_b.phone))

    assert first["microLesson"] == again["microLesson"] == {"liked": True, "saved": False}
    assert saved["microLesson"] == {"liked": True, "saved": True}
    assert unliked["microLesson"] == {"liked": False, "saved": True}
    node = feed["data"]["viewer"]["microLessonFeed"]["edges"][0]["node"]
    assert (node["liked"], node["saved"]) == (False, True)
    assert saved_list["data"]["viewer"]["savedMicroLessons"]["edges"] == [
        {"node": {"lesson": {"title": "如何陪孩子写作业"}}}
    ]
    assert await MicroLessonReaction.all().count() == 1
    assert user_errors(foreign["data"]["likeMicroLesson"]) == [("NOT_FOUND", "microLessonId")]


async def test_progress_on_a_micro_lesson_shows_in_the_feed(gql: GraphQLClient) -> None:
    world = await make_world()
    made = await micro(world.lecturer, "三分钟读懂孩子的情绪")
    token = await gql.token(world.parent_a.phone)
    report = """mutation($input: ReportLessonProgressInput!) { reportLessonProgress(input: $input)
      { progress { positionSeconds } userErrors { code field } } }"""

    done = await gql(
        report,
        {
            "input": {
                "lessonId": gid("Lesson", made.lesson_id),
                "fromSeconds": 0,
                "toSeconds": 240,
                "sequence": 1,
            }
        },
        token=token,
    )
    feed = await gql(FEED, {"first": 5}, token=token)

    assert done["data"]["reportLessonProgress"]["userErrors"] == []
    node = feed["data"]["viewer"]["microLessonFeed"]["edges"][0]["node"]
    assert node["viewerProgress"] == {"positionSeconds": 240, "completed": True}


CARD = """id liked saved
  viewerProgress { positionSeconds watchedSeconds completed completedAt updatedAt }
  lesson { id title durationSeconds }"""


async def test_a_card_reads_the_same_with_its_page_as_on_its_own(gql: GraphQLClient) -> None:
    """A feed page reads its cards' lessons, progress and reactions ahead for the fields
    asked (fragments too); `node(id:)` and mutation payloads read them through the loaders:
    every way gives the same answer."""
    world = await make_world()
    made = [await micro(world.lecturer, f"第{n}课", now=START + n * HOUR) for n in range(3)]
    token = await gql.token(world.parent_a.phone)
    ids = [gid("MicroLesson", m.id) for m in made]
    await gql(LIKE, {"input": {"microLessonId": ids[0]}}, token=token)
    await gql(SAVE, {"input": {"microLessonId": ids[1]}}, token=token)
    progress = """mutation($input: ReportLessonProgressInput!) { reportLessonProgress(input: $input)
      { userErrors { code } } }"""
    step = {"fromSeconds": 0, "toSeconds": 30, "sequence": 1}
    await gql(
        progress, {"input": {"lessonId": gid("Lesson", made[2].lesson_id), **step}}, token=token
    )
    page = "query { viewer { microLessonFeed(first: 5) { edges { node { NODE } } } } }"

    plain = await gql(page.replace("NODE", CARD), token=token)
    fragment = " fragment Card on MicroLesson { CARD }".replace("CARD", CARD)
    named = await gql(page.replace("NODE", "...Card") + fragment, token=token)
    inline = await gql(
        page.replace("NODE", "... on MicroLesson { CARD }").replace("CARD", CARD), token=token
    )
    one = "query($id: ID!) { node(id: $id) { ... on MicroLesson { CARD } } }".replace("CARD", CARD)
    alone = [await gql(one, {"id": i}, token=token) for i in reversed(ids)]
    like = """mutation($input: LikeMicroLessonInput!) { likeMicroLesson(input: $input) {
      microLesson { CARD } } }""".replace("CARD", CARD)
    liked = await gql(like, {"input": {"microLessonId": ids[0]}}, token=token)
    saved = await gql(
        "{ viewer { savedMicroLessons(first: 5) { edges { node { CARD } } } } }".replace(
            "CARD", CARD
        ),
        token=token,
    )

    cards = [e["node"] for e in plain["data"]["viewer"]["microLessonFeed"]["edges"]]
    progress_shown = {"positionSeconds": 30, "watchedSeconds": 30, "completed": False}
    assert [(c["liked"], c["saved"], c["viewerProgress"]) for c in cards] == [
        (False, False, {**progress_shown, "completedAt": None, "updatedAt": START.isoformat()}),
        (False, True, None),
        (True, False, None),
    ]
    assert [e["node"] for e in saved["data"]["viewer"]["savedMicroLessons"]["edges"]] == [cards[1]]
    assert [c["lesson"]["title"] for c in cards] == ["第2课", "第1课", "第0课"]
    # the one-statement read a page uses where its own statement reads no state (PostgreSQL)
    states = await viewer_states(await load_viewer(world.parent_a.id), [m.id for m in made][::-1])
    assert [
        (s.liked, s.saved, s.progress and (s.progress.watched_seconds, s.progress.updated_at))
        for s in states
    ] == [(False, False, (30, START)), (False, True, None), (True, False, None)]
    assert named == inline == plain
    assert [a["data"]["node"] for a in alone] == cards
    assert liked["data"]["likeMicroLesson"]["microLesson"] == cards[2]


# ---------------------------------------------------------------- paging


async def test_a_cursor_stays_right_while_new_micro_lessons_are_released(
    gql: GraphQLClient, clock: FrozenClock
) -> None:
    world = await make_world()
    for n in range(5):
        await micro(world.lecturer, f"第{n + 1}课", now=START + n * dt.timedelta(minutes=1))
    token = await gql.token(world.parent_a.phone)

    page_one = (await gql(FEED, {"first": 2}, token=token))["data"]["viewer"]["microLessonFeed"]
    # two more are released, one by a scheduled job that ran late
    await micro(world.lecturer, "新1", now=START + HOUR)
    await micro(world.lecturer, "新2", now=START + HOUR, release_at=START + 2 * HOUR)
    clock.set(START + 3 * HOUR)
    await JobRunner(clock, JobConfig(), "late").run_until_idle()
    token = await gql.token(world.parent_a.phone)  # the first one has expired meanwhile
    page_two = (
        await gql(FEED, {"first": 10, "after": page_one["pageInfo"]["endCursor"]}, token=token)
    )["data"]["viewer"]["microLessonFeed"]
    first_cursor = page_one["edges"][0]["cursor"]
    new = (await gql(NEW_COUNT, {"since": first_cursor}, token=token))["data"]["viewer"]
    top = await feed_titles(gql, token, first=2)
    newest_cursor = (await gql(FEED, {"first": 1}, token=token))["data"]["viewer"][
        "microLessonFeed"
    ]["edges"][0]["cursor"]
    nothing_new = (await gql(NEW_COUNT, {"since": newest_cursor}, token=token))["data"]["viewer"]

    titles = [e["node"]["lesson"]["title"] for e in page_one["edges"] + page_two["edges"]]
    assert titles == ["第5课", "第4课", "第3课", "第2课", "第1课"]
    assert page_two["pageInfo"]["hasNextPage"] is False
    assert new == {"newMicroLessonCount": 2}
    assert top == ["新2", "新1"]  # released later: on top, though scheduled earlier than now
    assert nothing_new == {"newMicroLessonCount": 0}


async def test_a_feed_page_costs_the_same_queries_for_1_or_6_children_and_5_or_50_items(
    gql: GraphQLClient, sql_queries: QueryCounter
) -> None:
    world = await make_world()
    classes: list[SchoolClass] = [world.class_a]
    for grade in (1, 3, 7, 9, 11):
        classes.append(await make_class(world.school, grade=grade))
    for n in range(60):
        await micro(world.lecturer, f"微课{n}", now=START + n * dt.timedelta(seconds=1))
    one = await make_guardian(await make_student(world.class_a))
    six = await make_guardian(await make_student(classes[0]))
    for school_class in classes[1:]:
        await make_guardian(await make_student(school_class), six)
    costs: dict[tuple[int, int], int] = {}
    for children, parent in ((1, one), (6, six)):
        token = await gql.token(parent.phone)
        for first in (5, 50):
            sql_queries.count = 0
            body: Any = await gql(FEED, {"first": first}, token=token)
            assert len(body["data"]["viewer"]["microLessonFeed"]["edges"]) == first
            costs[(children, first)] = sql_queries.count

    assert len(set(costs.values())) == 1, costs


async def test_the_demo_parent_sees_a_full_feed_and_catalog(gql: GraphQLClient) -> None:
    from server.demo import DEMO_LOGINS, DEMO_PASSWORD, seed_demo

    assert await seed_demo(START, "2026-09", "2026-09")
    token = await gql.token(DEMO_LOGINS["PARENT"], DEMO_PASSWORD)

    feed = await gql(FEED, {"first": 20}, token=token)
    catalog = await gql("{ courses(first: 10) { edges { node { title } } } }", token=token)

    edges = feed["data"]["viewer"]["microLessonFeed"]["edges"]
    series = {e["node"]["series"] for e in edges}
    assert series == {"24 堂暖心微课", "青春期家长必修"}  # a child in 五年级 and one in 初一
    assert len(edges) == 6  # the 24 堂 series' fourth lesson is scheduled for next week
    titles = {e["node"]["title"] for e in catalog["data"]["courses"]["edges"]}
    assert titles == {"如何与青春期孩子沟通", "识别孩子的心理求救信号", "走出“作业焦虑”"}
    assert await Job.filter(kind=RELEASE_KIND, status=JobStatus.PENDING).count() == 1
