"""Enrol, watch, resume: progress per lesson and the learning time it credits.

The app reports every few seconds while playing: the interval it played since its last report
([fromSeconds, toSeconds)) and a sequence number that grows within a viewing. Reports may be
retried or arrive out of order, so
- credited time is the union of the reported intervals, clipped to the lesson's length: a
  report seen twice, or a part watched twice, adds nothing; hours never pass the lesson's length;
- the resume position follows the report with the highest sequence (a stale one never moves
  it back) and `completed` never goes back to false.
Credit lands in the school year of the report (`LearningTime`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tortoise.expressions import F
from tortoise.transactions import in_transaction

from core.errors import DomainError, ErrorCode
from models.courses.tables import (
    Course,
    CourseErrorCode,
    CourseStatus,
    Enrolment,
    LearningTime,
    Lesson,
    LessonProgress,
)
from models.schools import SchoolYear

if TYPE_CHECKING:
    from models.viewer import Viewer

COMPLETION_SHARE = 0.9  # watched this much of a lesson: completed
MAX_INTERVALS = 200  # a pathological seeker's list stays bounded: the closest gaps are merged
SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def merge(intervals: list[list[int]], new: tuple[int, int], length: int) -> list[list[int]]:
    """The union of `intervals` and `new`, clipped to [0, length), sorted and disjoint."""
    start, end = max(0, new[0]), min(length, new[1])
    spans = [(a, b) for a, b in intervals]
    if start < end:
        spans.append((start, end))
    spans.sort()
    merged: list[list[int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    # bound the row: close the smallest gap (credits at most that gap, never past the length)
    while len(merged) > MAX_INTERVALS:
        gap = min(range(len(merged) - 1), key=lambda i: merged[i + 1][0] - merged[i][1])
        merged[gap : gap + 2] = [[merged[gap][0], merged[gap + 1][1]]]
    return merged


def covered(intervals: list[list[int]]) -> int:
    return sum(b - a for a, b in intervals)


async def enrol(*, viewer: Viewer, course_id: int, now: dt.datetime) -> Enrolment:
    """Idempotent: enrolling twice is the same enrolment."""
    course = await Course.visible_to(viewer).get_or_none(id=course_id)
    if course is None or course.status != CourseStatus.PUBLISHED:
        raise DomainError.single(ErrorCode.NOT_FOUND, "找不到该课程", "courseId")
    async with in_transaction():
        enrolment, _ = await Enrolment.get_or_create(
            course_id=course.id, user_id=viewer.user_id, defaults={"created_at": now}
        )
    return enrolment


@dataclass(frozen=True, slots=True)
class ProgressReport:
    lesson_id: int
    from_seconds: int
    to_seconds: int
    sequence: int
    completed: bool = False


async def report_progress(
    *, viewer: Viewer, report: ProgressReport, now: dt.datetime
) -> LessonProgress:
    if report.from_seconds < 0 or report.to_seconds < report.from_seconds:
        raise DomainError.single(ErrorCode.INVALID, "播放区间无效", "toSeconds")
    if report.sequence < 0:
        raise DomainError.single(ErrorCode.INVALID, "序号不能为负", "sequence")
    lesson = await Lesson.visible_to(viewer).get_or_none(id=report.lesson_id)
    if lesson is None:
        raise DomainError.single(ErrorCode.NOT_FOUND, "找不到该课时", "lessonId")
    if (
        lesson.course_id is not None
        and not await Enrolment.filter(course_id=lesson.course_id, user_id=viewer.user_id).exists()
    ):
        raise DomainError.single(CourseErrorCode.NOT_ENROLLED, "请先报名该课程", "lessonId")
    year = await SchoolYear.current(now.astimezone(SHANGHAI).date())
    length = lesson.duration_seconds
    async with in_transaction():
        progress, _ = await LessonProgress.get_or_create(
            lesson_id=lesson.id,
            user_id=viewer.user_id,
            defaults={"started_at": now, "updated_at": now},
        )
        # the row is locked (PostgreSQL) so two reports in flight merge one after the other
        progress = await LessonProgress.filter(id=progress.id).select_for_update().get()
        before = progress.watched_seconds
        progress.watched = merge(progress.watched, (report.from_seconds, report.to_seconds), length)
        progress.watched_seconds = covered(progress.watched)
        if report.sequence > progress.last_sequence:
            progress.last_sequence = report.sequence
            progress.position_seconds = min(report.to_seconds, length)
        done = report.completed or progress.watched_seconds >= COMPLETION_SHARE * length
        if done and not progress.completed:
            progress.completed = True
            progress.completed_at = now
        progress.updated_at = now
        await progress.save()
        gained = progress.watched_seconds - before
        if gained > 0 and year is not None:
            credit, _ = await LearningTime.get_or_create(
                user_id=viewer.user_id, school_year_id=year.id
            )
            await LearningTime.filter(id=credit.id).update(seconds=F("seconds") + gained)
    return progress
