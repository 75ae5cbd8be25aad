"""What the home-visit tests share: the query texts and a few steps through the API."""

from __future__ import annotations

from typing import Any

from tests.client import GraphQLClient
from tests.helpers import gid

ERRORS = "userErrors { code field message }"
VISIT = "id kind status startsAt endsAt changeReason changedBy proposedBy"

OFFER = f"""
mutation($input: OfferHomeVisitSlotsInput!) {{ offerHomeVisitSlots(input: $input) {{
  slots {{ id startsAt endsAt timezone booked }} {ERRORS} }} }}
"""
BOOK = f"""
mutation($input: BookHomeVisitSlotInput!) {{ bookHomeVisitSlot(input: $input) {{
  visit {{ {VISIT} }} {ERRORS} }} }}
"""
CANCEL = f"""
mutation($input: CancelHomeVisitInput!) {{ cancelHomeVisit(input: $input) {{
  visit {{ {VISIT} }} {ERRORS} }} }}
"""
RESCHEDULE = f"""
mutation($input: RescheduleHomeVisitInput!) {{ rescheduleHomeVisit(input: $input) {{
  visit {{ {VISIT} }} {ERRORS} }} }}
"""
PROPOSE = f"""
mutation($input: ProposeHomeVisitInput!) {{ proposeHomeVisit(input: $input) {{
  visit {{ {VISIT} }} {ERRORS} }} }}
"""
RESPOND = f"""
mutation($input: RespondToHomeVisitProposalInput!) {{ respondToHomeVisitProposal(input: $input) {{
  visit {{ {VISIT} }} {ERRORS} }} }}
"""
RECORD = f"""
mutation($input: RecordHomeVisitInput!) {{ recordHomeVisit(input: $input) {{
  record {{ id happened notes responsibilities acknowledgedAt }} {ERRORS} }} }}
"""
ACKNOWLEDGE = f"""
mutation($input: AcknowledgeHomeVisitRecordInput!) {{ acknowledgeHomeVisitRecord(input: $input) {{
  visit {{ id familyRecord {{ happened messageToFamily responsibilities acknowledgedAt }} }}
  {ERRORS} }} }}
"""
SET_TARGETED = f"""
mutation($input: SetTargetedVisitInput!) {{ setTargetedVisit(input: $input) {{
  entry {{ id targeted targetedReason }} {ERRORS} }} }}
"""
CO_VISITOR = f"""
mutation($input: AddHomeVisitCoVisitorInput!) {{ addHomeVisitCoVisitor(input: $input) {{
  coVisitor {{ id person {{ name }} }} {ERRORS} }} }}
"""
LOG_CONTACT = f"""
mutation($input: LogFamilyContactInput!) {{ logFamilyContact(input: $input) {{
  contact {{ id channel }} {ERRORS} }} }}
"""
OPEN_SLOTS = """
{ viewer { openHomeVisitSlots(first: 100) { edges { node { id startsAt booked } } } } }
"""
MY_VISITS = f"""
{{ viewer {{ homeVisits(first: 100) {{ edges {{ node {{ {VISIT} }} }} }} }} }}
"""

# Saturday 7 November 2026, 09:00-12:00 in Shanghai: 09:00, 10:00 and 11:00 (45 + 15 minutes)
SATURDAY = {
    "firstDay": "2026-11-07",
    "lastDay": "2026-11-07",
    "weekdays": [6],
    "dayStarts": "09:00:00",
    "dayEnds": "12:00:00",
    "visitMinutes": 45,
    "travelMinutes": 15,
}


async def offer(
    gql: GraphQLClient, token: str, class_id: int, **changes: Any
) -> list[dict[str, Any]]:
    body = await gql(
        OFFER,
        {"input": {"classId": gid("SchoolClass", class_id), **SATURDAY, **changes}},
        token=token,
    )
    payload = body["data"]["offerHomeVisitSlots"]
    assert payload["userErrors"] == [], payload
    return payload["slots"]


async def book(gql: GraphQLClient, token: str, slot_id: str) -> dict[str, Any]:
    body = await gql(BOOK, {"input": {"slotId": slot_id}}, token=token)
    return body["data"]["bookHomeVisitSlot"]


# ----------------------------------------------------------------- the permission matrix

