"""Demo data of live sessions (家庭教育讲堂): an upcoming lecture of the district's lecturer
group that the demo parent registered for (its reminder job waiting), and last week's one
with its replay, all through the domain's own operations."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from models.courses import AudienceScope, LessonKind
from models.live_sessions import create_live_session, register, set_replay
from models.viewer import load_viewer

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _evening(now: dt.datetime, days: int) -> dt.datetime:
    """19:30 in Shanghai, `days` from `now`'s date there."""
    day = now.astimezone(SHANGHAI).date() + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(19, 30), tzinfo=SHANGHAI)


async def seed_live_sessions(*, lecturer_id: int, parent_id: int, now: dt.datetime) -> None:
    """Inside the demo's transaction."""
    lecturer = await load_viewer(lecturer_id)
    parent = await load_viewer(parent_id)
    upcoming = await create_live_session(
        viewer=lecturer,
        title="家庭教育讲堂：双减之后，如何陪孩子度过课余时间",
        summary="区家庭教育讲师团线上直播。作业少了，时间多了，家长如何安排孩子的课余生活？"
        "讲座结合案例，谈运动、阅读、家务劳动与亲子陪伴，欢迎家长报名并在直播间提问。",
        presenter="李静（区家庭教育讲师团）",
        starts_at=_evening(now, 3),
        duration_minutes=90,
        stream_url="https://live.example.cn/rooms/jiating-jiangtang-12",
        audience_scope=AudienceScope.DISTRICT,
        now=now,
    )
    await register(viewer=parent, session_id=upcoming.id, now=now)
    past_start = _evening(now, -7)
    past = await create_live_session(
        viewer=lecturer,
        title="家庭教育讲堂：读懂孩子的情绪",
        summary="孩子发脾气、哭闹、沉默，背后是怎样的情绪需要？讲座介绍情绪识别与回应的方法。",
        presenter="黄明（区家庭教育讲师团）",
        starts_at=past_start,
        duration_minutes=60,
        stream_url="https://live.example.cn/rooms/jiating-jiangtang-11",
        audience_scope=AudienceScope.DISTRICT,
        now=past_start - dt.timedelta(days=10),
    )
    await set_replay(
        viewer=lecturer,
        session_id=past.id,
        media_url="/media/demo/jiangtang-11-replay.mp4",
        duration_seconds=3480,
        kind=LessonKind.VIDEO,
        now=past_start + dt.timedelta(hours=2),
    )
