"""Setup mistakes through the command line as an operator meets them: one line that says what
to do, a non-zero exit, no traceback (issue 15). Each runs `python -m server` as a process."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import httpx
import pytest
from tortoise import Tortoise

from server.db import migration_files

ROOT = Path(__file__).resolve().parent.parent
PG = "postgres://postgres@127.0.0.1:5432"


def run_cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("HOMEROOM_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "server", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def one_line_refusal(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture
def fresh_sqlite(tmp_path: Path) -> str:
    return f"sqlite://{tmp_path / 'fresh.sqlite3'}"


def test_a_missing_database_says_how_to_create_it() -> None:
    name = f"homeroom_missing_{uuid.uuid4().hex[:8]}"

    result = run_cli("migrate", HOMEROOM_DATABASE_URL=f"{PG}/{name}")

    line = one_line_refusal(result)
    assert line.startswith(f"database {name} does not exist: create it with `createdb")
    assert f"-U postgres {name}`" in line


def test_an_unreachable_host_is_one_line() -> None:
    result = run_cli("seed-demo", HOMEROOM_DATABASE_URL="postgres://postgres@127.0.0.1:1/x")

    assert one_line_refusal(result).startswith("cannot reach the database at 127.0.0.1:1")


def test_a_wrong_role_is_one_line() -> None:
    result = run_cli(
        "migrate", HOMEROOM_DATABASE_URL="postgres://no_such_role_hr@127.0.0.1:5432/postgres"
    )

    line = one_line_refusal(result)
    assert "refused role no_such_role_hr" in line


@pytest.mark.parametrize("command", ["seed-demo", "serve", "verify-audit"])
def test_commands_before_migrate_say_run_migrate(fresh_sqlite: str, command: str) -> None:
    result = run_cli(command, HOMEROOM_DATABASE_URL=fresh_sqlite)

    line = one_line_refusal(result)
    assert line.endswith("run `python -m server migrate` first")
    assert migration_files(fresh_sqlite)[0] in line


def test_production_with_two_workers_needs_shared_storage(fresh_sqlite: str) -> None:
    production = {
        "HOMEROOM_ENVIRONMENT": "production",
        "HOMEROOM_SECRET_KEY": "s" * 40,
        "HOMEROOM_DATABASE_URL": fresh_sqlite,
    }

    memory_limits = run_cli("serve", "--workers", "2", **production)
    memory_events = run_cli(
        "serve",
        "--workers",
        "2",
        HOMEROOM_RATE_LIMIT_STORAGE="redis://127.0.0.1:6379/0",
        **production,
    )

    assert "HOMEROOM_RATE_LIMIT_STORAGE=redis://" in one_line_refusal(memory_limits)
    assert "HOMEROOM_LIVE_EVENTS=postgres" in one_line_refusal(memory_events)


def test_a_bad_configuration_is_refused_once_before_workers_start() -> None:
    result = run_cli(
        "serve",
        "--workers",
        "2",
        HOMEROOM_ENVIRONMENT="production",
        HOMEROOM_SECRET_KEY="short",
        HOMEROOM_DATABASE_URL="sqlite:///tmp/x.sqlite3",
    )

    assert one_line_refusal(result) == (
        "configuration error: HOMEROOM_SECRET_KEY must be at least 32 characters"
    )


async def test_roster_import_of_a_missing_file_or_unknown_school_is_one_line(
    database: str, tmp_path: Path
) -> None:
    csv = tmp_path / "roster.csv"
    csv.write_text("学号,姓名\n", encoding="utf-8")

    missing = run_cli(
        "import-roster",
        "--school-id",
        "1",
        str(tmp_path / "nope.csv"),
        HOMEROOM_DATABASE_URL=database,
    )
    unknown = run_cli(
        "import-roster", "--school-id", "999", str(csv), HOMEROOM_DATABASE_URL=database
    )

    assert one_line_refusal(missing).startswith(f"cannot read {tmp_path / 'nope.csv'}")
    assert one_line_refusal(unknown).startswith("schoolId: ")


async def test_healthz_lists_pending_migrations(http: httpx.AsyncClient, database: str) -> None:
    # given a database whose last migration is not recorded as applied
    conn = Tortoise.get_connection("default")
    last = migration_files(database)[-1]
    rows = await conn.execute_query_dict(f"SELECT * FROM aerich WHERE version = '{last}'")
    await conn.execute_query(f"DELETE FROM aerich WHERE version = '{last}'")
    try:
        # when the health check is asked
        response = await http.get("/healthz")
    finally:
        mark = "$%d" if database.startswith("postgres") else "?"
        for row in rows:
            marks = ", ".join(mark.replace("%d", str(i + 1)) for i in range(len(row)))
            await conn.execute_query(
                f"INSERT INTO aerich ({', '.join(row)}) VALUES ({marks})", list(row.values())
            )

    # then it is unavailable and names the migration
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "migrations pending",
        "pending": [last],
    }
    assert (await http.get("/healthz")).status_code == 200
