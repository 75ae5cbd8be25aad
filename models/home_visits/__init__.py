"""Home visits (家访): plans per class and school year, slots and bookings, records, coverage.

Every class teacher visits every student's home once a school year (全员家访), and the families
of students at risk again (重点专访). Importing this package registers what the domain gives the
shared registries: its error codes, the HOME_VISIT notification texts and the reminder job.
"""

from models.home_visits import reminders as _reminders  # noqa: F401  (the job handler)
from models.home_visits.errors import HomeVisitErrorCode
from models.home_visits.tables import (
    ACTIVE_STATUSES,
    CalendarFeed,
    ContactChannel,
    FamilyContact,
    HomeVisit,
    Responsibility,
    Side,
    TargetReason,
    VisitCoVisitor,
    VisitKind,
    VisitPlan,
    VisitPlanEntry,
    VisitRecord,
    VisitSlot,
    VisitStatus,
)

__all__ = [
    "ACTIVE_STATUSES",
    "CalendarFeed",
    "ContactChannel",
    "FamilyContact",
    "HomeVisit",
    "HomeVisitErrorCode",
    "Responsibility",
    "Side",
    "TargetReason",
    "VisitCoVisitor",
    "VisitKind",
    "VisitPlan",
    "VisitPlanEntry",
    "VisitRecord",
    "VisitSlot",
    "VisitStatus",
]
