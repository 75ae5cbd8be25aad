"""Inputs shared by the courses and feed mutations."""

from __future__ import annotations

import strawberry
from strawberry import relay

from graphql_schema.courses.types import AudienceScope, CourseSeries, CourseTopic, LessonKind
from graphql_schema.schools import AgeBand
from models.courses.workflow import LessonContent


@strawberry.input(description="A lesson's content: media (URL and length) or an article.")
class LessonContentInput:
    title: str
    kind: LessonKind  # type: ignore[valid-type]
    media_url: str | None = strawberry.field(
        default=None, description="https://… or /media/… (what an upload returns)."
    )
    duration_seconds: int | None = strawberry.field(
        default=None, description="Required for media; an article's defaults to reading time."
    )
    transcript: str | None = None
    body: str | None = strawberry.field(default=None, description="An article's Markdown.")

    def content(self) -> LessonContent:
        return LessonContent(
            title=self.title,
            kind=self.kind,
            media_url=self.media_url,
            duration_seconds=self.duration_seconds,
            transcript=self.transcript,
            body=self.body,
        )


@strawberry.input
class CourseInput:
    title: str
    summary: str
    presenter: str = strawberry.field(description="The lecturer as shown to parents.")
    series: CourseSeries  # type: ignore[valid-type]
    topics: list[CourseTopic]  # type: ignore[valid-type]
    age_bands: list[AgeBand]  # type: ignore[valid-type]
    audience_scope: AudienceScope  # type: ignore[valid-type]
    school_id: relay.GlobalID | None = strawberry.field(
        default=None, description="The school, when the audience is one school."
    )
    cover_url: str | None = None
