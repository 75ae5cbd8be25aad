"""The catalog parents browse: published courses within their reach, newest first, searched
by substring (Chinese has no word breaks: `icontains` is a LIKE on both dialects; on PostgreSQL
a pg_trgm index serves it) and filtered by topic, series and age band. Age bands default to
those of the viewer's own children."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from tortoise.expressions import Q, Subquery
from tortoise.queryset import QuerySet

from core.errors import DomainError, ErrorCode
from models.courses.tables import Course, CourseSeries, CourseStatus, CourseTag, CourseTopic
from models.schools import AgeBand

if TYPE_CHECKING:
    from models.viewer import Viewer

MAX_SEARCH = 50


def _tagged(kind: str, values: Sequence[str]) -> Q:
    ids = CourseTag.filter(kind=kind, value__in=list(values)).values_list("course_id", flat=True)
    return Q(id__in=Subquery(ids))


def catalog(
    viewer: Viewer,
    *,
    search: str | None = None,
    topics: Sequence[CourseTopic] = (),
    series: Sequence[CourseSeries] = (),
    age_bands: Sequence[AgeBand] | None = None,
) -> QuerySet[Course]:
    """`age_bands=None` means "my children's bands" (every band for a viewer without
    children); an empty list means every band."""
    qs = Course.visible_to(viewer).filter(status=CourseStatus.PUBLISHED)
    if search is not None and search.strip():
        term = search.strip()
        if len(term) > MAX_SEARCH:
            raise DomainError.single(ErrorCode.INVALID, f"搜索词最多 {MAX_SEARCH} 个字符", "search")
        qs = qs.filter(Q(title__icontains=term) | Q(summary__icontains=term))
    if topics:
        qs = qs.filter(_tagged("topic", [t.value for t in topics]))
    if series:
        qs = qs.filter(series__in=[s.value for s in series])
    if age_bands is None and viewer.child_class_ids:
        bands = CourseTag.filter(kind="age_band", value__in=viewer.child_age_bands)
        qs = qs.filter(id__in=Subquery(bands.values_list("course_id", flat=True)))
    elif age_bands:
        qs = qs.filter(_tagged("age_band", [b.value for b in age_bands]))
    return qs.order_by("-published_at", "-id")
