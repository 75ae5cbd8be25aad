"""Create or drop a scratch PostgreSQL database for a CI run: `create NAME` / `drop NAME`."""

import asyncio
import os
import sys

import asyncpg

ADMIN_URL = os.environ.get(
    "HOMEROOM_CI_PG_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)


async def main(action: str, name: str) -> None:
    conn = await asyncpg.connect(ADMIN_URL)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if action == "create":
            await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2]))
