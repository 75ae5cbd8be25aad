"""The dispatcher: the steps put together (`Dispatcher`) and the loops that run them
(`run_dispatcher`).

Two steps, each a short transaction that any number of dispatchers may run side by side:
expand (planning.py: outbox rows into inbox rows and deliveries) and send (claim.py, then
messages.py, then slice by slice: re-check, the transport, recording.py), with the batch's
lease renewed while it is out. Delivery is at-least-once: the slices a killed dispatcher had
sent and not recorded (at most `record_every` pushes per send loop) are claimed and pushed
again once their lease expires, so a device may then get one message twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import itertools
import logging
import os
import socket
import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence

from core.clock import Clock
from notifications.devices import purge_stale_devices
from notifications.dispatcher import claim as claiming
from notifications.dispatcher.claim import Claim
from notifications.dispatcher.config import DispatcherConfig
from notifications.dispatcher.health import FailureLog, Heartbeat
from notifications.dispatcher.messages import build_pushes
from notifications.dispatcher.planning import expand_slice
from notifications.dispatcher.recording import Outcomes, SendReport, record
from notifications.models import Notification, PushKind, as_utc
from notifications.transports.base import Transport

logger = logging.getLogger("homeroom.push.dispatcher")

# Told, after each committed slice, the new inbox entries as (user id, notification id): the
# server publishes them as live events. Its errors are logged, never raised into the loop.
InboxHook = Callable[[list[tuple[int, int]]], Awaitable[None]]


class Dispatcher:
    def __init__(
        self,
        transports: Mapping[PushKind, Transport],
        clock: Clock,
        config: DispatcherConfig | None = None,
        name: str | None = None,
        on_inbox: InboxHook | None = None,
        heartbeat: Heartbeat | None = None,
    ) -> None:
        self.transports = transports
        self.heartbeat = heartbeat
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
        done = await expand_slice(self._now(), self.config.expand_batch)
        if done is None:
            return False
        if self.on_inbox is not None and done.recipients:
            await self._tell_inbox(done.outbox_id, done.recipients)
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

    # ------------------------------------------------------------ send

    async def claim(self) -> Claim | None:
        """Leases up to `send_batch` due deliveries to this dispatcher."""
        now = self._now()
        owner = f"{self.name}/{next(self._batches)}"[:64]
        return await claiming.claim(owner, now, now + self.config.lease, self.config.send_batch)

    async def send_once(self) -> SendReport:
        claim = await self.claim()
        if claim is None:
            return SendReport()
        return await self.send_claimed(claim)

    async def send_claimed(self, claim: Claim) -> SendReport:
        """Pushes a claim's deliveries and records what became of each, a slice at a time,
        keeping the lease while the batch is out."""
        keeper = asyncio.create_task(self._keep_lease(claim.owner))
        try:
            return await self._send_slices(claim)
        finally:
            keeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await keeper

    async def _send_slices(self, claim: Claim) -> SendReport:
        limit = self.config.max_attempts
        exhausted = [d for d in claim.deliveries if d.attempts > limit]
        live = [d for d in claim.deliveries if d.attempts <= limit]
        pushes = await build_pushes(live, self.transports.keys(), claim.claimed_at)
        out = Outcomes(cancelled=pushes.cancelled, failed=pushes.failed)
        if exhausted:  # claimed that often without an outcome: never "forever"
            out.failed[f"no outcome after {limit} attempts"] = [d.id for d in exhausted]
        report = SendReport()
        step = max(1, self.config.record_every)
        for kind, items in pushes.by_kind.items():
            transport = self.transports[kind]
            for start in range(0, len(items), step):
                part = items[start : start + step]
                # cancels committed since the claim (or since the last slice) stop here
                recheck = await claiming.still_sendable(claim.owner, [d for d, _ in part])
                for reason, ids in recheck.cancelled.items():
                    out.cancelled[reason].extend(ids)
                part = [(d, m) for d, m in part if d.id in recheck.sendable]
                if part:
                    results = await transport.send([m for _, m in part])
                    attempted_at = self._now()
                    for (d, _), result in zip(part, results, strict=True):
                        assert d.device is not None  # build_pushes sends only to devices it read
                        out.note(d, d.device, result, transport.name, attempted_at)
                if not out.empty:
                    report.add(await record(claim, out, self._now(), self.config))
                    out = Outcomes()
        if not out.empty:
            report.add(await record(claim, out, self._now(), self.config))
        return report

    async def _keep_lease(self, owner: str) -> None:
        """Renews the lease of the batch's unrecorded rows every third of the lease, so a slow
        channel never lets another dispatcher claim and send them again."""
        interval = max(0.05, self.config.lease.total_seconds() / 3)
        failures = FailureLog(logger, f"renewing the lease of {owner}")
        while True:
            await asyncio.sleep(interval)
            try:
                await claiming.renew(owner, self._now() + self.config.lease)
                failures.succeeded()
                if self.heartbeat is not None:
                    self.heartbeat.beat("send")
            except Exception as error:
                failures.failed(error)

    # ------------------------------------------------------------ one-shot

    async def run_until_idle(self, max_rounds: int = 10_000) -> SendReport:
        """Expands and sends until nothing is due now (deferred deliveries wait): for tests
        and one-shot runs."""
        total = SendReport()
        for _ in range(max_rounds):
            expanded = await self.expand_once()
            report = await self.send_once()
            total.add(report)
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
    heartbeat: Heartbeat | None = None,
) -> None:
    """Runs until `stop` is set, then returns after the batches in flight are recorded.
    Errors (a database blip, a channel outage) are logged without a flood (`FailureLog`) and
    the loop goes on; whatever was claimed and not recorded is sent again once its lease
    expires. Each loop beats `heartbeat` after every round that reached the database."""
    dispatcher = Dispatcher(transports, clock, config, name, on_inbox, heartbeat)
    beats = heartbeat or Heartbeat()
    cfg = dispatcher.config
    kinds = ", ".join(f"{k}={t.name}" for k, t in transports.items()) or "none"
    logger.info("dispatcher %s started (transports: %s)", dispatcher.name, kinds)
    last_purge: dt.datetime | None = None

    async def expand_loop() -> None:
        nonlocal last_purge
        failures = FailureLog(logger, "expanding the outbox")
        beats.expect("expand")
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
                failures.succeeded()
                beats.beat("expand")
            except Exception as error:
                failures.failed(error)
            if not worked:
                await _pause(stop, poll_interval)

    async def send_loop() -> None:
        failures = FailureLog(logger, "sending a batch (its lease expires and it is resent)")
        beats.expect("send")
        while not stop.is_set():
            handled = 0
            try:
                handled = (await dispatcher.send_once()).handled
                failures.succeeded()
                beats.beat("send")
            except Exception as error:
                failures.failed(error)
            if handled == 0:
                await _pause(stop, poll_interval)

    await asyncio.gather(expand_loop(), *(send_loop() for _ in range(max(1, cfg.concurrency))))
    logger.info("dispatcher %s stopped", dispatcher.name)
