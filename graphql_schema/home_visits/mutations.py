"""Home-visit mutations: each calls one domain operation; DomainError becomes userErrors."""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry import relay

from core.errors import DomainError, ErrorCode
from graphql_schema.accounts import Person
from graphql_schema.context import Info
from graphql_schema.errors import Payload, mutation
from graphql_schema.home_visits.permissions import IsVisitStaff
from graphql_schema.home_visits.types import (
    ContactChannel,
    FamilyContact,
    HomeVisit,
    HomeVisitPlan,
    Responsibility,
    TargetReason,
    VisitCoVisitor,
    VisitPlanEntry,
    VisitRecord,
    VisitSlot,
)
from graphql_schema.node import decode_id, decode_optional_id
from graphql_schema.permissions import IsAuthenticated
from graphql_schema.schools import SchoolClass, Student
from models.home_visits import booking, plans, proposals, records
from models.home_visits import calendar as calendar_rules
from models.home_visits import slots as slot_rules

CALENDAR_PATH = "calendar/home-visits/{token}.ics"


@strawberry.input
class OpenHomeVisitPlanInput:
    class_id: relay.GlobalID


@strawberry.type
class OpenHomeVisitPlanPayload(Payload):
    plan: HomeVisitPlan | None = None


@strawberry.input
class SetTargetedVisitInput:
    student_id: relay.GlobalID
    reason: TargetReason | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="Null clears the mark."
    )
    note: str = ""


@strawberry.type
class SetTargetedVisitPayload(Payload):
    entry: VisitPlanEntry | None = None


@strawberry.input(description="E.g. Saturdays 09:00-12:00, visits of 45 minutes, 15 to travel.")
class OfferHomeVisitSlotsInput:
    class_id: relay.GlobalID
    first_day: dt.date
    last_day: dt.date
    weekdays: list[int] = strawberry.field(description="1 = Monday … 7 = Sunday (ISO).")
    day_starts: dt.time
    day_ends: dt.time
    visit_minutes: int = 45
    travel_minutes: int = 15
    timezone: str | None = strawberry.field(default=None, description="The school's by default.")


@strawberry.type
class OfferHomeVisitSlotsPayload(Payload):
    slots: list[VisitSlot] = strawberry.field(default_factory=list)


@strawberry.input
class BookHomeVisitSlotInput:
    slot_id: relay.GlobalID
    student_id: relay.GlobalID | None = strawberry.field(
        default=None, description="Needed when the viewer has more than one child in the class."
    )


@strawberry.type
class HomeVisitPayload(Payload):
    visit: HomeVisit | None = None


@strawberry.input(description="A time put to the other side: by the class teacher or a family.")
class ProposeHomeVisitInput:
    student_id: relay.GlobalID
    starts_at: dt.datetime
    ends_at: dt.datetime
    message: str = ""


@strawberry.input
class RespondToHomeVisitProposalInput:
    visit_id: relay.GlobalID
    accept: bool
    reason: str = strawberry.field(default="", description="Needed to decline.")


@strawberry.input(description="To another open slot, or (staff) to a time of their choosing.")
class RescheduleHomeVisitInput:
    visit_id: relay.GlobalID
    reason: str
    slot_id: relay.GlobalID | None = None
    starts_at: dt.datetime | None = None
    ends_at: dt.datetime | None = None


@strawberry.input
class CancelHomeVisitInput:
    visit_id: relay.GlobalID
    reason: str


@strawberry.input
class AddHomeVisitCoVisitorInput:
    visit_id: relay.GlobalID
    person_id: relay.GlobalID


@strawberry.type
class AddHomeVisitCoVisitorPayload(Payload):
    co_visitor: VisitCoVisitor | None = None


@strawberry.input
class RecordHomeVisitInput:
    visit_id: relay.GlobalID
    happened: bool
    not_happened_reason: str = ""
    present: str = strawberry.field(default="", description="Who was present.")
    notes: str = strawberry.field(default="", description="Staff only.")
    follow_up: str = strawberry.field(default="", description="Staff only.")
    message_to_family: str = strawberry.field(default="", description="The family reads this.")
    responsibilities: list[Responsibility] = strawberry.field(  # type: ignore[valid-type]
        default_factory=list, description="For a targeted visit: what the family was told."
    )


@strawberry.type
class RecordHomeVisitPayload(Payload):
    record: VisitRecord | None = None


@strawberry.input
class AcknowledgeHomeVisitRecordInput:
    visit_id: relay.GlobalID


