"""Who is asking: the signed-in person's links and roles, loaded once per request.

Every `visible_to(viewer)` rule reads these id sets, so scoping costs no extra query.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from models.schools import Guardianship, StaffAssignment, StaffRole


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
    assignments: tuple[StaffAssignment, ...] = field(default=(), repr=False)

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    def has_role(self, *roles: StaffRole) -> bool:
        return bool(self.roles.intersection(roles))

    def as_staff(self) -> Viewer:
        """The same person without their guardian links (for staff-only views)."""
        return replace(self, child_ids=frozenset(), child_class_ids=frozenset())

    def teaches(self, school_class_id: int) -> bool:
        return school_class_id in self.taught_class_ids

    def administers_school(self, school_id: int, district_id: int) -> bool:
        return self.has_school_role(StaffRole.SCHOOL_ADMIN, school_id) or (
            district_id in self.admin_district_ids
        )

    def has_school_role(self, role: StaffRole, school_id: int) -> bool:
        return any(a.role == role and a.school_id == school_id for a in self.assignments)


ANONYMOUS = Viewer()


async def load_viewer(user_id: int, session_id: int | None = None) -> Viewer:
    """Two queries: the person's guardian links and staff assignments."""
    links = await Guardianship.filter(guardian_id=user_id).select_related("student__school")
    assignments = await StaffAssignment.filter(user_id=user_id).select_related(
        "school", "school_class__school"
    )
    child_ids = {g.student_id for g in links}
    child_class_ids = {g.student.school_class_id for g in links}
    school_ids = {g.student.school_id for g in links}
    district_ids = {g.student.school.district_id for g in links}
    taught: set[int] = set()
    staff_schools: set[int] = set()
    admin_districts: set[int] = set()
    for a in assignments:
        if a.role == StaffRole.CLASS_TEACHER and a.school_class is not None:
            taught.add(a.school_class.id)
            school_ids.add(a.school_class.school_id)
            district_ids.add(a.school_class.school.district_id)
        elif a.role in (StaffRole.COUNSELOR, StaffRole.SCHOOL_ADMIN) and a.school is not None:
            staff_schools.add(a.school.id)
            school_ids.add(a.school.id)
            district_ids.add(a.school.district_id)
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
    )
