"""The tables of home visits (家访) and who may see each row.

A plan per class and school year holds an entry per student (has the universal visit 全员家访
happened, is a targeted visit 重点专访 needed and why). Teachers offer slots; a family books one
(the slot's `student_id` is the booking: set by a conditional UPDATE, so a slot holds one family).
A visit is proposed, scheduled, cancelled or done; its record is staff-only except the part
addressed to the family.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.expressions import Q, Subquery
from tortoise.models import Model
from tortoise.queryset import QuerySet

from models.schools import StaffRole

if TYPE_CHECKING:
    from models.viewer import Viewer


class VisitKind(StrEnum):
    UNIVERSAL = "UNIVERSAL"  # 全员家访
    TARGETED = "TARGETED"  # 重点专访


class TargetReason(StrEnum):
    """Why a student needs a targeted visit; seen only by the class teacher and counselors."""

    PSYCHOLOGICAL = "PSYCHOLOGICAL"  # 心理问题
    FAMILY_DIFFICULTY = "FAMILY_DIFFICULTY"  # 家庭困难
    LEFT_BEHIND = "LEFT_BEHIND"  # 留守儿童
    SAFETY_RISK = "SAFETY_RISK"  # 安全风险
    HEALTH = "HEALTH"  # 身体健康
    ACADEMIC = "ACADEMIC"  # 学业困难
    OTHER = "OTHER"


class VisitStatus(StrEnum):
    PROPOSED = "PROPOSED"  # a time put to the other side, not yet agreed
    SCHEDULED = "SCHEDULED"
    CANCELLED = "CANCELLED"
    COMPLETED = "COMPLETED"  # recorded as happened
    MISSED = "MISSED"  # recorded as not happened


ACTIVE_STATUSES = (VisitStatus.PROPOSED, VisitStatus.SCHEDULED)


class Side(StrEnum):
    FAMILY = "FAMILY"
    STAFF = "STAFF"


class Responsibility(StrEnum):
    """What a targeted visit makes the family aware of (家长知情、承担就医、确保安全)."""

    INFORMED = "INFORMED"  # 知情
    TREATMENT = "TREATMENT"  # 就医
    SAFETY = "SAFETY"  # 安全


class ContactChannel(StrEnum):
    PHONE = "PHONE"
    MESSAGE = "MESSAGE"
    MEETING = "MEETING"
    OTHER = "OTHER"


def _class_staff(viewer: Viewer, class_field: str, school_field: str) -> Q:
    """The class teacher, and the school's counselors."""
    counselor_schools = [
        a.school_id
        for a in viewer.assignments
        if a.role == StaffRole.COUNSELOR and a.school_id is not None
    ]
    by_class: dict[str, Any] = {f"{class_field}__in": list(viewer.taught_class_ids)}
    by_school: dict[str, Any] = {f"{school_field}__in": counselor_schools}
    return Q(**by_class) | Q(**by_school)


class VisitPlan(Model):
    id = fields.IntField(primary_key=True)
    school_class: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.SchoolClass", related_name="visit_plans", on_delete=fields.CASCADE
    )
    school_class_id: int
    school_year: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.SchoolYear", related_name="visit_plans", on_delete=fields.RESTRICT
    )
    school_year_id: int
    created_at = fields.DatetimeField()

    class Meta:
        table = "visit_plan"
        unique_together = (("school_class", "school_year"),)
        indexes = (("school_year_id",),)

    @classmethod
    def visible_to(cls, viewer: Viewer) -> QuerySet[VisitPlan]:
        """Staff of the class and the school's admins (coverage); never families."""
        return cls.filter(
            _class_staff(viewer, "school_class_id", "school_class__school_id")
            | Q(school_class__school_id__in=list(viewer.staff_school_ids))
            | Q(school_class__school__district_id__in=list(viewer.admin_district_ids))
        )