@strawberry.input
class LogFamilyContactInput:
    student_id: relay.GlobalID
    channel: ContactChannel  # type: ignore[valid-type]
    note: str = ""


@strawberry.type
class LogFamilyContactPayload(Payload):
    contact: FamilyContact | None = None


@strawberry.type
class CalendarFeedPayload(Payload):
    url: str | None = strawberry.field(
        default=None, description="Shown once; a new one revokes the old."
    )


@strawberry.type
class RevokeCalendarFeedPayload(Payload):
    revoked: bool = False


async def _visit_payload(info: Info, visit_id: int) -> HomeVisitPayload:
    row = await info.context.loaders.get(booking.HomeVisit, visit_id)
    return HomeVisitPayload(visit=HomeVisit.from_row(row) if row else None)


@strawberry.type
class HomeVisitMutations:
    @mutation(permission_classes=[IsAuthenticated, IsVisitStaff])
    async def open_home_visit_plan(
        self, info: Info, input: OpenHomeVisitPlanInput
    ) -> OpenHomeVisitPlanPayload:
        row = await plans.open_plan(
            viewer=info.context.viewer,
            class_id=decode_id(input.class_id, SchoolClass, "classId"),
            now=info.context.now(),
        )
        return OpenHomeVisitPlanPayload(plan=HomeVisitPlan.from_row(row))

    @mutation(permission_classes=[IsAuthenticated, IsVisitStaff])
    async def set_targeted_visit(
        self, info: Info, input: SetTargetedVisitInput
    ) -> SetTargetedVisitPayload:
        row = await plans.set_targeted(
            viewer=info.context.viewer,
            student_id=decode_id(input.student_id, Student, "studentId"),
            reason=input.reason,
            note=input.note,
            now=info.context.now(),
        )
        return SetTargetedVisitPayload(entry=VisitPlanEntry.from_row(row))

    @mutation(permission_classes=[IsAuthenticated, IsVisitStaff])
    async def offer_home_visit_slots(
        self, info: Info, input: OfferHomeVisitSlotsInput
    ) -> OfferHomeVisitSlotsPayload:
        viewer = info.context.viewer
        class_id = decode_id(input.class_id, SchoolClass, "classId")
        zone = input.timezone
        if zone is None:
            klass = await plans.class_for(viewer, class_id)
            zone = await plans.school_zone(klass)
        if any(not 1 <= d <= 7 for d in input.weekdays):
            raise DomainError.single(ErrorCode.INVALID, "星期须为 1 到 7", "weekdays")
        availability = slot_rules.Availability(
            first_day=input.first_day,
            last_day=input.last_day,
            weekdays=tuple(d - 1 for d in input.weekdays),
            day_starts=input.day_starts,
            day_ends=input.day_ends,
            visit_minutes=input.visit_minutes,
            travel_minutes=input.travel_minutes,
            timezone=zone,
        )
        rows = await plans.offer_slots(
            viewer=viewer, class_id=class_id, availability=availability, now=info.context.now()
        )
        return OfferHomeVisitSlotsPayload(slots=[VisitSlot.from_row(r) for r in rows])

    @mutation(permission_classes=[IsAuthenticated])
    async def book_home_visit_slot(
        self, info: Info, input: BookHomeVisitSlotInput
    ) -> HomeVisitPayload:
        row = await booking.book_slot(
            viewer=info.context.viewer,
            slot_id=decode_id(input.slot_id, VisitSlot, "slotId"),
            student_id=decode_optional_id(input.student_id, Student, "studentId"),
            now=info.context.now(),
        )
        return HomeVisitPayload(visit=HomeVisit.from_row(row))

    @mutation(permission_classes=[IsAuthenticated])
    async def propose_home_visit(
        self, info: Info, input: ProposeHomeVisitInput
    ) -> HomeVisitPayload:
        row = await proposals.propose(
            viewer=info.context.viewer,
            student_id=decode_id(input.student_id, Student, "studentId"),
            starts_at=input.starts_at,
            ends_at=input.ends_at,
            message=input.message,
            now=info.context.now(),
        )
        return HomeVisitPayload(visit=HomeVisit.from_row(row))

    @mutation(permission_classes=[IsAuthenticated])
    async def respond_to_home_visit_proposal(
        self, info: Info, input: RespondToHomeVisitProposalInput
    ) -> HomeVisitPayload:
        row = await proposals.respond(
            viewer=info.context.viewer,
            visit_id=decode_id(input.visit_id, HomeVisit, "visitId"),
            accept=input.accept,
            reason=input.reason,
            now=info.context.now(),
        )
        return HomeVisitPayload(visit=HomeVisit.from_row(row))

    @mutation(permission_classes=[IsAuthenticated])
    async def reschedule_home_visit(
        self, info: Info, input: RescheduleHomeVisitInput
    ) -> HomeVisitPayload:
        row = await booking.reschedule(
            viewer=info.context.viewer,
            visit_id=decode_id(input.visit_id, HomeVisit, "visitId"),
            slot_id=decode_optional_id(input.slot_id, VisitSlot, "slotId"),
            starts_at=input.starts_at,
            ends_at=input.ends_at,
            reason=input.reason,
            now=info.context.now(),
        )
        return HomeVisitPayload(visit=HomeVisit.from_row(row))

    @mutation(permission_classes=[IsAuthenticated])
    async def cancel_home_visit(self, info: Info, input: CancelHomeVisitInput) -> HomeVisitPayload:
        row = await booking.cancel_visit(
            viewer=info.context.viewer,
            visit_id=decode_id(input.visit_id, HomeVisit, "visitId"),
            reason=input.reason,
            now=info.context.now(),
        )
        return HomeVisitPayload(visit=HomeVisit.from_row(row))

    @mutation(permission_classes=[IsAuthenticated, IsVisitStaff])
    async def add_home_visit_co_visitor(
        self, info: Info, input: AddHomeVisitCoVisitorInput
    ) -> AddHomeVisitCoVisitorPayload:
        row = await booking.add_co_visitor(
            viewer=info.context.viewer,
            visit_id=decode_id(input.visit_id, HomeVisit, "visitId"),
            user_id=decode_id(input.person_id, Person, "personId"),
            now=info.context.now(),
        )
        return AddHomeVisitCoVisitorPayload(co_visitor=VisitCoVisitor.from_row(row))

    @mutation(permission_classes=[IsAuthenticated, IsVisitStaff])
    async def record_home_visit(
        self, info: Info, input: RecordHomeVisitInput
    ) -> RecordHomeVisitPayload:
        row = await records.record_visit(
            viewer=info.context.viewer,
            visit_id=decode_id(input.visit_id, HomeVisit, "visitId"),
            data=records.RecordInput(
                happened=input.happened,
                not_happened_reason=input.not_happened_reason,
                present=input.present,
                notes=input.notes,
                follow_up=input.follow_up,
                message_to_family=input.message_to_family,
                responsibilities=tuple(input.responsibilities),
            ),
            now=info.context.now(),
        )
        return RecordHomeVisitPayload(record=VisitRecord.from_row(row))

    @mutation(permission_classes=[IsAuthenticated])
    async def acknowledge_home_visit_record(
        self, info: Info, input: AcknowledgeHomeVisitRecordInput
    ) -> HomeVisitPayload:
        row = await records.acknowledge(
            viewer=info.context.viewer,
            visit_id=decode_id(input.visit_id, HomeVisit, "visitId"),
            now=info.context.now(),
        )
        return await _visit_payload(info, row.visit_id)

    @mutation(permission_classes=[IsAuthenticated, IsVisitStaff])
    async def log_family_contact(
        self, info: Info, input: LogFamilyContactInput
    ) -> LogFamilyContactPayload:
        row = await plans.log_contact(
            viewer=info.context.viewer,
            student_id=decode_id(input.student_id, Student, "studentId"),
            channel=input.channel,
            note=input.note,
            now=info.context.now(),
        )
        return LogFamilyContactPayload(contact=FamilyContact.from_row(row))

    @mutation(
        description="A new private URL of the viewer's visit calendar; the old one stops.",
        permission_classes=[IsAuthenticated, IsVisitStaff],
    )
    async def reset_home_visit_calendar_feed(self, info: Info) -> CalendarFeedPayload:
        assert info.context.viewer.user_id is not None
        token = await calendar_rules.reset_feed(info.context.viewer.user_id, info.context.now())
        request = info.context.request
        base = str(request.base_url) if request is not None else "/"
        return CalendarFeedPayload(url=base + CALENDAR_PATH.format(token=token))

    @mutation(permission_classes=[IsAuthenticated, IsVisitStaff])
    async def revoke_home_visit_calendar_feed(self, info: Info) -> RevokeCalendarFeedPayload:
        assert info.context.viewer.user_id is not None
        return RevokeCalendarFeedPayload(
            revoked=await calendar_rules.revoke_feed(info.context.viewer.user_id)
        )
