"""What a worker tells its supervisor: a heartbeat per loop, and errors logged without a flood.

`Heartbeat`: each loop beats after every round that reached the database (idle polls too), so
a worker whose loops stopped making progress (the database down, a loop wedged) reads as
unhealthy after `stale_after`; `server.workers` serves it as `/healthz` on a side port.

`FailureLog`: while the database is down every loop fails once a poll; the first failure is
logged with its trace, then one short line with a count at most every `every` seconds, and
one line when it works again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable


class Heartbeat:
    def __init__(self, stale_after: float = 60.0, clock: Callable[[], float] = time.monotonic):
        self.stale_after = stale_after
        self._clock = clock
        self._started = clock()
        self.beats: dict[str, float] = {}

    def beat(self, loop: str) -> None:
        self.beats[loop] = self._clock()

    def expect(self, loop: str) -> None:
        """A loop that has started and must beat (it counts from now)."""
        self.beats.setdefault(loop, self._clock())

    def stale(self) -> dict[str, float]:
        """Loops silent for longer than `stale_after`, with the seconds since their last beat."""
        now = self._clock()
        return {
            loop: round(now - at, 1)
            for loop, at in self.beats.items()
            if now - at > self.stale_after
        }

    def healthy(self) -> bool:
        return bool(self.beats) and not self.stale()


class FailureLog:
    """Logs a loop's repeated failures: the first with its trace, then counts, then recovery."""

    def __init__(
        self,
        logger: logging.Logger,
        what: str,
        every: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.logger = logger
        self.what = what
        self.every = every
        self._clock = clock
        self.failures = 0  # since the last success
        self._since_line = 0
        self._line_at = 0.0

    def failed(self, error: BaseException) -> None:
        self.failures += 1
        now = self._clock()
        if self.failures == 1:
            self.logger.error("%s failed; retrying", self.what, exc_info=error)
            self._line_at = now
            self._since_line = 0
            return
        self._since_line += 1
        if now - self._line_at >= self.every:
            self.logger.error(
                "%s still failing: %d failures in %.0f s (%d in all): %s",
                self.what,
                self._since_line,
                now - self._line_at,
                self.failures,
                f"{type(error).__name__}: {error}"[:200],
            )
            self._line_at = now
            self._since_line = 0

    def succeeded(self) -> None:
        if self.failures:
            self.logger.warning("%s works again after %d failures", self.what, self.failures)
            self.failures = 0
