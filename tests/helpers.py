"""Small helpers several test modules share: global ids and waiting on a condition."""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import Awaitable, Callable
from typing import Any

from strawberry.relay import to_base64


def gid(type_name: str, pk: int) -> str:
    """The opaque Relay global id the API gives an object of that type and primary key."""
    return to_base64(type_name, pk)


async def eventually(
    condition: Callable[[], bool | Awaitable[bool]],
    *,
    within: float = 10.0,
    interval: float = 0.01,
    what: str = "the condition",
) -> None:
    """Returns as soon as `condition()` is true; fails the test after `within` seconds. For
    what happens in another task, process or server, instead of a sleep long enough (slow)
    or not quite (flaky)."""
    deadline = time.monotonic() + within
    while True:
        outcome = condition()
        if inspect.isawaitable(outcome):
            outcome = await outcome
        if outcome:
            return
        if time.monotonic() >= deadline:
            raise AssertionError(f"{what} did not hold within {within} s")
        await asyncio.sleep(interval)


def user_errors(payload: dict[str, Any]) -> list[tuple[str, str | None]]:
    """A mutation payload's `userErrors` as (code, field) pairs: what an app branches on, so
    what a test pins (the query must select both)."""
    return [(e["code"], e["field"]) for e in payload["userErrors"]]
