"""The dispatcher: turns outbox rows into deliveries, and deliveries into pushes.

Two steps, each a short transaction that any number of dispatchers may run side by side:

1. Expand: lock one pending outbox row (`FOR UPDATE SKIP LOCKED`), take the next slice of its
   recipients by keyset (inbox rows of a direct message, or the audience query of a
   broadcast), write the broadcast's inbox rows and one delivery per eligible device, advance
   the cursor, commit. A crash rolls the slice back; nothing is half-written.
2. Send: claim up to `send_batch` due deliveries by stamping a lease (`FOR UPDATE SKIP
   LOCKED` on PostgreSQL; SQLite has one writer), push them, record the outcome of each
   and release. A dispatcher killed mid-batch leaves its lease to expire, and that batch
   alone is sent again: at-least-once, and never twice while leases are honoured.

Retries are persisted on the delivery (`not_before`, `attempts`) rather than slept on, so a
restart keeps them and one slow channel does not hold up a batch.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import itertools
import json
import logging
import os
import random
import socket
import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from tortoise.expressions import F, Q
from tortoise.functions import Count
from tortoise.models import Model
from tortoise.transactions import in_transaction

from core.clock import Clock
from notifications.audience import audience_from_json, recipients_after
from notifications.consent import consenting_among
from notifications.devices import STALE_AFTER, purge_stale_devices
from notifications.models import (
    MANDATORY_CATEGORIES,
    AttemptOutcome,
    DeliveryStatus,
    Notification,
    NotificationCategory,
    NotificationOutbox,
    OutboxStatus,
    Platform,
    PushAttempt,
    PushDelivery,
    PushDevice,
    PushKind,
    as_utc,
)
from notifications.outbox import write_inbox
from notifications.preferences import (
    DEFAULT_QUIET_WINDOW,
    QuietWindow,
    push_disabled_among,
    quiet_windows_of,
    shared_window,
)
from notifications.templates import render_push
from notifications.transports.base import Outcome, PushMessage, SendResult, Transport

logger = logging.getLogger("homeroom.push.dispatcher")

MAX_PAYLOAD_BYTES = 4096  # FCM's limit for a message's notification + data


# Told, after each committed slice, the new inbox entries as (user id, notification id): the
# server publishes them as live events. Its errors are logged, never raised into the loop.
InboxHook = Callable[[list[tuple[int, int]]], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class DispatcherConfig:
    send_batch: int = 500
    expand_batch: int = 1000  # recipients per outbox slice
    lease: dt.timedelta = dt.timedelta(seconds=60)
    max_attempts: int = 8
    backoff_base_s: float = 2.0
    backoff_cap_s: float = 900.0
    concurrency: int = 2  # send loops per dispatcher, so database and HTTP work overlap
    purge_every: dt.timedelta = dt.timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class DeliveryProfile:
    high_priority: bool
    ttl: dt.timedelta
    collapse_key: str | None  # newer replaces older on an offline device


_DAY = dt.timedelta(days=1)
PROFILES: dict[NotificationCategory, DeliveryProfile] = {
    NotificationCategory.CONSENT_REQUEST: DeliveryProfile(True, 7 * _DAY, None),
    NotificationCategory.SAFETY: DeliveryProfile(True, _DAY, None),
    NotificationCategory.HOME_VISIT: DeliveryProfile(True, 2 * _DAY, "home_visit"),
    NotificationCategory.COURSES_AND_LESSONS: DeliveryProfile(False, 3 * _DAY, "courses"),
    NotificationCategory.REFERRAL_UPDATE: DeliveryProfile(False, 3 * _DAY, "referral"),
    NotificationCategory.ANNOUNCEMENT: DeliveryProfile(False, 3 * _DAY, "announcement"),
}


def backoff_seconds(attempt: int, retry_after_s: float | None, config: DispatcherConfig) -> float:
    """Exponential with jitter (half fixed, half random) so throttled senders spread out;
    never sooner than the channel's Retry-After."""
    ceiling = min(config.backoff_cap_s, config.backoff_base_s * 2 ** max(0, attempt - 1))
    delay = random.uniform(ceiling / 2, ceiling)
    return max(delay, retry_after_s or 0.0)


