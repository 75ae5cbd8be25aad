"""After the visit, and who sees what: records and the family's acknowledgement, targeted-visit
reasons and other families' visits kept from parents, co-visitors, the family's calendar file."""

from __future__ import annotations

import datetime as dt

import icalendar

from core.clock import FrozenClock
from models.home_visits import HomeVisit, VisitPlanEntry, VisitStatus
from models.schools import StaffRole
from notifications.models import Notification
from tests.client import GraphQLClient
from tests.factories import make_class, make_guardian, make_staff, make_student, make_world
from tests.helpers import gid, user_errors
from tests.test_home_visits_support import (
    ACKNOWLEDGE,
    CO_VISITOR,
    MY_VISITS,
    RECORD,
    SET_TARGETED,
    book,
    offer,
)

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


async def _templates(user_id: int) -> list[str]:
    rows = await Notification.filter(recipient_id=user_id).order_by("id")
    return [r.template for r in rows]


async def _held_visit(gql: GraphQLClient, clock: FrozenClock, world: object) -> str:
    """A booked visit whose time has come."""
    slots = await offer(gql, await gql.token(world.teacher_a.phone), world.class_a.id)  # type: ignore[attr-defined]
    visit = await book(gql, await gql.token(world.parent_a.phone), slots[0]["id"])  # type: ignore[attr-defined]
    clock.set(dt.datetime.fromisoformat(slots[0]["startsAt"]) + dt.timedelta(hours=1))
    return str(visit["visit"]["id"])


async def test_targeted_visit_is_recorded_and_the_family_acknowledges_its_part(
    gql: GraphQLClient, clock: FrozenClock
) -> None:
    world = await make_world()
    counselor = await gql.token(world.counselor.phone)
    await gql(
        SET_TARGETED,
        {"input": {"studentId": gid("Student", world.student_a.id), "reason": "PSYCHOLOGICAL"}},
        token=counselor,
    )
    visit_id = await _held_visit(gql, clock, world)
    teacher = await gql.token(world.teacher_a.phone)
    parent = await gql.token(world.parent_a.phone)
    record = {
        "visitId": visit_id,
        "happened": True,
        "present": "母亲、学生",
        "notes": "情绪低落，需要心理老师跟进",
        "followUp": "两周后电话回访",
        "messageToFamily": "请多陪伴孩子，按时复诊。",
        "responsibilities": ["INFORMED", "TREATMENT", "SAFETY"],
    }

    recorded = await gql(RECORD, {"input": record}, token=teacher)
    twice = await gql(RECORD, {"input": record}, token=teacher)
    family_view = await gql(
        "query($id: ID!) { node(id: $id) { ... on HomeVisit { kind record { notes } "
        "familyRecord { messageToFamily responsibilities acknowledgedAt } } } }",
        {"id": visit_id},
        token=parent,
    )
    clock.advance(dt.timedelta(hours=3))
    parent = await gql.token(world.parent_a.phone)  # tokens last minutes: sign in again
    acknowledged = await gql(ACKNOWLEDGE, {"input": {"visitId": visit_id}}, token=parent)
    clock.advance(dt.timedelta(hours=3))
    parent = await gql.token(world.parent_a.phone)
    again = await gql(ACKNOWLEDGE, {"input": {"visitId": visit_id}}, token=parent)
    by_teacher = await gql(
        ACKNOWLEDGE, {"input": {"visitId": visit_id}}, token=await gql.token(world.teacher_a.phone)
    )

    assert recorded["data"]["recordHomeVisit"]["userErrors"] == []
    assert user_errors(twice["data"]["recordHomeVisit"]) == [("ALREADY_RECORDED", "visitId")]
    node = family_view["data"]["node"]
    assert node["kind"] == "TARGETED"
    assert node["record"] is None  # the staff's notes stay with the staff
    assert node["familyRecord"] == {
        "messageToFamily": "请多陪伴孩子，按时复诊。",
        "responsibilities": ["INFORMED", "TREATMENT", "SAFETY"],
        "acknowledgedAt": None,
    }
    first = acknowledged["data"]["acknowledgeHomeVisitRecord"]["visit"]["familyRecord"]
    kept = again["data"]["acknowledgeHomeVisitRecord"]["visit"]["familyRecord"]
    assert first["acknowledgedAt"] == kept["acknowledgedAt"]
    assert dt.datetime.fromisoformat(first["acknowledgedAt"]) == clock.now() - dt.timedelta(hours=3)
    assert user_errors(by_teacher["data"]["acknowledgeHomeVisitRecord"]) == [
        ("FORBIDDEN", "visitId")
    ]
    entry = await VisitPlanEntry.get(student_id=world.student_a.id)
    assert entry.universal_visited_at is not None and entry.targeted_visited_at is not None
    assert (await HomeVisit.get()).status == VisitStatus.COMPLETED


