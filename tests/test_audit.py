"""The audit log and the referral records kept as written: nothing updates or deletes them
through the models (nor, on PostgreSQL, in the database), and `python -m server verify-audit`
finds the first event of a tampered chain."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from tortoise import Tortoise

from models.audit import (
    Actor,
    AuditEntry,
    AuditEvent,
    ImmutableRecordError,
    record,
    verify_chain,
)
from models.referrals import (
    ConsentDecision,
    ConsentRequest,
    ConsentTemplate,
    DecisionKind,
    HandOver,
    ReferralCase,
    RequestStatus,
)
from server.db import dialect_of
from server.settings import PROJECT_ROOT
from tests.conftest import DATABASE_URL
from tests.factories import START, make_world
from tests.test_referrals_world import referral_objects

ON_POSTGRES = dialect_of(DATABASE_URL) == "postgres"


async def _events(n: int) -> list[AuditEvent]:
    actor = Actor(7, "COUNSELOR", "req-1", "phone")
    return await record(
        [AuditEntry(actor, "read", "referral_case", i, ("status",)) for i in range(1, n + 1)],
        now=START,
    )


async def _a_decision_and_hand_over() -> tuple[ConsentDecision, HandOver]:
    world = await make_world()
    await referral_objects(world)  # a case, a request and a decision
    decision = await ConsentDecision.get()
    case = await ReferralCase.get()
    hand_over = await HandOver.create(
        case_id=case.id,
        request_id=decision.request_id,
        hospital_id=case.hospital_id,
        data={"studentName": "x"},
        handed_over_by_id=world.counselor.id,
        handed_over_at=START,
    )
    return decision, hand_over


ATTEMPTS: dict[str, Callable[[Any], Awaitable[Any]]] = {
    "save": lambda row: row.save(),
    "delete": lambda row: row.delete(),
    "queryset update": lambda row: type(row).filter(id=row.id).update(id=row.id),
    "queryset delete": lambda row: type(row).filter(id=row.id).delete(),
    "bulk update": lambda row: type(row).bulk_update([row], fields=["id"]),
}


@pytest.mark.parametrize("attempt", sorted(ATTEMPTS))
async def test_records_kept_as_written_refuse_updates_and_deletes_through_the_models(
    attempt: str,
) -> None:
    decision, hand_over = await _a_decision_and_hand_over()
    (event,) = await _events(1)
    template = await ConsentTemplate.get()
    decision.kind = DecisionKind.CONSENT  # an "edit" of the decision

    for row in (decision, hand_over, event, template):
        with pytest.raises(ImmutableRecordError):
            await ATTEMPTS[attempt](row)

    stored = await ConsentDecision.get(id=decision.id)
    assert stored.kind == DecisionKind.DECLINE
    assert await AuditEvent.all().count() == 2  # the one of referral_objects, and this one
    assert await HandOver.all().count() == 1


@pytest.mark.skipif(not ON_POSTGRES, reason="the trigger is PostgreSQL's")
@pytest.mark.parametrize("table", ["audit_event", "consent_decision", "referral_hand_over"])
async def test_postgres_refuses_update_and_delete_in_the_database_too(table: str) -> None:
    await _a_decision_and_hand_over()
    await _events(1)
    conn = Tortoise.get_connection("default")

    for sql in (f'UPDATE "{table}" SET id = id', f'DELETE FROM "{table}"'):
        with pytest.raises(Exception, match="never updated or deleted"):
            await conn.execute_query(sql)

    assert (await conn.execute_query(f'SELECT count(*) FROM "{table}"'))[1][0][0] >= 1


async def test_each_event_carries_the_hash_of_the_one_before() -> None:
    events = await _events(3)

    assert events[0].prev_hash == "0" * 64
    assert [e.prev_hash for e in events[1:]] == [e.hash for e in events[:-1]]
    report = await verify_chain(batch=2)  # across batches
    assert (report.ok, report.checked) == (True, 3)


async def _tamper(sql: str) -> None:
    """What someone with the database's keys could do, trigger or not."""
    conn = Tortoise.get_connection("default")
    if ON_POSTGRES:
        await conn.execute_script(
            'ALTER TABLE audit_event DISABLE TRIGGER "audit_event_append_only";'
            f"{sql};"
            'ALTER TABLE audit_event ENABLE TRIGGER "audit_event_append_only";'
        )
    else:
        await conn.execute_script(sql)


async def test_an_edited_event_is_found() -> None:
    events = await _events(4)

    await _tamper(f"UPDATE audit_event SET actor_role = 'GUARDIAN' WHERE id = {events[1].id}")

    report = await verify_chain()
    assert (report.first_bad_id, report.checked) == (events[1].id, 1)


async def test_a_deleted_event_is_found_at_its_successor() -> None:
    events = await _events(4)

    await _tamper(f"DELETE FROM audit_event WHERE id = {events[2].id}")

    report = await verify_chain()
    assert report.first_bad_id == events[3].id


def _verify_command() -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "HOMEROOM_DATABASE_URL": DATABASE_URL,
        "HOMEROOM_ENVIRONMENT": "test",
        "HOMEROOM_SECRET_KEY": "verify-audit-test-secret-0123456789",
        "HOMEROOM_LOG_LEVEL": "WARNING",
    }
    return subprocess.run(
        [sys.executable, "-m", "server", "verify-audit"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


async def test_verify_audit_command_passes_an_intact_chain_and_names_the_first_bad_event() -> None:
    events = await _events(3)

    intact = await asyncio.to_thread(_verify_command)
    await _tamper(f"UPDATE audit_event SET subject_id = 99 WHERE id = {events[1].id}")
    broken = await asyncio.to_thread(_verify_command)

    assert intact.returncode == 0, intact.stderr
    assert "3 events" in intact.stdout
    assert broken.returncode != 0
    assert f"event {events[1].id}" in broken.stderr


async def test_a_consent_requests_terms_cannot_be_changed_but_its_status_can() -> None:
    world = await make_world()
    await referral_objects(world)
    request = await ConsentRequest.get()
    request.text = "另一段文字"

    with pytest.raises(ImmutableRecordError):
        await request.save()
    with pytest.raises(ImmutableRecordError):
        await request.save(update_fields=["text"])
    with pytest.raises(ImmutableRecordError):
        await ConsentRequest.filter(id=request.id).update(text_sha256="f" * 64)
    request.status = RequestStatus.CANCELLED
    await request.save(update_fields=["status"])

    stored = await ConsentRequest.get(id=request.id)
    assert (stored.text, stored.text_sha256, stored.status) == (
        "t",
        "0" * 64,
        RequestStatus.CANCELLED,
    )
