"""The README's production rate-limit storage (Redis) works with the pinned clients: limits'
default async Redis client (coredis) is not installed; redis-py is (issue 15)."""

from __future__ import annotations

import uuid

from server.middleware import RateLimits


async def test_redis_storage_counts_in_redis() -> None:
    # given two limiters on the same Redis, as two server workers would have
    def limiter() -> RateLimits:
        return RateLimits(
            storage_uri="redis://127.0.0.1:6379/0", per_ip="3/minute", per_account="3/minute"
        )

    first, second = limiter(), limiter()
    client = f"198.51.100.{uuid.uuid4().int % 250}-{uuid.uuid4().hex}"

    # when three requests pass through one and a fourth through the other
    passed = [await first.retry_after(client, None) for _ in range(3)]
    fourth = await second.retry_after(client, None)

    # then the other worker sees the first's count and refuses
    assert passed == [None, None, None]
    assert fourth is not None and fourth >= 1
