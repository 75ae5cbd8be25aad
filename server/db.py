"""Tortoise configuration, start-up, shut-down and migrations (one aerich tree per dialect)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tortoise import Tortoise

from models import MODEL_MODULES
from server.settings import PROJECT_ROOT

MIGRATIONS_ROOT = PROJECT_ROOT / "migrations"


def dialect_of(db_url: str) -> str:
    scheme = db_url.split("://", 1)[0]
    if scheme == "sqlite":
        return "sqlite"
    if scheme in ("postgres", "postgresql", "asyncpg"):
        return "postgres"
    raise ValueError(f"unsupported database URL scheme {scheme!r}: use sqlite:// or postgres://")


def tortoise_config(db_url: str) -> dict[str, Any]:
    if dialect_of(db_url) == "sqlite":
        path = db_url.split("://", 1)[1]
        if path not in ("", ":memory:"):
            Path(path).parent.mkdir(parents=True, exist_ok=True)
    return {
        "connections": {"default": db_url},
        "apps": {"models": {"models": MODEL_MODULES, "default_connection": "default"}},
        "use_tz": True,
        "timezone": "UTC",
    }


def migrations_location(db_url: str) -> Path:
    return MIGRATIONS_ROOT / dialect_of(db_url)


async def init_db(db_url: str) -> None:
    await Tortoise.init(config=tortoise_config(db_url), _enable_global_fallback=True)


async def close_db() -> None:
    await Tortoise.close_connections()


async def migrate(db_url: str) -> list[str]:
    """Apply every pending migration of this database's dialect; safe to run twice."""
    from aerich import Command

    command = Command(
        tortoise_config=tortoise_config(db_url),
        app="models",
        location=str(migrations_location(db_url)),
    )
    await Tortoise.init(config=tortoise_config(db_url))
    await command.init()
    try:
        return await command.upgrade(run_in_transaction=True)
    finally:
        await Tortoise.close_connections()