class VisitPlanEntry(Model):
    """One student of a plan: visited yet, and whether a targeted visit is needed."""

    id = fields.IntField(primary_key=True)
    plan: fields.ForeignKeyRelation[VisitPlan] = fields.ForeignKeyField(
        "models.VisitPlan", related_name="entries", on_delete=fields.CASCADE
    )
    plan_id: int
    student: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Student", related_name="visit_plan_entries", on_delete=fields.CASCADE
    )
    student_id: int
    universal_visited_at = fields.DatetimeField(null=True)
    targeted_reason = fields.CharEnumField(TargetReason, max_length=20, null=True)
    targeted_note = fields.CharField(max_length=500, null=True)
    targeted_by: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.User", related_name="targeted_marks", null=True, on_delete=fields.SET_NULL
    )
    targeted_by_id: int | None
    targeted_at = fields.DatetimeField(null=True)
    targeted_visited_at = fields.DatetimeField(null=True)

    class Meta:
        table = "visit_plan_entry"
        unique_together = (("plan", "student"),)
        indexes = (("student_id",), ("targeted_by_id",))

    @classmethod
    def visible_to(cls, viewer: Viewer) -> QuerySet[VisitPlanEntry]:
        return cls.filter(
            plan_id__in=Subquery(VisitPlan.visible_to(viewer).values_list("id", flat=True))
        )

    @staticmethod
    def may_see_reason(viewer: Viewer, school_class_id: int, school_id: int) -> bool:
        """The reason is for the class teacher and the school's counselors only."""
        return viewer.teaches(school_class_id) or viewer.has_school_role(
            StaffRole.COUNSELOR, school_id
        )


class VisitSlot(Model):
    """A time a visitor offers; `student_id` set is the booking (one family per slot)."""

    id = fields.IntField(primary_key=True)
    plan: fields.ForeignKeyRelation[VisitPlan] = fields.ForeignKeyField(
        "models.VisitPlan", related_name="slots", on_delete=fields.CASCADE
    )
    plan_id: int
    school_class_id = fields.IntField(description="the plan's class, for scoping in one query")
    host: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="visit_slots", on_delete=fields.CASCADE
    )
    host_id: int
    starts_at = fields.DatetimeField()
    ends_at = fields.DatetimeField()
    timezone = fields.CharField(max_length=64)
    student: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.Student", related_name="visit_slots", null=True, on_delete=fields.SET_NULL
    )
    student_id: int | None
    created_at = fields.DatetimeField()

    class Meta:
        table = "visit_slot"
        unique_together = (("host", "starts_at"),)  # a visitor is in one home at a time
        indexes = (("plan_id", "starts_at"), ("school_class_id", "starts_at"), ("student_id",))
        ordering = ["starts_at"]

    @classmethod
    def visible_to(cls, viewer: Viewer) -> QuerySet[VisitSlot]:
        """Staff of the class see all; a family sees its class's open slots and its own."""
        return cls.filter(
            _class_staff(viewer, "school_class_id", "plan__school_class__school_id")
            | Q(host_id=viewer.user_id or 0)
            | Q(school_class_id__in=list(viewer.child_class_ids), student_id__isnull=True)
            | Q(student_id__in=list(viewer.child_ids))
        )


class HomeVisit(Model):
    id = fields.IntField(primary_key=True)
    plan: fields.ForeignKeyRelation[VisitPlan] = fields.ForeignKeyField(
        "models.VisitPlan", related_name="visits", on_delete=fields.CASCADE
    )
    plan_id: int
    school_class_id = fields.IntField()
    student: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Student", related_name="home_visits", on_delete=fields.CASCADE
    )
    student_id: int
    host: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="hosted_visits", on_delete=fields.RESTRICT
    )
    host_id: int
    slot: fields.ForeignKeyNullableRelation[VisitSlot] = fields.ForeignKeyField(
        "models.VisitSlot", related_name="visits", null=True, on_delete=fields.SET_NULL
    )
    slot_id: int | None
    kind = fields.CharEnumField(VisitKind, max_length=10)
    status = fields.CharEnumField(VisitStatus, max_length=10)
    proposed_by = fields.CharEnumField(Side, max_length=10, null=True)
    message = fields.CharField(max_length=500, default="", description="with a proposal")
    starts_at = fields.DatetimeField()
    ends_at = fields.DatetimeField()
    timezone = fields.CharField(max_length=64)
    booked_by: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.User", related_name="booked_visits", null=True, on_delete=fields.SET_NULL
    )
    booked_by_id: int | None
    change_reason = fields.CharField(max_length=500, null=True, description="last cancel/move")
    changed_by = fields.CharEnumField(Side, max_length=10, null=True)
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()

    class Meta:
        table = "home_visit"
        indexes = (
            ("plan_id", "student_id"),
            ("student_id", "starts_at"),
            ("host_id", "starts_at"),
            ("slot_id",),
            ("booked_by_id",),
            ("school_class_id",),
        )
        ordering = ["starts_at"]

    @classmethod
    def visible_to(cls, viewer: Viewer) -> QuerySet[HomeVisit]:
        """The class teacher, the visitor and co-visitors, and the student's family."""
        uid = viewer.user_id or 0
        return cls.filter(
            Q(school_class_id__in=list(viewer.taught_class_ids))
            | Q(host_id=uid)
            | Q(
                id__in=Subquery(
                    VisitCoVisitor.filter(user_id=uid).values_list("visit_id", flat=True)
                )
            )
            | Q(student_id__in=list(viewer.child_ids))
        )


