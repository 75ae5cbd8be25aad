"""Every foreign key has an index that starts with its column, in the migrated database of
either dialect: lookups by parent (a parent's children, a class's students) and the ON DELETE
actions (a dead push token nulls its deliveries) would otherwise scan the whole table."""

from __future__ import annotations

from tortoise import Tortoise

from server.db import dialect_of


async def _unindexed_foreign_keys_postgres() -> list[str]:
    connection = Tortoise.get_connection("default")
    _, rows = await connection.execute_query(
        "SELECT c.conrelid::regclass::text || '.' || a.attname"
        " FROM pg_constraint c"
        " JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]"
        " WHERE c.contype = 'f' AND cardinality(c.conkey) = 1"
        " AND NOT EXISTS (SELECT 1 FROM pg_index i"
        "   WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1])"
    )
    return sorted(r[0] for r in rows)


async def _unindexed_foreign_keys_sqlite() -> list[str]:
    connection = Tortoise.get_connection("default")
    _, tables = await connection.execute_query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    missing = []
    for (table,) in (tuple(t) for t in tables):
        _, keys = await connection.execute_query(f'PRAGMA foreign_key_list("{table}")')
        _, indexes = await connection.execute_query(f'PRAGMA index_list("{table}")')
        leading = set()
        for index in indexes:
            _, columns = await connection.execute_query(f'PRAGMA index_info("{index["name"]}")')
            leading.update(c["name"] for c in columns if c["seqno"] == 0)
        _, info = await connection.execute_query(f'PRAGMA table_info("{table}")')
        leading.update(c["name"] for c in info if c["pk"] == 1)
        missing += [f"{table}.{k['from']}" for k in keys if k["from"] not in leading]
    return sorted(missing)


async def test_every_foreign_key_is_indexed(database: str) -> None:
    if dialect_of(database) == "postgres":
        missing = await _unindexed_foreign_keys_postgres()
    else:
        missing = await _unindexed_foreign_keys_sqlite()

    assert missing == []
