"""Generate aerich migrations for both dialects from one model change, and check for drift.

aerich writes SQL of the dialect it is configured for, so each model change is generated
twice, into `migrations/sqlite` and `migrations/postgres`. Both run offline: aerich diffs the
models against the state stored in the last migration file, so no database is needed.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from tortoise import Tortoise

from server.db import MIGRATIONS_ROOT, tortoise_config
from server.settings import PROJECT_ROOT

# Offline generation only needs each dialect's SQL generator, never a connection.
DIALECT_URLS = {
    "sqlite": "sqlite://:memory:",
    "postgres": "postgres://postgres@127.0.0.1:5432/homeroom_offline",
}


async def pending_for(dialect: str, name: str, write: bool) -> str | None:
    """The new migration's file name (written only when `write`), or None when in sync."""
    from aerich import Command
    from aerich.migrate import Migrate

    config = tortoise_config(DIALECT_URLS[dialect])
    location = MIGRATIONS_ROOT / dialect
    app_dir = location / "models"
    command = Command(tortoise_config=config, app="models", location=str(location))
    await Tortoise.init(config=config)
    try:
        if not any(app_dir.glob("*.py")):
            if not write:
                return "no migrations yet"
            await command.init_migrations(safe=True)
            return sorted(p.name for p in app_dir.glob("*.py"))[-1]
        await command.init(offline=True)
        if write:
            return await command.migrate(name=name, no_input=True, offline=True) or None
        with tempfile.TemporaryDirectory() as tmp:  # a check never touches the tree
            copy = Path(tmp) / "models"
            copy.mkdir()
            for f in app_dir.glob("*.py"):
                (copy / f.name).write_bytes(f.read_bytes())
            Migrate.migrate_location = copy
            return await command.migrate(name=name, no_input=True, offline=True) or None
    finally:
        await Tortoise.close_connections()


def make_migrations(name: str, write: bool = True) -> dict[str, str | None]:
    """Each dialect in its own process: Tortoise binds models to the first connection it saw,
    so a second dialect in the same process would get the first one's SQL."""
    results: dict[str, str | None] = {}
    for dialect in DIALECT_URLS:
        args = [sys.executable, "-m", "server", "makemigrations", name, "--dialect", dialect]
        if not write:
            args.append("--check")
        done = subprocess.run(args, cwd=PROJECT_ROOT, capture_output=True, text=True, check=False)
        line = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
        if not line.startswith(f"{dialect}: "):
            raise RuntimeError(f"makemigrations for {dialect} failed:\n{done.stderr}")
        result = line.split(": ", 1)[1]
        results[dialect] = None if result == "in sync" else result
    sqlite, postgres = results["sqlite"], results["postgres"]
    if write and sqlite and postgres and sqlite != postgres and sqlite.endswith(".py"):
        # aerich stamps each file with the second it was written: one name for both trees
        folder = MIGRATIONS_ROOT / "postgres" / "models"
        (folder / postgres).rename(folder / sqlite)
        results["postgres"] = sqlite
    return results
