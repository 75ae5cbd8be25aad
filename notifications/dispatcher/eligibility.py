"""Who may be pushed, and when: the rules applied as a message is planned into deliveries.

Four rules, each written in two forms that sit side by side below:
- a SQL fragment over `push_device v`: on PostgreSQL a broadcast slice's deliveries are one
  `INSERT … SELECT` (planning.py), so a slice's devices never travel to Python and back;
- a Python form: SQLite, the embedded default, reads the rows and filters.
tests/test_dispatch_rules.py runs both forms of each rule on the same rows and asserts they
agree (on PostgreSQL, the dialect that can run both); every other dispatcher test runs the form
its dialect uses. Change a rule in both forms or in neither.

1. Push consent: the person has an active (not withdrawn) push consent.
2. Category switch: the person did not switch push off for the message's category (nobody can
   for a mandatory one).
3. Fresh device: the device was seen within `STALE_AFTER` (30 days); staler ones get no push
   (and are purged after 270 days).
4. Quiet hours: inside the person's quiet hours (the default 22:00-07:00 in Shanghai without a
   row of their own), a push is due when they end; an urgent message is due at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from typing import Any

from notifications.categories import MANDATORY_CATEGORIES, NotificationCategory
from notifications.consent import consenting_among
from notifications.devices import STALE_AFTER
from notifications.models import PushDevice
from notifications.preferences import (
    DEFAULT_QUIET_WINDOW,
    QuietWindow,
    push_disabled_among,
    quiet_windows_of,
    shared_window,
)

# The SQL forms take named parameters, `{name}`, bound by `sql.bind`.

# ---------------------------------------------------------------- 1. push consent

CONSENT_SQL = (
    "EXISTS (SELECT 1 FROM push_consent c WHERE c.user_id = v.user_id AND c.withdrawn_at IS NULL)"
)


async def consenting(user_ids: Collection[int]) -> set[int]:
    """Python form of rule 1: who of these has an active push consent."""
    return await consenting_among(user_ids)


# ---------------------------------------------------------------- 2. category switch

CATEGORY_ON_SQL = (
    "({mandatory} OR NOT EXISTS (SELECT 1 FROM push_preference p"
    " WHERE p.user_id = v.user_id AND p.category = {category} AND NOT p.push_enabled))"
)


async def switched_off(user_ids: Collection[int], category: NotificationCategory) -> set[int]:
    """Python form of rule 2: who of these switched the category off (never anyone for a
    mandatory category)."""
    return await push_disabled_among(user_ids, category)


# ---------------------------------------------------------------- 3. fresh device

FRESH_DEVICE_SQL = "v.last_seen_at >= {stale_before}"


def stale_before(now: dt.datetime) -> dt.datetime:
    return now - STALE_AFTER


def is_fresh(last_seen_at: dt.datetime, now: dt.datetime) -> bool:
    """Python form of rule 3 for one device (the send step checks it again at claim time)."""
    return last_seen_at >= stale_before(now)


async def fresh_devices(user_ids: Collection[int], now: dt.datetime) -> list[tuple[int, int]]:
    """Python form of rule 3: (device id, user id) of these people's fresh devices."""
    rows = await PushDevice.filter(
        user_id__in=list(user_ids), last_seen_at__gte=stale_before(now)
    ).values_list("id", "user_id")
    return [(int(d), int(u)) for d, u in rows]


# ---------------------------------------------------------------- 4. quiet hours

# Time zones stay in Python: the slice's few distinct windows are read first, each one's end
# is computed once, and the ends join in as arrays ({w_*}); no row of one's own: {default_due}.
QUIET_HOURS_JOIN_SQL = """LEFT JOIN quiet_hours q ON q.user_id = v.user_id
LEFT JOIN unnest({w_start}::int[], {w_end}::int[], {w_timezone}::text[], {w_enabled}::bool[],
                 {w_due}::timestamptz[])
    AS w (start_minute, end_minute, timezone, enabled, due)
    ON (w.start_minute, w.end_minute, w.timezone, w.enabled)
     = (q.start_minute, q.end_minute, q.timezone, q.enabled)"""
DUE_SQL = "COALESCE(w.due, {default_due})"
_WINDOWS_SQL = (
    "SELECT DISTINCT start_minute, end_minute, timezone, enabled FROM quiet_hours"
    " WHERE user_id = ANY($1)"
)


async def _quiet_hours_values(
    recipients: Sequence[int], now: dt.datetime, urgent: bool
) -> dict[str, Any]:
    """The SQL form's inputs for rule 4."""
    windows: list[tuple[int, int, str, bool, dt.datetime]] = []
    default_due = now
    if not urgent:
        default_due = DEFAULT_QUIET_WINDOW.ends_after(now) or now
        _, distinct = await PushDevice._meta.db.execute_query(_WINDOWS_SQL, [list(recipients)])
        for start, end, timezone, enabled in distinct:
            window = shared_window(start, end, timezone, enabled)
            windows.append((start, end, timezone, enabled, window.ends_after(now) or now))
    columns = [list(c) for c in zip(*windows, strict=True)] if windows else [[]] * 5
    names = ("w_start", "w_end", "w_timezone", "w_enabled", "w_due")
    return {"default_due": default_due, **dict(zip(names, columns, strict=True))}


async def due_times(
    user_ids: Collection[int], now: dt.datetime, urgent: bool
) -> dict[int, dt.datetime]:
    """Python form of rule 4: when each person's push is due."""
    if urgent:
        return dict.fromkeys(user_ids, now)
    ends: dict[QuietWindow, dt.datetime] = {}  # few distinct windows: each computed once
    due: dict[int, dt.datetime] = {}
    for user_id, window in (await quiet_windows_of(user_ids)).items():
        if window not in ends:
            ends[window] = window.ends_after(now) or now
        due[user_id] = ends[window]
    return due


# ---------------------------------------------------------------- all four

# The eligible devices of {recipients}, for a SELECT whose list may use `v` and DUE_SQL.
ELIGIBLE_FROM_SQL = f"""FROM push_device v
{QUIET_HOURS_JOIN_SQL}
WHERE v.user_id = ANY({{recipients}}) AND {FRESH_DEVICE_SQL}
  AND {CONSENT_SQL}
  AND {CATEGORY_ON_SQL}"""
ELIGIBLE_SQL = f"SELECT v.id, v.user_id, {DUE_SQL}\n{ELIGIBLE_FROM_SQL}"


async def sql_values(
    recipients: Sequence[int], category: NotificationCategory, urgent: bool, now: dt.datetime
) -> dict[str, Any]:
    """The parameters of ELIGIBLE_FROM_SQL and DUE_SQL for one slice."""
    return {
        "recipients": list(recipients),
        "stale_before": stale_before(now),
        "category": str(category),
        "mandatory": NotificationCategory(category) in MANDATORY_CATEGORIES,
        **await _quiet_hours_values(recipients, now, urgent),
    }


async def eligible_in_python(
    recipients: Sequence[int], category: NotificationCategory, urgent: bool, now: dt.datetime
) -> list[tuple[int, int, dt.datetime]]:
    """(device id, user id, due) for every device the four rules let through: the Python
    form of ELIGIBLE_SQL."""
    consent = await consenting(recipients)
    off = await switched_off(recipients, category)
    eligible = [r for r in recipients if r in consent and r not in off]
    if not eligible:
        return []
    devices = await fresh_devices(eligible, now)
    if not devices:
        return []
    due = await due_times({u for _, u in devices}, now, urgent)
    return [(device_id, user_id, due[user_id]) for device_id, user_id in devices]