def payload_size(message: PushMessage) -> int:
    body = {"notification": {"title": message.title, "body": message.body}, "data": message.data}
    return len(json.dumps(body, ensure_ascii=False).encode())


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
_DELIVERY_COLUMNS = (
    ("outbox_id", "bigint"),
    ("device_id", "integer"),
    ("user_id", "integer"),
    ("status", "varchar"),
    ("not_before", "timestamptz"),
    ("attempts", "smallint"),
    ("created_at", "timestamptz"),
)


async def _insert_rows(
    model: type[Model], columns: Sequence[tuple[str, str]], rows: list[tuple]
) -> None:
    """Inserts rows (tuples in `columns` order), inside the caller's transaction. On
    PostgreSQL one statement and one round trip for them all, without a model instance per
    row; elsewhere `bulk_create`."""
    if not rows:
        return
    connection = model._meta.db
    if connection.capabilities.dialect != "postgres":
        names = [name for name, _ in columns]
        await model.bulk_create(
            [model(**dict(zip(names, row, strict=True))) for row in rows], batch_size=1000
        )
        return
    arrays = []
    for (_, pg_type), values in zip(columns, zip(*rows, strict=True), strict=True):
        if pg_type == "varchar":  # enum members as their values
            values = tuple(None if v is None else str(v) for v in values)
        arrays.append(list(values))
    await connection.execute_query(
        f"INSERT INTO {model._meta.db_table} ({', '.join(name for name, _ in columns)}) "
        f"SELECT * FROM unnest({', '.join(f'${i}::{t}[]' for i, (_, t) in enumerate(columns, 1))})",
        arrays,
    )


def _on_postgres() -> bool:
    """Whether the deliveries live in PostgreSQL (row locks, arrays, set-based SQL), as
    opposed to SQLite, the embedded default. Inside a transaction, its connection answers."""
    return PushDelivery._meta.db.capabilities.dialect == "postgres"


class _Device(NamedTuple):
    """What sending needs of a device: read as values, cheaper than a model per device."""

    id: int
    user_id: int
    token: str
    platform: Platform
    push_kind: PushKind
    locale: str
    last_seen_at: dt.datetime


class _Claimed(NamedTuple):
    """A leased delivery, with its device as the claim read it (None once the device is gone)."""

    id: int
    outbox_id: int
    device_id: int | None
    user_id: int
    attempts: int
    device: _Device | None


def _claimed(row: Sequence) -> _Claimed:
    """A claim row: the delivery's five columns, then the device's (NULL when it is gone)."""
    device = None
    if row[6] is not None:
        device = _Device(
            id=row[2],
            user_id=row[5],
            token=row[6],
            platform=Platform(row[7]),
            push_kind=PushKind(row[8]),
            locale=row[9],
            last_seen_at=row[10],
        )
    return _Claimed(row[0], row[1], row[2], row[3], row[4], device)


# Due deliveries nobody holds, oldest first, locked (skipping rows another dispatcher has
# locked), with what sending needs of each one's device. The lease is stamped by id in a
# second statement: as one UPDATE … FROM (SELECT … FOR UPDATE SKIP LOCKED), a table whose
# statistics still say "empty" (a first broadcast, before autovacuum analyses it) got a nested
# loop that scanned the table once per claimed row.
_DUE_SQL = """
SELECT d.id, d.outbox_id, d.device_id, d.user_id, d.attempts,
       v.user_id, v.token, v.platform, v.push_kind, v.locale, v.last_seen_at
FROM push_delivery d LEFT JOIN push_device v ON v.id = d.device_id
WHERE d.status = 'PENDING' AND d.not_before <= $1
  AND (d.lease_until IS NULL OR d.lease_until < $1)
ORDER BY d.not_before, d.id
LIMIT $2
FOR UPDATE OF d SKIP LOCKED
"""
_LEASE_SQL = "UPDATE push_delivery SET lease_owner = $1, lease_until = $2 WHERE id = ANY($3)"
# The common outcome, as one statement whatever the batch size (an ORM `id IN (…)` is a new
# statement, parsed and planned, for every batch size).
_SENT_SQL = (
    "UPDATE push_delivery SET status = 'SENT', sent_at = $1, attempts = attempts + 1,"
    " last_error = NULL, lease_owner = NULL, lease_until = NULL"
    " WHERE id = ANY($2) AND lease_owner = $3"
)
_CLAIM_VALUES = (
    "id",
    "outbox_id",
    "device_id",
    "user_id",
    "attempts",
    "device__user_id",
    "device__token",
    "device__platform",
    "device__push_kind",
    "device__locale",
    "device__last_seen_at",
)


