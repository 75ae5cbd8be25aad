"""Tortoise configuration, start-up, shut-down and migrations (one aerich tree per dialect)."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tortoise import Tortoise
from tortoise.backends.base.config_generator import expand_db_url

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


async def _nothing_to_reset(connection: Any) -> None:
    """What a pooled PostgreSQL connection needs on its way back to the pool, past the
    rollback of an open transaction that asyncpg always does: nothing, since the app keeps no
    session state on pooled connections (no session SET or cursors; LISTEN runs on a dedicated
    connection, `notifications.live`; advisory locks are transaction-scoped). asyncpg's default
    (`UNLISTEN *; RESET ALL; …`) costs a round trip after every query."""


def tortoise_config(db_url: str) -> dict[str, Any]:
    connection: str | dict[str, Any] = db_url
    if dialect_of(db_url) == "sqlite":
        path = db_url.split("://", 1)[1]
        if path not in ("", ":memory:"):
            Path(path).parent.mkdir(parents=True, exist_ok=True)
    else:
        connection = expand_db_url(db_url)
        connection["credentials"]["reset"] = _nothing_to_reset
    return {
        "connections": {"default": connection},
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


class SetupError(Exception):
    """A setup mistake an operator fixes by hand; its message is one line saying how."""


def migration_files(db_url: str) -> list[str]:
    """This dialect's migrations in the order aerich applies them (by their number)."""
    folder = migrations_location(db_url) / "models"
    names = [p.name for p in folder.glob("*.py") if p.name[0].isdigit()]
    return sorted(names, key=lambda name: int(name.split("_", 1)[0]))


async def pending_migrations(db_url: str) -> list[str]:
    """Migrations not yet applied to the open default connection's database."""
    from tortoise.exceptions import OperationalError

    try:
        rows = await Tortoise.get_connection("default").execute_query_dict(
            "SELECT version FROM aerich WHERE app = 'models'"
        )
    except OperationalError:  # no aerich table: nothing was ever migrated
        rows = []
    applied = {row["version"] for row in rows}
    return [name for name in migration_files(db_url) if name not in applied]


def setup_problem(db_url: str, error: BaseException) -> str | None:
    """One line that says what to do about a connection failure, or None if it is not one."""
    import asyncpg

    target = urlsplit(db_url)
    host = f"{target.hostname or 'localhost'}:{target.port or 5432}"
    name = target.path.lstrip("/") or "postgres"
    chain: list[BaseException] = []
    seen: BaseException | None = error
    while seen is not None and len(chain) < 20:
        chain.append(seen)
        seen = seen.__cause__ or seen.__context__
    for cause in chain:  # the driver's own error says more than the ORM's wrapper
        if isinstance(cause, asyncpg.InvalidCatalogNameError):
            return (
                f"database {name} does not exist: create it with "
                f"`createdb -h {target.hostname or 'localhost'} -p {target.port or 5432} "
                f"-U {target.username or 'postgres'} {name}`, then run `python -m server migrate`"
            )
        if isinstance(cause, asyncpg.InvalidPasswordError):
            return (
                f"PostgreSQL at {host} refused the password of role "
                f"{target.username}: check HOMEROOM_DATABASE_URL"
            )
        if isinstance(cause, asyncpg.InvalidAuthorizationSpecificationError):
            return (
                f"PostgreSQL at {host} refused role {target.username}: "
                f"{cause} (check the user in HOMEROOM_DATABASE_URL)"
            )
    if any(isinstance(cause, OSError) for cause in chain):
        reason = next((str(c) for c in reversed(chain) if isinstance(c, OSError)), "")
        return (
            f"cannot reach the database at {host} ({reason}): is PostgreSQL running there, "
            "and is HOMEROOM_DATABASE_URL right?"
        )
    return None


async def check_database(db_url: str, *, migrated: bool = True) -> None:
    """Opens the database (SetupError when it cannot) and, if `migrated`, refuses one with
    pending migrations. Leaves the connection open for the caller."""
    try:
        await init_db(db_url)
        await Tortoise.get_connection("default").execute_query("SELECT 1")
        pending = await pending_migrations(db_url) if migrated else []
    except Exception as e:
        await close_db()
        if problem := setup_problem(db_url, e):
            raise SetupError(problem) from e
        raise
    if pending:
        await close_db()
        raise SetupError(
            f"the database has {len(pending)} pending migration(s) ({pending[0]} first): "
            "run `python -m server migrate` first"
        )
