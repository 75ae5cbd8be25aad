"""Who is asking: the signed-in person's links and roles, loaded once per request.

Every `visible_to(viewer)` rule reads these id sets, so scoping costs no extra query.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from models.schools import Guardianship, StaffRole


@dataclass(frozen=True, slots=True)
class Viewer:
    user_id: int | None = None
    session_id: int | None = None
    child_ids: frozenset[int] = frozenset()
    child_class_ids: frozenset[int] = frozenset()
    taught_class_ids: frozenset[int] = frozenset()
    staff_school_ids: frozenset[int] = frozenset()  # counselor or school admin
    school_ids: frozenset[int] = frozenset()  # every school the person belongs to
    admin_district_ids: frozenset[int] = frozenset()
    district_ids: frozenset[int] = frozenset()
    roles: frozenset[StaffRole] = frozenset()
    assignments: tuple[Assignment, ...] = field(default=(), repr=False)
    # per child, where content is aimed at it: (district, school, age band of its class)
    child_audiences: frozenset[ChildAudience] = frozenset()

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    def has_role(self, *roles: StaffRole) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def child_age_bands(self) -> list[str]:
        """The age bands (AgeBand values) of the viewer's children's classes, sorted."""
        return sorted({a.age_band for a in self.child_audiences})

    def as_staff(self) -> Viewer:
        """The same person without their guardian links (for staff-only views)."""
        return replace(
            self, child_ids=frozenset(), child_class_ids=frozenset(), child_audiences=frozenset()
        )

    def teaches(self, school_class_id: int) -> bool:
        return school_class_id in self.taught_class_ids

    def administers_school(self, school_id: int, district_id: int) -> bool:
        return self.has_school_role(StaffRole.SCHOOL_ADMIN, school_id) or (
            district_id in self.admin_district_ids
        )

    def has_school_role(self, role: StaffRole, school_id: int) -> bool:
        return any(a.role == role and a.school_id == school_id for a in self.assignments)


ANONYMOUS = Viewer()


@dataclass(frozen=True, slots=True, order=True)
class ChildAudience:
    """A child as targeted content sees it: its district, school and class's age band."""

    district_id: int
    school_id: int
    age_band: str  # an AgeBand value


@dataclass(frozen=True, slots=True)
class Assignment:
    """A staff role and where it applies (a row of `staff_assignment`, with the school and
    district a class's role applies in)."""

    role: StaffRole
    district_id: int | None = None  # the district it applies in (a school's, for a school role)
    school_id: int | None = None
    school_class_id: int | None = None
    class_school_id: int | None = None  # the school of `school_class_id`


# One round trip for the whole viewer: the session's liveness (a 'session' row only while it
# is live), the guardian links with each child's class, school and district, and the staff
# assignments with the schools and district they apply in. Hand-written because it runs on
# every request and Tortoise rebuilds a query's SQL each time it runs. `?1` numbers work in
# both dialects here: asyncpg's `$1` is written for PostgreSQL below.
_VIEWER_SQL = """
SELECT 'session' AS kind, NULL AS role, CAST(NULL AS INTEGER) AS student_id,
       CAST(NULL AS INTEGER) AS class_id, CAST(NULL AS INTEGER) AS school_id,
       CAST(NULL AS INTEGER) AS district_id, CAST(NULL AS INTEGER) AS class_school_id,
       NULL AS age_band
  FROM auth_session s JOIN app_user u ON u.id = s.user_id
 WHERE s.id = ?2 AND s.user_id = ?1 AND s.revoked_at IS NULL AND u.is_active
UNION ALL
SELECT 'child', NULL, st.id, st.school_class_id, st.school_id, sc.district_id,
       CAST(NULL AS INTEGER), cl.age_band
  FROM guardianship g
  JOIN student st ON st.id = g.student_id
  JOIN school sc ON sc.id = st.school_id
  JOIN school_class cl ON cl.id = st.school_class_id
 WHERE g.guardian_id = ?1
UNION ALL
SELECT 'staff', a.role, CAST(NULL AS INTEGER), a.school_class_id, a.school_id,
       COALESCE(own.district_id, class_school.district_id, a.district_id), cl.school_id, NULL
  FROM staff_assignment a
  LEFT JOIN school own ON own.id = a.school_id
  LEFT JOIN school_class cl ON cl.id = a.school_class_id
  LEFT JOIN school class_school ON class_school.id = cl.school_id
 WHERE a.user_id = ?1
"""