# A broadcast slice's deliveries on PostgreSQL: one per fresh device of each recipient with
# an active push consent who did not switch the category off (never off when mandatory), due
# when the person's quiet hours end ($6…$10: the slice's distinct windows with their end; no
# row, the default window's, $5).
_PLAN_SQL = """
INSERT INTO push_delivery (outbox_id, device_id, user_id, status, not_before, attempts, created_at)
SELECT $1, v.id, v.user_id, 'PENDING', COALESCE(w.due, $5), 0, $4
FROM push_device v
LEFT JOIN quiet_hours q ON q.user_id = v.user_id
LEFT JOIN unnest($6::int[], $7::int[], $8::text[], $9::bool[], $10::timestamptz[])
    AS w (start_minute, end_minute, timezone, enabled, due)
    ON (w.start_minute, w.end_minute, w.timezone, w.enabled)
     = (q.start_minute, q.end_minute, q.timezone, q.enabled)
WHERE v.user_id = ANY($2) AND v.last_seen_at >= $3
  AND EXISTS (SELECT 1 FROM push_consent c WHERE c.user_id = v.user_id AND c.withdrawn_at IS NULL)
  AND ($12 OR NOT EXISTS (SELECT 1 FROM push_preference p
                          WHERE p.user_id = v.user_id AND p.category = $11 AND NOT p.push_enabled))
"""
_WINDOWS_SQL = (
    "SELECT DISTINCT start_minute, end_minute, timezone, enabled FROM quiet_hours"
    " WHERE user_id = ANY($1)"
)


@dataclass(slots=True)
class Claim:
    owner: str
    deliveries: list[_Claimed]
    claimed_at: dt.datetime

    @property
    def ids(self) -> list[int]:
        return [d.id for d in self.deliveries]


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


@dataclass(slots=True)
class _Outcomes:
    sent: list[int] = field(default_factory=list)
    cancelled: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    failed: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    dropped: list[int] = field(default_factory=list)
    dead_devices: list[int] = field(default_factory=list)
    retries: list[tuple[int, int, float | None]] = field(default_factory=list)
    attempts: list[AttemptRow] = field(default_factory=list)


