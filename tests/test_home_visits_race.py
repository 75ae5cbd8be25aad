"""Many families booking at once through concurrent HTTP requests: exactly one wins each slot,
the others are told it is taken (SLOT_TAKEN), on SQLite and on PostgreSQL (where the requests
run in transactions on separate connections at the same time)."""

from __future__ import annotations

import asyncio
from collections import Counter

from models.home_visits import HomeVisit, VisitSlot
from tests.client import GraphQLClient
from tests.factories import make_guardian, make_student, make_world
from tests.test_home_visits_support import book, offer

CONTENDERS_PER_SLOT = 5


async def test_families_racing_for_slots_get_one_booking_each_slot(gql: GraphQLClient) -> None:
    world = await make_world()
    slots = await offer(gql, await gql.token(world.teacher_a.phone), world.class_a.id)
    parents = []
    for _ in range(CONTENDERS_PER_SLOT * len(slots)):
        parents.append(await make_guardian(await make_student(world.class_a)))
    tokens = [await gql.token(p.phone) for p in parents]

    answers = await asyncio.gather(
        *(book(gql, token, slots[i % len(slots)]["id"]) for i, token in enumerate(tokens))
    )

    outcomes = Counter("booked" if a["visit"] else a["userErrors"][0]["code"] for a in answers)
    assert outcomes == {"booked": len(slots), "SLOT_TAKEN": (CONTENDERS_PER_SLOT - 1) * len(slots)}
    taken = [a for a in answers if not a["visit"]]
    assert {e["field"] for a in taken for e in a["userErrors"]} == {"slotId"}
    visits = await HomeVisit.all()
    assert len(visits) == len(slots)
    assert len({v.slot_id for v in visits}) == len(slots)  # no slot twice
    holders = {s.id: s.student_id for s in await VisitSlot.all()}
    assert all(holders[v.slot_id] == v.student_id for v in visits)


async def test_two_guardians_booking_for_the_same_child_at_once_get_one_visit(
    gql: GraphQLClient,
) -> None:
    world = await make_world()
    father = await make_guardian(world.student_a)
    slots = await offer(gql, await gql.token(world.teacher_a.phone), world.class_a.id)
    mother_token = await gql.token(world.parent_a.phone)
    father_token = await gql.token(father.phone)

    answers = await asyncio.gather(
        book(gql, mother_token, slots[0]["id"]), book(gql, father_token, slots[1]["id"])
    )

    outcomes = sorted("booked" if a["visit"] else a["userErrors"][0]["code"] for a in answers)
    assert outcomes == ["ALREADY_BOOKED", "booked"]
    assert await HomeVisit.filter(student_id=world.student_a.id).count() == 1
    assert await VisitSlot.filter(student_id=world.student_a.id).count() == 1
