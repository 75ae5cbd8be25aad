"""Micro-lessons (微课) and the feed of them each parent follows.

A micro-lesson is one short lesson (a `models.courses.Lesson` without a course, so progress
and learning hours follow the parent school's one rule), optionally in a series
("24 堂暖心微课"), targeted at a district, optionally narrowed to some of its schools and to
some age bands, and released now or at a set time. At release the targeted parents get one
push and one inbox entry each (one guardian broadcast). The feed shows a parent the released
micro-lessons targeted at any of their children (the child's district, school and age band
together), newest release first; like and save are idempotent.

This domain builds on `models.courses` (the lesson, its progress): it sits a layer above it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.expressions import Q, RawSQL, Subquery
from tortoise.models import Model
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from core.errors import DomainError, ErrorCode, error_codes
from models.courses import (
    Lesson,
    LessonProgress,
    register_lesson_scope,
    register_released_lessons,
)
from models.courses.workflow import LessonContent, checked_content
from models.jobs import JobContext, cancel, job_handler, schedule
from models.schools import AgeBand, GuardianAudience, School, StaffRole
from notifications import NotificationCategory, enqueue_broadcast

if TYPE_CHECKING:
    from models.viewer import Viewer

RELEASE_KIND = "feed.release_micro_lesson"
MAX_SERIES = 100
MAX_AHEAD = dt.timedelta(days=400)


@error_codes
class FeedErrorCode(StrEnum):
    NOT_RELEASED = "NOT_RELEASED"  # liking or saving a micro-lesson before its release
    ALREADY_RELEASED = "ALREADY_RELEASED"  # rescheduling or cancelling one parents have


class MicroLesson(Model):
    id = fields.IntField(primary_key=True)
    lesson: fields.OneToOneRelation[Lesson] = fields.OneToOneField(
        "models.Lesson", related_name="micro_lesson", on_delete=fields.CASCADE
    )
    lesson_id: int
    author: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="micro_lessons", on_delete=fields.RESTRICT
    )
    author_id: int
    district: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.District", related_name="micro_lessons", on_delete=fields.RESTRICT
    )
    district_id: int
    series = fields.CharField(max_length=MAX_SERIES, null=True)
    episode = fields.SmallIntField(null=True)
    release_at = fields.DatetimeField(description="when it is to be released")
    # when it was released (the feed's order): a late job still lands on top of the feed, so a
    # cursor handed out before never skips it
    released_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField()

    class Meta:
        table = "micro_lesson"
        indexes = (("released_at", "id"), ("author_id", "release_at"), ("district_id",))

    @classmethod
    def visible_to(
        cls, viewer: Viewer, lesson_ids: list[int] | None = None
    ) -> QuerySet[MicroLesson]:
        """Parents: released and targeted at one of their children. Its author, and the
        admins of its district, in any state. With `lesson_ids`, only those lessons' (the
        targeting subquery narrowed too, so a batch reads a few targets, not all)."""
        if viewer.user_id is None:
            return cls.filter(id__in=[])
        mine = cls.all() if lesson_ids is None else cls.filter(lesson_id__in=lesson_ids)
        return mine.filter(
            Q(id__in=Subquery(_targeted(viewer, lesson_ids)), released_at__not_isnull=True)
            | Q(author_id=viewer.user_id)
            | Q(district_id__in=viewer.admin_district_ids)
        )


class MicroLessonTarget(Model):
    """One (district, school or any, age band or any) a micro-lesson is meant for."""

    id = fields.IntField(primary_key=True)
    micro_lesson: fields.ForeignKeyRelation[MicroLesson] = fields.ForeignKeyField(
        "models.MicroLesson", related_name="targets", on_delete=fields.CASCADE
    )
    micro_lesson_id: int
    district: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.District", related_name="micro_lesson_targets", on_delete=fields.CASCADE
    )
    district_id: int
    school: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.School", related_name="micro_lesson_targets", null=True, on_delete=fields.CASCADE
    )
    school_id: int | None
    age_band = fields.CharEnumField(AgeBand, max_length=20, null=True)

    class Meta:
        table = "micro_lesson_target"
        indexes = (("micro_lesson_id",), ("district_id", "age_band"), ("school_id", "age_band"))


class MicroLessonReaction(Model):
    """A parent's like and save of a micro-lesson: one row, set idempotently."""

    id = fields.IntField(primary_key=True)
    micro_lesson: fields.ForeignKeyRelation[MicroLesson] = fields.ForeignKeyField(
        "models.MicroLesson", related_name="reactions", on_delete=fields.CASCADE
    )
    micro_lesson_id: int
    user: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="micro_lesson_reactions", on_delete=fields.CASCADE
    )
    user_id: int
    liked = fields.BooleanField(default=False)
    saved = fields.BooleanField(default=False)
    updated_at = fields.DatetimeField()

    class Meta:
        table = "micro_lesson_reaction"
        unique_together = (("user", "micro_lesson"),)
        indexes = (("micro_lesson_id", "liked"),)


