"""Relay nodes backed by Tortoise rows, resolved through the model's `visible_to(viewer)`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar, Self

import strawberry
from strawberry import relay
from strawberry.types.private import is_private
from tortoise.models import Model

from core.errors import DomainError, ErrorCode
from graphql_schema.context import Info

_NODE_TYPES: dict[type[Model], type[ModelNode]] = {}
MAX_PRIMARY_KEY = 2**31 - 1  # the largest IntField; beyond it a database refuses the number


def primary_key_of(raw: object) -> int | None:
    """The primary key an id's text names, or None for anything no row can have: not ASCII
    digits (`²` is a digit to `str.isdigit` but not to `int`), or beyond an integer column."""
    text = str(raw)
    if not (text.isascii() and text.isdigit()) or len(text) > 10:
        return None
    value = int(text)
    return value if 0 < value <= MAX_PRIMARY_KEY else None


def node_type_for(model: type[Model]) -> type[ModelNode]:
    return _NODE_TYPES[model]


class ModelNode(relay.Node):
    """A node whose id is its row's primary key; a row the viewer may not see is null.

    A subclass names its `model`, declares `row: strawberry.Private[ItsModel]` and the plain
    fields it shows; `from_row` copies those of the same name from the row."""

    model: ClassVar[type[Model]]
    row: Any
    _copied: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "model" in cls.__dict__:
            _NODE_TYPES[cls.model] = cls

    @classmethod
    def from_row(cls, row: Any) -> Self:
        names = cls.__dict__.get("_copied")
        if names is None:
            # the id and the plain data fields (no resolver of their own); private ones are
            # the type's own (the row, what its resolvers keep), not the row's columns
            definition = cls.__strawberry_definition__  # type: ignore[attr-defined]
            names = tuple(
                f.python_name
                for f in definition.fields
                if f.base_resolver is None and (f.python_name == "id" or not is_private(f.type))
            )
            cls._copied = names
        values: dict[str, Any] = {name: getattr(row, name) for name in names}
        values["row"] = row
        return cls(**values)

    @classmethod
    async def from_page(cls, info: Info, rows: list[Any]) -> list[Self]:
        """The nodes of one connection page. A type whose fields read related rows may read
        them here for the whole page, one query a kind (see `feed.MicroLesson`)."""
        return [cls.from_row(r) for r in rows]

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Self | None]:
        ids = [primary_key_of(i) or 0 for i in node_ids]  # 0: no row, so null
        rows = await info.context.loaders.visible(cls.model).load_many(ids)
        return [cls.from_row(r) if r is not None else None for r in rows]


def related_node(
    model: type[Model],
    foreign_key: str,
    *,
    graphql_type: Any = None,
    description: str | None = None,
) -> Any:
    """A field for the row behind `self.row.<foreign_key>`, loaded in a batch through the
    viewer's scope: null when there is none or the viewer may not see it."""

    async def resolve(root: ModelNode, info: Info) -> Any:
        row = await info.context.loaders.get(model, getattr(root.row, foreign_key))
        return node_type_for(model).from_row(row) if row is not None else None

    return strawberry.field(
        resolver=resolve,
        graphql_type=graphql_type if graphql_type is not None else node_type_for(model) | None,
        description=description,
    )


def decode_id(gid: relay.GlobalID, node_type: type[ModelNode], field: str) -> int:
    """The primary key behind a global id of the expected type, or a typed user error."""
    expected = node_type.__strawberry_definition__.name  # type: ignore[attr-defined]
    pk = primary_key_of(gid.node_id)
    if gid.type_name != expected or pk is None:
        raise DomainError.single(ErrorCode.INVALID, f"需要一个 {expected} 的 ID", field)
    return pk


def decode_optional_id(
    gid: relay.GlobalID | None, node_type: type[ModelNode], field: str
) -> int | None:
    return decode_id(gid, node_type, field) if gid is not None else None


async def resolve_global_id(info: Info, gid: relay.GlobalID) -> ModelNode | None:
    """The object behind any global id, or None when it is unknown or not visible: the answer
    gives no hint whether an object the viewer may not see exists."""
    for node_type in _NODE_TYPES.values():
        if node_type.__strawberry_definition__.name == gid.type_name:  # type: ignore[attr-defined]
            (node,) = await node_type.resolve_nodes(info=info, node_ids=[gid.node_id])
            return node
    return None
