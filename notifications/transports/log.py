"""A transport that only logs: the embedded default when no push credentials are set, so a
developer sees what would have been pushed."""

from __future__ import annotations

import itertools
import logging
from collections import deque
from collections.abc import Sequence

from notifications.transports.base import Outcome, PushMessage, SendResult

logger = logging.getLogger("homeroom.push.log")


class LogTransport:
    name = "log"
    max_batch = 500

    def __init__(self, keep: int = 1000) -> None:
        self._ids = itertools.count(1)
        self.sent: deque[PushMessage] = deque(maxlen=keep)  # recent pushes, for tests and demos

    async def send(self, messages: Sequence[PushMessage]) -> list[SendResult]:
        results = []
        for m in messages:
            self.sent.append(m)
            logger.info(
                "push (log transport, not sent) to %s…: %s / %s %s",
                m.token[:8],
                m.title,
                m.body,
                m.data.get("deep_link", ""),
            )
            results.append(SendResult(Outcome.OK, message_id=f"log/{next(self._ids)}"))
        return results

    async def aclose(self) -> None:
        return None
