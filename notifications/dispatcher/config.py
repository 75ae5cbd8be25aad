"""How a dispatcher runs (batch sizes, lease, retries) and how long it waits between tries."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

# A category's push profile is registered with the category; re-exported for importers here.
from notifications.categories import DeliveryProfile as DeliveryProfile


@dataclass(frozen=True, slots=True)
class DispatcherConfig:
    send_batch: int = 500
    expand_batch: int = 1000  # recipients per outbox slice
    # a batch is re-checked, sent and recorded in slices of this many pushes: a cancel lands
    # within a slice, and a killed worker leaves at most its slices in flight unrecorded
    record_every: int = 100
    lease: dt.timedelta = dt.timedelta(seconds=60)  # renewed every third while a batch is out
    max_attempts: int = 8  # claims and channel answers alike count
    backoff_base_s: float = 2.0
    backoff_cap_s: float = 900.0
    concurrency: int = 2  # send loops per dispatcher, so database and HTTP work overlap
    purge_every: dt.timedelta = dt.timedelta(hours=1)


def backoff_seconds(attempt: int, retry_after_s: float | None, config: DispatcherConfig) -> float:
    """Exponential with jitter (half fixed, half random) so throttled senders spread out;
    never sooner than the channel's Retry-After."""
    ceiling = min(config.backoff_cap_s, config.backoff_base_s * 2 ** max(0, attempt - 1))
    delay = random.uniform(ceiling / 2, ceiling)
    return max(delay, retry_after_s or 0.0)
