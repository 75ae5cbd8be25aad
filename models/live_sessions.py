"""Live sessions (家庭教育讲堂): a lecturer's lecture at a set time with a stream URL, meant
for the families of a school, a district or everyone (optionally some age bands), that
parents register for; a reminder push before it starts; a replay afterwards.

The replay is a lesson of the parent school (`models.courses.Lesson` without a course, like
a micro-lesson), so watching it counts toward learning hours by the same one rule. Like the
feed, this domain builds on `models.courses` and sits a layer above it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from tortoise import fields
from tortoise.expressions import F, Q, Subquery
from tortoise.functions import Count
from tortoise.models import Model
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from core.errors import DomainError, ErrorCode, error_codes
from models.courses import (
    AudienceScope,
    Lesson,
    LessonKind,
    register_lesson_scope,
    register_released_lessons,
)
from models.courses.workflow import LessonContent, checked_content
from models.jobs import JobContext, cancel, job_handler, schedule
from models.schools import AgeBand, School, StaffRole
from notifications import NotificationCategory, Text, enqueue, register_template
from notifications.outbox import MAX_DIRECT_RECIPIENTS

if TYPE_CHECKING:
    from models.viewer import Viewer

REMINDER_KIND = "live_sessions.remind"
REMINDER_LEAD = dt.timedelta(minutes=30)
MAX_TITLE = 100
MAX_SUMMARY = 2000
MAX_URL = 500
MAX_AHEAD = dt.timedelta(days=400)
SHANGHAI = ZoneInfo("Asia/Shanghai")  # the reminder shows the local start time
KEYS_PER_CANCEL = 500  # job keys per cancel() call: a bounded IN list

register_template(
    "live_sessions.reminder",
    NotificationCategory.COURSES_AND_LESSONS,
    push_title=Text("家庭教育讲堂即将开始", "A live session is about to start"),
    push_body=Text("打开家校共育进入直播间", "Open Homeroom to join"),
    inbox_title=Text("讲堂提醒：{title}", "Reminder: {title}"),
    inbox_body=Text(
        "您报名的讲堂将于 {starts} 开始。", "The session you registered for starts at {starts}."
    ),
)

register_template(
    "live_sessions.rescheduled",
    NotificationCategory.COURSES_AND_LESSONS,
    push_title=Text("讲堂时间有调整", "A live session has a new time"),
    push_body=Text("打开家校共育查看新的开始时间", "Open Homeroom to see when it starts"),
    inbox_title=Text("讲堂改期：{title}", "New time: {title}"),
    inbox_body=Text(
        "您报名的讲堂改为 {starts} 开始。", "The session you registered for now starts at {starts}."
    ),
)
register_template(
    "live_sessions.cancelled",
    NotificationCategory.COURSES_AND_LESSONS,
    push_title=Text("讲堂已取消", "A live session was cancelled"),
    push_body=Text("打开家校共育查看详情", "Open Homeroom for details"),
    inbox_title=Text("讲堂取消：{title}", "Cancelled: {title}"),
    inbox_body=Text(
        "您报名的讲堂（原定 {starts} 开始）已取消。",
        "The session you registered for (planned for {starts}) has been cancelled.",
    ),
)


@error_codes
class LiveSessionErrorCode(StrEnum):
    ALREADY_STARTED = "ALREADY_STARTED"  # registering for (or leaving, moving) a session under way
    NOT_STARTED = "NOT_STARTED"  # a replay before the session took place
    SESSION_CANCELLED = "SESSION_CANCELLED"  # registering for, editing a cancelled session


class LiveSession(Model):
    id = fields.IntField(primary_key=True)
    lecturer: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="live_sessions", on_delete=fields.RESTRICT
    )
    lecturer_id: int
    district: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.District", related_name="live_sessions", on_delete=fields.RESTRICT
    )
    district_id: int  # the lecturer group's district
    school: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.School", related_name="live_sessions", null=True, on_delete=fields.RESTRICT
    )
    school_id: int | None  # set when the audience is one school
    audience_scope = fields.CharEnumField(AudienceScope, max_length=10)
    all_age_bands = fields.BooleanField(default=True)  # else the rows of LiveSessionAgeBand
    title = fields.CharField(max_length=MAX_TITLE)
    summary = fields.TextField()
    presenter = fields.CharField(max_length=100)
    starts_at = fields.DatetimeField()
    duration_minutes = fields.SmallIntField()
    stream_url = fields.CharField(max_length=MAX_URL)
    replay_lesson: fields.ForeignKeyNullableRelation[Lesson] = fields.ForeignKeyField(
        "models.Lesson", related_name="live_session_replays", null=True, on_delete=fields.SET_NULL
    )
    replay_lesson_id: int | None
    created_at = fields.DatetimeField()
    # cancelled by its lecturer before it started: kept (registered parents were told, and
    # their notice links here), shown as cancelled, closed to registration and editing
    cancelled_at = fields.DatetimeField(null=True)

    class Meta:
        table = "live_session"
        indexes = (
            ("starts_at", "id"),
            ("lecturer_id", "starts_at"),
            ("district_id",),
            ("school_id",),
            ("replay_lesson_id",),
        )

    @classmethod
    def visible_to(cls, viewer: Viewer) -> QuerySet[LiveSession]:
        """Families it is meant for (scope and their children's age bands) and those who
        registered; its lecturer; the admins of its district."""
        if viewer.user_id is None:
            return cls.filter(id__in=[])
        registered = LiveSessionRegistration.filter(user_id=viewer.user_id).values_list(
            "live_session_id", flat=True
        )
        return cls.filter(
            _targeted(viewer)
            | Q(id__in=Subquery(registered))
            | Q(lecturer_id=viewer.user_id)
            | Q(district_id__in=viewer.admin_district_ids)
        )


class LiveSessionAgeBand(Model):
    id = fields.IntField(primary_key=True)
    live_session: fields.ForeignKeyRelation[LiveSession] = fields.ForeignKeyField(
        "models.LiveSession", related_name="age_bands", on_delete=fields.CASCADE
    )
    live_session_id: int
    age_band = fields.CharEnumField(AgeBand, max_length=20)

    class Meta:
        table = "live_session_age_band"
        unique_together = (("live_session", "age_band"),)
        indexes = (("age_band", "live_session_id"),)


class LiveSessionRegistration(Model):
    id = fields.IntField(primary_key=True)
    live_session: fields.ForeignKeyRelation[LiveSession] = fields.ForeignKeyField(
        "models.LiveSession", related_name="registrations", on_delete=fields.CASCADE
    )
    live_session_id: int
    user: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="live_session_registrations", on_delete=fields.CASCADE
    )
    user_id: int
    created_at = fields.DatetimeField()

    class Meta:
        table = "live_session_registration"
        unique_together = (("live_session", "user"),)
        indexes = (("user_id", "live_session_id"),)

    @classmethod
    def visible_to(cls, viewer: Viewer) -> QuerySet[LiveSessionRegistration]:
        return cls.filter(user_id=viewer.user_id or 0)


def _targeted(viewer: Viewer) -> Q:
    """Meant for the viewer's families: in scope, and for one of their children's age bands
    (or for every band). No query of its own: a subquery on the bands the viewer carries."""
    in_scope = (
        Q(audience_scope=AudienceScope.EVERYONE)
        | Q(audience_scope=AudienceScope.DISTRICT, district_id__in=viewer.district_ids)
        | Q(audience_scope=AudienceScope.SCHOOL, school_id__in=viewer.school_ids)
    )
    for_bands = LiveSessionAgeBand.filter(age_band__in=viewer.child_age_bands).values_list(
        "live_session_id", flat=True
    )
    return in_scope & Q(Q(all_age_bands=True) | Q(id__in=Subquery(for_bands)))


def listing(viewer: Viewer, *, upcoming_after: dt.datetime | None = None) -> QuerySet[LiveSession]:
    """The sessions the viewer sees, soonest first; with `upcoming_after`, those not yet
    over at that time."""
    rows = LiveSession.visible_to(viewer)
    if upcoming_after is not None:
        # a session's end is start + duration; the listing keeps those starting up to 6 h ago
        # and lets the app hide the ones over (the end is not a column to index on)
        rows = rows.filter(starts_at__gt=upcoming_after - dt.timedelta(hours=6))
    return rows.order_by("starts_at", "id")


def _visible_replays(viewer: Viewer, among: list[int] | None) -> Any:
    replays = LiveSession.visible_to(viewer).filter(replay_lesson_id__not_isnull=True)
    if among is not None:
        replays = replays.filter(replay_lesson_id__in=among)
    return replays.values_list("replay_lesson_id", flat=True)


register_lesson_scope(_visible_replays)
# a replay is released once set (models.courses.media_access)
register_released_lessons(lambda lesson_ids: LiveSession.filter(replay_lesson_id__in=lesson_ids))


def _lecturer_district(viewer: Viewer) -> int:
    for a in viewer.assignments:
        if a.role == StaffRole.LECTURER and a.district_id is not None:
            return a.district_id
    raise DomainError.single(ErrorCode.FORBIDDEN, "只有家庭教育讲师可以创建讲堂", None)


def _text(value: str, field: str, maximum: int, label: str) -> str:
    value = value.strip()
    if not 1 <= len(value) <= maximum:
        raise DomainError.single(ErrorCode.INVALID, f"{label}须为 1 到 {maximum} 个字符", field)
    return value


def _stream_url(value: str) -> str:
    value = value.strip()
    if not value.startswith("https://") or len(value) > MAX_URL or " " in value:
        raise DomainError.single(ErrorCode.INVALID, "直播链接须为 https 链接", "streamUrl")
    return value


def _check_start(starts_at: dt.datetime, now: dt.datetime) -> None:
    if starts_at <= now:
        raise DomainError.single(ErrorCode.INVALID, "开始时间须在将来", "startsAt")
    if starts_at - now > MAX_AHEAD:
        raise DomainError.single(ErrorCode.INVALID, "开始时间不能超过一年以后", "startsAt")


def _duration(minutes: int) -> int:
    if not 10 <= minutes <= 480:
        raise DomainError.single(ErrorCode.INVALID, "时长须为 10 到 480 分钟", "durationMinutes")
    return minutes


async def create_live_session(
    *,
    viewer: Viewer,
    title: str,
    summary: str,
    presenter: str,
    starts_at: dt.datetime,
    duration_minutes: int,
    stream_url: str,
    audience_scope: AudienceScope,
    now: dt.datetime,
    school_id: int | None = None,
    age_bands: list[AgeBand] | None = None,
) -> LiveSession:
    district_id = _lecturer_district(viewer)
    title = _text(title, "title", MAX_TITLE, "标题")
    summary = _text(summary, "summary", MAX_SUMMARY, "简介")
    presenter = _text(presenter, "presenter", 100, "主讲人")
    url = _stream_url(stream_url)
    if starts_at.tzinfo is None:
        raise DomainError.single(ErrorCode.INVALID, "开始时间须带时区", "startsAt")
    starts_at = starts_at.astimezone(dt.UTC)
    _check_start(starts_at, now)
    duration_minutes = _duration(duration_minutes)
    if audience_scope == AudienceScope.SCHOOL:
        if school_id is None:
            raise DomainError.single(ErrorCode.REQUIRED, "请选择学校", "schoolId")
        if not await School.filter(id=school_id, district_id=district_id).exists():
            raise DomainError.single(ErrorCode.NOT_FOUND, "找不到本区的该学校", "schoolId")
    else:
        school_id = None
    bands = sorted(set(age_bands or []))
    async with in_transaction():
        session = await LiveSession.create(
            lecturer_id=viewer.user_id,
            district_id=district_id,
            school_id=school_id,
            audience_scope=audience_scope,
            all_age_bands=not bands,
            title=title,
            summary=summary,
            presenter=presenter,
            starts_at=starts_at,
            duration_minutes=duration_minutes,
            stream_url=url,
            created_at=now,
        )
        await LiveSessionAgeBand.bulk_create(
            [LiveSessionAgeBand(live_session_id=session.id, age_band=b) for b in bands]
        )
    return session


def _reminder_key(session_id: int, user_id: int, starts_at: dt.datetime) -> str:
    """One reminder per registration and start time: a session moved gets new reminders
    even where the old one was already sent."""
    return f"{session_id}:{user_id}@{int(starts_at.timestamp())}"


def _reminder_keys(session_id: int, user_id: int, starts_at: dt.datetime) -> list[str]:
    # and the key reminders had before start times were part of it
    return [_reminder_key(session_id, user_id, starts_at), f"{session_id}:{user_id}"]


async def _schedule_reminder(session: LiveSession, user_id: int, now: dt.datetime) -> None:
    await schedule(
        REMINDER_KIND,
        {"live_session_id": session.id, "user_id": user_id},
        max(now, session.starts_at - REMINDER_LEAD),
        key=_reminder_key(session.id, user_id, session.starts_at),
        now=now,
    )


async def _cancel_reminders(
    session_id: int, user_ids: list[int], starts_at: dt.datetime, now: dt.datetime
) -> None:
    keys = [k for u in user_ids for k in _reminder_keys(session_id, u, starts_at)]
    for i in range(0, len(keys), KEYS_PER_CANCEL):
        await cancel(REMINDER_KIND, keys[i : i + KEYS_PER_CANCEL], now=now)


async def _registered_ids(session_id: int) -> list[int]:
    ids = await LiveSessionRegistration.filter(live_session_id=session_id).values_list(
        "user_id", flat=True
    )
    return sorted(int(i) for i in ids)  # type: ignore[call-overload]


def _local(at: dt.datetime) -> str:
    return at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")


async def _tell_registered(
    session: LiveSession, user_ids: list[int], template: str, starts: dt.datetime, now: dt.datetime
) -> None:
    """One inbox entry and push per registered parent (in outbox rows of at most
    `MAX_DIRECT_RECIPIENTS`), inside the caller's transaction."""
    for i in range(0, len(user_ids), MAX_DIRECT_RECIPIENTS):
        await enqueue(
            user_ids[i : i + MAX_DIRECT_RECIPIENTS],
            NotificationCategory.COURSES_AND_LESSONS,
            template,
            {"title": session.title, "starts": _local(starts)},
            f"homeroom://live-sessions/{session.id}",
            now=now,
        )


def _not_cancelled(session: LiveSession) -> None:
    if session.cancelled_at is not None:
        raise DomainError.single(
            LiveSessionErrorCode.SESSION_CANCELLED, "该讲堂已取消", "liveSessionId"
        )


async def _session_for(viewer: Viewer, session_id: int) -> LiveSession:
    session = await LiveSession.visible_to(viewer).get_or_none(id=session_id)
    if session is None:
        raise DomainError.single(ErrorCode.NOT_FOUND, "找不到该讲堂", "liveSessionId")
    return session


async def register(
    *, viewer: Viewer, session_id: int, now: dt.datetime
) -> tuple[LiveSession, LiveSessionRegistration]:
    """A parent registers (again: the same registration, no second reminder); the reminder
    is scheduled in the same transaction, `REMINDER_LEAD` before the start."""
    session = (
        await LiveSession.visible_to(viewer).filter(_targeted(viewer)).get_or_none(id=session_id)
    )
    if session is None or not viewer.child_ids:
        raise DomainError.single(ErrorCode.NOT_FOUND, "找不到该讲堂", "liveSessionId")
    async with in_transaction():
        # locked: a move or a cancellation in between would miss this registration
        session = await LiveSession.filter(id=session.id).select_for_update().get()
        _not_cancelled(session)
        if session.starts_at <= now:
            raise DomainError.single(
                LiveSessionErrorCode.ALREADY_STARTED, "讲堂已经开始", "liveSessionId"
            )
        registration, created = await LiveSessionRegistration.get_or_create(
            live_session_id=session.id, user_id=viewer.user_id, defaults={"created_at": now}
        )
        if created:
            await _schedule_reminder(session, viewer.user_id or 0, now)
    return session, registration


async def unregister(*, viewer: Viewer, session_id: int, now: dt.datetime) -> LiveSession:
    """Leaving a session (or one never joined: the same end state); its reminder cancelled."""
    session = await _session_for(viewer, session_id)
    if session.starts_at <= now:
        raise DomainError.single(
            LiveSessionErrorCode.ALREADY_STARTED, "讲堂已经开始", "liveSessionId"
        )
    async with in_transaction():
        await LiveSessionRegistration.filter(
            live_session_id=session.id, user_id=viewer.user_id or 0
        ).delete()
        await _cancel_reminders(session.id, [viewer.user_id or 0], session.starts_at, now)
    return session


@dataclass(frozen=True, slots=True)
class LiveSessionChanges:
    """What an edit changes; None leaves the field as it is."""

    title: str | None = None
    summary: str | None = None
    presenter: str | None = None
    starts_at: dt.datetime | None = None
    duration_minutes: int | None = None
    stream_url: str | None = None


def _checked_changes(changes: LiveSessionChanges) -> dict[str, Any]:
    columns: dict[str, Any] = {}
    if changes.title is not None:
        columns["title"] = _text(changes.title, "title", MAX_TITLE, "标题")
    if changes.summary is not None:
        columns["summary"] = _text(changes.summary, "summary", MAX_SUMMARY, "简介")
    if changes.presenter is not None:
        columns["presenter"] = _text(changes.presenter, "presenter", 100, "主讲人")
    if changes.stream_url is not None:
        columns["stream_url"] = _stream_url(changes.stream_url)
    if changes.duration_minutes is not None:
        columns["duration_minutes"] = _duration(changes.duration_minutes)
    if changes.starts_at is not None:
        if changes.starts_at.tzinfo is None:
            raise DomainError.single(ErrorCode.INVALID, "开始时间须带时区", "startsAt")
        columns["starts_at"] = changes.starts_at.astimezone(dt.UTC)
    return columns


async def _own_session(viewer: Viewer, session_id: int) -> LiveSession:
    """The viewer's own session, locked for the rest of the transaction."""
    session = await _session_for(viewer, session_id)
    if session.lecturer_id != viewer.user_id:
        raise DomainError.single(ErrorCode.FORBIDDEN, "只有主讲讲师可以修改讲堂", "liveSessionId")
    return await LiveSession.filter(id=session.id).select_for_update().get()


async def update_live_session(
    *, viewer: Viewer, session_id: int, changes: LiveSessionChanges, now: dt.datetime
) -> LiveSession:
    """Its lecturer edits a session not cancelled. The texts, duration and stream URL may be
    fixed even while it runs; the start time moves only before the start, and only into the
    future. A new start time moves every registered parent's reminder and tells each of them
    once."""
    columns = _checked_changes(changes)
    async with in_transaction():
        session = await _own_session(viewer, session_id)
        _not_cancelled(session)
        new_start: dt.datetime | None = columns.get("starts_at")
        old_start = session.starts_at
        moved = new_start is not None and new_start != old_start
        if new_start is None or not moved:
            columns.pop("starts_at", None)
        elif old_start <= now:
            raise DomainError.single(
                LiveSessionErrorCode.ALREADY_STARTED, "讲堂已经开始，不能改期", "startsAt"
            )
        else:
            _check_start(new_start, now)
        if not columns:
            return session
        session.update_from_dict(columns)
        await session.save(update_fields=list(columns))
        if moved:
            user_ids = await _registered_ids(session.id)
            await _cancel_reminders(session.id, user_ids, old_start, now)
            for user_id in user_ids:
                await _schedule_reminder(session, user_id, now)
            await _tell_registered(
                session, user_ids, "live_sessions.rescheduled", session.starts_at, now
            )
    return session


async def cancel_live_session(*, viewer: Viewer, session_id: int, now: dt.datetime) -> LiveSession:
    """Its lecturer cancels a session before it starts: its reminders cancelled, each
    registered parent told once. Cancelling it again changes nothing and tells nobody."""
    async with in_transaction():
        session = await _own_session(viewer, session_id)
        if session.cancelled_at is not None:
            return session
        if session.starts_at <= now:
            raise DomainError.single(
                LiveSessionErrorCode.ALREADY_STARTED, "讲堂已经开始，不能取消", "liveSessionId"
            )
        session.cancelled_at = now
        await session.save(update_fields=["cancelled_at"])
        user_ids = await _registered_ids(session.id)
        await _cancel_reminders(session.id, user_ids, session.starts_at, now)
        await _tell_registered(session, user_ids, "live_sessions.cancelled", session.starts_at, now)
    return session


@job_handler(REMINDER_KIND)
async def remind(payload: dict[str, Any], job: JobContext) -> None:
    """Runs in the job's transaction; a registration gone meanwhile gets nothing."""
    session_id, user_id = payload["live_session_id"], payload["user_id"]
    if not await LiveSessionRegistration.filter(
        live_session_id=session_id, user_id=user_id
    ).exists():
        return
    session = await LiveSession.get_or_none(id=session_id)
    if session is None or session.cancelled_at is not None or session.starts_at <= job.now:
        return
    starts = session.starts_at.astimezone(SHANGHAI).strftime("%H:%M")
    await enqueue(
        [user_id],
        NotificationCategory.COURSES_AND_LESSONS,
        "live_sessions.reminder",
        {"title": session.title, "starts": starts},
        f"homeroom://live-sessions/{session.id}",
        now=job.now,
    )


async def set_replay(
    *,
    viewer: Viewer,
    session_id: int,
    media_url: str,
    duration_seconds: int,
    kind: LessonKind,
    now: dt.datetime,
) -> LiveSession:
    """The lecturer adds (or replaces) the replay once the session has begun: a lesson of
    the parent school, so progress and hours follow its rules; a replaced replay keeps the
    lesson (and the progress on it), its version raised."""
    session = await _session_for(viewer, session_id)
    if session.lecturer_id != viewer.user_id:
        raise DomainError.single(ErrorCode.FORBIDDEN, "只有主讲讲师可以上传回放", "liveSessionId")
    _not_cancelled(session)
    if session.starts_at > now:
        raise DomainError.single(
            LiveSessionErrorCode.NOT_STARTED, "讲堂开始后才能上传回放", "liveSessionId"
        )
    if kind == LessonKind.ARTICLE:
        raise DomainError.single(ErrorCode.INVALID, "回放须为视频或音频", "kind")
    columns = checked_content(
        LessonContent(
            title=f"回放：{session.title}"[:MAX_TITLE],
            kind=kind,
            media_url=media_url,
            duration_seconds=duration_seconds,
        )
    )
    async with in_transaction():
        if session.replay_lesson_id is None:
            lesson = await Lesson.create(
                course_id=None,
                author_id=viewer.user_id,
                created_at=now,
                updated_at=now,
                **columns,
            )
            session.replay_lesson_id = lesson.id
            await session.save(update_fields=["replay_lesson_id"])
        else:
            await Lesson.filter(id=session.replay_lesson_id).update(
                **columns, updated_at=now, version=F("version") + 1
            )
    return session


async def registration_counts(session_ids: list[int]) -> dict[int, int]:
    """Registrations per session, one grouped query."""
    rows = (
        await LiveSessionRegistration.filter(live_session_id__in=session_ids)
        .group_by("live_session_id")
        .annotate(n=Count("id"))
        .values_list("live_session_id", "n")
    )
    return {int(sid): int(n) for sid, n in rows}


def sees_figures(viewer: Viewer, session: LiveSession) -> bool:
    return session.lecturer_id == viewer.user_id or session.district_id in viewer.admin_district_ids
