"""Live sessions (家庭教育讲堂): the list, registration, and the replay (a parent-school lesson,
with the viewer's progress like any lesson). Registration counts for the lecturer and the
district's admins only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import strawberry
from strawberry import relay
from tortoise.queryset import QuerySet

from graphql_schema.composition import DomainSchema
from graphql_schema.context import Info
from graphql_schema.courses import Lesson
from graphql_schema.courses.types import AudienceScope, IsLecturer, LessonKind
from graphql_schema.errors import Payload, mutation
from graphql_schema.node import ModelNode, decode_id, decode_optional_id, related_node
from graphql_schema.pagination import connection
from graphql_schema.permissions import IsAuthenticated
from graphql_schema.schools import AgeBand, School
from models import courses as course_models
from models import live_sessions as live_models
from models import schools as school_models


async def _counts(info: Info, session_id: int) -> int:
    async def load(ids: Sequence[int]) -> list[Any]:
        counts = await live_models.registration_counts(list(ids))
        return [counts.get(i, 0) for i in ids]

    loader = info.context.loaders.batch("live_sessions.registration_counts", load)
    count: int = await loader.load(session_id)
    return count


async def _registered(info: Info, session_id: int) -> bool:
    user_id = info.context.viewer.user_id or 0

    async def load(ids: Sequence[int]) -> list[Any]:
        mine = set(
            await live_models.LiveSessionRegistration.filter(
                user_id=user_id, live_session_id__in=list(ids)
            ).values_list("live_session_id", flat=True)
        )
        return [i in mine for i in ids]

    registered: bool = await info.context.loaders.batch("live_sessions.registered", load).load(
        session_id
    )
    return registered


async def _bands(info: Info, session_id: int) -> list[school_models.AgeBand]:
    async def load(ids: Sequence[int]) -> list[Any]:
        rows = await live_models.LiveSessionAgeBand.filter(live_session_id__in=list(ids))
        found: dict[int, list[school_models.AgeBand]] = {i: [] for i in ids}
        for row in rows:
            found[row.live_session_id].append(row.age_band)
        return [sorted(found[i]) for i in ids]

    bands: list[school_models.AgeBand] = await info.context.loaders.batch(
        "live_sessions.age_bands", load
    ).load(session_id)
    return bands


@strawberry.type(description="家庭教育讲堂: a live lecture with registration and a replay.")
class LiveSession(ModelNode):
    model = live_models.LiveSession
    id: relay.NodeID[int]
    row: strawberry.Private[live_models.LiveSession]
    title: str
    summary: str
    presenter: str
    starts_at: dt.datetime
    duration_minutes: int
    stream_url: str = strawberry.field(description="Where the app plays the stream (https).")
    audience_scope: AudienceScope  # type: ignore[valid-type]
    cancelled_at: dt.datetime | None = strawberry.field(
        description="Set once its lecturer cancelled it: closed to registration."
    )
    school = related_node(school_models.School, "school_id", description="For SCHOOL scope.")
    replay = related_node(
        course_models.Lesson,
        "replay_lesson_id",
        graphql_type=Lesson | None,
        description="The recording once the lecturer adds it: a lesson with the viewer's "
        "progress; null before.",
    )

    @strawberry.field(description="Empty: every age band.")
    async def age_bands(self, info: Info) -> list[AgeBand]:  # type: ignore[valid-type]
        return await _bands(info, self.id)

    @strawberry.field(description="Whether the viewer registered.")
    async def viewer_registered(self, info: Info) -> bool:
        return await _registered(info, self.id)

    @strawberry.field(description="For its lecturer and the district's admins; null otherwise.")
    async def registration_count(self, info: Info) -> int | None:
        if not live_models.sees_figures(info.context.viewer, self.row):
            return None
        return await _counts(info, self.id)


@strawberry.type
class LiveSessionQueries:
    @connection(
        LiveSession,
        "The live sessions the viewer may see, soonest first; `upcoming` (the default) "
        "keeps those starting from six hours ago on.",
        permission_classes=[IsAuthenticated],
    )
    def live_sessions(self, info: Info, upcoming: bool = True) -> QuerySet[live_models.LiveSession]:
        after = info.context.now() if upcoming else None
        return live_models.listing(info.context.viewer, upcoming_after=after)


@strawberry.input
class CreateLiveSessionInput:
    title: str
    summary: str
    presenter: str = strawberry.field(description="主讲人 as shown to parents")
    starts_at: dt.datetime
    duration_minutes: int
    stream_url: str
    audience_scope: AudienceScope  # type: ignore[valid-type]
    school_id: relay.GlobalID | None = strawberry.field(default=None, description="For SCHOOL.")
    age_bands: list[AgeBand] | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="None or empty: every band."
    )


@strawberry.input(description="Only the fields given change.")
class UpdateLiveSessionInput:
    live_session_id: relay.GlobalID
    title: str | None = None
    summary: str | None = None
    presenter: str | None = None
    starts_at: dt.datetime | None = strawberry.field(
        default=None,
        description="Before the start only, and into the future: registered parents are told "
        "and their reminders move.",
    )
    duration_minutes: int | None = None
    stream_url: str | None = None


@strawberry.input
class CancelLiveSessionInput:
    live_session_id: relay.GlobalID


@strawberry.input
class LiveSessionRegistrationInput:
    live_session_id: relay.GlobalID


@strawberry.input
class SetLiveSessionReplayInput:
    live_session_id: relay.GlobalID
    media_url: str = strawberry.field(description="An uploadMedia url or an https URL.")
    duration_seconds: int
    kind: LessonKind = strawberry.field(  # type: ignore[valid-type]
        default=course_models.LessonKind.VIDEO
    )


@strawberry.type
class LiveSessionPayload(Payload):
    live_session: LiveSession | None = None


@strawberry.type
class LiveSessionMutations:
    @mutation(permission_classes=[IsAuthenticated, IsLecturer])
    async def create_live_session(
        self, info: Info, input: CreateLiveSessionInput
    ) -> LiveSessionPayload:
        row = await live_models.create_live_session(
            viewer=info.context.viewer,
            title=input.title,
            summary=input.summary,
            presenter=input.presenter,
            starts_at=input.starts_at,
            duration_minutes=input.duration_minutes,
            stream_url=input.stream_url,
            audience_scope=course_models.AudienceScope(input.audience_scope),
            school_id=decode_optional_id(input.school_id, School, "schoolId"),
            age_bands=[school_models.AgeBand(b) for b in input.age_bands or []],
            now=info.context.now(),
        )
        return LiveSessionPayload(live_session=LiveSession.from_row(row))

    @mutation(
        "Its lecturer edits a session not cancelled; a new start time moves the reminders "
        "and tells each registered parent.",
        permission_classes=[IsAuthenticated, IsLecturer],
    )
    async def update_live_session(
        self, info: Info, input: UpdateLiveSessionInput
    ) -> LiveSessionPayload:
        row = await live_models.update_live_session(
            viewer=info.context.viewer,
            session_id=decode_id(input.live_session_id, LiveSession, "liveSessionId"),
            changes=live_models.LiveSessionChanges(
                title=input.title,
                summary=input.summary,
                presenter=input.presenter,
                starts_at=input.starts_at,
                duration_minutes=input.duration_minutes,
                stream_url=input.stream_url,
            ),
            now=info.context.now(),
        )
        return LiveSessionPayload(live_session=LiveSession.from_row(row))

    @mutation(
        "Its lecturer cancels a session before it starts: reminders cancelled, each registered "
        "parent told once; again changes nothing.",
        permission_classes=[IsAuthenticated, IsLecturer],
    )
    async def cancel_live_session(
        self, info: Info, input: CancelLiveSessionInput
    ) -> LiveSessionPayload:
        row = await live_models.cancel_live_session(
            viewer=info.context.viewer,
            session_id=decode_id(input.live_session_id, LiveSession, "liveSessionId"),
            now=info.context.now(),
        )
        return LiveSessionPayload(live_session=LiveSession.from_row(row))

    @mutation(
        "A parent registers; again is the same registration (one reminder).",
        permission_classes=[IsAuthenticated],
    )
    async def register_for_live_session(
        self, info: Info, input: LiveSessionRegistrationInput
    ) -> LiveSessionPayload:
        row, _ = await live_models.register(
            viewer=info.context.viewer,
            session_id=decode_id(input.live_session_id, LiveSession, "liveSessionId"),
            now=info.context.now(),
        )
        return LiveSessionPayload(live_session=LiveSession.from_row(row))

    @mutation(
        "Leaves a session (its reminder cancelled); leaving twice is fine.",
        permission_classes=[IsAuthenticated],
    )
    async def cancel_live_session_registration(
        self, info: Info, input: LiveSessionRegistrationInput
    ) -> LiveSessionPayload:
        row = await live_models.unregister(
            viewer=info.context.viewer,
            session_id=decode_id(input.live_session_id, LiveSession, "liveSessionId"),
            now=info.context.now(),
        )
        return LiveSessionPayload(live_session=LiveSession.from_row(row))

    @mutation(permission_classes=[IsAuthenticated, IsLecturer])
    async def set_live_session_replay(
        self, info: Info, input: SetLiveSessionReplayInput
    ) -> LiveSessionPayload:
        row = await live_models.set_replay(
            viewer=info.context.viewer,
            session_id=decode_id(input.live_session_id, LiveSession, "liveSessionId"),
            media_url=input.media_url,
            duration_seconds=input.duration_seconds,
            kind=course_models.LessonKind(input.kind),
            now=info.context.now(),
        )
        return LiveSessionPayload(live_session=LiveSession.from_row(row))


SCHEMA = DomainSchema(queries=LiveSessionQueries, mutations=LiveSessionMutations)