class VisitCoVisitor(Model):
    """Another teacher or the counselor joining a visit (会同其他教师)."""

    id = fields.IntField(primary_key=True)
    visit: fields.ForeignKeyRelation[HomeVisit] = fields.ForeignKeyField(
        "models.HomeVisit", related_name="co_visitors", on_delete=fields.CASCADE
    )
    visit_id: int
    user: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="co_visits", on_delete=fields.CASCADE
    )
    user_id: int
    added_at = fields.DatetimeField()

    class Meta:
        table = "visit_co_visitor"
        unique_together = (("visit", "user"),)
        indexes = (("user_id",),)
        ordering = ["id"]

    @classmethod
    def visible_to(cls, viewer: Viewer) -> QuerySet[VisitCoVisitor]:
        return cls.filter(
            visit_id__in=Subquery(HomeVisit.visible_to(viewer).values_list("id", flat=True))
        )


class VisitRecord(Model):
    """What happened. Staff-only, except `message_to_family`, the responsibilities and the
    acknowledgement, which are the family's part."""

    id = fields.IntField(primary_key=True)
    visit: fields.OneToOneRelation[HomeVisit] = fields.OneToOneField(
        "models.HomeVisit", related_name="record", on_delete=fields.CASCADE
    )
    visit_id: int
    happened = fields.BooleanField()
    not_happened_reason = fields.CharField(max_length=500, null=True)
    present = fields.CharField(max_length=500, default="")
    notes = fields.TextField(default="")
    follow_up = fields.TextField(default="")
    message_to_family = fields.TextField(default="")
    informed = fields.BooleanField(default=False)
    treatment = fields.BooleanField(default=False)
    safety = fields.BooleanField(default=False)
    recorded_by: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="visit_records", on_delete=fields.RESTRICT
    )
    recorded_by_id: int
    recorded_at = fields.DatetimeField()
    acknowledged_by: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.User", related_name="visit_acknowledgements", null=True, on_delete=fields.SET_NULL
    )
    acknowledged_by_id: int | None
    acknowledged_at = fields.DatetimeField(null=True)

    class Meta:
        table = "visit_record"
        indexes = (("recorded_by_id",), ("acknowledged_by_id",))

    @classmethod
    def visible_to(cls, viewer: Viewer) -> QuerySet[VisitRecord]:
        """The whole record: staff who see the visit, never the family (see `family_part`)."""
        staff = viewer.as_staff()
        return cls.filter(
            visit_id__in=Subquery(HomeVisit.visible_to(staff).values_list("id", flat=True))
        )

    @property
    def responsibilities(self) -> list[Responsibility]:
        flags = (
            (self.informed, Responsibility.INFORMED),
            (self.treatment, Responsibility.TREATMENT),
            (self.safety, Responsibility.SAFETY),
        )
        return [r for on, r in flags if on]


class FamilyContact(Model):
    """A contact with a family outside a visit (a call, a message, a meeting)."""

    id = fields.IntField(primary_key=True)
    student: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Student", related_name="family_contacts", on_delete=fields.CASCADE
    )
    student_id: int
    contacted_by: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="family_contacts", on_delete=fields.RESTRICT
    )
    contacted_by_id: int
    channel = fields.CharEnumField(ContactChannel, max_length=10)
    note = fields.CharField(max_length=500, default="")
    contacted_at = fields.DatetimeField()

    class Meta:
        table = "family_contact"
        indexes = (("student_id", "contacted_at"), ("contacted_by_id",))
        ordering = ["-contacted_at"]

    @classmethod
    def visible_to(cls, viewer: Viewer) -> QuerySet[FamilyContact]:
        return cls.filter(_class_staff(viewer, "student__school_class_id", "student__school_id"))


class CalendarFeed(Model):
    """A visitor's private iCalendar feed: the URL's token, stored hashed (SHA-256)."""

    id = fields.IntField(primary_key=True)
    user: fields.OneToOneRelation = fields.OneToOneField(
        "models.User", related_name="visit_calendar_feed", on_delete=fields.CASCADE
    )
    user_id: int
    token_hash = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField()

    class Meta:
        table = "visit_calendar_feed"