async def test_a_visit_that_did_not_happen_needs_a_reason_and_counts_for_nothing(
    gql: GraphQLClient, clock: FrozenClock
) -> None:
    world = await make_world()
    visit_id = await _held_visit(gql, clock, world)
    teacher = await gql.token(world.teacher_a.phone)

    no_reason = await gql(
        RECORD, {"input": {"visitId": visit_id, "happened": False}}, token=teacher
    )
    missed = await gql(
        RECORD,
        {"input": {"visitId": visit_id, "happened": False, "notHappenedReason": "家中无人"}},
        token=teacher,
    )
    responsibilities = await gql(
        RECORD,
        {"input": {"visitId": visit_id, "happened": True, "responsibilities": ["SAFETY"]}},
        token=teacher,
    )

    assert user_errors(no_reason["data"]["recordHomeVisit"]) == [("REQUIRED", "notHappenedReason")]
    assert missed["data"]["recordHomeVisit"]["record"]["happened"] is False
    assert user_errors(responsibilities["data"]["recordHomeVisit"]) == [
        ("ALREADY_RECORDED", "visitId")
    ]
    assert (await HomeVisit.get()).status == VisitStatus.MISSED
    assert (await VisitPlanEntry.get(student_id=world.student_a.id)).universal_visited_at is None


async def test_parents_never_see_another_familys_visit_or_any_targeted_reason(
    gql: GraphQLClient,
) -> None:
    world = await make_world()
    neighbour = await make_student(world.class_a)
    neighbour_parent = await make_guardian(neighbour)
    teacher = await gql.token(world.teacher_a.phone)
    await gql(
        SET_TARGETED,
        {"input": {"studentId": gid("Student", world.student_a.id), "reason": "FAMILY_DIFFICULTY"}},
        token=teacher,
    )
    slots = await offer(gql, teacher, world.class_a.id)
    visit_id = (await book(gql, await gql.token(world.parent_a.phone), slots[0]["id"]))["visit"][
        "id"
    ]
    entry = await VisitPlanEntry.get(student_id=world.student_a.id)
    query = (
        "query($ids: [ID!]!) { nodes(ids: $ids) { id ... on VisitPlanEntry { targetedReason } "
        "... on VisitSlot { booked } } }"
    )
    ids = [visit_id, gid("VisitPlanEntry", entry.id), slots[0]["id"], slots[1]["id"]]

    neighbour_view = await gql(query, {"ids": ids}, token=await gql.token(neighbour_parent.phone))
    neighbour_visits = await gql(MY_VISITS, token=await gql.token(neighbour_parent.phone))
    admin_view = await gql(query, {"ids": ids}, token=await gql.token(world.school_admin.phone))
    teacher_view = await gql(query, {"ids": ids}, token=teacher)

    assert neighbour_view["data"]["nodes"] == [
        None,
        None,
        None,
        {"id": slots[1]["id"], "booked": False},
    ]
    assert neighbour_visits["data"]["viewer"]["homeVisits"]["edges"] == []
    assert admin_view["data"]["nodes"][0] is None  # admins see coverage, not the visits
    assert admin_view["data"]["nodes"][1] == {
        "id": gid("VisitPlanEntry", entry.id),
        "targetedReason": None,
    }
    assert teacher_view["data"]["nodes"][1]["targetedReason"] == "FAMILY_DIFFICULTY"


async def test_a_counselor_added_as_co_visitor_sees_the_visit_in_their_schedule(
    gql: GraphQLClient,
) -> None:
    world = await make_world()
    teacher = await gql.token(world.teacher_a.phone)
    slots = await offer(gql, teacher, world.class_a.id)
    visit_id = (await book(gql, await gql.token(world.parent_a.phone), slots[0]["id"]))["visit"][
        "id"
    ]
    stranger = await make_staff(StaffRole.CLASS_TEACHER, school_class=await make_class())

    added = await gql(
        CO_VISITOR,
        {"input": {"visitId": visit_id, "personId": gid("Person", world.counselor.id)}},
        token=teacher,
    )
    refused = await gql(
        CO_VISITOR,
        {"input": {"visitId": visit_id, "personId": gid("Person", stranger.id)}},
        token=teacher,
    )
    schedule = await gql(MY_VISITS, token=await gql.token(world.counselor.phone))

    assert added["data"]["addHomeVisitCoVisitor"]["userErrors"] == []
    assert user_errors(refused["data"]["addHomeVisitCoVisitor"]) == [("NOT_FOUND", "personId")]
    edges = schedule["data"]["viewer"]["homeVisits"]["edges"]
    assert [e["node"]["id"] for e in edges] == [visit_id]
    assert await _templates(world.counselor.id) == ["home_visit.scheduled"]


async def test_the_family_gets_a_calendar_file_for_its_booking(gql: GraphQLClient) -> None:
    world = await make_world()
    slots = await offer(gql, await gql.token(world.teacher_a.phone), world.class_a.id)
    parent = await gql.token(world.parent_a.phone)
    visit_id = (await book(gql, parent, slots[0]["id"]))["visit"]["id"]

    body = await gql(
        "query($id: ID!) { node(id: $id) { ... on HomeVisit { calendarFile } } }",
        {"id": visit_id},
        token=parent,
    )

    cal = icalendar.Calendar.from_ical(body["data"]["node"]["calendarFile"])
    (event,) = cal.walk("VEVENT")
    starts = event.decoded("dtstart")
    assert starts == dt.datetime.fromisoformat(slots[0]["startsAt"])
    assert str(starts.tzinfo) == "Asia/Shanghai"
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    assert world.student_a.name not in body["data"]["node"]["calendarFile"]
