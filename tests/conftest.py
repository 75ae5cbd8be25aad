"""Tests talk HTTP to the ASGI app with real tokens, over a real database migrated by aerich.

`HOMEROOM_TEST_DATABASE_URL` picks the database (CI runs the suite on SQLite and PostgreSQL);
the default is a fresh SQLite file. Each test starts from empty tables.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from tortoise import Tortoise

from core.clock import FrozenClock
from models.accounts import PasswordHashProfile
from server.app import create_app
from server.db import close_db, dialect_of, init_db, migrate
from server.settings import Environment, Settings
from tests.client import GraphQLClient
from tests.factories import START


def _database_url() -> str:
    url = os.environ.get("HOMEROOM_TEST_DATABASE_URL")
    if url:
        return url
    path = Path(tempfile.mkdtemp(prefix="homeroom-test-")) / "test.sqlite3"
    return f"sqlite://{path}"


DATABASE_URL = _database_url()


def pytest_report_header(config: pytest.Config) -> str:
    return f"homeroom database: {dialect_of(DATABASE_URL)} ({DATABASE_URL.split('@')[-1]})"


@pytest.fixture(scope="session")
async def database() -> AsyncIterator[str]:
    await migrate(DATABASE_URL)
    await init_db(DATABASE_URL)
    yield DATABASE_URL
    await close_db()


def _tables() -> list[str]:
    return [
        model._meta.db_table
        for app in (Tortoise.apps or {}).values()
        for model in app.values()
        if model._meta.db_table != "aerich"
    ]


@pytest.fixture(autouse=True)
async def empty_database(database: str) -> None:
    conn = Tortoise.get_connection("default")
    tables = _tables()
    if dialect_of(database) == "postgres":
        quoted = ", ".join(f'"{t}"' for t in tables)
        await conn.execute_script(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE")
    else:
        script = "PRAGMA foreign_keys = OFF;"
        script += "".join(f'DELETE FROM "{t}";' for t in tables)
        script += "DELETE FROM sqlite_sequence; PRAGMA foreign_keys = ON;"
        await conn.execute_script(script)


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(START)


@pytest.fixture
def settings(database: str) -> Settings:
    return Settings(
        environment=Environment.TEST,
        database_url=database,
        secret_key="t" * 40,
        password_hash_profile=PasswordHashProfile.TEST,  # argon2 at production cost: one test
    )


@pytest.fixture
def app(settings: Settings, clock: FrozenClock) -> Any:
    return create_app(settings, clock=clock, manage_database=False)


@pytest.fixture
async def http(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, client=("203.0.113.7", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://homeroom.test") as client:
        yield client


@pytest.fixture
def gql(http: httpx.AsyncClient) -> GraphQLClient:
    return GraphQLClient(http)


class QueryCounter(logging.Handler):
    """Counts SQL statements Tortoise sends, from its debug log."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@pytest.fixture
def sql_queries() -> Iterator[QueryCounter]:
    logger = logging.getLogger("tortoise.db_client")
    counter = QueryCounter()
    previous = logger.level
    logger.setLevel(logging.DEBUG)
    logger.addHandler(counter)
    yield counter
    logger.removeHandler(counter)
    logger.setLevel(previous)