def _targeted(viewer: Viewer, lesson_ids: list[int] | None = None) -> Any:
    """Ids of micro-lessons meant for one of the viewer's children: per child, its district,
    school and age band together (a child in 小学 at school A and one in 初中 at school B
    never see a 初中 lesson for school A). One subquery on constants the viewer carries;
    with `lesson_ids`, of those lessons only."""
    targets = MicroLessonTarget.filter(_meant_for_children(viewer))
    if lesson_ids is not None:
        targets = targets.filter(micro_lesson__lesson_id__in=lesson_ids)
    return targets.values_list("micro_lesson_id", flat=True)


def _meant_for_children(viewer: Viewer) -> Q:
    """Targets matching one of the viewer's children (district, school and age band)."""
    per_child = Q(id__in=[])
    for child in sorted(viewer.child_audiences):
        per_child |= Q(
            Q(district_id=child.district_id)
            & Q(Q(school_id=None) | Q(school_id=child.school_id))
            & Q(Q(age_band=None) | Q(age_band=AgeBand(child.age_band))),
        )
    return per_child


def feed(viewer: Viewer) -> QuerySet[MicroLesson]:
    """The viewer's feed: released micro-lessons meant for their children, newest first."""
    released = MicroLesson.filter(released_at__not_isnull=True)
    if MicroLesson._meta.db.capabilities.dialect == "sqlite":
        meant = released.annotate(meant=RawSQL(_meant_for_children_sqlite(viewer)))
        return meant.filter(meant=True).order_by("-released_at", "-id")
    return released.filter(id__in=Subquery(_targeted(viewer))).order_by("-released_at", "-id")


# The viewer's own state on a page of micro-lessons: read in the page's statement on SQLite,
# in one statement of its own on PostgreSQL (`viewer_states`)
_STATE_OF = "state_of_viewer"  # a row's annotation: [progress columns…] and [liked, saved]
_PROGRESS_STATE = ("position_seconds", "watched_seconds", "completed", "completed_at", "updated_at")
_PROGRESS_COLUMNS = ", ".join(f"p.{column}" for column in _PROGRESS_STATE)
_STATES_SQL = f"""
SELECT m.id, p.id AS progress_id, {_PROGRESS_COLUMNS}, r.liked, r.saved
  FROM micro_lesson m
  LEFT JOIN lesson_progress p ON p.lesson_id = m.lesson_id AND p.user_id = ?1
  LEFT JOIN micro_lesson_reaction r ON r.micro_lesson_id = m.id AND r.user_id = ?1
 WHERE m.id IN ({{ids}})
"""


@dataclass(frozen=True, slots=True)
class ViewerState:
    """The viewer's progress on a micro-lesson's lesson (None before they start) and their
    reaction to it, read for a whole page at once."""

    progress: LessonProgress | None
    liked: bool
    saved: bool


def with_viewer_state(queryset: QuerySet[MicroLesson], viewer: Viewer) -> QuerySet[MicroLesson]:
    """On SQLite, the page's own statement reads the viewer's progress and reaction on each
    row (two correlated lookups on unique indexes, as JSON; `viewer_state` reads them off the
    row): no query of their own (a Tortoise query is ~0.3 ms of Python on a 3.6 ms page).
    PostgreSQL reads them with `viewer_states`: the viewer's id written into the page's text
    would make each viewer's statement new to asyncpg's prepared-statement cache (`feed`
    above says the same of the targeting)."""
    if MicroLesson._meta.db.capabilities.dialect != "sqlite":
        return queryset
    user_id = int(viewer.user_id or 0)
    return queryset.annotate(
        **{
            _STATE_OF: RawSQL(
                f"json_array((SELECT json_array({_PROGRESS_COLUMNS}) FROM lesson_progress p"
                f" WHERE p.lesson_id = micro_lesson.lesson_id AND p.user_id = {user_id}),"
                " (SELECT json_array(r.liked, r.saved) FROM micro_lesson_reaction r"
                f" WHERE r.micro_lesson_id = micro_lesson.id AND r.user_id = {user_id}))"
            )
        }
    )


