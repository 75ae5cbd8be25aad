"""The permission matrix's rows for media uploads and live sessions, imported by
tests/test_permissions.py: who is refused each root field, and who sees each object."""

from __future__ import annotations

import datetime as dt
from typing import Any

from models.courses import AudienceScope, LessonKind
from models.live_sessions import cancel_live_session, create_live_session, set_replay
from models.media import MediaObject, MediaPurpose
from models.schools import AgeBand
from models.viewer import load_viewer
from tests.factories import START, World
from tests.helpers import gid

_SESSION = gid("LiveSession", 1)

LIVE_GUARDS: dict[str, tuple[str, str] | None] = {
    # a multipart request: its refusal is tested in tests/test_media.py (a JSON call cannot
    # carry the Upload! it needs, so it never reaches the guard)
    "Mutation.uploadMedia": ("parent_a", "FORBIDDEN"),
    "Query.liveSessions": ("anonymous", "UNAUTHENTICATED"),
    "Mutation.createLiveSession": ("parent_a", "FORBIDDEN"),
    "Mutation.setLiveSessionReplay": ("parent_a", "FORBIDDEN"),
    "Mutation.updateLiveSession": ("district_admin", "FORBIDDEN"),
    "Mutation.cancelLiveSession": ("parent_a", "FORBIDDEN"),
    "Mutation.registerForLiveSession": ("anonymous", "UNAUTHENTICATED"),
    "Mutation.cancelLiveSessionRegistration": ("anonymous", "UNAUTHENTICATED"),
}


def _session_call(name: str, extra: str = "") -> tuple[str, dict[str, Any]]:
    return (
        f'mutation {{ {name}(input: {{liveSessionId: "{_SESSION}"{extra}}}) '
        "{ userErrors { code } } }",
        {},
    )


LIVE_CALLS: dict[str, tuple[str, dict[str, Any]]] = {
    "Query.liveSessions": ("{ liveSessions(first: 5) { edges { node { id } } } }", {}),
    "Mutation.createLiveSession": (
        'mutation { createLiveSession(input: {title: "t", summary: "s", presenter: "p", '
        'startsAt: "2026-12-01T19:00:00+08:00", durationMinutes: 60, '
        'streamUrl: "https://live.example.cn/1", audienceScope: DISTRICT}) '
        "{ userErrors { code } } }",
        {},
    ),
    "Mutation.setLiveSessionReplay": _session_call(
        "setLiveSessionReplay", ', mediaUrl: "https://v.example.cn/1.mp4", durationSeconds: 60'
    ),
    "Mutation.updateLiveSession": _session_call("updateLiveSession", ', title: "t"'),
    "Mutation.cancelLiveSession": _session_call("cancelLiveSession"),
    "Mutation.registerForLiveSession": _session_call("registerForLiveSession"),
    "Mutation.cancelLiveSessionRegistration": _session_call("cancelLiveSessionRegistration"),
}

_LECTURE_TEAM = {"lecturer", "district_admin"}
LIVE_VISIBLE: dict[str, set[str]] = {
    # for the district's 初中 families: parent B's child (parent A's is in 小学高段)
    "live_session_junior": {"parent_b", *_LECTURE_TEAM},
    "live_session_replay": {"parent_b", *_LECTURE_TEAM},
    # cancelled: still seen by those it was meant for (marked cancelled), nobody more
    "live_session_cancelled": {"parent_b", *_LECTURE_TEAM},
    # for one school, every band: its families and its staff (their school), not the outsider
    "live_session_school": {
        "parent_a",
        "parent_b",
        "teacher_a",
        "teacher_b",
        "counselor",
        "school_admin",
        *_LECTURE_TEAM,
    },
    "media_object": {"lecturer"},  # the ledger row is its uploader's only
}


async def live_objects(world: World) -> dict[str, str]:
    lecturer = await load_viewer(world.lecturer.id)
    common: dict[str, Any] = {
        "viewer": lecturer,
        "summary": "简介",
        "presenter": "王老师",
        "starts_at": START + dt.timedelta(days=3),
        "duration_minutes": 60,
        "stream_url": "https://live.example.cn/1",
        "now": START,
    }
    junior = await create_live_session(
        title="初中讲堂",
        audience_scope=AudienceScope.DISTRICT,
        age_bands=[AgeBand.JUNIOR_HIGH],
        **common,
    )
    school = await create_live_session(
        title="本校讲堂", audience_scope=AudienceScope.SCHOOL, school_id=world.school.id, **common
    )
    with_replay = await set_replay(
        viewer=lecturer,
        session_id=junior.id,
        media_url="https://v.example.cn/replay.mp4",
        duration_seconds=3600,
        kind=LessonKind.VIDEO,
        now=START + dt.timedelta(days=4),
    )
    cancelled = await create_live_session(
        title="取消的讲堂",
        audience_scope=AudienceScope.DISTRICT,
        age_bands=[AgeBand.JUNIOR_HIGH],
        **common,
    )
    await cancel_live_session(viewer=lecturer, session_id=cancelled.id, now=START)
    media = await MediaObject.create(
        key="covers/2026/11/0123456789abcdef0123456789abcdef.png",
        purpose=MediaPurpose.COVER_IMAGE,
        content_type="image/png",
        size=10,
        sha256="0" * 64,
        owner_id=world.lecturer.id,
        created_at=START,
    )
    return {
        "live_session_junior": gid("LiveSession", junior.id),
        "live_session_school": gid("LiveSession", school.id),
        "live_session_cancelled": gid("LiveSession", cancelled.id),
        "live_session_replay": gid("Lesson", with_replay.replay_lesson_id or 0),
        "media_object": gid("MediaObject", media.id),
    }
