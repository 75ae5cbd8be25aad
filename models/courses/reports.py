"""Figures: a parent's hours per school year, a school's parent-school participation, and a
lecturer's figures per course and lesson. Each is a fixed number of grouped queries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tortoise.functions import Count, Sum

from models.courses.progress import SHANGHAI
from models.courses.tables import Enrolment, LearningTime, Lesson, LessonProgress
from models.schools import Guardianship, School, SchoolClass, SchoolYear

if TYPE_CHECKING:
    from models.viewer import Viewer


@dataclass(frozen=True, slots=True)
class YearHours:
    school_year: SchoolYear
    seconds: int


async def hours_by_school_year(viewer: Viewer) -> list[YearHours]:
    """The viewer's own learning time, newest school year first; one query."""
    rows = (
        await LearningTime.filter(user_id=viewer.user_id or 0)
        .select_related("school_year")
        .order_by("-school_year__starts_on")
    )
    return [YearHours(r.school_year, r.seconds) for r in rows]


@dataclass(frozen=True, slots=True)
class ClassHours:
    school_class: SchoolClass
    families: int
    seconds: int


@dataclass(frozen=True, slots=True)
class Participation:
    school_year: SchoolYear
    families: int  # guardians of the school's students that year
    families_with_completion: int  # of whom completed at least one lesson
    classes: list[ClassHours]

    @property
    def share(self) -> float:
        return self.families_with_completion / self.families if self.families else 0.0


async def participation(
    viewer: Viewer, school_id: int, school_year: SchoolYear
) -> Participation | None:
    """For a school admin of the school (or a district admin of its district); None for
    anyone else. Four queries whatever the school's size. A guardian of children in two
    classes counts as a family of each."""
    school = await School.get_or_none(id=school_id)
    if school is None or not viewer.administers_school(school.id, school.district_id):
        return None
    classes = await SchoolClass.filter(school_id=school.id, school_year_id=school_year.id)
    links = await Guardianship.filter(
        student__school_class_id__in=[c.id for c in classes], guardian__is_active=True
    ).values_list("student__school_class_id", "guardian_id")
    guardians = sorted({g for _, g in links})
    start = dt.datetime.combine(school_year.starts_on, dt.time(), SHANGHAI)
    end = dt.datetime.combine(school_year.ends_on + dt.timedelta(days=1), dt.time(), SHANGHAI)
    completed_rows: list[Any] = (
        await LessonProgress.filter(
            user_id__in=guardians,
            completed=True,
            completed_at__gte=start,
            completed_at__lt=end,
        )
        .distinct()
        .values_list("user_id", flat=True)
    )
    completed = {int(u) for u in completed_rows}
    seconds = dict(
        await LearningTime.filter(user_id__in=guardians, school_year_id=school_year.id).values_list(
            "user_id", "seconds"
        )
    )
    by_class: dict[int, set[int]] = defaultdict(set)
    for class_id, guardian_id in links:
        by_class[class_id].add(guardian_id)
    return Participation(
        school_year=school_year,
        families=len(guardians),
        families_with_completion=len(completed),
        classes=[
            ClassHours(c, len(by_class[c.id]), sum(seconds.get(g, 0) for g in by_class[c.id]))
            for c in sorted(classes, key=lambda c: (c.grade, c.name))
        ],
    )


@dataclass(frozen=True, slots=True)
class Figures:
    """Enrolments (courses only), viewers who started, who completed, and the average share
    of the lesson (or course) they watched."""

    enrolments: int
    views: int
    completions: int
    average_watch_share: float


async def lesson_figures(lesson_ids: Sequence[int]) -> dict[int, Figures]:
    """One grouped query for all the lessons."""
    lessons = dict(
        await Lesson.filter(id__in=list(lesson_ids)).values_list("id", "duration_seconds")
    )
    rows = (
        await LessonProgress.filter(lesson_id__in=list(lesson_ids))
        .group_by("lesson_id")
        .annotate(views=Count("id"), watched=Sum("watched_seconds"))
        .values("lesson_id", "views", "watched")
    )
    done = dict(
        await LessonProgress.filter(lesson_id__in=list(lesson_ids), completed=True)
        .group_by("lesson_id")
        .annotate(n=Count("id"))
        .values_list("lesson_id", "n")
    )
    out = {i: Figures(0, 0, 0, 0.0) for i in lesson_ids}
    for r in rows:
        length = lessons.get(r["lesson_id"]) or 1
        views = int(r["views"])
        out[r["lesson_id"]] = Figures(
            enrolments=0,
            views=views,
            completions=int(done.get(r["lesson_id"], 0)),
            average_watch_share=round(int(r["watched"] or 0) / (views * length), 4),
        )
    return out


async def course_figures(course_ids: Sequence[int]) -> dict[int, Figures]:
    """A course's enrolments, the people who started any lesson, completed every lesson, and
    the average share of the whole course an enrolled person watched. Four grouped queries."""
    ids = list(course_ids)
    enrolled = dict(
        await Enrolment.filter(course_id__in=ids)
        .annotate(n=Count("id"))
        .group_by("course_id")
        .values_list("course_id", "n")
    )
    lengths: dict[int, int] = defaultdict(int)
    lesson_count: dict[int, int] = defaultdict(int)
    for course_id, seconds in await Lesson.filter(course_id__in=ids).values_list(
        "course_id", "duration_seconds"
    ):
        lengths[course_id] += seconds
        lesson_count[course_id] += 1
    watching = {
        r["lesson__course_id"]: r
        for r in await LessonProgress.filter(lesson__course_id__in=ids)
        .annotate(views=Count("user_id", distinct=True), watched=Sum("watched_seconds"))
        .group_by("lesson__course_id")
        .values("lesson__course_id", "views", "watched")
    }
    # per person, the lessons completed: a completion is every lesson of the course
    completions: dict[int, int] = defaultdict(int)
    for course_id, _, done in (
        await LessonProgress.filter(lesson__course_id__in=ids, completed=True)
        .annotate(n=Count("id"))
        .group_by("lesson__course_id", "user_id")
        .values_list("lesson__course_id", "user_id", "n")
    ):
        if int(done) >= lesson_count[course_id]:
            completions[course_id] += 1
    out: dict[int, Figures] = {}
    for c in ids:
        row = watching.get(c, {})
        views = int(row.get("views") or 0)
        people = max(int(enrolled.get(c, 0)), views) or 1
        out[c] = Figures(
            enrolments=int(enrolled.get(c, 0)),
            views=views,
            completions=completions[c],
            average_watch_share=round(
                int(row.get("watched") or 0) / (people * (lengths[c] or 1)), 4
            ),
        )
    return out
