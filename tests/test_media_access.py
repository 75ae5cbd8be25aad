"""Who gets the bytes at `/media/<key>`: media of released content (a published course, a
released micro-lesson) is anyone's who holds the URL and cacheable; media of content not
released (a draft, a course in review, a scheduled micro-lesson) only a signed-in viewer's who
may see that content, never cached; media nothing links, its uploader's. Anyone else: 404."""

from __future__ import annotations

import datetime as dt

import httpx

from core.clock import FrozenClock
from models.courses import AudienceScope, CourseSeries, CourseTopic, LessonKind
from models.courses.workflow import (
    CourseFields,
    LessonContent,
    add_lesson,
    approve_course,
    create_course,
    submit_course,
)
from models.feed import create_micro_lesson
from models.jobs import JobConfig, JobRunner
from models.schools import AgeBand, StaffRole
from models.viewer import load_viewer
from tests.client import GraphQLClient
from tests.factories import START, make_staff, make_world
from tests.test_media import (  # noqa: F401  (media_root and settings are fixtures)
    media_root,
    mp4_bytes,
    payload,
    png_bytes,
    settings,
    upload,
)

PUBLIC = "public, max-age=31536000, immutable"
PRIVATE = "private, no-store"


async def fetch(http: httpx.AsyncClient, url: str, token: str | None) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return await http.get(url, headers=headers)


async def who_gets(
    http: httpx.AsyncClient, urls: list[str], tokens: dict[str, str | None]
) -> set[str]:
    """The viewers served every one of these URLs (each is served to all or none of them)."""
    served: set[str] = set()
    for name, token in tokens.items():
        codes = {(await fetch(http, url, token)).status_code for url in urls}
        assert codes in ({200}, {404}), (name, codes)
        if codes == {200}:
            served.add(name)
    return served


async def test_a_courses_media_follows_the_course_until_it_is_published(
    http: httpx.AsyncClient, gql: GraphQLClient
) -> None:
    # given a lecturer's uploaded cover and video in a draft course of the district
    world = await make_world()
    other_lecturer = await make_staff(StaffRole.LECTURER, district=world.district)
    tokens: dict[str, str | None] = {"anonymous": None}
    for name in ("lecturer", "district_admin", "parent_a", "school_admin"):
        tokens[name] = await gql.token(getattr(world, name).phone)
    tokens["other_lecturer"] = await gql.token(other_lecturer.phone)
    lecturer_token = tokens["lecturer"]
    assert lecturer_token is not None
    cover = payload(await upload(http, lecturer_token, png_bytes()))["media"]["url"]
    video = payload(
        await upload(
            http,
            lecturer_token,
            mp4_bytes(4096),
            purpose="LESSON_MEDIA",
            filename="l.mp4",
            claimed_type="video/mp4",
        )
    )["media"]["url"]
    lecturer = await load_viewer(world.lecturer.id)
    course = await create_course(
        viewer=lecturer,
        fields=CourseFields(
            title="走出作业焦虑",
            summary="简介",
            presenter="王老师",
            series=CourseSeries.MASTER_CLASS,
            topics=[CourseTopic.STUDY_PRESSURE],
            age_bands=[AgeBand.PRIMARY_UPPER],
            audience_scope=AudienceScope.DISTRICT,
            cover_url=cover,
        ),
        now=START,
    )
    content = LessonContent(
        title="第一讲", kind=LessonKind.VIDEO, media_url=video, duration_seconds=600
    )
    await add_lesson(viewer=lecturer, course_id=course.id, content=content, now=START)

    # when each viewer asks for both files in draft, in review and once published
    in_draft = await who_gets(http, [cover, video], tokens)
    draft_response = await fetch(http, video, lecturer_token)
    anonymous_head = await http.head(cover)
    await submit_course(viewer=lecturer, course_id=course.id, now=START)
    in_review = await who_gets(http, [cover, video], tokens)
    admin = await load_viewer(world.district_admin.id)
    await approve_course(viewer=admin, course_id=course.id, now=START)
    published = await who_gets(http, [cover, video], tokens)
    public_response = await http.get(video, headers={"Range": "bytes=0-9"})

    # then the draft is its lecturer's, the review adds the district's admin, and published
    # media is anyone's (a player sends no token), cacheable; before, never cached
    assert in_draft == {"lecturer"}
    assert draft_response.headers["cache-control"] == PRIVATE
    assert anonymous_head.status_code == 404
    assert in_review == {"lecturer", "district_admin"}
    assert published == set(tokens)
    assert public_response.status_code == 206
    assert public_response.headers["cache-control"] == PUBLIC


async def test_a_scheduled_micro_lessons_media_waits_for_its_release(
    http: httpx.AsyncClient, gql: GraphQLClient, clock: FrozenClock
) -> None:
    # given an audio file in a micro-lesson scheduled an hour from now
    world = await make_world()
    lecturer_token = await gql.token(world.lecturer.phone)
    audio = payload(
        await upload(
            http,
            lecturer_token,
            mp4_bytes(4096),
            purpose="LESSON_MEDIA",
            filename="l.mp4",
            claimed_type="video/mp4",
        )
    )["media"]["url"]
    await create_micro_lesson(
        viewer=await load_viewer(world.lecturer.id),
        content=LessonContent(
            title="睡前十分钟", kind=LessonKind.VIDEO, media_url=audio, duration_seconds=300
        ),
        now=START,
        release_at=START + dt.timedelta(hours=1),
    )
    tokens: dict[str, str | None] = {
        "anonymous": None,
        "parent_a": await gql.token(world.parent_a.phone),
        "district_admin": await gql.token(world.district_admin.phone),
    }

    # when they ask before its release and after
    before = await who_gets(http, [audio], tokens)
    clock.set(START + dt.timedelta(hours=1))
    await JobRunner(clock, JobConfig(), "media-release").run_until_idle()
    after = await who_gets(http, [audio], {"anonymous": None})

    # then only those who see the scheduled micro-lesson before; anyone after
    assert before == {"district_admin"}
    assert after == {"anonymous"}


async def test_an_unlinked_upload_is_its_uploaders_and_a_signed_out_token_gets_nothing(
    http: httpx.AsyncClient, gql: GraphQLClient
) -> None:
    world = await make_world()
    token = await gql.token(world.lecturer.phone)
    cover = payload(await upload(http, token, png_bytes()))["media"]["url"]
    admin = await gql.token(world.district_admin.phone)

    served = await fetch(http, cover, token)
    to_admin = await fetch(http, cover, admin)
    forged = await fetch(http, cover, "not-a-token")
    await gql("mutation { logout { ok } }", token=token)
    signed_out = await fetch(http, cover, token)

    assert served.status_code == 200 and served.headers["cache-control"] == PRIVATE
    assert to_admin.status_code == 404
    assert forged.status_code == 404
    assert signed_out.status_code == 404
