"""Home visits through the API: offering and booking slots, proposals, reschedule and cancel
with the cut-off (the other side told), reminders (records: test_home_visits_records.py)."""

from __future__ import annotations

import datetime as dt

from core.clock import FrozenClock
from models.home_visits import HomeVisit, VisitSlot, VisitStatus
from models.jobs import Job, JobRunner, JobStatus
from notifications.models import Notification
from tests.client import GraphQLClient
from tests.factories import make_guardian, make_student, make_world
from tests.helpers import gid, user_errors
from tests.test_home_visits_support import (
    BOOK,
    CANCEL,
    OPEN_SLOTS,
    PROPOSE,
    RESCHEDULE,
    RESPOND,
    book,
    offer,
)

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


async def _templates(user_id: int) -> list[str]:
    rows = await Notification.filter(recipient_id=user_id).order_by("id")
    return [r.template for r in rows]


async def test_offered_slots_are_booked_by_a_family_of_the_class(gql: GraphQLClient) -> None:
    world = await make_world()
    teacher = await gql.token(world.teacher_a.phone)
    parent = await gql.token(world.parent_a.phone)

    slots = await offer(gql, teacher, world.class_a.id)
    seen = await gql(OPEN_SLOTS, token=parent)
    payload = await book(gql, parent, slots[1]["id"])

    starts = [dt.datetime.fromisoformat(s["startsAt"]).astimezone(SHANGHAI) for s in slots]
    assert [s.strftime("%a %H:%M") for s in starts] == ["Sat 09:00", "Sat 10:00", "Sat 11:00"]
    assert len(seen["data"]["viewer"]["openHomeVisitSlots"]["edges"]) == 3
    assert payload["userErrors"] == []
    assert payload["visit"]["status"] == "SCHEDULED"
    assert payload["visit"]["startsAt"] == slots[1]["startsAt"]
    visit = await HomeVisit.get()
    assert visit.student_id == world.student_a.id and visit.host_id == world.teacher_a.id
    slot = await VisitSlot.get(id=visit.slot_id)
    assert slot.student_id == world.student_a.id
    assert await _templates(world.teacher_a.id) == ["home_visit.scheduled"]


async def test_a_booked_slot_is_taken_for_the_next_family(gql: GraphQLClient) -> None:
    world = await make_world()
    neighbour = await make_student(world.class_a)
    neighbour_parent = await make_guardian(neighbour)
    slots = await offer(gql, await gql.token(world.teacher_a.phone), world.class_a.id)
    await book(gql, await gql.token(world.parent_a.phone), slots[0]["id"])
    second = await gql.token(neighbour_parent.phone)

    seen = await gql(OPEN_SLOTS, token=second)
    payload = await book(gql, second, slots[0]["id"])

    assert len(seen["data"]["viewer"]["openHomeVisitSlots"]["edges"]) == 2
    assert user_errors(payload) == [("SLOT_TAKEN", "slotId")]
    assert await HomeVisit.filter(student_id=neighbour.id).count() == 0


async def test_booking_a_slot_of_another_class_is_refused(gql: GraphQLClient) -> None:
    world = await make_world()
    slots = await offer(gql, await gql.token(world.teacher_a.phone), world.class_a.id)
    # a parent with a child in each class names the child of the other class
    both = await make_guardian(world.student_b, user=world.parent_a)
    token = await gql.token(both.phone)

    outsider = await book(gql, await gql.token(world.parent_b.phone), slots[0]["id"])
    wrong_child = await gql(
        BOOK,
        {"input": {"slotId": slots[0]["id"], "studentId": gid("Student", world.student_b.id)}},
        token=token,
    )

    assert user_errors(outsider) == [("NOT_FOUND", "slotId")]
    assert user_errors(wrong_child["data"]["bookHomeVisitSlot"]) == [("WRONG_CLASS", "slotId")]
    assert await HomeVisit.all().count() == 0
    assert await VisitSlot.filter(student_id__isnull=False).count() == 0


