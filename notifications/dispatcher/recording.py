"""Recording: what became of each claimed delivery, and one attempt row per push.

Every update is scoped to rows still PENDING and leased to the claim's owner: a dispatcher
whose lease expired records nothing over the next owner's claim, and a push cancelled while
it was in flight (read in the app, consent withdrawn) keeps its CANCELLED and its reason; the
attempt row says it went out all the same. A claim counts the attempt (claim.py), so nothing
here adds to `attempts`. `record` runs once per slice of a batch, as the slice is answered.
A dead token's device is deleted unless the app registered it again after the send.
Retries are persisted on the delivery (`not_before`, `attempts`) rather than slept on, so a
restart keeps them and one slow channel holds up no batch.

The common outcome, SENT, is written in two forms: on PostgreSQL one prepared statement over
an id array whatever the batch size; on SQLite the ORM's `id IN (…)`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from tortoise.transactions import in_transaction

from notifications.dispatcher.claim import Claim, Claimed, Device
from notifications.dispatcher.config import DispatcherConfig, backoff_seconds
from notifications.dispatcher.sql import insert_rows, on_postgres
from notifications.models import (
    AttemptOutcome,
    DeliveryStatus,
    PushAttempt,
    PushDelivery,
    PushDevice,
)
from notifications.transports.base import Outcome, SendResult

_ATTEMPT_OUTCOMES = {
    Outcome.OK: AttemptOutcome.OK,
    Outcome.UNREGISTERED: AttemptOutcome.UNREGISTERED,
    Outcome.INVALID_TOKEN: AttemptOutcome.INVALID_TOKEN,
    Outcome.RETRY: AttemptOutcome.RETRY,
    Outcome.FAILED: AttemptOutcome.FAILED,
}

# One push_attempt row per push, as a tuple in this column order.
_ATTEMPT_COLUMNS = (
    ("delivery_id", "bigint"),
    ("attempted_at", "timestamptz"),
    ("transport", "varchar"),
    ("outcome", "varchar"),
    ("http_status", "smallint"),
    ("error_code", "varchar"),
    ("message_id", "varchar"),
    ("retry_after_s", "double precision"),
)
AttemptRow = tuple[
    int, dt.datetime, str, AttemptOutcome, int | None, str | None, str | None, float | None
]

# SENT on PostgreSQL: one statement whatever the batch size (an ORM `id IN (…)` is a new
# statement, parsed and planned, for every batch size).
_SENT_SQL = (
    "UPDATE push_delivery SET status = 'SENT', sent_at = $1,"
    " last_error = NULL, lease_owner = NULL, lease_until = NULL"
    " WHERE id = ANY($2) AND lease_owner = $3 AND status = 'PENDING'"
)
_RELEASED = {"lease_owner": None, "lease_until": None}


@dataclass(slots=True)
class SendReport:
    sent: int = 0
    dropped: int = 0
    retried: int = 0
    failed: int = 0
    cancelled: int = 0

    @property
    def handled(self) -> int:
        return self.sent + self.dropped + self.retried + self.failed + self.cancelled

    def add(self, other: SendReport) -> None:
        self.sent += other.sent
        self.dropped += other.dropped
        self.retried += other.retried
        self.failed += other.failed
        self.cancelled += other.cancelled


@dataclass(slots=True)
class Outcomes:
    sent: list[int] = field(default_factory=list)
    cancelled: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    failed: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    dropped: list[int] = field(default_factory=list)
    dead_devices: list[int] = field(default_factory=list)
    retries: list[tuple[int, int, float | None]] = field(default_factory=list)
    attempts: list[AttemptRow] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.sent or self.cancelled or self.failed or self.dropped or self.retries)

    def note(
        self, d: Claimed, device: Device, result: SendResult, transport: str, at: dt.datetime
    ) -> None:
        """One push's answer: its attempt row, and what becomes of the delivery."""
        self.attempts.append(
            (
                d.id,
                at,
                transport,
                _ATTEMPT_OUTCOMES[result.outcome],
                result.http_status,
                (result.error_code or None) and result.error_code[:64],
                (result.message_id or None) and result.message_id[:200],
                result.retry_after_s,
            )
        )
        if result.outcome == Outcome.OK:
            self.sent.append(d.id)
        elif result.outcome in (Outcome.UNREGISTERED, Outcome.INVALID_TOKEN):
            self.dropped.append(d.id)
            self.dead_devices.append(device.id)
        elif result.outcome == Outcome.RETRY:
            self.retries.append((d.id, d.attempts, result.retry_after_s))
        else:
            self.failed[(result.error_code or "failed")[:200]].append(d.id)


async def _record_sent(claim: Claim, ids: list[int], now: dt.datetime) -> int:
    if on_postgres():
        changed, _ = await PushDelivery._meta.db.execute_query(_SENT_SQL, [now, ids, claim.owner])
        return int(changed)
    return await PushDelivery.filter(
        lease_owner=claim.owner, status=DeliveryStatus.PENDING, id__in=ids
    ).update(
        status=DeliveryStatus.SENT,
        sent_at=now,
        last_error=None,
        **_RELEASED,
    )


async def record(
    claim: Claim, out: Outcomes, now: dt.datetime, config: DispatcherConfig
) -> SendReport:
    """Writes the outcomes of a claim's slice in one transaction, releasing those rows."""
    report = SendReport()
    async with in_transaction():
        mine = PushDelivery.filter(lease_owner=claim.owner, status=DeliveryStatus.PENDING)
        if out.sent:
            report.sent = await _record_sent(claim, out.sent, now)
        if out.dropped:
            report.dropped = await mine.filter(id__in=out.dropped).update(
                status=DeliveryStatus.DROPPED,
                last_error="token rejected by push channel",
                **_RELEASED,
            )
            # kept if the app registered the token again after this send
            await PushDevice.filter(
                id__in=out.dead_devices, last_seen_at__lte=claim.claimed_at
            ).delete()
        for reason, ids in out.cancelled.items():
            report.cancelled += await mine.filter(id__in=ids).update(
                status=DeliveryStatus.CANCELLED, last_error=reason, **_RELEASED
            )
        for reason, ids in out.failed.items():
            report.failed += await mine.filter(id__in=ids).update(
                status=DeliveryStatus.FAILED,
                last_error=reason,
                **_RELEASED,
            )
        for delivery_id, attempts, retry_after in out.retries:
            exhausted = attempts >= config.max_attempts
            delay = backoff_seconds(attempts, retry_after, config)
            changed = await mine.filter(id=delivery_id).update(
                status=DeliveryStatus.FAILED if exhausted else DeliveryStatus.PENDING,
                attempts=attempts,
                not_before=now + dt.timedelta(seconds=delay),
                last_error="retries exhausted" if exhausted else "will retry",
                **_RELEASED,
            )
            if exhausted:
                report.failed += changed
            else:
                report.retried += changed
        await insert_rows(PushAttempt, _ATTEMPT_COLUMNS, out.attempts)
    return report
