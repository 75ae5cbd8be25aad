"""A Hypothesis state machine over request, consent, decline, withdraw, expire and hand-over,
driving the domain operations on the real database: no sequence reaches a hand-over without
valid consent, and a valid consent is never refused.

Hypothesis runs the machine in a worker thread; each step runs its coroutine on the test's own
event loop (where the database connections live), which waits meanwhile.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from core.clock import FrozenClock
from core.errors import DomainError
from models.jobs import JobRunner
from models.referrals import DecisionKind, HandOver, SharedData
from models.referrals.access import ReferralErrorCode
from models.referrals.cases import hand_over
from models.referrals.consent import decide, request_consent, withdraw
from models.schools import Relationship
from tests.factories import START, make_guardian, make_user
from tests.test_referrals_world import (
    PURPOSE,
    ReferralWorld,
    caller,
    make_referral_world,
)

T = TypeVar("T")
LOOP: asyncio.AbstractEventLoop | None = None


def run(awaitable: Awaitable[T]) -> T:
    """Runs on the test's loop and waits; a Tortoise query is awaitable, not a coroutine."""

    async def wrapped() -> T:
        return await awaitable

    assert LOOP is not None
    return asyncio.run_coroutine_threadsafe(wrapped(), LOOP).result(timeout=60)


@dataclass
class Request:
    """The machine's own account of a consent request: what the system accepted."""

    expires_at: dt.datetime
    requires: int
    words: dict[int, DecisionKind] = field(default_factory=dict)  # guardian -> latest word
    expired: bool = False
    cancelled: bool = False

    def valid(self) -> bool:
        latest = self.words.values()
        return (
            not self.cancelled
            and not any(k != DecisionKind.CONSENT for k in latest)
            and sum(1 for k in latest if k == DecisionKind.CONSENT) >= self.requires
        )

    def open(self) -> bool:
        return not self.expired and not self.valid() and not self.closed()

    def closed(self) -> bool:
        return self.cancelled or any(k != DecisionKind.CONSENT for k in self.words.values())


class ReferralMachine(RuleBasedStateMachine):
    rw: ReferralWorld
    guardians: list[tuple[int, str]]
    clock: FrozenClock
    request: Request | None
    handed_over: bool

    @initialize(both=st.booleans(), two_guardians=st.booleans())
    def world(self, both: bool, two_guardians: bool) -> None:
        self.rw = run(make_referral_world(both=both))
        self.clock = FrozenClock(START)
        mother = self.rw.world.parent_a
        self.guardians = [(mother.id, mother.name)]
        if two_guardians:
            father = run(make_user())
            run(make_guardian(self.rw.world.student_a, father, Relationship.FATHER))
            self.guardians.append((father.id, father.name))
        self.required = 2 if both and two_guardians else 1
        self.request = None
        self.request_id: int | None = None
        self.handed_over = False

    async def _as(self, user_id: int) -> Any:
        return await caller(user_id, self.clock)

    @rule()
    def ask_consent(self) -> None:
        async def go() -> int:
            request = await request_consent(
                await self._as(self.rw.world.counselor.id),
                case_id=self.rw.case.id,
                purpose=PURPOSE,
                shared_data=[SharedData.STUDENT_NAME],
            )
            return request.id

        active = self.request is not None and (self.request.open() or self.request.valid())
        try:
            self.request_id = run(go())
        except DomainError as e:
            codes = {x.code for x in e.errors}
            assert active or self.handed_over, codes
            return
        assert not active and not self.handed_over
        self.request = Request(self.clock.now() + dt.timedelta(days=7), self.required)

    def _decide(self, who: int, kind: DecisionKind) -> None:
        if self.request_id is None:
            return
        user_id, name = self.guardians[who % len(self.guardians)]

        async def go() -> None:
            viewer = await self._as(user_id)
            if kind == DecisionKind.WITHDRAW:
                await withdraw(viewer, request_id=self.request_id or 0, typed_name=name)
            else:
                await decide(viewer, request_id=self.request_id or 0, kind=kind, typed_name=name)

        try:
            run(go())
        except DomainError:
            return
        assert self.request is not None
        if kind == DecisionKind.WITHDRAW:
            assert self.request.words.get(user_id) == DecisionKind.CONSENT
        else:
            assert self.request.open() and user_id not in self.request.words
        self.request.words[user_id] = kind

    @precondition(lambda self: self.request_id is not None)
    @rule(who=st.integers(0, 1))
    def consent(self, who: int) -> None:
        self._decide(who, DecisionKind.CONSENT)

    @precondition(lambda self: self.request_id is not None)
    @rule(who=st.integers(0, 1))
    def decline(self, who: int) -> None:
        self._decide(who, DecisionKind.DECLINE)

    @precondition(lambda self: self.request_id is not None)
    @rule(who=st.integers(0, 1))
    def withdraw(self, who: int) -> None:
        self._decide(who, DecisionKind.WITHDRAW)

    @precondition(lambda self: self.request_id is not None)
    @rule()
    def someone_else_consents(self) -> None:
        """The other family's parent and the counselor: never accepted."""
        if self.request_id is None:
            return
        for person in (self.rw.world.parent_b, self.rw.world.counselor):

            async def go(p: Any = person) -> None:
                await decide(
                    await self._as(p.id),
                    request_id=self.request_id or 0,
                    kind=DecisionKind.CONSENT,
                    typed_name=p.name,
                )

            try:
                run(go())
            except DomainError:
                continue
            raise AssertionError("a consent by someone who is not a guardian was accepted")

    @rule(days=st.sampled_from([1, 3, 8]))
    def time_passes(self, days: int) -> None:
        self.clock.advance(dt.timedelta(days=days))

        async def jobs() -> None:
            runner = JobRunner(self.clock)
            while await runner.run_once() is not None:
                pass

        run(jobs())
        request = self.request
        if request is not None and self.clock.now() >= request.expires_at and request.open():
            request.expired = True

    @rule()
    def hand_over(self) -> None:
        async def go() -> None:
            await hand_over(await self._as(self.rw.world.counselor.id), case_id=self.rw.case.id)

        valid = self.request is not None and self.request.valid()
        try:
            run(go())
        except DomainError as e:
            codes = {x.code for x in e.errors}
            if self.handed_over:
                assert codes == {ReferralErrorCode.ALREADY_HANDED_OVER}
            else:
                assert not valid, f"valid consent refused: {codes}"
            return
        assert valid and not self.handed_over, "handed over without valid consent"
        self.handed_over = True

    @invariant()
    def hand_overs_only_after_consent(self) -> None:
        if not hasattr(self, "rw"):
            return
        count = run(HandOver.filter(case_id=self.rw.case.id).count())
        assert count == int(self.handed_over)


async def test_no_sequence_reaches_a_hand_over_without_valid_consent() -> None:
    global LOOP
    LOOP = asyncio.get_running_loop()
    config = settings(
        max_examples=40,
        stateful_step_count=12,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )

    await asyncio.to_thread(run_state_machine_as_test, ReferralMachine, settings=config)
