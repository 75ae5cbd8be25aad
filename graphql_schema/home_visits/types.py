"""Home-visit types: plans and their entries, slots, visits, co-visitors, records, coverage."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from graphql_schema.context import Info
from graphql_schema.node import ModelNode, related_node
from graphql_schema.pagination import ChildRows, children_of, connection
from models import accounts as account_models
from models import home_visits as hv
from models import schools as school_models
from models.home_visits import calendar as calendar_rules
from models.home_visits import coverage as coverage_rules

if TYPE_CHECKING:
    from graphql_schema.accounts import Person

VisitKind = strawberry.enum(hv.VisitKind, description="全员家访 UNIVERSAL or 重点专访 TARGETED")
VisitStatus = strawberry.enum(hv.VisitStatus)
VisitSide = strawberry.enum(hv.Side, name="VisitSide", description="Who proposed or changed")
TargetReason = strawberry.enum(
    hv.TargetReason, description="Why a targeted visit: shown to the class teacher and counselors"
)
Responsibility = strawberry.enum(
    hv.Responsibility, description="知情 INFORMED, 就医 TREATMENT, 安全 SAFETY"
)
ContactChannel = strawberry.enum(hv.ContactChannel)

PersonRef = Annotated["Person", strawberry.lazy("graphql_schema.accounts")] | None


def _person(foreign_key: str, description: str | None = None) -> object:
    return related_node(
        account_models.User, foreign_key, graphql_type=PersonRef, description=description
    )


@strawberry.type(description="A student of a visit plan: visited yet, targeted visit needed.")
class VisitPlanEntry(ModelNode):
    model = hv.VisitPlanEntry
    id: relay.NodeID[int]
    row: strawberry.Private[hv.VisitPlanEntry]
    universal_visited_at: dt.datetime | None
    targeted_visited_at: dt.datetime | None
    student = related_node(school_models.Student, "student_id")

    @strawberry.field(description="Whether a targeted visit (重点专访) is needed.")
    def targeted(self) -> bool:
        return self.row.targeted_reason is not None

    @strawberry.field(
        description="Why; null unless the viewer is the class teacher or a counselor."
    )
    async def targeted_reason(self, info: Info) -> TargetReason | None:  # type: ignore[valid-type]
        if self.row.targeted_reason is None:
            return None
        plan = await info.context.loaders.get(hv.VisitPlan, self.row.plan_id)
        klass = plan and await info.context.loaders.get(
            school_models.SchoolClass, plan.school_class_id
        )
        viewer = info.context.viewer
        if klass is None or not hv.VisitPlanEntry.may_see_reason(viewer, klass.id, klass.school_id):
            return None
        return self.row.targeted_reason


@strawberry.type(description="A time a visitor offers; one family books it.")
class VisitSlot(ModelNode):
    model = hv.VisitSlot
    id: relay.NodeID[int]
    row: strawberry.Private[hv.VisitSlot]
    starts_at: dt.datetime
    ends_at: dt.datetime
    timezone: str
    host = _person("host_id", "The visitor.")
    school_class = related_node(school_models.SchoolClass, "school_class_id")

    @strawberry.field(description="Whether a family holds it (a family sees only its own).")
    def booked(self) -> bool:
        return self.row.student_id is not None


@strawberry.type(description="A colleague who joins a visit.")
class VisitCoVisitor(ModelNode):
    model = hv.VisitCoVisitor
    id: relay.NodeID[int]
    row: strawberry.Private[hv.VisitCoVisitor]
    added_at: dt.datetime
    person = _person("user_id")


@strawberry.type(description="The visit record in full: staff only.")
class VisitRecord(ModelNode):
    model = hv.VisitRecord
    id: relay.NodeID[int]
    row: strawberry.Private[hv.VisitRecord]
    happened: bool
    not_happened_reason: str | None
    present: str = strawberry.field(description="Who was present.")
    notes: str
    follow_up: str
    message_to_family: str
    recorded_at: dt.datetime
    acknowledged_at: dt.datetime | None
    recorded_by = _person("recorded_by_id")

    @strawberry.field
    def responsibilities(self) -> list[Responsibility]:  # type: ignore[valid-type]
        return self.row.responsibilities


@strawberry.type(description="The part of a visit record addressed to the family.")
class FamilyVisitRecord:
    happened: bool
    message_to_family: str
    responsibilities: list[Responsibility]  # type: ignore[valid-type]
    recorded_at: dt.datetime
    acknowledged_at: dt.datetime | None = strawberry.field(
        description="When the family confirmed it; null until then."
    )


async def _record_of(info: Info, visit_id: int) -> hv.VisitRecord | None:
    """Every visit's record at this place of the query in one query (unscoped: callers
    decide what of it the viewer may see)."""

    async def load(ids: object) -> list[hv.VisitRecord | None]:
        keys = list(ids)  # type: ignore[call-overload]
        rows = {r.visit_id: r for r in await hv.VisitRecord.filter(visit_id__in=keys)}
        return [rows.get(i) for i in keys]

    return await info.context.loaders.batch("home_visits.record", load).load(visit_id)


@strawberry.type(description="A home visit (家访): proposed, scheduled, cancelled or recorded.")
class HomeVisit(ModelNode):
    model = hv.HomeVisit
    id: relay.NodeID[int]
    row: strawberry.Private[hv.HomeVisit]
    kind: VisitKind  # type: ignore[valid-type]
    status: VisitStatus  # type: ignore[valid-type]
    proposed_by: VisitSide | None  # type: ignore[valid-type]
    message: str = strawberry.field(description="With a proposal.")
    starts_at: dt.datetime
    ends_at: dt.datetime
    timezone: str
    change_reason: str | None = strawberry.field(description="Why it was last moved or cancelled.")
    changed_by: VisitSide | None  # type: ignore[valid-type]
    student = related_node(school_models.Student, "student_id")
    host = _person("host_id", "The visitor.")
    school_class = related_node(school_models.SchoolClass, "school_class_id")

    @connection(VisitCoVisitor, "Colleagues who join the visit.")
    def co_visitors(self, info: Info) -> ChildRows[hv.VisitCoVisitor]:
        return children_of(
            hv.VisitCoVisitor.visible_to(info.context.viewer).order_by("id"), visit_id=self.id
        )

    @strawberry.field(description="The full record: staff only; null before recording.")
    async def record(self, info: Info) -> VisitRecord | None:
        row = await _record_of(info, self.id)
        # through the record's own scope (staff who see the visit), batched
        scoped = row and await info.context.loaders.get(hv.VisitRecord, row.id)
        return VisitRecord.from_row(scoped) if scoped else None

    @strawberry.field(description="What the record tells the family; null before recording.")
    async def family_record(self, info: Info) -> FamilyVisitRecord | None:
        row = await _record_of(info, self.id)
        if row is None or not row.happened:
            return None
        return FamilyVisitRecord(
            happened=row.happened,
            message_to_family=row.message_to_family,
            responsibilities=row.responsibilities,
            recorded_at=row.recorded_at,
            acknowledged_at=row.acknowledged_at,
        )

    @strawberry.field(description="The visit as an iCalendar file (text/calendar) for a phone.")
    def calendar_file(self, info: Info) -> str:
        return calendar_rules.family_file(self.row, info.context.now()).decode()


@strawberry.type(description="The home-visit plan of a class for its school year.")
class HomeVisitPlan(ModelNode):
    model = hv.VisitPlan
    id: relay.NodeID[int]
    row: strawberry.Private[hv.VisitPlan]
    created_at: dt.datetime
    school_class = related_node(school_models.SchoolClass, "school_class_id")

    @strawberry.field
    async def school_year(self, info: Info) -> str:
        row = await info.context.loaders.get(school_models.SchoolYear, self.row.school_year_id)
        return row.name if row else ""

    @connection(VisitPlanEntry, "Every student of the class and where their visits stand.")
    def entries(self, info: Info) -> ChildRows[hv.VisitPlanEntry]:
        return children_of(
            hv.VisitPlanEntry.visible_to(info.context.viewer).order_by("id"), plan_id=self.id
        )

    @connection(VisitSlot, "Slots offered, in time order.")
    def slots(self, info: Info) -> ChildRows[hv.VisitSlot]:
        return children_of(
            hv.VisitSlot.visible_to(info.context.viewer).order_by("starts_at"), plan_id=self.id
        )

    @connection(HomeVisit, "Visits of the plan the viewer may see, in time order.")
    def visits(self, info: Info) -> ChildRows[hv.HomeVisit]:
        return children_of(
            hv.HomeVisit.visible_to(info.context.viewer).order_by("starts_at"), plan_id=self.id
        )


@strawberry.type(description="A contact with a family outside a visit.")
class FamilyContact(ModelNode):
    model = hv.FamilyContact
    id: relay.NodeID[int]
    row: strawberry.Private[hv.FamilyContact]
    channel: ContactChannel  # type: ignore[valid-type]
    note: str
    contacted_at: dt.datetime
    student = related_node(school_models.Student, "student_id")
    contacted_by = _person("contacted_by_id")


@strawberry.type
class TeacherVisitCount:
    teacher_name: str
    visits: int = strawberry.field(description="Visits done this school year.")


@strawberry.type(description="Home-visit coverage this school year; exact figures.")
class HomeVisitCoverage:
    school_year: str | None
    students: int
    universal_done: int = strawberry.field(description="Students visited at least once.")
    universal_share: float = strawberry.field(description="universalDone / students, 0 to 1.")
    targeted_needed: int
    targeted_done: int
    not_reached: int = strawberry.field(description="Students not visited yet this year.")
    contacted_this_term: int = strawberry.field(
        description="Families reached this term by a visit or a logged contact (a call …)."
    )
    per_teacher: list[TeacherVisitCount]

    @classmethod
    def of(cls, c: coverage_rules.Coverage) -> HomeVisitCoverage:
        return cls(
            school_year=c.school_year,
            students=c.students,
            universal_done=c.universal_done,
            universal_share=round(c.universal_share, 4),
            targeted_needed=c.targeted_needed,
            targeted_done=c.targeted_done,
            not_reached=c.not_reached,
            contacted_this_term=c.contacted_this_term,
            per_teacher=[
                TeacherVisitCount(teacher_name=t.name, visits=t.visits) for t in c.per_teacher
            ],
        )