class Dispatcher:
    def __init__(
        self,
        transports: Mapping[PushKind, Transport],
        clock: Clock,
        config: DispatcherConfig | None = None,
        name: str | None = None,
        on_inbox: InboxHook | None = None,
    ) -> None:
        self.transports = transports
        self.on_inbox = on_inbox
        self.clock = clock
        self.config = config or DispatcherConfig()
        self.name = name or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self._batches = itertools.count(1)

    def _now(self) -> dt.datetime:
        return as_utc(self.clock.now())

    # ------------------------------------------------------------ expand

    async def expand_once(self) -> bool:
        """Expands one slice of the oldest pending outbox row nobody else holds.
        False when there was none."""
        n = self.config.expand_batch
        now = self._now()
        if not await NotificationOutbox.exists(status=OutboxStatus.PENDING):
            return False  # the idle case: one read, no transaction
        async with in_transaction():
            rows = (
                await NotificationOutbox.filter(status=OutboxStatus.PENDING)
                .order_by("id")
                .limit(1)
                .select_for_update(skip_locked=True)
            )
            if not rows:
                return False
            outbox = rows[0]
            if outbox.audience is None:
                found = (
                    await Notification.filter(outbox_id=outbox.id, recipient_id__gt=outbox.cursor)
                    .order_by("recipient_id")
                    .limit(n)
                    .values_list("recipient_id", flat=True)
                )
                recipients = [int(r) for r in found]
            else:
                audience = audience_from_json(outbox.audience)
                recipients = await recipients_after(audience, outbox.cursor, n)
                await write_inbox(outbox, recipients)
            await self._plan_deliveries(outbox, recipients, now)
            done = len(recipients) < n
            await NotificationOutbox.filter(id=outbox.id).update(
                cursor=recipients[-1] if recipients else outbox.cursor,
                recipients_expanded=F("recipients_expanded") + len(recipients),
                status=OutboxStatus.DONE if done else OutboxStatus.PENDING,
                completed_at=now if done else None,
            )
        if self.on_inbox is not None and recipients:
            await self._tell_inbox(outbox.id, recipients)
        return True

    async def _tell_inbox(self, outbox_id: int, recipients: Sequence[int]) -> None:
        assert self.on_inbox is not None
        try:
            entries = await Notification.filter(
                outbox_id=outbox_id, recipient_id__in=list(recipients)
            ).values_list("recipient_id", "id")
            await self.on_inbox([(int(u), int(n)) for u, n in entries])
        except Exception:
            logger.exception("the inbox hook failed; the entries are in the inbox all the same")

    async def _plan_deliveries(
        self, outbox: NotificationOutbox, recipients: Sequence[int], now: dt.datetime
    ) -> None:
        """One delivery per fresh device of each recipient who consented to push and did not
        switch the category off; outside quiet hours unless urgent."""
        if not recipients:
            return
        if _on_postgres():
            await self._plan_deliveries_in_sql(outbox, recipients, now)
            return
        consenting = await consenting_among(recipients)
        disabled = await push_disabled_among(recipients, outbox.category)
        eligible = [r for r in recipients if r in consenting and r not in disabled]
        if not eligible:
            return
        devices = await PushDevice.filter(
            user_id__in=eligible, last_seen_at__gte=now - STALE_AFTER
        ).values_list("id", "user_id")
        if not devices:
            return
        due: dict[int, dt.datetime] = {}
        if not outbox.urgent:
            ends: dict[QuietWindow, dt.datetime] = {}  # few distinct windows: each once
            for user_id, window in (await quiet_windows_of({u for _, u in devices})).items():
                if window not in ends:
                    ends[window] = window.ends_after(now) or now
                due[user_id] = ends[window]
        pending = DeliveryStatus.PENDING
        await _insert_rows(
            PushDelivery,
            _DELIVERY_COLUMNS,
            [
                (outbox.id, device_id, user_id, pending, due.get(user_id, now), 0, now)
                for device_id, user_id in devices
            ],
        )

    async def _plan_deliveries_in_sql(
        self, outbox: NotificationOutbox, recipients: Sequence[int], now: dt.datetime
    ) -> None:
        """`_plan_deliveries` on PostgreSQL: the same rules in one INSERT … SELECT, so a
        slice's devices never travel to Python and back. Quiet hours stay in Python (time
        zones): the slice's few distinct windows are read first, and each one's end joins in."""
        db = PushDelivery._meta.db
        windows: list[tuple[int, int, str, bool, dt.datetime]] = []
        default_due = now
        if not outbox.urgent:
            default_due = DEFAULT_QUIET_WINDOW.ends_after(now) or now
            _, distinct = await db.execute_query(_WINDOWS_SQL, [list(recipients)])
            for start, end, timezone, enabled in distinct:
                window = shared_window(start, end, timezone, enabled)
                windows.append((start, end, timezone, enabled, window.ends_after(now) or now))
        columns = list(zip(*windows, strict=True)) if windows else [()] * 5
        await db.execute_query(
            _PLAN_SQL,
            [
                outbox.id,
                list(recipients),
                now - STALE_AFTER,
                now,
                default_due,
                *(list(c) for c in columns),
                str(outbox.category),
                NotificationCategory(outbox.category) in MANDATORY_CATEGORIES,
            ],
        )

    # ------------------------------------------------------------ send

    async def claim(self) -> Claim | None:
        """Leases up to `send_batch` due deliveries to this dispatcher."""
        now = self._now()
        owner = f"{self.name}/{next(self._batches)}"[:64]
        lease_until = now + self.config.lease
        if _on_postgres():
            async with in_transaction() as tx:
                _, found = await tx.execute_query(_DUE_SQL, [now, self.config.send_batch])
                rows = [_claimed(r) for r in found]
                if rows:
                    await tx.execute_query(_LEASE_SQL, [owner, lease_until, [r.id for r in rows]])
        else:  # SQLite has one writer at a time: no row locks to skip
            async with in_transaction():
                due = (
                    PushDelivery.filter(status=DeliveryStatus.PENDING, not_before__lte=now)
                    .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
                    .order_by("not_before", "id")
                    .limit(self.config.send_batch)
                )
                found = await due.values_list(*_CLAIM_VALUES)
                rows = [_claimed(r) for r in found]
                await PushDelivery.filter(id__in=[r.id for r in rows]).update(
                    lease_owner=owner, lease_until=lease_until
                )
        if not rows:
            return None
        return Claim(owner=owner, deliveries=rows, claimed_at=now)

    async def send_once(self) -> SendReport:
        claim = await self.claim()
        if claim is None:
            return SendReport()
        return await self.send_claimed(claim)

    async def send_claimed(self, claim: Claim) -> SendReport:
        deliveries = claim.deliveries
        devices = {d.device.id: d.device for d in deliveries if d.device is not None}
        outboxes = {
            o["id"]: o
            for o in await NotificationOutbox.filter(
                id__in=list({d.outbox_id for d in deliveries})
            ).values("id", "category", "template", "deep_link")
        }
        badges = await self._badges(
            {
                d.user_id
                for d in deliveries
                if d.device_id in devices and devices[d.device_id].platform == Platform.IOS
            }
        )
        now = claim.claimed_at
        out = _Outcomes()
        by_kind: dict[PushKind, list[tuple[_Claimed, PushMessage]]] = defaultdict(list)
        sizes: dict[tuple[str, str, tuple[tuple[str, str], ...]], int] = {}  # same text, same size
        for d in deliveries:
            device = devices.get(d.device_id)
            if device is None:
                out.cancelled["device removed"].append(d.id)
            elif device.user_id != d.user_id:  # never ring someone else's message
                out.cancelled["device changed owner"].append(d.id)
            elif device.last_seen_at < now - STALE_AFTER:
                out.cancelled["device stale"].append(d.id)
            elif device.push_kind not in self.transports:
                out.failed[f"no transport for {device.push_kind}"].append(d.id)
            else:
                message = self._message(outboxes[d.outbox_id], device, badges)
                key = (message.title, message.body, tuple(message.data.items()))
                size = sizes.get(key)
                if size is None:
                    size = sizes[key] = payload_size(message)
                if size > MAX_PAYLOAD_BYTES:
                    out.failed["payload too large"].append(d.id)
                else:
                    by_kind[device.push_kind].append((d, message))
        for kind, items in by_kind.items():
            transport = self.transports[kind]
            results = await transport.send([m for _, m in items])
            attempted_at = self._now()
            for (d, _), result in zip(items, results, strict=True):
                self._note(out, d, devices[d.device_id], result, transport.name, attempted_at)
        return await self._record(claim, out)

    async def _badges(self, user_ids: set[int]) -> dict[int, int]:
        if not user_ids:
            return {}
        rows = (
            await Notification.filter(recipient_id__in=list(user_ids), read_at=None)
            .annotate(n=Count("id"))
            .group_by("recipient_id")
            .values_list("recipient_id", "n")
        )
        return {int(u): int(n) for u, n in rows}

    def _message(self, outbox: dict, device: _Device, badges: dict[int, int]) -> PushMessage:
        category = NotificationCategory(outbox["category"])
        profile = PROFILES[category]
        title, body = render_push(outbox["template"], device.locale)
        return PushMessage(
            token=device.token,
            platform=Platform(device.platform),
            title=title,
            body=body,
            # a deep link and ids only: the app fetches the content after sign-in
            data={
                "deep_link": outbox["deep_link"],
                "category": category.value,
                "message_id": str(outbox["id"]),
            },
            high_priority=profile.high_priority,
            ttl=profile.ttl,
            collapse_key=profile.collapse_key,
            badge=badges.get(device.user_id, 0) if device.platform == Platform.IOS else None,
        )

    def _note(
        self,
        out: _Outcomes,
        d: _Claimed,
        device: _Device,
        result: SendResult,
        transport: str,
        at: dt.datetime,
    ) -> None:
        out.attempts.append(
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
            out.sent.append(d.id)
        elif result.outcome in (Outcome.UNREGISTERED, Outcome.INVALID_TOKEN):
            out.dropped.append(d.id)
            out.dead_devices.append(device.id)
        elif result.outcome == Outcome.RETRY:
            out.retries.append((d.id, d.attempts + 1, result.retry_after_s))
        else:
            out.failed[(result.error_code or "failed")[:200]].append(d.id)

    async def _record(self, claim: Claim, out: _Outcomes) -> SendReport:
        now = self._now()
        released = {"lease_owner": None, "lease_until": None}
        report = SendReport()
        async with in_transaction():
            mine = PushDelivery.filter(lease_owner=claim.owner)
            if out.sent and _on_postgres():
                report.sent, _ = await PushDelivery._meta.db.execute_query(
                    _SENT_SQL, [now, out.sent, claim.owner]
                )
            elif out.sent:
                report.sent = await mine.filter(id__in=out.sent).update(
                    status=DeliveryStatus.SENT,
                    sent_at=now,
                    attempts=F("attempts") + 1,
                    last_error=None,
                    **released,
                )
            if out.dropped:
                report.dropped = await mine.filter(id__in=out.dropped).update(
                    status=DeliveryStatus.DROPPED,
                    attempts=F("attempts") + 1,
                    last_error="token rejected by push channel",
                    **released,
                )
                # kept if the app registered the token again after this send
                await PushDevice.filter(
                    id__in=out.dead_devices, last_seen_at__lte=claim.claimed_at
                ).delete()
            for reason, ids in out.cancelled.items():
                report.cancelled += await mine.filter(id__in=ids).update(
                    status=DeliveryStatus.CANCELLED, last_error=reason, **released
                )
            for reason, ids in out.failed.items():
                report.failed += await mine.filter(id__in=ids).update(
                    status=DeliveryStatus.FAILED,
                    attempts=F("attempts") + 1,
                    last_error=reason,
                    **released,
                )
            for delivery_id, attempts, retry_after in out.retries:
                exhausted = attempts >= self.config.max_attempts
                delay = backoff_seconds(attempts, retry_after, self.config)
                changed = await mine.filter(id=delivery_id).update(
                    status=DeliveryStatus.FAILED if exhausted else DeliveryStatus.PENDING,
                    attempts=attempts,
                    not_before=now + dt.timedelta(seconds=delay),
                    last_error="retries exhausted" if exhausted else "will retry",
                    **released,
                )
                if exhausted:
                    report.failed += changed
                else:
                    report.retried += changed
            await _insert_rows(PushAttempt, _ATTEMPT_COLUMNS, out.attempts)
        return report

    # ------------------------------------------------------------ loops

    async def run_until_idle(self, max_rounds: int = 10_000) -> SendReport:
        """Expands and sends until nothing is due now (deferred deliveries wait): for tests
        and one-shot runs."""
        total = SendReport()
        for _ in range(max_rounds):
            expanded = await self.expand_once()
            report = await self.send_once()
            for name in ("sent", "dropped", "retried", "failed", "cancelled"):
                setattr(total, name, getattr(total, name) + getattr(report, name))
            if not expanded and report.handled == 0:
                return total
        raise RuntimeError("dispatcher did not become idle")


async def _pause(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=seconds)


async def run_dispatcher(
    *,
    transports: Mapping[PushKind, Transport],
    clock: Clock,
    stop: asyncio.Event,
    poll_interval: float = 1.0,
    config: DispatcherConfig | None = None,
    name: str | None = None,
    on_inbox: InboxHook | None = None,
) -> None:
    """Runs until `stop` is set, then returns after the batches in flight are recorded.
    Errors (a database blip, a channel outage) are logged and the loop goes on; whatever
    was claimed and not recorded is sent again once its lease expires."""
    dispatcher = Dispatcher(transports, clock, config, name, on_inbox)
    cfg = dispatcher.config
    kinds = ", ".join(f"{k}={t.name}" for k, t in transports.items()) or "none"
    logger.info("dispatcher %s started (transports: %s)", dispatcher.name, kinds)
    last_purge: dt.datetime | None = None

    async def expand_loop() -> None:
        nonlocal last_purge
        while not stop.is_set():
            worked = False
            try:
                worked = await dispatcher.expand_once()
                now = as_utc(clock.now())
                if last_purge is None or now - last_purge >= cfg.purge_every:
                    last_purge = now
                    purged = await purge_stale_devices(now)
                    if purged:
                        logger.info("purged %d devices unseen for 270 days", purged)
            except Exception:
                logger.exception("expanding the outbox failed; retrying")
            if not worked:
                await _pause(stop, poll_interval)

    async def send_loop() -> None:
        while not stop.is_set():
            handled = 0
            try:
                handled = (await dispatcher.send_once()).handled
            except Exception:
                logger.exception("sending a batch failed; its lease will expire and it is resent")
            if handled == 0:
                await _pause(stop, poll_interval)

    await asyncio.gather(expand_loop(), *(send_loop() for _ in range(max(1, cfg.concurrency))))
    logger.info("dispatcher %s stopped", dispatcher.name)
