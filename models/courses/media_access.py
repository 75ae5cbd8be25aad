"""Who may fetch the bytes behind a `/media/…` URL the parent school links.

Released content's media is public at its unguessable URL, so players that send no bearer
token (and CDNs) can fetch it: a published course's cover and lessons, and the lessons that
other domains release (a released micro-lesson, a live session's replay: they register that
rule, see `register_released_lessons`). Media linked only from content not released (a
draft, a course in review, a scheduled micro-lesson) is for the people who may see that
content (`visible_to`), signed in. Media nothing links is its uploader's (models.media and
the server put these together; this domain does not know the media ledger).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from tortoise.expressions import Q

from models.courses.tables import Course, CourseStatus, Lesson

if TYPE_CHECKING:
    from models.viewer import Viewer

# `released(lesson_ids)` returns a QuerySet of the rows that release some of these lessons
# outside courses (models.feed, models.live_sessions build on this module, never the reverse)
_RELEASED: list[Callable[[list[int]], Any]] = []


def register_released_lessons(released: Callable[[list[int]], Any]) -> None:
    if released not in _RELEASED:
        _RELEASED.append(released)


async def is_released_media(url: str) -> bool:
    """Linked from something released to parents: anyone with the URL may fetch it. At most
    three indexed queries, whatever the size of the catalog."""
    if await Course.filter(cover_url=url, status=CourseStatus.PUBLISHED).exists():
        return True
    rows = await Lesson.filter(media_url=url).values_list("id", "course_id")
    in_courses = sorted({course_id for _, course_id in rows if course_id is not None})
    if (
        in_courses
        and await Course.filter(id__in=in_courses, status=CourseStatus.PUBLISHED).exists()
    ):
        return True
    standalone = sorted(lesson_id for lesson_id, course_id in rows if course_id is None)
    if not standalone:
        return False
    for released in _RELEASED:
        if await released(standalone).exists():
            return True
    return False


async def media_visible_to(viewer: Viewer, url: str) -> bool:
    """Linked from a course or lesson the viewer may see, in whatever state."""
    if viewer.user_id is None:
        return False
    if await Course.visible_to(viewer).filter(cover_url=url).exists():
        return True
    return bool(await Lesson.visible_to(viewer).filter(Q(media_url=url)).exists())
