"""Micro-lessons and the feed: `viewer.microLessonFeed(first, after)`, newest release first,
each with the viewer's own state (progress, liked, saved) loaded in batches."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import strawberry
from strawberry import relay
from strawberry.dataloader import DataLoader
from tortoise.queryset import QuerySet

from graphql_schema.composition import DomainSchema
from graphql_schema.context import Info
from graphql_schema.courses import Lesson, LessonProgress, progress_loader, progress_node
from graphql_schema.courses.inputs import LessonContentInput
from graphql_schema.courses.types import IsLecturer
from graphql_schema.errors import Payload, mutation
from graphql_schema.node import ModelNode, decode_id, later, related_node
from graphql_schema.pagination import Page, connection, ordering_of
from graphql_schema.permissions import IsAuthenticated
from graphql_schema.schools import AgeBand, School
from models import courses as course_models
from models import feed as feed_models

MAX_NEW = 100


def _reactions(info: Info) -> DataLoader[int, feed_models.MicroLessonReaction | None]:
    """The viewer's like and save rows by micro-lesson id, batched over the request."""
    user_id = info.context.viewer.user_id or 0

    async def load(ids: Sequence[int]) -> list[Any]:
        rows = await feed_models.MicroLessonReaction.filter(
            user_id=user_id, micro_lesson_id__in=list(ids)
        )
        by_id = {r.micro_lesson_id: r for r in rows}
        return [by_id.get(i) for i in ids]

    return info.context.loaders.batch("feed.reactions", load)


@strawberry.type(description="微课: one short lesson, optionally in a series, released to parents.")
class MicroLesson(ModelNode):
    """A page of cards reads their lessons with its own statement, and the viewer's progress
    and reactions with it too (SQLite) or in one more statement (PostgreSQL), for the fields
    the query asks (`read_ahead_page`), so those fields answer at once; a micro-lesson met
    anywhere else reads them through the request's loaders."""

    model = feed_models.MicroLesson
    id: relay.NodeID[int]
    row: strawberry.Private[feed_models.MicroLesson]
    series: str | None = strawberry.field(description="e.g. 24 堂暖心微课")
    episode: int | None
    release_at: dt.datetime = strawberry.field(description="When it is (or was) to be released.")
    released_at: dt.datetime | None = strawberry.field(description="Null until released.")

    # Lesson's rule grants a micro-lesson's lesson to whoever may see the micro-lesson
    lesson = related_node(
        course_models.Lesson, "lesson_id", graphql_type=Lesson, granted_by_parent=True
    )

    @classmethod
    async def read_ahead_page(
        cls, info: Info, rows: list[Any], nodes: list[MicroLesson], asked: set[str]
    ) -> None:
        await super().read_ahead_page(info, rows, nodes, asked)
        if not {"viewerProgress", "liked", "saved"} & asked:
            return
        # read with the page (SQLite), else in one statement for the page (PostgreSQL)
        states = [s for r in rows if (s := feed_models.viewer_state(r)) is not None]
        if len(states) < len(rows):
            states = await feed_models.viewer_states(info.context.viewer, [r.id for r in rows])
        for node, state in zip(nodes, states, strict=True):
            node.read_ahead["viewer_progress"] = progress_node(state.progress)
            node.read_ahead["liked"] = state.liked
            node.read_ahead["saved"] = state.saved

    # A page's cards answer these from `read_ahead` (graphql_schema.execution) at once; a
    # micro-lesson met anywhere else reads them here, through the request's loaders.
    @strawberry.field(
        graphql_type=LessonProgress | None,
        description="The viewer's progress; null before they start.",
    )
    def viewer_progress(self, info: Info) -> Any:
        return later(progress_node, progress_loader(info).load(self.row.lesson_id))

    @strawberry.field(graphql_type=bool)
    def liked(self, info: Info) -> Any:
        return later(lambda reaction: _state(reaction, "liked"), _reactions(info).load(self.id))

    @strawberry.field(graphql_type=bool)
    def saved(self, info: Info) -> Any:
        return later(lambda reaction: _state(reaction, "saved"), _reactions(info).load(self.id))


def _state(reaction: feed_models.MicroLessonReaction | None, state: str) -> bool:
    return reaction is not None and bool(getattr(reaction, state))


def _with_lessons(
    queryset: QuerySet[feed_models.MicroLesson],
) -> QuerySet[feed_models.MicroLesson]:
    """A page of cards reads their lessons in its own query (a join: one query fewer); the
    `lesson` field, granted by the micro-lesson, takes them from there."""
    return queryset.select_related("lesson")


@strawberry.type
class FeedViewerFields:
    @connection(
        MicroLesson,
        "Released micro-lessons for the viewer's children (age band, school, district), "
        "newest first. A cursor stays valid while new ones are released: they come before it.",
    )
    def micro_lesson_feed(self, info: Info) -> QuerySet[feed_models.MicroLesson]:
        viewer = info.context.viewer
        return _with_lessons(feed_models.with_viewer_state(feed_models.feed(viewer), viewer))

    @strawberry.field(
        description=f"How many feed items were released after the one at this cursor (a "
        f"feed cursor, usually the first edge's), at most {MAX_NEW}: 0 means nothing new."
    )
    async def new_micro_lesson_count(self, info: Info, since: str) -> int:
        queryset = feed_models.feed(info.context.viewer)
        newer = Page(first=None, after=None, last=MAX_NEW, before=since)
        return await newer.windowed(queryset, ordering_of(queryset)).limit(MAX_NEW).count()

    @connection(MicroLesson, "Micro-lessons the viewer saved, newest release first.")
    def saved_micro_lessons(self, info: Info) -> QuerySet[feed_models.MicroLesson]:
        viewer = info.context.viewer
        return _with_lessons(feed_models.with_viewer_state(feed_models.saved_by(viewer), viewer))

    @connection(MicroLesson, "The viewer's own micro-lessons as lecturer, scheduled too.")
    def authored_micro_lessons(self, info: Info) -> QuerySet[feed_models.MicroLesson]:
        return _with_lessons(feed_models.authored(info.context.viewer))