def _viewer_sql(dialect: str) -> str:
    return _VIEWER_SQL.replace("?", "$") if dialect == "postgres" else _VIEWER_SQL


async def _viewer_rows(user_id: int, session_id: int) -> list[dict]:
    db = Guardianship._meta.db
    sql = _viewer_sql(db.capabilities.dialect)
    return list(await db.execute_query_dict(sql, [user_id, session_id]))


async def load_session_viewer(user_id: int, session_id: int) -> Viewer | None:
    """The viewer of a live session, or None when it was revoked (logout, reuse detection)
    or its person deactivated: one query."""
    rows = await _viewer_rows(user_id, session_id)
    if not any(r["kind"] == "session" for r in rows):
        return None
    return _viewer_from(user_id, session_id, rows)


async def load_viewer(user_id: int, session_id: int | None = None) -> Viewer:
    """The person's links and roles, whatever their sessions (the CLI, jobs, tests)."""
    return _viewer_from(user_id, session_id, await _viewer_rows(user_id, session_id or 0))


def _viewer_from(user_id: int, session_id: int | None, rows: list[dict]) -> Viewer:
    child_ids: set[int] = set()
    child_class_ids: set[int] = set()
    school_ids: set[int] = set()
    district_ids: set[int] = set()
    taught: set[int] = set()
    staff_schools: set[int] = set()
    admin_districts: set[int] = set()
    assignments: list[Assignment] = []
    audiences: set[ChildAudience] = set()
    for r in rows:
        if r["kind"] == "child":
            audiences.add(ChildAudience(r["district_id"], r["school_id"], r["age_band"]))
            child_ids.add(r["student_id"])
            child_class_ids.add(r["class_id"])
            school_ids.add(r["school_id"])
            district_ids.add(r["district_id"])
        elif r["kind"] == "staff":
            a = Assignment(
                role=StaffRole(r["role"]),
                district_id=r["district_id"],
                school_id=r["school_id"],
                school_class_id=r["class_id"],
                class_school_id=r["class_school_id"],
            )
            assignments.append(a)
            if a.role == StaffRole.CLASS_TEACHER and a.school_class_id is not None:
                taught.add(a.school_class_id)
                school_ids.add(a.class_school_id)  # type: ignore[arg-type]
                district_ids.add(a.district_id)  # type: ignore[arg-type]
            elif a.role in (StaffRole.COUNSELOR, StaffRole.SCHOOL_ADMIN) and a.school_id:
                staff_schools.add(a.school_id)
                school_ids.add(a.school_id)
                district_ids.add(a.district_id)  # type: ignore[arg-type]
            elif a.role == StaffRole.DISTRICT_ADMIN and a.district_id:
                admin_districts.add(a.district_id)
                district_ids.add(a.district_id)
            elif a.role == StaffRole.LECTURER and a.district_id:
                district_ids.add(a.district_id)
    return Viewer(
        user_id=user_id,
        session_id=session_id,
        child_ids=frozenset(child_ids),
        child_class_ids=frozenset(child_class_ids),
        taught_class_ids=frozenset(taught),
        staff_school_ids=frozenset(staff_schools),
        school_ids=frozenset(school_ids),
        admin_district_ids=frozenset(admin_districts),
        district_ids=frozenset(district_ids),
        roles=frozenset(a.role for a in assignments),
        assignments=tuple(assignments),
        child_audiences=frozenset(audiences),
    )