STAFF_OF_CLASS_A = {"teacher_a", "counselor"}
# home-visit object -> the viewers of tests/test_permissions.py's world who may see it
HOME_VISIT_VISIBLE: dict[str, set[str]] = {
    "hv_plan_a": {"teacher_a", "counselor", "school_admin", "district_admin"},
    "hv_entry_a": {"teacher_a", "counselor", "school_admin", "district_admin"},
    "hv_open_slot_a": {"parent_a", *STAFF_OF_CLASS_A},
    "hv_booked_slot_a": {"parent_a", *STAFF_OF_CLASS_A},
    "hv_visit_a": {"parent_a", *STAFF_OF_CLASS_A},  # the counselor as co-visitor
    "hv_co_visitor_a": {"parent_a", *STAFF_OF_CLASS_A},
    "hv_record_a": STAFF_OF_CLASS_A,  # the family reads only familyRecord
    "hv_contact_a": STAFF_OF_CLASS_A,
}


async def home_visit_objects(world: Any) -> dict[str, str]:
    """A plan for class A with a targeted entry, an open and a booked slot, a recorded visit
    with the counselor as co-visitor, and a logged call."""
    import datetime as dt

    from models import home_visits as hv
    from tests.factories import START

    at = START + dt.timedelta(days=5)
    plan = await hv.VisitPlan.create(
        school_class_id=world.class_a.id,
        school_year_id=world.class_a.school_year_id,
        created_at=START,
    )
    entry = await hv.VisitPlanEntry.create(
        plan=plan, student_id=world.student_a.id, targeted_reason=hv.TargetReason.HEALTH
    )
    slots = [
        await hv.VisitSlot.create(
            plan=plan,
            school_class_id=world.class_a.id,
            host_id=world.teacher_a.id,
            starts_at=at + dt.timedelta(hours=i),
            ends_at=at + dt.timedelta(hours=i, minutes=45),
            timezone="Asia/Shanghai",
            student_id=world.student_a.id if i else None,
            created_at=START,
        )
        for i in range(2)
    ]
    visit = await hv.HomeVisit.create(
        plan=plan,
        school_class_id=world.class_a.id,
        student_id=world.student_a.id,
        host_id=world.teacher_a.id,
        slot=slots[1],
        kind=hv.VisitKind.TARGETED,
        status=hv.VisitStatus.COMPLETED,
        starts_at=slots[1].starts_at,
        ends_at=slots[1].ends_at,
        timezone="Asia/Shanghai",
        created_at=START,
        updated_at=START,
    )
    co = await hv.VisitCoVisitor.create(visit=visit, user_id=world.counselor.id, added_at=START)
    record = await hv.VisitRecord.create(
        visit=visit, happened=True, recorded_by_id=world.teacher_a.id, recorded_at=at
    )
    contact = await hv.FamilyContact.create(
        student_id=world.student_a.id,
        contacted_by_id=world.teacher_a.id,
        channel=hv.ContactChannel.PHONE,
        contacted_at=START,
    )
    return {
        "hv_plan_a": gid("HomeVisitPlan", plan.id),
        "hv_entry_a": gid("VisitPlanEntry", entry.id),
        "hv_open_slot_a": gid("VisitSlot", slots[0].id),
        "hv_booked_slot_a": gid("VisitSlot", slots[1].id),
        "hv_visit_a": gid("HomeVisit", visit.id),
        "hv_co_visitor_a": gid("VisitCoVisitor", co.id),
        "hv_record_a": gid("VisitRecord", record.id),
        "hv_contact_a": gid("FamilyContact", contact.id),
    }


