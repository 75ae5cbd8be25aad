"""The dispatcher's dialect helpers: which database it runs on, bulk inserts, named parameters.

PostgreSQL (production, many workers) gets set-based SQL; SQLite (the embedded default, one
writer) gets the ORM. Where a rule is written in both forms, the two sit side by side in the
module of that job (eligibility, claim, recording), and a test holds them to the same answer.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any

from tortoise.models import Model

from notifications.models import PushDelivery


def on_postgres() -> bool:
    """Whether the deliveries live in PostgreSQL (row locks, arrays, set-based SQL), as
    opposed to SQLite, the embedded default. Inside a transaction, its connection answers."""
    return PushDelivery._meta.db.capabilities.dialect == "postgres"


class _Slots(dict[str, str]):
    """Numbers each `{name}` of a SQL template as `$n`, in order of first use."""

    def __init__(self) -> None:
        super().__init__()
        self.order: list[str] = []

    def __missing__(self, name: str) -> str:
        self.order.append(name)
        self[name] = f"${len(self.order)}"
        return self[name]


@functools.lru_cache(maxsize=32)
def _numbered(template: str) -> tuple[str, tuple[str, ...]]:
    slots = _Slots()
    return template.format_map(slots), tuple(slots.order)


def bind(template: str, values: Mapping[str, Any]) -> tuple[str, list[Any]]:
    """A SQL template with `{name}` parameters as asyncpg's `$n` text and its arguments, so
    rule fragments can be written once and composed into one statement."""
    sql, names = _numbered(template)
    return sql, [values[name] for name in names]


async def insert_rows(
    model: type[Model], columns: Sequence[tuple[str, str]], rows: list[tuple]
) -> None:
    """Inserts rows (tuples in `columns` order, each column with its PostgreSQL type),
    inside the caller's transaction. On PostgreSQL one statement and one round trip for them
    all, without a model instance per row; elsewhere `bulk_create`."""
    if not rows:
        return
    connection = model._meta.db
    if connection.capabilities.dialect != "postgres":
        names = [name for name, _ in columns]
        await model.bulk_create(
            [model(**dict(zip(names, row, strict=True))) for row in rows], batch_size=1000
        )
        return
    arrays = []
    for (_, pg_type), values in zip(columns, zip(*rows, strict=True), strict=True):
        if pg_type == "varchar":  # enum members as their values
            values = tuple(None if v is None else str(v) for v in values)
        arrays.append(list(values))
    await connection.execute_query(
        f"INSERT INTO {model._meta.db_table} ({', '.join(name for name, _ in columns)}) "
        f"SELECT * FROM unnest({', '.join(f'${i}::{t}[]' for i, (_, t) in enumerate(columns, 1))})",
        arrays,
    )