async def test_family_cancels_before_the_cut_off_and_the_slot_opens_again(
    gql: GraphQLClient,
) -> None:
    world = await make_world()
    slots = await offer(gql, await gql.token(world.teacher_a.phone), world.class_a.id)
    parent = await gql.token(world.parent_a.phone)
    visit_id = (await book(gql, parent, slots[0]["id"]))["visit"]["id"]

    no_reason = await gql(CANCEL, {"input": {"visitId": visit_id, "reason": " "}}, token=parent)
    body = await gql(CANCEL, {"input": {"visitId": visit_id, "reason": "孩子生病"}}, token=parent)

    assert user_errors(no_reason["data"]["cancelHomeVisit"]) == [("INVALID", "reason")]
    payload = body["data"]["cancelHomeVisit"]
    assert payload["userErrors"] == []
    assert payload["visit"]["status"] == "CANCELLED"
    assert payload["visit"]["changedBy"] == "FAMILY"
    assert await VisitSlot.filter(student_id__isnull=True).count() == 3
    reminders = await Job.filter(kind="home_visits.remind").values_list("status", flat=True)
    assert sorted(reminders) == [JobStatus.CANCELLED, JobStatus.CANCELLED]
    assert await _templates(world.teacher_a.id) == ["home_visit.scheduled", "home_visit.cancelled"]


async def test_no_change_online_within_the_cut_off(gql: GraphQLClient, clock: FrozenClock) -> None:
    world = await make_world()
    slots = await offer(gql, await gql.token(world.teacher_a.phone), world.class_a.id)
    parent = await gql.token(world.parent_a.phone)
    visit_id = (await book(gql, parent, slots[0]["id"]))["visit"]["id"]
    starts = dt.datetime.fromisoformat(slots[0]["startsAt"])
    clock.set(starts - dt.timedelta(hours=11))
    teacher = await gql.token(world.teacher_a.phone)
    parent = await gql.token(world.parent_a.phone)  # signed in again: time has passed

    cancel = await gql(CANCEL, {"input": {"visitId": visit_id, "reason": "临时有事"}}, token=parent)
    move = await gql(
        RESCHEDULE,
        {"input": {"visitId": visit_id, "slotId": slots[2]["id"], "reason": "临时有事"}},
        token=teacher,
    )

    assert user_errors(cancel["data"]["cancelHomeVisit"]) == [("TOO_LATE_TO_CHANGE", "visitId")]
    assert user_errors(move["data"]["rescheduleHomeVisit"]) == [("TOO_LATE_TO_CHANGE", "visitId")]
    assert (await HomeVisit.get()).status == VisitStatus.SCHEDULED


async def test_family_moves_to_another_slot_and_the_teacher_is_told(gql: GraphQLClient) -> None:
    world = await make_world()
    slots = await offer(gql, await gql.token(world.teacher_a.phone), world.class_a.id)
    parent = await gql.token(world.parent_a.phone)
    visit_id = (await book(gql, parent, slots[0]["id"]))["visit"]["id"]

    body = await gql(
        RESCHEDULE,
        {"input": {"visitId": visit_id, "slotId": slots[2]["id"], "reason": "上午要加班"}},
        token=parent,
    )

    payload = body["data"]["rescheduleHomeVisit"]
    assert payload["userErrors"] == []
    assert payload["visit"]["startsAt"] == slots[2]["startsAt"]
    booked = await VisitSlot.filter(student_id=world.student_a.id).values_list("id", flat=True)
    assert [gid("VisitSlot", b) for b in booked] == [slots[2]["id"]]
    jobs = await Job.filter(kind="home_visits.remind").order_by("id")
    assert [j.status for j in jobs] == [JobStatus.CANCELLED] * 2 + [JobStatus.PENDING] * 2
    assert (await _templates(world.teacher_a.id))[-1] == "home_visit.rescheduled"


