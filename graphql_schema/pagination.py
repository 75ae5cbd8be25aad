"""Cursor connections paginated in the database, in the order the resolver's QuerySet asks for.

A connection resolver returns either
- a QuerySet (scoped by viewer and ordered by the domain, e.g. the inbox newest first): one
  page is one query, keyset on the QuerySet's own `order_by` with the primary key as the last
  tie-breaker; or
- `children_of(queryset, parent_field=value)` for a list nested under each row of a list
  (`children { guardians(first: 5) }`): the pages of all the parents at that place of the
  query are read in one query (one DataLoader batch), then cut per parent.

A cursor carries the row's sort key and its id (opaque base64 JSON), so it stays correct when
rows are inserted before it and whatever the order. Sort-key columns must not be NULL.
`first`/`last` are checked before execution, once, by `graphql_schema.limits`.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import AsyncIterable, AsyncIterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Self, TypeVar

import strawberry
from strawberry import relay
from strawberry.relay.fields import ConnectionExtension
from strawberry.relay.types import NodeType
from strawberry.relay.utils import from_base64, to_base64
from strawberry.types.field import StrawberryField
from tortoise import fields as tortoise_fields
from tortoise.expressions import Q
from tortoise.models import Model
from tortoise.queryset import QuerySet

from core.errors import ErrorCode
from graphql_schema.context import Info
from graphql_schema.errors import top_level_error
from graphql_schema.node import ModelNode, node_type_for

M = TypeVar("M", bound=Model)
MAX_PAGE = 100
_CURSOR_PREFIX = "k"
_MAX_CURSOR_CHARS = 2048  # a real cursor is a few dozen characters


@dataclass(frozen=True, slots=True)
class SortKey:
    """One column of an ordering; the last is always the primary key."""

    field: str
    descending: bool


def ordering_of(queryset: QuerySet[Any]) -> list[SortKey]:
    """The QuerySet's own `order_by` (else the model's Meta.ordering), with the primary key
    appended as the tie-breaker in the direction of the last column."""
    # Both are parsed (name, Order) pairs; Tortoise has no public reader of the QuerySet's.
    parsed = queryset._orderings or queryset.model._meta.ordering
    orderings = [SortKey(name, getattr(order, "value", order) == "DESC") for name, order in parsed]
    keys = [k for k in orderings if k.field not in ("id", "pk")]
    pk_key = next((k for k in orderings if k.field in ("id", "pk")), None)
    descending = pk_key.descending if pk_key else (keys[-1].descending if keys else False)
    return [*keys, SortKey("id", descending)]


def _encode_value(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if value is None:
        raise ValueError("a sort-key column is NULL: order by non-null columns only")
    return value.value if hasattr(value, "value") else value


def _decode_value(model: type[Model], field: str, raw: Any) -> Any:
    kind = model._meta.fields_map[field]
    if isinstance(kind, tortoise_fields.DatetimeField):
        return dt.datetime.fromisoformat(raw)
    if isinstance(kind, tortoise_fields.DateField):
        return dt.date.fromisoformat(raw)
    if isinstance(kind, tortoise_fields.IntField | tortoise_fields.BigIntField):
        # a number the column can hold, or the cursor is forged: the driver would crash on it
        limit = 2**63 if isinstance(kind, tortoise_fields.BigIntField) else 2**31
        if not isinstance(raw, int) or isinstance(raw, bool) or not -limit <= raw < limit:
            raise ValueError(raw)
        return raw
    finite = not isinstance(raw, float) or math.isfinite(raw)
    if not isinstance(raw, str | int | float) or not finite:
        raise ValueError(raw)
    return raw


def encode_cursor(row: Model, keys: Sequence[SortKey]) -> str:
    values = [_encode_value(getattr(row, k.field)) for k in keys]
    return to_base64(_CURSOR_PREFIX, json.dumps(values, separators=(",", ":")))


def decode_cursor(cursor: str, model: type[Model], keys: Sequence[SortKey]) -> list[Any]:
    try:
        if len(cursor) > _MAX_CURSOR_CHARS:
            raise ValueError("cursor too long")
        prefix, payload = from_base64(cursor)
        raw = json.loads(payload)
        if prefix != _CURSOR_PREFIX or not isinstance(raw, list) or len(raw) != len(keys):
            raise ValueError(prefix)
        return [_decode_value(model, k.field, v) for k, v in zip(keys, raw, strict=True)]
    except (ValueError, TypeError, KeyError):
        raise top_level_error(ErrorCode.INVALID, "分页游标无效") from None


def _beyond(keys: Sequence[SortKey], values: Sequence[Any], *, forward: bool) -> Q:
    """Rows strictly after (forward) or before the position `values` in the order `keys`:
    a >= x AND ((a > x) OR (a = x AND b > y) OR …), each comparison flipped for a descending
    column. The leading range on `a` alone says the same, but lets the database start its
    index walk at the cursor (SQLite otherwise scans from the top of the index)."""
    alternatives: list[Q] = []
    for i, key in enumerate(keys):
        # beyond a descending column read forward (or an ascending one read backward): smaller
        op = "lt" if key.descending == forward else "gt"
        equal = {k.field: v for k, v in zip(keys[:i], values[:i], strict=True)}
        alternatives.append(Q(**equal, **{f"{key.field}__{op}": values[i]}))
    beyond = Q(*alternatives, join_type="OR")
    if len(keys) == 1:
        return beyond
    first = keys[0]
    bound = "lte" if first.descending == forward else "gte"
    return Q(Q(**{f"{first.field}__{bound}": values[0]}), beyond)


@dataclass(frozen=True, slots=True)
class Page:
    """What a page request asks for, checked before execution."""

    first: int | None
    after: str | None
    last: int | None
    before: str | None

    @property
    def size(self) -> int:
        size = self.first if self.first is not None else self.last
        return size or 0

    @property
    def forward(self) -> bool:
        return self.first is not None

    def windowed(self, queryset: QuerySet[M], keys: Sequence[SortKey]) -> QuerySet[M]:
        """The QuerySet narrowed to the cursors and ordered in the reading direction."""
        model = queryset.model
        if self.after:
            queryset = queryset.filter(
                _beyond(keys, decode_cursor(self.after, model, keys), forward=True)
            )
        if self.before:
            queryset = queryset.filter(
                _beyond(keys, decode_cursor(self.before, model, keys), forward=False)
            )
        reading = [k.descending != (not self.forward) for k in keys]
        return queryset.order_by(
            *(("-" if d else "") + k.field for k, d in zip(keys, reading, strict=True))
        )

    async def connection(
        self, info: Info, rows: list[Any], keys: Sequence[SortKey], node_type: type[ModelNode]
    ) -> tuple[list[relay.Edge[Any]], relay.PageInfo]:
        """Rows as read (in reading direction, one more than the page when there is more)."""
        has_more = len(rows) > self.size
        rows = rows[: self.size]
        if not self.forward:
            rows.reverse()
        nodes = await node_type.from_page(info, rows)
        edges = [
            relay.Edge(cursor=encode_cursor(r, keys), node=n)
            for r, n in zip(rows, nodes, strict=True)
        ]
        page_info = relay.PageInfo(
            has_next_page=has_more if self.forward else bool(self.before),
            has_previous_page=has_more if not self.forward else bool(self.after),
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        )
        return edges, page_info


class ChildRows(AsyncIterable[M], Generic[M]):
    """The rows of `queryset` whose `parent_field` is `parent_id`, paged together with the
    same list of the other parents at this place of the query (see module docstring)."""

    def __init__(self, queryset: QuerySet[M], parent_field: str, parent_id: int) -> None:
        self.queryset = queryset
        self.parent_field = parent_field
        self.parent_id = parent_id

    async def __aiter__(self) -> AsyncIterator[M]:
        for row in await self.queryset.filter(**{self.parent_field: self.parent_id}):
            yield row


def children_of(queryset: QuerySet[M], **parent: int) -> ChildRows[M]:
    """`children_of(Guardianship.visible_to(viewer), student_id=self.id)`: one parent key."""
    ((parent_field, parent_id),) = parent.items()
    return ChildRows(queryset, parent_field, parent_id)


async def _page_of_children(info: Info, rows: ChildRows[Any], page: Page) -> list[Any]:
    """This parent's rows of a batch read for every parent at the same place in the query."""
    # The same field at the same path (list indexes left out) has the same arguments and the
    # same base QuerySet for every parent: that path is the batch.
    place = [p for p in info.path.as_list() if not isinstance(p, int)]
    key = ("children", *place, rows.parent_field, page)

    async def load(parent_ids: Sequence[int]) -> list[list[Any]]:
        keys = ordering_of(rows.queryset)
        found = await page.windowed(
            rows.queryset.filter(**{f"{rows.parent_field}__in": sorted(set(parent_ids))}), keys
        )
        by_parent: dict[int, list[Any]] = {}
        for row in found:
            bucket = by_parent.setdefault(getattr(row, rows.parent_field), [])
            if len(bucket) <= page.size:  # the page and one more, to tell if there is more
                bucket.append(row)
        return [by_parent.get(i, []) for i in parent_ids]

    return await info.context.loaders.batch(key, load).load(rows.parent_id)


