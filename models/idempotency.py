"""Stored first answers to mutations sent with an `Idempotency-Key`, so a retry over a flaky
mobile network returns the same answer instead of doing the work twice.

How a key heals, and why a mutation never runs twice (the HTTP side is
`server.middleware.IdempotencyMiddleware`):

1. **Claim** (`claim`, committed on its own): the first request inserts the record *in
   progress*, owned by a random `owner` with a **lease** of a few seconds (`LEASE`). A retry
   while the lease lives is refused (409, `Retry-After` = what is left of the lease). A lease
   that ran out (the worker was killed, or lost its database) is taken over by the next retry
   with a compare-and-set on `owner`, so two retries cannot both take it.
2. **Run and complete in one transaction** (`held`, then `complete`): the owner opens one
   transaction, re-asserts its ownership in it (`held`: an UPDATE, so on PostgreSQL the
   record's row stays locked until the end), runs the whole GraphQL request inside it (the
   domain operation's own `in_transaction()` becomes a savepoint of it), and writes the
   answer into the record in the same transaction; the answer leaves for the client only
   after the commit. So the mutation's rows and the stored answer commit together or not at
   all: a crash before the commit leaves nothing but the claim, whose lease runs out; a crash
   after it leaves the answer for the retry. A retry that takes over a lease ran out while
   the owner is merely slow waits on the row lock and then finds the answer.
3. **Only final answers are kept**: a success or a business `userErrors` answer (HTTP 200
   with no top-level error). Anything else (an INTERNAL or UNAVAILABLE error, a refusal) rolls
   the transaction back, so the mutation's writes go with it, and `release` frees the key
   at once: the retry runs the mutation afresh.

No secrets at rest: answers of `login`, `refreshSession` or `redeemInvitation` carry tokens,
so every stored answer is encrypted (Fernet, AES-128-CBC + HMAC) with a key derived (HKDF)
from the server secret, and the request is remembered by an HMAC under another derived key,
not by a plain hash of a body that holds a password. A record is scoped to its caller: a
live session (`user:<id>:session:<id>`) or, for sign-in mutations, `anonymous`, where a
replay needs the very same request (the same password, refresh token or code) under the
same key, which only whoever could run it anyway can send.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import uuid
from dataclasses import dataclass

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from tortoise import fields
from tortoise.exceptions import IntegrityError
from tortoise.models import Model

RETENTION = dt.timedelta(hours=24)
# How long a claim holds a key without an answer: longer than a normal mutation takes, short
# enough that a retry after a killed worker runs within seconds. A slow owner past its lease
# is safe: the taker waits on its row lock (see the module docstring).
LEASE = dt.timedelta(seconds=15)


class IdempotencyRecord(Model):
    id = fields.IntField(primary_key=True)
    # user:<id>:session:<id> or anonymous (the column comment predates sessions)
    scope = fields.CharField(max_length=40, description="user:<id> or anonymous")
    key = fields.CharField(max_length=100)
    request_hash = fields.CharField(max_length=64)  # HMAC-SHA256 of the request
    status_code = fields.SmallIntField(null=True)  # null while in progress
    response_body = fields.TextField(null=True)  # the answer, encrypted (Fernet)
    created_at = fields.DatetimeField()
    owner = fields.CharField(max_length=32, null=True)  # who holds the lease
    lease_until = fields.DatetimeField(null=True)  # the claim lapses after this

    class Meta:
        table = "idempotency_record"
        unique_together = (("scope", "key"),)


class Sealer:
    """Keys derived from the server secret: one to fingerprint requests, one to encrypt
    answers. A changed secret makes old answers unreadable, which only costs a replay."""

    def __init__(self, secret: str) -> None:
        self._mac_key = _derive(secret, b"homeroom idempotency request-hash v1")
        self._fernet = Fernet(
            base64.urlsafe_b64encode(_derive(secret, b"homeroom idempotency answer v1"))
        )

    def request_hash(self, canonical: bytes) -> str:
        return hmac.new(self._mac_key, canonical, hashlib.sha256).hexdigest()

    def seal(self, body: bytes) -> str:
        return self._fernet.encrypt(body).decode("ascii")

    def open(self, sealed: str) -> bytes | None:
        try:
            return self._fernet.decrypt(sealed)
        except InvalidToken:
            return None


def _derive(secret: str, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(secret.encode())


@dataclass(frozen=True, slots=True)
class Claim:
    """What to do with a request: run it (`record_id`, `owner`), replay, or refuse."""

    record_id: int | None = None
    owner: str | None = None
    replay: IdempotencyRecord | None = None
    conflict: str | None = None  # "reused" or "in_progress"
    retry_after: int = 1  # seconds, for "in_progress"


async def claim(scope: str, key: str, request_hash: str, now: dt.datetime) -> Claim:
    await IdempotencyRecord.filter(scope=scope, key=key, created_at__lt=now - RETENTION).delete()
    owner = uuid.uuid4().hex
    for _ in range(3):  # a purge or a takeover between two statements: look again
        try:
            record = await IdempotencyRecord.create(
                scope=scope,
                key=key,
                request_hash=request_hash,
                created_at=now,
                owner=owner,
                lease_until=now + LEASE,
            )
            return Claim(record_id=record.id, owner=owner)
        except IntegrityError:
            existing = await IdempotencyRecord.get_or_none(scope=scope, key=key)
        if existing is None:
            continue
        if existing.request_hash != request_hash:
            return Claim(conflict="reused")
        if existing.status_code is not None:
            return Claim(replay=existing)
        if existing.lease_until is not None and existing.lease_until > now:
            left = (existing.lease_until - now).total_seconds()
            return Claim(conflict="in_progress", retry_after=max(1, int(left + 0.999)))
        # The owner's lease ran out: take the key over, unless another retry just did.
        taken = await IdempotencyRecord.filter(
            id=existing.id, owner=existing.owner, status_code__isnull=True
        ).update(owner=owner, lease_until=now + LEASE)
        if taken:
            return Claim(record_id=existing.id, owner=owner)
    return Claim(conflict="in_progress")


async def held(record_id: int, owner: str, now: dt.datetime) -> bool:
    """Inside the owner's transaction: still ours? Renews the lease and, on PostgreSQL, locks
    the row until the transaction ends, so a taker waits for the answer."""
    return bool(
        await IdempotencyRecord.filter(id=record_id, owner=owner, status_code__isnull=True).update(
            lease_until=now + LEASE
        )
    )


async def complete(record_id: int, owner: str, status_code: int, sealed_body: str) -> bool:
    """Inside the owner's transaction, with the mutation's writes: the final answer."""
    return bool(
        await IdempotencyRecord.filter(id=record_id, owner=owner).update(
            status_code=status_code, response_body=sealed_body, owner=None, lease_until=None
        )
    )


async def release(record_id: int, owner: str) -> None:
    """The request had no answer worth keeping: let a retry run it at once."""
    await IdempotencyRecord.filter(id=record_id, owner=owner, status_code__isnull=True).delete()
