"""Migrations: models and both dialects' migration trees agree; the CLI is safe to run twice."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from server.settings import PROJECT_ROOT


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "server", *args],
        cwd=PROJECT_ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_models_and_migrations_agree_for_both_dialects() -> None:
    result = _run("makemigrations", "--check")

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == ["sqlite: in sync", "postgres: in sync"]


def test_both_dialects_have_the_same_migrations() -> None:
    names = {
        dialect: sorted(
            p.name for p in (PROJECT_ROOT / "migrations" / dialect / "models").glob("*.py")
        )
        for dialect in ("sqlite", "postgres")
    }

    assert names["sqlite"] and names["sqlite"] == names["postgres"]


def test_migrate_and_seed_demo_are_safe_to_run_twice(tmp_path: Path) -> None:
    env = {"HOMEROOM_DATABASE_URL": f"sqlite://{tmp_path / 'demo.sqlite3'}"}

    runs = [_run(command, env=env) for command in ("migrate", "migrate", "seed-demo", "seed-demo")]

    assert all(r.returncode == 0 for r in runs), [r.stderr for r in runs]
    assert runs[0].stdout.startswith("applied: 0_")
    assert runs[1].stdout.strip() == "database is up to date"
    assert runs[2].stdout.strip() == "demo data loaded"
    assert runs[3].stdout.strip() == "database already has data; demo not loaded"


def test_production_mode_refuses_to_start_without_a_secret(tmp_path: Path) -> None:
    result = _run(
        "migrate",
        env={
            "HOMEROOM_ENVIRONMENT": "production",
            "HOMEROOM_DATABASE_URL": f"sqlite://{tmp_path / 'x.sqlite3'}",
        },
    )

    assert result.returncode != 0
    assert "HOMEROOM_SECRET_KEY" in result.stderr
    assert "Traceback" not in result.stderr