@strawberry.input
class CreateMicroLessonInput:
    lesson: LessonContentInput
    series: str | None = None
    episode: int | None = None
    school_ids: list[relay.GlobalID] | None = strawberry.field(
        default=None, description="Some schools of the district; none: the whole district."
    )
    age_bands: list[AgeBand] | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="None: every age band."
    )
    release_at: dt.datetime | None = strawberry.field(
        default=None, description="Later: scheduled; none or past: released now."
    )


@strawberry.type
class MicroLessonPayload(Payload):
    micro_lesson: MicroLesson | None = None


@strawberry.input
class LikeMicroLessonInput:
    micro_lesson_id: relay.GlobalID
    liked: bool = True


@strawberry.input
class SaveMicroLessonInput:
    micro_lesson_id: relay.GlobalID
    saved: bool = True


@strawberry.input
class RescheduleMicroLessonInput:
    micro_lesson_id: relay.GlobalID
    release_at: dt.datetime = strawberry.field(
        description="The new release time; now or past: released now."
    )


@strawberry.input
class CancelMicroLessonInput:
    micro_lesson_id: relay.GlobalID


@strawberry.type
class CancelMicroLessonPayload(Payload):
    cancelled_micro_lesson_id: relay.GlobalID | None = strawberry.field(
        default=None, description="The withdrawn micro-lesson's id: it no longer exists."
    )


@strawberry.type
class FeedMutations:
    @mutation(permission_classes=[IsAuthenticated, IsLecturer])
    async def create_micro_lesson(
        self, info: Info, input: CreateMicroLessonInput
    ) -> MicroLessonPayload:
        row = await feed_models.create_micro_lesson(
            viewer=info.context.viewer,
            content=input.lesson.content(),
            now=info.context.now(),
            series=input.series,
            episode=input.episode,
            school_ids=[decode_id(s, School, "schoolIds") for s in input.school_ids or []],
            age_bands=input.age_bands,
            release_at=input.release_at,
        )
        return MicroLessonPayload(micro_lesson=MicroLesson.from_row(row))

    @mutation(
        "Its author moves a scheduled micro-lesson's release (one push, at the new time); "
        "a released one answers ALREADY_RELEASED.",
        permission_classes=[IsAuthenticated, IsLecturer],
    )
    async def reschedule_micro_lesson(
        self, info: Info, input: RescheduleMicroLessonInput
    ) -> MicroLessonPayload:
        row = await feed_models.reschedule_micro_lesson(
            viewer=info.context.viewer,
            micro_lesson_id=decode_id(input.micro_lesson_id, MicroLesson, "microLessonId"),
            release_at=input.release_at,
            now=info.context.now(),
        )
        return MicroLessonPayload(micro_lesson=MicroLesson.from_row(row))

    @mutation(
        "Its author withdraws a scheduled micro-lesson: deleted, never released; a released "
        "one answers ALREADY_RELEASED.",
        permission_classes=[IsAuthenticated, IsLecturer],
    )
    async def cancel_micro_lesson(
        self, info: Info, input: CancelMicroLessonInput
    ) -> CancelMicroLessonPayload:
        cancelled = await feed_models.cancel_micro_lesson(
            viewer=info.context.viewer,
            micro_lesson_id=decode_id(input.micro_lesson_id, MicroLesson, "microLessonId"),
            now=info.context.now(),
        )
        return CancelMicroLessonPayload(
            cancelled_micro_lesson_id=relay.GlobalID("MicroLesson", str(cancelled))
        )

    @mutation(permission_classes=[IsAuthenticated], description="Idempotent: sets the state.")
    async def like_micro_lesson(
        self, info: Info, input: LikeMicroLessonInput
    ) -> MicroLessonPayload:
        return await _react(info, input.micro_lesson_id, liked=input.liked)

    @mutation(permission_classes=[IsAuthenticated], description="Idempotent: sets the state.")
    async def save_micro_lesson(
        self, info: Info, input: SaveMicroLessonInput
    ) -> MicroLessonPayload:
        return await _react(info, input.micro_lesson_id, saved=input.saved)


async def _react(info: Info, gid: relay.GlobalID, **state: bool) -> MicroLessonPayload:
    micro_lesson_id = decode_id(gid, MicroLesson, "microLessonId")
    await feed_models.react(
        viewer=info.context.viewer, micro_lesson_id=micro_lesson_id, now=info.context.now(), **state
    )
    row = await info.context.loaders.get(feed_models.MicroLesson, micro_lesson_id)
    return MicroLessonPayload(micro_lesson=MicroLesson.from_row(row))


SCHEMA = DomainSchema(mutations=FeedMutations, viewer=FeedViewerFields)