def viewer_state(row: MicroLesson) -> ViewerState | None:
    """What `with_viewer_state` read with this row, or None when it read nothing."""
    raw = row.__dict__.get(_STATE_OF)
    if raw is None:
        return None
    progress, reaction = json.loads(raw)
    liked, saved = reaction or (False, False)
    return _state(progress, liked, saved)


async def viewer_states(viewer: Viewer, micro_lesson_ids: list[int]) -> list[ViewerState]:
    """The viewer's state on each of these micro-lessons, in their order, in one statement
    (the progress and the reaction joined to each): where the page did not read it."""
    if not micro_lesson_ids:
        return []
    db = MicroLesson._meta.db
    sql = _STATES_SQL.format(ids=", ".join(f"?{n}" for n in range(2, len(micro_lesson_ids) + 2)))
    if db.capabilities.dialect == "postgres":
        sql = sql.replace("?", "$")
    rows = await db.execute_query_dict(sql, [int(viewer.user_id or 0), *micro_lesson_ids])
    by_id = {
        row["id"]: _state(
            None if row["progress_id"] is None else [row[c] for c in _PROGRESS_STATE],
            row["liked"],
            row["saved"],
        )
        for row in rows
    }
    nothing = ViewerState(progress=None, liked=False, saved=False)
    return [by_id.get(i, nothing) for i in micro_lesson_ids]


def _state(progress: list[Any] | None, liked: Any, saved: Any) -> ViewerState:
    """From the columns as the database gives them (SQLite: integers for booleans, text
    for datetimes), converted as Tortoise converts them."""
    if progress is None:
        row = None
    else:
        columns = LessonProgress._meta.fields_map
        row = LessonProgress(
            **{
                name: columns[name].to_python_value(value)
                for name, value in zip(_PROGRESS_STATE, progress, strict=True)
            }
        )
    return ViewerState(progress=row, liked=bool(liked), saved=bool(saved))


def _meant_for_children_sqlite(viewer: Viewer) -> str:
    """`_meant_for_children` as a correlated EXISTS, for SQLite: it then walks
    `(released_at, id)` newest first and stops at the page, one target lookup a row (1.0 ms
    a page at 5,000 micro-lessons), where `id IN (targets)` reads every matching target and
    sorts the lot (3.2 ms, growing with the micro-lessons). PostgreSQL plans the IN form
    well and keeps its statements prepared: it stays there. Tortoise has no outer reference,
    so the viewer's constants are written into the text: integers and AgeBand values only."""
    per_child = [
        f"(t.district_id = {int(c.district_id)}"
        f" AND (t.school_id IS NULL OR t.school_id = {int(c.school_id)})"
        f" AND (t.age_band IS NULL OR t.age_band = '{AgeBand(c.age_band).value}'))"
        for c in sorted(viewer.child_audiences)
    ]
    return (
        "EXISTS (SELECT 1 FROM micro_lesson_target t WHERE t.micro_lesson_id = micro_lesson.id"
        f" AND ({' OR '.join(per_child) or '1 = 0'}))"
    )


def authored(viewer: Viewer) -> QuerySet[MicroLesson]:
    """A lecturer's own micro-lessons, scheduled and released, latest release time first."""
    return MicroLesson.filter(author_id=viewer.user_id or 0).order_by("-release_at", "-id")


def _visible_micro_lessons(viewer: Viewer, among: list[int] | None) -> Any:
    return MicroLesson.visible_to(viewer, among).values_list("lesson_id", flat=True)


register_lesson_scope(_visible_micro_lessons)
# a released micro-lesson's media may be fetched without a token (models.courses.media_access)
register_released_lessons(
    lambda lesson_ids: MicroLesson.filter(lesson_id__in=lesson_ids, released_at__not_isnull=True)
)


def _audience(micro: MicroLesson, targets: list[MicroLessonTarget]) -> GuardianAudience:
    schools = tuple(sorted({t.school_id for t in targets if t.school_id is not None}))
    bands = tuple(sorted({t.age_band.value for t in targets if t.age_band is not None}))
    return GuardianAudience(district_ids=(micro.district_id,), school_ids=schools, age_bands=bands)


