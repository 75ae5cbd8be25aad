"""Reminders a day and two hours before a scheduled visit, to the family and the visitors.

Keys carry the visit's start, so a moved visit gets fresh reminders while the old ones are
cancelled (a key once DONE is never sent again)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from models.home_visits.notices import family_ids, notify, visitor_ids
from models.home_visits.tables import HomeVisit, VisitStatus
from models.jobs import JobContext, cancel, job_handler, schedule

REMIND_KIND = "home_visits.remind"
REMINDERS: dict[str, dt.timedelta] = {
    "day": dt.timedelta(days=1),
    "two_hours": dt.timedelta(hours=2),
}


def _keys(visit_id: int, starts_at: dt.datetime) -> dict[str, str]:
    stamp = int(starts_at.timestamp())
    return {which: f"visit:{visit_id}:{stamp}:{which}" for which in REMINDERS}


async def schedule_reminders(visit: HomeVisit, *, now: dt.datetime) -> None:
    """Inside the booking's transaction; a reminder whose time has passed is not sent."""
    for which, key in _keys(visit.id, visit.starts_at).items():
        run_at = visit.starts_at - REMINDERS[which]
        if run_at > now:
            payload = {"visit_id": visit.id, "starts": int(visit.starts_at.timestamp())}
            await schedule(REMIND_KIND, payload, run_at, key=key, now=now)


async def cancel_reminders(visit_id: int, starts_at: dt.datetime, *, now: dt.datetime) -> None:
    await cancel(REMIND_KIND, list(_keys(visit_id, starts_at).values()), now=now)


@job_handler(REMIND_KIND)
async def remind(payload: dict[str, Any], job: JobContext) -> None:
    visit = await HomeVisit.get_or_none(id=payload["visit_id"])
    # a visit cancelled or moved since: its reminders were cancelled, but be sure
    if visit is None or visit.status != VisitStatus.SCHEDULED:
        return
    if int(visit.starts_at.timestamp()) != payload["starts"]:
        return
    recipients = [*await family_ids(visit.student_id), *await visitor_ids(visit)]
    await notify(recipients, "home_visit.reminder", visit, now=job.now)
