"""What every push channel implements. A vendor channel (Huawei, Xiaomi, …) is one module
with a class like this and one entry in `notifications.transports.FACTORIES`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from notifications.models import Platform


class Outcome(StrEnum):
    OK = "OK"
    UNREGISTERED = "UNREGISTERED"  # the token is gone: remove the device
    INVALID_TOKEN = "INVALID_TOKEN"  # the token was never valid: remove the device
    RETRY = "RETRY"  # throttled or the channel is unwell: try again later
    FAILED = "FAILED"  # permanent for this message; the device stays


@dataclass(frozen=True, slots=True)
class PushMessage:
    """A push as the dispatcher hands it to a channel: generic text and a deep link only."""

    token: str
    platform: Platform
    title: str
    body: str
    data: Mapping[str, str]
    high_priority: bool
    ttl: dt.timedelta
    collapse_key: str | None = None
    badge: int | None = None


@dataclass(frozen=True, slots=True)
class SendResult:
    outcome: Outcome
    http_status: int | None = None
    error_code: str | None = None
    message_id: str | None = None
    retry_after_s: float | None = None  # from the channel's Retry-After, when it sent one
    detail: str | None = field(default=None, compare=False)


class Transport(Protocol):
    name: str
    max_batch: int  # most messages one `send` call takes

    async def send(self, messages: Sequence[PushMessage]) -> list[SendResult]:
        """One result per message, in order; never raises for a per-message failure."""
        ...

    async def aclose(self) -> None: ...