async def _release(micro: MicroLesson, now: dt.datetime) -> None:
    """Inside the caller's transaction: released, and one broadcast to its parents."""
    micro.released_at = now
    await micro.save(update_fields=["released_at"])
    lesson = await Lesson.get(id=micro.lesson_id)
    targets = await MicroLessonTarget.filter(micro_lesson_id=micro.id)
    await enqueue_broadcast(
        _audience(micro, targets),
        NotificationCategory.COURSES_AND_LESSONS,
        "courses.new_lesson",
        {"lesson": lesson.title},
        f"homeroom://micro-lessons/{micro.id}",
        now=now,
    )


def _check_release_at(release_at: dt.datetime, now: dt.datetime) -> None:
    if release_at.tzinfo is None:
        raise DomainError.single(ErrorCode.INVALID, "发布时间须带时区", "releaseAt")
    if release_at - now > MAX_AHEAD:
        raise DomainError.single(ErrorCode.INVALID, "发布时间不能超过一年以后", "releaseAt")


def _lecturer_district(viewer: Viewer) -> int:
    for a in viewer.assignments:
        if a.role == StaffRole.LECTURER and a.district_id is not None:
            return a.district_id
    raise DomainError.single(ErrorCode.FORBIDDEN, "只有家庭教育讲师可以发布微课", None)


async def create_micro_lesson(
    *,
    viewer: Viewer,
    content: LessonContent,
    now: dt.datetime,
    series: str | None = None,
    episode: int | None = None,
    school_ids: list[int] | None = None,
    age_bands: list[AgeBand] | None = None,
    release_at: dt.datetime | None = None,
) -> MicroLesson:
    """Released now (no `release_at`, or one not after `now`) or at `release_at` by a job
    scheduled in this transaction."""
    district_id = _lecturer_district(viewer)
    columns = checked_content(content)
    series = (series or "").strip() or None
    if series is not None and len(series) > MAX_SERIES:
        raise DomainError.single(ErrorCode.INVALID, f"系列名最多 {MAX_SERIES} 个字符", "series")
    if episode is not None and not 1 <= episode <= 999:
        raise DomainError.single(ErrorCode.INVALID, "集数须为 1 到 999", "episode")
    if release_at is not None:
        _check_release_at(release_at, now)
    schools = sorted(set(school_ids or []))
    if schools and await School.filter(id__in=schools, district_id=district_id).count() != len(
        schools
    ):
        raise DomainError.single(ErrorCode.NOT_FOUND, "找不到本区的这些学校", "schoolIds")
    bands = sorted(set(age_bands or []))
    school_choices: list[int | None] = [*schools] or [None]  # none: the whole district
    band_choices: list[AgeBand | None] = [*bands] or [None]  # none: every band
    at = now if release_at is None or release_at <= now else release_at.astimezone(dt.UTC)
    async with in_transaction():
        lesson = await Lesson.create(
            course_id=None, author_id=viewer.user_id, created_at=now, updated_at=now, **columns
        )
        micro = await MicroLesson.create(
            lesson_id=lesson.id,
            author_id=viewer.user_id,
            district_id=district_id,
            series=series,
            episode=episode,
            release_at=at,
            created_at=now,
        )
        await MicroLessonTarget.bulk_create(
            [
                MicroLessonTarget(
                    micro_lesson_id=micro.id, district_id=district_id, school_id=s, age_band=b
                )
                for s in school_choices
                for b in band_choices
            ]
        )
        if at <= now:
            await _release(micro, now)
        else:
            await schedule(
                RELEASE_KIND, {"micro_lesson_id": micro.id}, at, key=f"{micro.id}", now=now
            )
    return micro