@strawberry.type(description="A connection to a list of items.")
class Connection(relay.Connection[NodeType]):
    """A page of nodes read from the database; see the module docstring."""

    @classmethod
    async def resolve_connection(  # type: ignore[override]
        cls,
        nodes: QuerySet[Any] | ChildRows[Any],
        *,
        info: Info,
        before: str | None = None,
        after: str | None = None,
        first: int | None = None,
        last: int | None = None,
        max_results: int | None = None,
        **kwargs: Any,
    ) -> Self:
        page = Page(first=first, after=after, last=last, before=before)
        base = nodes.queryset if isinstance(nodes, ChildRows) else nodes
        keys = ordering_of(base)
        if isinstance(nodes, ChildRows):
            rows = await _page_of_children(info, nodes, page)
        else:
            rows = await page.windowed(nodes, keys).limit(page.size + 1)
        edges, page_info = await page.connection(info, rows, keys, node_type_for(base.model))
        return cls(edges=edges, page_info=page_info)


_DESCRIPTIONS = {
    "first": f"The first n items (1 to {MAX_PAGE}); give `first` or `last`.",
    "after": "Items after this cursor.",
    "last": f"The last n items (1 to {MAX_PAGE}).",
    "before": "Items before this cursor.",
}


class _DatabaseConnectionExtension(ConnectionExtension):
    def apply(self, field: StrawberryField) -> None:
        super().apply(field)
        for argument in field.arguments:
            if argument.python_name in _DESCRIPTIONS:
                argument.description = _DESCRIPTIONS[argument.python_name]


def connection(node_type: Any, description: str | None = None, **kwargs: Any) -> Any:
    """`@connection(Student, "…")` on a resolver returning a scoped QuerySet or `children_of`."""
    return strawberry.field(
        graphql_type=Connection[node_type],
        description=description,
        extensions=[_DatabaseConnectionExtension()],
        **kwargs,
    )
