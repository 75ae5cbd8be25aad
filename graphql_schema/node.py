"""Relay nodes backed by Tortoise rows, resolved through the model's `visible_to(viewer)`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Self

import strawberry
from strawberry import relay
from strawberry.types.nodes import SelectedField, Selection
from strawberry.utils.str_converters import to_camel_case
from tortoise.models import Model

from core.errors import DomainError, ErrorCode
from graphql_schema.context import Info
from graphql_schema.execution import READ_AHEAD

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
            # plain data fields: those without a resolver of their own
            definition = cls.__strawberry_definition__  # type: ignore[attr-defined]
            names = tuple(
                f.python_name
                for f in definition.fields
                if f.base_resolver is None and f.python_name != "row"
            )
            cls._copied = names
        values: dict[str, Any] = {name: getattr(row, name) for name in names}
        values["row"] = row
        node = cls(**values)
        # relay.Node's `id` field (Python name `_id`), as its resolver would answer it
        type_name = cls.__strawberry_definition__.name  # type: ignore[attr-defined]
        node.__dict__[READ_AHEAD] = {"_id": relay.GlobalID(type_name, str(row.pk))}
        return node

    @classmethod
    async def from_page(cls, info: Info, rows: list[Any]) -> list[Self]:
        """The nodes of one connection page, with what the query asks of them read ahead."""
        nodes = [cls.from_row(r) for r in rows]
        if rows and _reads_ahead(cls):  # else the query's selection is not even walked
            await cls.read_ahead_page(info, rows, nodes, node_fields(info))
        return nodes

    @classmethod
    async def read_ahead_page(
        cls, info: Info, rows: list[Any], nodes: list[Self], asked: set[str]
    ) -> None:
        """Reads the rows behind the `related_node` fields in `asked` for the whole page, one
        batch a field, so each answers at once (a field that awaits costs its node a task).
        A type whose other fields read rows may read those here too (`feed.MicroLesson`):
        what it puts in `read_ahead` under a field's Python name is that field's answer."""
        loaders = info.context.loaders
        for related in _related_fields(cls):
            if related.name not in asked:
                continue
            keys = [getattr(r, related.foreign_key) for r in rows]
            found = _read_with(rows, related) if related.granted else {}
            wanted = [k for k in keys if k is not None and k not in found]
            if wanted:
                loader = (loaders.granted_loader if related.granted else loaders.visible)(
                    related.model
                )
                found.update(zip(wanted, await loader.load_many(wanted), strict=True))
            for node, key in zip(nodes, keys, strict=True):
                node.read_ahead[related.python_name] = _node_or_none(related.model, found.get(key))

    @property
    def read_ahead(self) -> dict[str, Any]:
        """The answers this node's page read for it, by field Python name: the executor
        answers a plain resolver field with its entry here, without calling the resolver
        (`graphql_schema.execution`); a field with no entry resolves itself."""
        read = self.__dict__.get(READ_AHEAD)
        if read is None:
            read = self.__dict__[READ_AHEAD] = {}
        return read

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Self | None]:
        ids = [primary_key_of(i) or 0 for i in node_ids]  # 0: no row, so null
        rows = await info.context.loaders.visible(cls.model).load_many(ids)
        return [cls.from_row(r) if r is not None else None for r in rows]


@dataclass(frozen=True, slots=True)
class _Related:
    name: str  # the GraphQL field's
    python_name: str
    model: type[Model]
    foreign_key: str
    granted: bool


_RELATED = "homeroom.related"  # a related_node field's metadata key


def _related_fields(node_type: type[ModelNode]) -> tuple[_Related, ...]:
    found = node_type.__dict__.get("_related")
    if found is None:
        definition = node_type.__strawberry_definition__  # type: ignore[attr-defined]
        found = tuple(
            _Related(
                f.graphql_name or to_camel_case(f.python_name),
                f.python_name,
                *f.metadata[_RELATED],
            )
            for f in definition.fields
            if _RELATED in (f.metadata or {})
        )
        node_type._related = found  # type: ignore[attr-defined]
    return found


def _read_with(rows: list[Any], related: _Related) -> dict[Any, Any]:
    """The related rows the page's query read with its own (`select_related`), by key: for a
    field granted by its parent only, since they were read without the related model's rule."""
    relation = related.foreign_key.removesuffix("_id")
    meta = rows[0]._meta
    if relation not in meta.fk_fields | meta.o2o_fields:
        return {}
    kept = f"_{relation}"  # where Tortoise keeps a row it read with another
    return {
        getattr(row, related.foreign_key): fetched
        for row in rows
        if (fetched := row.__dict__.get(kept)) is not None
    }


def _reads_ahead(node_type: type[ModelNode]) -> bool:
    """A page of this type has something to read ahead: `related_node` fields, or a
    `read_ahead_page` of its own."""
    base = ModelNode.read_ahead_page.__func__  # type: ignore[attr-defined]
    own = node_type.read_ahead_page.__func__ is not base  # type: ignore[attr-defined]
    return own or bool(_related_fields(node_type))


def related_node(
    model: type[Model],
    foreign_key: str,
    *,
    graphql_type: Any = None,
    description: str | None = None,
    granted_by_parent: bool = False,
) -> Any:
    """A field for the row behind `self.row.<foreign_key>`, loaded in a batch through the
    viewer's scope: null when there is none or the viewer may not see it. Read ahead for a
    whole connection page (`ModelNode.from_page`).

    `granted_by_parent`: the related model's own rule grants the row to whoever may see the
    parent (a micro-lesson's lesson goes with the micro-lesson), so it is read by key, without
    building that rule again for a row already authorised."""

    def resolve(root: ModelNode, info: Info) -> Any:
        # a page's node answers from `read_ahead` without coming here
        loaders = info.context.loaders
        pk = getattr(root.row, foreign_key)
        pending = loaders.granted(model, pk) if granted_by_parent else loaders.get(model, pk)
        return later(lambda row: _node_or_none(model, row), pending)

    return strawberry.field(
        resolver=resolve,
        graphql_type=graphql_type if graphql_type is not None else node_type_for(model) | None,
        description=description,
        metadata={_RELATED: (model, foreign_key, granted_by_parent)},
    )


def _node_or_none(model: type[Model], row: Any) -> Any:
    return node_type_for(model).from_row(row) if row is not None else None


async def later(convert: Callable[[Any], Any], pending: Awaitable[Any]) -> Any:
    """`convert` of what `pending` gives: what a resolver returns when its answer was not
    read ahead (GraphQL awaits whatever a resolver returns)."""
    return convert(await pending)


def node_fields(info: Info) -> set[str]:
    """The fields a connection's query asks of each node (`edges { node { … } }`, fragments
    included): what a page may read ahead for all its nodes at once (`ModelNode.from_page`)."""
    asked: set[str] = set()

    def walk(selections: Sequence[Selection], path: tuple[str, ...]) -> None:
        for selection in selections:
            if not isinstance(selection, SelectedField):  # a fragment: the same level
                walk(selection.selections, path)
            elif path == ("edges", "node"):
                asked.add(selection.name)
            elif len(path) < 2 and selection.name == ("edges", "node")[len(path)]:
                walk(selection.selections, (*path, selection.name))

    for field in info.selected_fields:  # this connection field (more than one when repeated)
        walk(field.selections, ())
    return asked


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
