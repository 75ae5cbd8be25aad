"""The visitor's private iCalendar feed: GET /calendar/home-visits/<token>.ics.

The token is the credential (a phone's calendar app sends no bearer token); it is stored
hashed, and an unknown or revoked one gets a plain 404 that says nothing more."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response

from core.clock import Clock
from models.home_visits import calendar as calendar_rules

MAX_TOKEN = 128


def calendar_feed_endpoint(clock: Clock) -> Callable[[Request], Awaitable[Response]]:
    async def feed(request: Request) -> Response:
        token = str(request.path_params.get("token", ""))
        if not 0 < len(token) <= MAX_TOKEN:
            return Response(status_code=404)
        user_id = await calendar_rules.feed_owner(token)
        if user_id is None:
            return Response(status_code=404)
        body = await calendar_rules.visitor_feed(user_id, clock.now())
        return Response(
            body,
            media_type="text/calendar; charset=utf-8",
            headers={"Cache-Control": "private, max-age=300"},
        )

    return feed