async def _scheduled_own(viewer: Viewer, micro_lesson_id: int, now: dt.datetime) -> MicroLesson:
    """The viewer's own micro-lesson, not yet released, locked for the transaction.

    Its release job is cancelled first: that waits for a release job running right now (on
    PostgreSQL the runner holds the job's row for its run), so the micro-lesson read after it
    is either released (refused) or not, and no job can release it behind the caller's back:
    a run that started earlier loses its lease and rolls back. Jobs, then micro-lessons: the
    order the release job takes its locks in too."""
    micro = await MicroLesson.visible_to(viewer).get_or_none(id=micro_lesson_id)
    if micro is None:
        raise DomainError.single(ErrorCode.NOT_FOUND, "找不到该微课", "microLessonId")
    if micro.author_id != viewer.user_id:
        raise DomainError.single(ErrorCode.FORBIDDEN, "只能修改自己发布的微课", "microLessonId")
    await cancel(RELEASE_KIND, f"{micro.id}", now=now)
    micro = await MicroLesson.filter(id=micro.id).select_for_update().get()
    if micro.released_at is not None:
        raise DomainError.single(
            FeedErrorCode.ALREADY_RELEASED, "微课已经发布，不能再改期或撤回", "microLessonId"
        )
    return micro


async def reschedule_micro_lesson(
    *, viewer: Viewer, micro_lesson_id: int, release_at: dt.datetime, now: dt.datetime
) -> MicroLesson:
    """Its author moves a scheduled micro-lesson: its one release job moves to the new time
    (a time not after `now` releases it now, with its push). Released: ALREADY_RELEASED."""
    _check_release_at(release_at, now)
    at = release_at.astimezone(dt.UTC)
    async with in_transaction():
        micro = await _scheduled_own(viewer, micro_lesson_id, now)
        if at <= now:
            micro.release_at = now
            await micro.save(update_fields=["release_at"])
            await _release(micro, now)
        else:
            micro.release_at = at
            await micro.save(update_fields=["release_at"])
            # the key cancelled above is pending anew at the new time, with fresh attempts
            await schedule(
                RELEASE_KIND, {"micro_lesson_id": micro.id}, at, key=f"{micro.id}", now=now
            )
    return micro


async def cancel_micro_lesson(*, viewer: Viewer, micro_lesson_id: int, now: dt.datetime) -> int:
    """Its author withdraws a scheduled micro-lesson before release: nobody but its author
    and the district's admins ever saw it, so it is deleted (its lesson, targets and any
    preview progress with it) and its release job cancelled. Released: ALREADY_RELEASED."""
    async with in_transaction():
        micro = await _scheduled_own(viewer, micro_lesson_id, now)
        await Lesson.filter(id=micro.lesson_id).delete()  # cascades to the micro-lesson
    return micro.id


@job_handler(RELEASE_KIND)
async def release_micro_lesson(payload: dict[str, Any], job: JobContext) -> None:
    """Runs in the job's transaction; a micro-lesson already released is left alone, so a
    job run twice pushes once."""
    micro = (
        await MicroLesson.filter(id=payload["micro_lesson_id"]).select_for_update().get_or_none()
    )
    if micro is None or micro.released_at is not None:
        return
    await _release(micro, job.now)


async def react(
    *,
    viewer: Viewer,
    micro_lesson_id: int,
    now: dt.datetime,
    liked: bool | None = None,
    saved: bool | None = None,
) -> MicroLessonReaction:
    """Sets like and/or save to the given state: the same call twice is the same state."""
    micro = await MicroLesson.visible_to(viewer).get_or_none(id=micro_lesson_id)
    if micro is None:
        raise DomainError.single(ErrorCode.NOT_FOUND, "找不到该微课", "microLessonId")
    if micro.released_at is None:
        raise DomainError.single(FeedErrorCode.NOT_RELEASED, "该微课尚未发布", "microLessonId")
    async with in_transaction():
        reaction, _ = await MicroLessonReaction.get_or_create(
            micro_lesson_id=micro.id, user_id=viewer.user_id, defaults={"updated_at": now}
        )
        changes: dict[str, Any] = {"updated_at": now}
        if liked is not None:
            changes["liked"] = liked
        if saved is not None:
            changes["saved"] = saved
        await MicroLessonReaction.filter(id=reaction.id).update(**changes)
        reaction.update_from_dict(changes)
    return reaction


def saved_by(viewer: Viewer) -> QuerySet[MicroLesson]:
    """The viewer's saved micro-lessons (still visible to them), newest release first."""
    ids = MicroLessonReaction.filter(user_id=viewer.user_id or 0, saved=True).values_list(
        "micro_lesson_id", flat=True
    )
    return (
        MicroLesson.visible_to(viewer)
        .filter(id__in=Subquery(ids), released_at__not_isnull=True)
        .order_by("-released_at", "-id")
    )