async def test_teacher_proposes_a_time_and_the_family_accepts(
    gql: GraphQLClient, clock: FrozenClock
) -> None:
    world = await make_world()
    teacher = await gql.token(world.teacher_a.phone)
    parent = await gql.token(world.parent_a.phone)
    starts = clock.now() + dt.timedelta(days=3)
    proposal = {
        "studentId": gid("Student", world.student_a.id),
        "startsAt": starts.isoformat(),
        "endsAt": (starts + dt.timedelta(minutes=45)).isoformat(),
        "message": "周四晚上方便吗？",
    }

    proposed = (await gql(PROPOSE, {"input": proposal}, token=teacher))["data"]["proposeHomeVisit"]
    own_answer = await gql(
        RESPOND, {"input": {"visitId": proposed["visit"]["id"], "accept": True}}, token=teacher
    )
    accepted = await gql(
        RESPOND, {"input": {"visitId": proposed["visit"]["id"], "accept": True}}, token=parent
    )

    assert proposed["visit"]["status"] == "PROPOSED"
    assert proposed["visit"]["proposedBy"] == "STAFF"
    assert user_errors(own_answer["data"]["respondToHomeVisitProposal"]) == [
        ("FORBIDDEN", "visitId")
    ]
    assert accepted["data"]["respondToHomeVisitProposal"]["visit"]["status"] == "SCHEDULED"
    assert await Job.filter(kind="home_visits.remind", status=JobStatus.PENDING).count() == 2
    assert await _templates(world.parent_a.id) == ["home_visit.proposed"]
    assert await _templates(world.teacher_a.id) == ["home_visit.scheduled"]


async def test_family_proposes_a_time_and_the_teacher_declines_with_a_reason(
    gql: GraphQLClient, clock: FrozenClock
) -> None:
    world = await make_world()
    parent = await gql.token(world.parent_a.phone)
    teacher = await gql.token(world.teacher_a.phone)
    await gql(
        "mutation($c: ID!) { openHomeVisitPlan(input: {classId: $c}) { plan { id } } }",
        {"c": gid("SchoolClass", world.class_a.id)},
        token=teacher,
    )
    starts = clock.now() + dt.timedelta(days=5)
    proposal = {
        "studentId": gid("Student", world.student_a.id),
        "startsAt": starts.isoformat(),
        "endsAt": (starts + dt.timedelta(hours=1)).isoformat(),
    }

    visit = (await gql(PROPOSE, {"input": proposal}, token=parent))["data"]["proposeHomeVisit"]
    silent = await gql(
        RESPOND, {"input": {"visitId": visit["visit"]["id"], "accept": False}}, token=teacher
    )
    declined = await gql(
        RESPOND,
        {"input": {"visitId": visit["visit"]["id"], "accept": False, "reason": "当天要监考"}},
        token=teacher,
    )

    assert visit["visit"]["proposedBy"] == "FAMILY"
    assert user_errors(silent["data"]["respondToHomeVisitProposal"]) == [("INVALID", "reason")]
    answer = declined["data"]["respondToHomeVisitProposal"]["visit"]
    assert (answer["status"], answer["changeReason"]) == ("CANCELLED", "当天要监考")
    assert await _templates(world.parent_a.id) == ["home_visit.cancelled"]


async def test_reminders_go_a_day_and_two_hours_before_once_each(
    gql: GraphQLClient, clock: FrozenClock
) -> None:
    world = await make_world()
    neighbour = await make_student(world.class_a)
    neighbour_parent = await make_guardian(neighbour)
    slots = await offer(gql, await gql.token(world.teacher_a.phone), world.class_a.id)
    await book(gql, await gql.token(world.parent_a.phone), slots[0]["id"])
    other = await gql.token(neighbour_parent.phone)
    cancelled = (await book(gql, other, slots[1]["id"]))["visit"]["id"]
    await gql(CANCEL, {"input": {"visitId": cancelled, "reason": "改天再约"}}, token=other)
    starts = dt.datetime.fromisoformat(slots[0]["startsAt"])
    runner = JobRunner(clock)

    clock.set(starts - dt.timedelta(days=1, seconds=1))
    too_early = await runner.run_until_idle()
    clock.set(starts - dt.timedelta(days=1))
    day_before = await runner.run_until_idle()
    again = await runner.run_until_idle()
    clock.set(starts - dt.timedelta(hours=2))
    two_hours = await runner.run_until_idle()

    assert (len(too_early), len(day_before), len(again), len(two_hours)) == (0, 1, 0, 1)
    family = [t for t in await _templates(world.parent_a.id) if t == "home_visit.reminder"]
    teacher = [t for t in await _templates(world.teacher_a.id) if t == "home_visit.reminder"]
    assert (len(family), len(teacher)) == (2, 2)
    assert "home_visit.reminder" not in await _templates(neighbour_parent.id)


