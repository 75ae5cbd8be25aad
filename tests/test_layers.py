"""The floors of the house (../shared/ARCHITECTURE.md): each package imports only those below."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from server.settings import PROJECT_ROOT

# package -> import prefixes it must never use
FORBIDDEN = {
    "models": ("graphql_schema", "server"),
    "graphql_schema": ("server", "firebase_admin", "asyncpg", "aiosqlite"),
    # the post room knows people by id; the shared error type is its only word of the domain
    "notifications": (
        "graphql_schema",
        "server",
        "models.accounts",
        "models.schools",
        "models.roster",
        "models.announcements",
        "models.viewer",
    ),
}


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_only_downwards(package: str) -> None:
    offences = [
        f"{path.relative_to(PROJECT_ROOT)} imports {name}"
        for path in sorted((PROJECT_ROOT / package).rglob("*.py"))
        for name in sorted(_imports(path))
        if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN[package])
    ]

    assert offences == []
