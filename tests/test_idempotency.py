"""Idempotency keys that heal and keep no secrets (design in `models.idempotency`).

Faults are real database faults, made for one request and undone: a table renamed away (a
transient failure of the mutation) or a trigger that makes the completing write fail (a
worker that dies between the mutation and its record).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
from collections.abc import AsyncIterator

from tortoise import Tortoise

from core.clock import FrozenClock
from models.accounts import Invitation
from models.idempotency import LEASE, IdempotencyRecord
from server.db import dialect_of
from tests.client import LOGIN, GraphQLClient
from tests.factories import make_user, make_world
from tests.helpers import gid
from tests.test_invitations import ISSUE

LOGOUT = "mutation Logout { logout { userErrors { code field message } } }"


@contextlib.asynccontextmanager
async def _table_away(table: str) -> AsyncIterator[None]:
    """The table is missing while inside: every statement on it fails, then it is back."""
    conn = Tortoise.get_connection("default")
    await conn.execute_script(f'ALTER TABLE "{table}" RENAME TO "{table}_away"')
    try:
        yield
    finally:
        await conn.execute_script(f'ALTER TABLE "{table}_away" RENAME TO "{table}"')


@contextlib.asynccontextmanager
async def _completing_write_fails(database: str) -> AsyncIterator[None]:
    """While inside, the database refuses to complete or release an idempotency record, as
    when the worker dies right after running the mutation."""
    conn = Tortoise.get_connection("default")
    if dialect_of(database) == "postgres":
        await conn.execute_script(
            """
            CREATE FUNCTION idem_refuse() RETURNS trigger LANGUAGE plpgsql
              AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$;
            CREATE TRIGGER idem_refuse_complete BEFORE UPDATE ON idempotency_record
              FOR EACH ROW WHEN (NEW.status_code IS NOT NULL) EXECUTE FUNCTION idem_refuse();
            CREATE TRIGGER idem_refuse_release BEFORE DELETE ON idempotency_record
              FOR EACH ROW EXECUTE FUNCTION idem_refuse();
            """
        )
        undo = """
            DROP TRIGGER idem_refuse_complete ON idempotency_record;
            DROP TRIGGER idem_refuse_release ON idempotency_record;
            DROP FUNCTION idem_refuse();
        """
    else:
        await conn.execute_script(
            """
            CREATE TRIGGER idem_refuse_complete BEFORE UPDATE ON idempotency_record
              WHEN NEW.status_code IS NOT NULL BEGIN SELECT RAISE(ABORT, 'disk full'); END;
            CREATE TRIGGER idem_refuse_release BEFORE DELETE ON idempotency_record
              BEGIN SELECT RAISE(ABORT, 'disk full'); END;
            """
        )
        undo = "DROP TRIGGER idem_refuse_complete; DROP TRIGGER idem_refuse_release;"
    try:
        yield
    finally:
        await conn.execute_script(undo)


def _code(response_json: dict[str, object]) -> object:
    errors = response_json["errors"]
    assert isinstance(errors, list)
    return errors[0]["extensions"]["code"]


async def test_a_transient_failure_is_not_kept_and_the_retry_runs(gql: GraphQLClient) -> None:
    # given a teacher whose first try fails inside the mutation (its table is unavailable)
    world = await make_world()
    token = await gql.token(world.teacher_a.phone)
    variables = {"input": {"studentId": gid("Student", world.student_a.id)}}
    headers = {"Idempotency-Key": "transient-1"}
    async with _table_away(Invitation._meta.db_table):
        failed = await gql.post(ISSUE, variables, token=token, headers=headers)

    # when the app retries with the same key once the database is whole again
    retry = await gql.post(ISSUE, variables, token=token, headers=headers)

    # then the failure was an INTERNAL error, the retry ran (no replay of the failure)
    assert _code(failed.json()) == "INTERNAL"
    assert retry.status_code == 200 and "idempotent-replayed" not in retry.headers
    assert retry.json()["data"]["issueInvitation"]["code"]
    assert await Invitation.filter(student_id=world.student_a.id).count() == 1


async def test_the_mutation_and_its_answer_commit_together_and_a_stuck_key_heals(
    gql: GraphQLClient, clock: FrozenClock, database: str
) -> None:
    # given a mutation whose answer cannot be recorded (the worker "dies" after the mutation)
    world = await make_world()
    token = await gql.token(world.teacher_a.phone)
    variables = {"input": {"studentId": gid("Student", world.student_a.id)}}
    headers = {"Idempotency-Key": "dies-after-the-mutation"}
    async with _completing_write_fails(database):
        failed = await gql.post(ISSUE, variables, token=token, headers=headers)

    # then the mutation was rolled back with its answer, and the key waits for its lease
    assert (failed.status_code, _code(failed.json())) == (500, "INTERNAL")
    assert not await Invitation.exists(student_id=world.student_a.id)
    assert await IdempotencyRecord.filter(status_code=None).count() == 1

    # when the app retries at once, then it is told to wait at most the lease
    waiting = await gql.post(ISSUE, variables, token=token, headers=headers)
    assert (waiting.status_code, _code(waiting.json())) == (409, "IDEMPOTENCY_KEY_IN_PROGRESS")
    assert 1 <= int(waiting.headers["retry-after"]) <= LEASE.total_seconds()

    # when it retries after the lease, then the mutation runs once and its answer is kept
    clock.advance(LEASE)
    healed = await gql.post(ISSUE, variables, token=token, headers=headers)
    again = await gql.post(ISSUE, variables, token=token, headers=headers)
    assert healed.status_code == 200 and "idempotent-replayed" not in healed.headers
    assert again.json() == healed.json() and again.headers["idempotent-replayed"] == "true"
    assert await Invitation.filter(student_id=world.student_a.id).count() == 1
    assert not await IdempotencyRecord.filter(status_code=None).exists()


async def test_concurrent_retries_run_the_mutation_once(gql: GraphQLClient) -> None:
    # given a teacher's app that sends the same request five times at once
    world = await make_world()
    token = await gql.token(world.teacher_a.phone)
    variables = {"input": {"studentId": gid("Student", world.student_a.id)}}
    headers = {"Idempotency-Key": "at-once"}

    # when they arrive together
    answers = await asyncio.gather(
        *(gql.post(ISSUE, variables, token=token, headers=headers) for _ in range(5))
    )

    # then one ran; the others got its answer or were told it is in progress
    ran = [a for a in answers if a.status_code == 200 and "idempotent-replayed" not in a.headers]
    assert len(ran) == 1
    for other in answers:
        if other is not ran[0]:
            assert other.status_code in (200, 409)
            if other.status_code == 200:
                assert other.json() == ran[0].json()
    assert await Invitation.filter(student_id=world.student_a.id).count() == 1


async def test_stored_sign_in_answers_hold_no_tokens_and_no_plain_request_hash(
    gql: GraphQLClient,
) -> None:
    # given a sign-in sent with a key
    user = await make_user()
    variables = {
        "input": {
            "phone": user.phone,
            "password": "correct-horse-9",
            "acceptedPolicyVersion": "2026-09",
        }
    }
    headers = {"Idempotency-Key": "login-secret"}

    # when it is answered, and retried
    first = await gql.post(LOGIN, variables, headers=headers)
    retry = await gql.post(LOGIN, variables, headers=headers)

    # then the retry gets the same session, but the stored row holds neither token, and the
    # request is not fingerprinted by a plain SHA-256 a password could be guessed against
    signed_in = first.json()["data"]["login"]
    assert retry.json() == first.json() and retry.headers["idempotent-replayed"] == "true"
    row = await IdempotencyRecord.get(key="login-secret")
    assert row.response_body is not None
    for secret in (signed_in["accessToken"], signed_in["refreshToken"], "correct-horse-9"):
        assert secret not in row.response_body
    plain = json.dumps([LOGIN, variables, None], sort_keys=True, ensure_ascii=False)
    assert row.request_hash != hashlib.sha256(plain.encode()).hexdigest()


async def test_an_answer_is_replayed_only_to_its_live_session(gql: GraphQLClient) -> None:
    # given a teacher who issued an invitation with a key, then signed out of that session
    world = await make_world()
    token = await gql.token(world.teacher_a.phone)
    variables = {"input": {"studentId": gid("Student", world.student_a.id)}}
    headers = {"Idempotency-Key": "then-signed-out"}
    first = await gql.post(ISSUE, variables, token=token, headers=headers)
    other_session = await gql.token(world.teacher_a.phone)
    await gql(LOGOUT, token=token)

    # when the signed-out token, and another session of the same teacher, send the key
    stale = await gql.post(ISSUE, variables, token=token, headers=headers)
    elsewhere = await gql.post(ISSUE, variables, token=other_session, headers=headers)

    # then neither gets the stored answer (the invitation code): the stale token is refused,
    # the other session runs its own request
    code = first.json()["data"]["issueInvitation"]["code"]
    assert "idempotent-replayed" not in stale.headers
    assert _code(stale.json()) == "UNAUTHENTICATED"
    assert code not in stale.text
    assert "idempotent-replayed" not in elsewhere.headers
    assert elsewhere.json()["data"]["issueInvitation"]["code"] != code