async def test_teacher_moves_a_visit_to_a_time_of_their_own_but_not_onto_another_visit(
    gql: GraphQLClient, clock: FrozenClock
) -> None:
    world = await make_world()
    neighbour = await make_student(world.class_a)
    neighbour_parent = await make_guardian(neighbour)
    teacher = await gql.token(world.teacher_a.phone)
    slots = await offer(gql, teacher, world.class_a.id)
    first = (await book(gql, await gql.token(world.parent_a.phone), slots[0]["id"]))["visit"]
    await book(gql, await gql.token(neighbour_parent.phone), slots[1]["id"])
    onto_other = dt.datetime.fromisoformat(slots[1]["startsAt"]) + dt.timedelta(minutes=30)
    evening = clock.now() + dt.timedelta(days=2, hours=9)

    clash = await gql(
        RESCHEDULE,
        {
            "input": {
                "visitId": first["id"],
                "startsAt": onto_other.isoformat(),
                "endsAt": (onto_other + dt.timedelta(minutes=45)).isoformat(),
                "reason": "调到晚上",
            }
        },
        token=teacher,
    )
    moved = await gql(
        RESCHEDULE,
        {
            "input": {
                "visitId": first["id"],
                "startsAt": evening.isoformat(),
                "endsAt": (evening + dt.timedelta(minutes=45)).isoformat(),
                "reason": "周六学校有活动",
            }
        },
        token=teacher,
    )

    assert user_errors(clash["data"]["rescheduleHomeVisit"]) == [("SLOT_CLASH", "startsAt")]
    visit = moved["data"]["rescheduleHomeVisit"]["visit"]
    assert dt.datetime.fromisoformat(visit["startsAt"]) == evening
    assert visit["changedBy"] == "STAFF"
    assert await VisitSlot.filter(student_id=world.student_a.id).count() == 0  # slot freed
    assert (await _templates(world.parent_a.id))[-1] == "home_visit.rescheduled"


async def test_teacher_cancels_and_the_family_is_told(gql: GraphQLClient) -> None:
    world = await make_world()
    teacher = await gql.token(world.teacher_a.phone)
    slots = await offer(gql, teacher, world.class_a.id)
    visit_id = (await book(gql, await gql.token(world.parent_a.phone), slots[0]["id"]))["visit"][
        "id"
    ]

    body = await gql(
        CANCEL, {"input": {"visitId": visit_id, "reason": "临时外出培训"}}, token=teacher
    )

    visit = body["data"]["cancelHomeVisit"]["visit"]
    assert (visit["status"], visit["changedBy"]) == ("CANCELLED", "STAFF")
    assert await _templates(world.parent_a.id) == ["home_visit.cancelled"]
    inbox = await Notification.get(recipient_id=world.parent_a.id)
    assert "临时外出培训" in inbox.body


async def test_a_family_proposes_only_once_the_plan_is_open_and_one_visit_at_a_time(
    gql: GraphQLClient, clock: FrozenClock
) -> None:
    world = await make_world()
    parent = await gql.token(world.parent_a.phone)
    starts = clock.now() + dt.timedelta(days=4)
    proposal = {
        "studentId": gid("Student", world.student_a.id),
        "startsAt": starts.isoformat(),
        "endsAt": (starts + dt.timedelta(hours=1)).isoformat(),
    }

    too_early = await gql(PROPOSE, {"input": proposal}, token=parent)
    slots = await offer(gql, await gql.token(world.teacher_a.phone), world.class_a.id)
    proposed = await gql(PROPOSE, {"input": proposal}, token=parent)
    and_book = await book(gql, parent, slots[0]["id"])

    assert user_errors(too_early["data"]["proposeHomeVisit"]) == [("NO_PLAN", "studentId")]
    assert proposed["data"]["proposeHomeVisit"]["userErrors"] == []
    assert user_errors(and_book) == [("ALREADY_BOOKED", "slotId")]
    assert await HomeVisit.all().count() == 1
