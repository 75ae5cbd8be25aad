"""Cursor connections paginated in the database (keyset on the primary key)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Optional, TypeVar

import strawberry
from strawberry import relay
from strawberry.annotation import StrawberryAnnotation
from strawberry.extensions.field_extension import FieldExtension
from strawberry.relay.utils import from_base64, to_base64
from strawberry.types.arguments import StrawberryArgument
from strawberry.types.field import StrawberryField
from tortoise.models import Model
from tortoise.queryset import QuerySet

from core.errors import ErrorCode
from graphql_schema.errors import top_level_error
from graphql_schema.node import node_type_for

T = TypeVar("T")
MAX_PAGE = 100
_CURSOR_PREFIX = "c"


def encode_cursor(pk: int) -> str:
    return to_base64(_CURSOR_PREFIX, pk)


def decode_cursor(cursor: str) -> int:
    try:
        prefix, value = from_base64(cursor)
        if prefix != _CURSOR_PREFIX:
            raise ValueError(prefix)
        return int(value)
    except (ValueError, TypeError):
        raise top_level_error(ErrorCode.INVALID, "分页游标无效") from None


async def paginate(
    queryset: QuerySet[Any],
    to_node: Callable[[Any], T],
    *,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
    newest_first: bool = False,
) -> relay.Connection[T]:
    """One query: the page plus one row to tell whether there is more. Keyset on the primary
    key, ascending, or descending with `newest_first` (an inbox, a feed)."""
    if (first is None) == (last is None):
        raise top_level_error(ErrorCode.INVALID, "请只提供 first 或 last 中的一个")
    size = first if first is not None else last
    assert size is not None
    if not 0 <= size <= MAX_PAGE:
        raise top_level_error(ErrorCode.INVALID, f"first/last 须在 0 到 {MAX_PAGE} 之间")
    later, earlier = ("pk__lt", "pk__gt") if newest_first else ("pk__gt", "pk__lt")
    if after:
        queryset = queryset.filter(**{later: decode_cursor(after)})
    if before:
        queryset = queryset.filter(**{earlier: decode_cursor(before)})
    forward = first is not None
    ascending = forward != newest_first
    rows: list[Model] = await queryset.order_by("id" if ascending else "-id").limit(size + 1)
    has_more = len(rows) > size
    rows = rows[:size]
    if not forward:
        rows.reverse()
    edges = [relay.Edge(cursor=encode_cursor(r.pk), node=to_node(r)) for r in rows]
    return relay.Connection(
        edges=edges,
        page_info=relay.PageInfo(
            has_next_page=has_more if forward else bool(before),
            has_previous_page=has_more if not forward else bool(after),
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
    )


_PAGE_ARGUMENTS = (
    ("first", int, "The first n items (1 to 100); give `first` or `last`."),
    ("after", str, "Items after this cursor."),
    ("last", int, "The last n items (1 to 100)."),
    ("before", str, "Items before this cursor."),
)


class DatabaseConnectionExtension(FieldExtension):
    """Adds first/after/last/before to a field whose resolver returns a (scoped) QuerySet,
    and pages it in the database. Rows become GraphQL nodes through the model's node type."""

    def apply(self, field: StrawberryField) -> None:
        field.arguments = [
            *field.arguments,
            *(
                StrawberryArgument(
                    python_name=name,
                    graphql_name=None,
                    type_annotation=StrawberryAnnotation(Optional[kind]),  # noqa: UP045
                    description=description,
                    default=None,
                )
                for name, kind, description in _PAGE_ARGUMENTS
            ),
        ]

    def __init__(self, newest_first: bool = False) -> None:
        super().__init__()
        self.newest_first = newest_first

    def _page(self, queryset: QuerySet[Any], pages: dict[str, Any]) -> Any:
        to_node = node_type_for(queryset.model).from_row
        return paginate(queryset, to_node, newest_first=self.newest_first, **pages)

    def resolve(self, next_: Any, source: Any, info: Any, **kwargs: Any) -> Any:
        # A sync resolver returns the QuerySet; the page itself is fetched asynchronously.
        pages = {name: kwargs.pop(name, None) for name, _, _ in _PAGE_ARGUMENTS}
        return self._page(next_(source, info, **kwargs), pages)

    async def resolve_async(self, next_: Any, source: Any, info: Any, **kwargs: Any) -> Any:
        # An async resolver's coroutine gives the QuerySet (never await the QuerySet itself).
        pages = {name: kwargs.pop(name, None) for name, _, _ in _PAGE_ARGUMENTS}
        return await self._page(await next_(source, info, **kwargs), pages)


def connection(description: str | None = None, *, newest_first: bool = False) -> Any:
    """`@connection()` on a resolver that returns a QuerySet annotated as relay.Connection[T]."""
    return strawberry.field(
        description=description, extensions=[DatabaseConnectionExtension(newest_first)]
    )
