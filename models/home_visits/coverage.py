"""Coverage of a class, a school or a district this school year, in a constant number of
queries whatever the size: counts done by the database, never rows walked in Python."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from tortoise.expressions import Q, Subquery
from tortoise.functions import Count

from models.home_visits.tables import (
    FamilyContact,
    HomeVisit,
    VisitPlanEntry,
    VisitStatus,
)
from models.schools import School, SchoolClass, SchoolYear, Student, Term

if TYPE_CHECKING:
    from models.viewer import Viewer

SCHOOL_ZONE = ZoneInfo("Asia/Shanghai")  # terms begin and end on the school calendar's days


@dataclass(frozen=True, slots=True)
class Scope:
    """Exactly one of the three."""

    class_id: int | None = None
    school_id: int | None = None
    district_id: int | None = None

    def students(self, prefix: str = "") -> Q:
        where: dict[str, Any]
        if self.class_id is not None:
            where = {f"{prefix}school_class_id": self.class_id}
        elif self.school_id is not None:
            where = {f"{prefix}school_id": self.school_id}
        else:
            where = {f"{prefix}school__district_id": self.district_id}
        return Q(**where)


@dataclass(frozen=True, slots=True)
class TeacherVisits:
    user_id: int
    name: str
    visits: int


@dataclass(frozen=True, slots=True)
class Coverage:
    school_year: str | None
    students: int
    universal_done: int
    targeted_needed: int
    targeted_done: int
    not_reached: int  # no visit yet this school year
    contacted_this_term: int  # a visit or a logged contact this term
    per_teacher: list[TeacherVisits]

    @property
    def universal_share(self) -> float:
        return self.universal_done / self.students if self.students else 0.0


async def coverage(scope: Scope, today: dt.date) -> Coverage:
    year = await SchoolYear.current(today)
    students = await Student.filter(scope.students()).count()
    if year is None:
        return Coverage(None, students, 0, 0, 0, students, 0, [])
    entries = VisitPlanEntry.filter(scope.students("student__"), plan__school_year_id=year.id)
    universal_done = await entries.filter(universal_visited_at__isnull=False).count()
    targeted = entries.filter(targeted_reason__isnull=False)
    targeted_needed = await targeted.count()
    targeted_done = await targeted.filter(targeted_visited_at__isnull=False).count()
    term = await Term.filter(
        school_year_id=year.id, starts_on__lte=today, ends_on__gte=today
    ).first()
    first, last = (term.starts_on, term.ends_on) if term else (year.starts_on, year.ends_on)
    since = dt.datetime.combine(first, dt.time(), SCHOOL_ZONE)
    until = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), SCHOOL_ZONE)
    visited = HomeVisit.filter(
        status=VisitStatus.COMPLETED, starts_at__gte=since, starts_at__lt=until
    ).values_list("student_id", flat=True)
    called = FamilyContact.filter(contacted_at__gte=since, contacted_at__lt=until).values_list(
        "student_id", flat=True
    )
    contacted = await Student.filter(
        scope.students(), Q(id__in=Subquery(visited)) | Q(id__in=Subquery(called))
    ).count()
    rows: list[dict[str, Any]] = (
        await HomeVisit.filter(
            scope.students("student__"),
            plan__school_year_id=year.id,
            status=VisitStatus.COMPLETED,
        )
        .annotate(visits=Count("id"))
        .group_by("host_id", "host__name")
        .order_by("host_id")
        .values("host_id", "host__name", "visits")
    )
    per_teacher = [TeacherVisits(r["host_id"], r["host__name"], r["visits"]) for r in rows]
    return Coverage(
        school_year=year.name,
        students=students,
        universal_done=universal_done,
        targeted_needed=targeted_needed,
        targeted_done=targeted_done,
        not_reached=students - universal_done,
        contacted_this_term=contacted,
        per_teacher=per_teacher,
    )


async def may_see(viewer: Viewer, scope: Scope) -> bool:
    """The class teacher their class; school admins their school (and its classes); district
    admins their district (and all in it)."""
    if scope.class_id is not None:
        klass = await SchoolClass.get_or_none(id=scope.class_id).select_related("school")
        if klass is None:
            return False
        return viewer.teaches(klass.id) or viewer.administers_school(
            klass.school_id, klass.school.district_id
        )
    if scope.school_id is not None:
        school = await School.get_or_none(id=scope.school_id)
        return school is not None and viewer.administers_school(school.id, school.district_id)
    return scope.district_id in viewer.admin_district_ids
