"""Who may use the staff side of home visits at all; objects are checked by the domain."""

from __future__ import annotations

from graphql_schema.permissions import _HasRole
from models.schools import StaffRole


class IsVisitStaff(_HasRole):
    """Class teachers plan and visit; counselors mark targeted visits and join; a school
    admin may join a visit as a co-visitor."""

    roles = (StaffRole.CLASS_TEACHER, StaffRole.COUNSELOR, StaffRole.SCHOOL_ADMIN)


class SeesCoverage(_HasRole):
    roles = (StaffRole.CLASS_TEACHER, StaffRole.SCHOOL_ADMIN, StaffRole.DISTRICT_ADMIN)