# root field -> who is refused and with which code; the call that shows it
HOME_VISIT_GUARDS: dict[str, tuple[str, str]] = {
    "Query.homeVisitPlan": ("anonymous", "UNAUTHENTICATED"),
    "Query.homeVisitCoverage": ("parent_a", "FORBIDDEN"),
    "Mutation.openHomeVisitPlan": ("parent_a", "FORBIDDEN"),
    "Mutation.setTargetedVisit": ("parent_a", "FORBIDDEN"),
    "Mutation.offerHomeVisitSlots": ("parent_a", "FORBIDDEN"),
    "Mutation.bookHomeVisitSlot": ("anonymous", "UNAUTHENTICATED"),
    "Mutation.proposeHomeVisit": ("anonymous", "UNAUTHENTICATED"),
    "Mutation.respondToHomeVisitProposal": ("anonymous", "UNAUTHENTICATED"),
    "Mutation.rescheduleHomeVisit": ("anonymous", "UNAUTHENTICATED"),
    "Mutation.cancelHomeVisit": ("anonymous", "UNAUTHENTICATED"),
    "Mutation.addHomeVisitCoVisitor": ("parent_a", "FORBIDDEN"),
    "Mutation.recordHomeVisit": ("parent_a", "FORBIDDEN"),
    "Mutation.acknowledgeHomeVisitRecord": ("anonymous", "UNAUTHENTICATED"),
    "Mutation.logFamilyContact": ("parent_a", "FORBIDDEN"),
    "Mutation.resetHomeVisitCalendarFeed": ("parent_a", "FORBIDDEN"),
    "Mutation.revokeHomeVisitCalendarFeed": ("parent_a", "FORBIDDEN"),
}
_V = gid("HomeVisit", 1)
_S = gid("Student", 1)
HOME_VISIT_CALLS: dict[str, tuple[str, dict[str, Any]]] = {
    "Query.homeVisitPlan": (
        "query($c: ID!) { homeVisitPlan(classId: $c) { id } }",
        {"c": "CLASS_A"},
    ),
    "Query.homeVisitCoverage": (
        "query($c: ID!) { homeVisitCoverage(classId: $c) { students } }",
        {"c": "CLASS_A"},
    ),
    "Mutation.openHomeVisitPlan": (
        "mutation($c: ID!) { openHomeVisitPlan(input: {classId: $c}) { userErrors { code } } }",
        {"c": "CLASS_A"},
    ),
    "Mutation.setTargetedVisit": (
        "mutation($s: ID!) { setTargetedVisit(input: {studentId: $s, reason: OTHER}) "
        "{ userErrors { code } } }",
        {"s": "STUDENT_A"},
    ),
    "Mutation.offerHomeVisitSlots": (
        'mutation($c: ID!) { offerHomeVisitSlots(input: {classId: $c, firstDay: "2026-11-07", '
        'lastDay: "2026-11-07", weekdays: [6], dayStarts: "09:00:00", dayEnds: "12:00:00"}) '
        "{ userErrors { code } } }",
        {"c": "CLASS_A"},
    ),
    "Mutation.bookHomeVisitSlot": (
        "mutation($s: ID!) { bookHomeVisitSlot(input: {slotId: $s}) { userErrors { code } } }",
        {"s": gid("VisitSlot", 1)},
    ),
    "Mutation.proposeHomeVisit": (
        "mutation($s: ID!) { proposeHomeVisit(input: {studentId: $s, "
        'startsAt: "2026-11-10T10:00:00+08:00", endsAt: "2026-11-10T11:00:00+08:00"}) '
        "{ userErrors { code } } }",
        {"s": _S},
    ),
    "Mutation.respondToHomeVisitProposal": (
        "mutation($v: ID!) { respondToHomeVisitProposal(input: {visitId: $v, accept: true}) "
        "{ userErrors { code } } }",
        {"v": _V},
    ),
    "Mutation.rescheduleHomeVisit": (
        'mutation($v: ID!) { rescheduleHomeVisit(input: {visitId: $v, reason: "r"}) '
        "{ userErrors { code } } }",
        {"v": _V},
    ),
    "Mutation.cancelHomeVisit": (
        'mutation($v: ID!) { cancelHomeVisit(input: {visitId: $v, reason: "r"}) '
        "{ userErrors { code } } }",
        {"v": _V},
    ),
    "Mutation.addHomeVisitCoVisitor": (
        "mutation($v: ID!, $p: ID!) { addHomeVisitCoVisitor(input: {visitId: $v, personId: $p}) "
        "{ userErrors { code } } }",
        {"v": _V, "p": gid("Person", 1)},
    ),
    "Mutation.recordHomeVisit": (
        "mutation($v: ID!) { recordHomeVisit(input: {visitId: $v, happened: true}) "
        "{ userErrors { code } } }",
        {"v": _V},
    ),
    "Mutation.acknowledgeHomeVisitRecord": (
        "mutation($v: ID!) { acknowledgeHomeVisitRecord(input: {visitId: $v}) "
        "{ userErrors { code } } }",
        {"v": _V},
    ),
    "Mutation.logFamilyContact": (
        "mutation($s: ID!) { logFamilyContact(input: {studentId: $s, channel: PHONE}) "
        "{ userErrors { code } } }",
        {"s": "STUDENT_A"},
    ),
    "Mutation.resetHomeVisitCalendarFeed": (
        "mutation { resetHomeVisitCalendarFeed { url } }",
        {},
    ),
    "Mutation.revokeHomeVisitCalendarFeed": (
        "mutation { revokeHomeVisitCalendarFeed { revoked } }",
        {},
    ),
}
