"""Read latency during a login burst: does password hashing starve the server?

    .venv/bin/python bench/login_burst.py                          # this checkout
    .venv/bin/python bench/login_burst.py --server-root /tmp/before  # another checkout's server
    .venv/bin/python bench/login_burst.py --concurrency 30 --reads 300

Starts `python -m server serve` (production settings: argon2 at the production profile, on a
fresh SQLite file by default or `--database-url`), then measures a cheap viewer query
(`{ viewer { roles } }`, from this process) twice: back to back alone, and 20 ms apart while
another process keeps `--concurrency` logins in flight (distinct people, right passwords). Prints
p50/p99 of the reads in both phases and the logins' rate and median; the last line is JSON.
A checkout from before issue 14 (`git archive <ref> | tar -x -C /tmp/before`) can serve with
`--server-root`: the database is migrated and seeded by this checkout's code.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

PASSWORD = "bench-password-9"
POLICY = "2026-09"
LOGIN = """mutation($input: LoginInput!) { login(input: $input) {
  accessToken userErrors { code } } }"""
READ = "{ viewer { roles } }"


def _phone(n: int) -> str:
    return f"+861390000{n:04d}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def prepare(url: str, people: int) -> None:
    """Migrated database, `people` accounts sharing one production-profile hash."""
    import datetime as dt

    from models.accounts import PasswordHashProfile, User, hash_password
    from server.db import close_db, init_db, migrate

    await migrate(url)
    await init_db(url)
    try:
        stored = hash_password(PASSWORD, PasswordHashProfile.PRODUCTION)
        now = dt.datetime.now(dt.UTC)
        await User.bulk_create(
            [
                User(phone=_phone(n), name=f"家长{n}", password_hash=stored, created_at=now)
                for n in range(people)
            ]
        )
    finally:
        await close_db()


async def _login(client: httpx.AsyncClient, n: int) -> tuple[float, str | None]:
    started = time.perf_counter()
    body = (
        await client.post(
            "/graphql",
            json={
                "query": LOGIN,
                "variables": {
                    "input": {
                        "phone": _phone(n),
                        "password": PASSWORD,
                        "acceptedPolicyVersion": POLICY,
                    }
                },
            },
        )
    ).json()
    result = body["data"]["login"]
    return time.perf_counter() - started, result["accessToken"]


async def burst(base: str, concurrency: int, people: int, seconds: float) -> None:
    """The login process: `concurrency` logins in flight until `seconds` pass; prints JSON."""
    durations: list[float] = []
    deadline = time.monotonic() + seconds
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:

        async def worker(k: int) -> None:
            n = k
            while time.monotonic() < deadline:
                took, _ = await _login(client, 1 + n % (people - 1))
                durations.append(took)
                n += concurrency

        started = time.perf_counter()
        await asyncio.gather(*(worker(k) for k in range(concurrency)))
        elapsed = time.perf_counter() - started
    print(
        json.dumps(
            {
                "logins": len(durations),
                "per_s": round(len(durations) / elapsed, 1),
                "p50_ms": round(statistics.median(durations) * 1000, 1),
            }
        )
    )


async def reads(base: str, token: str, *, count: int = 0, seconds: float = 0) -> list[float]:
    """`count` reads back to back, or reads 20 ms apart for `seconds` (across the burst)."""
    latencies: list[float] = []
    deadline = time.monotonic() + seconds
    async with httpx.AsyncClient(
        base_url=base, timeout=120, headers={"Authorization": f"Bearer {token}"}
    ) as client:
        while len(latencies) < count or time.monotonic() < deadline:
            started = time.perf_counter()
            response = await client.post("/graphql", json={"query": READ})
            assert response.status_code == 200 and "errors" not in response.json(), response.text
            latencies.append(time.perf_counter() - started)
            if seconds:
                await asyncio.sleep(0.02)
    return latencies


def _summary(latencies: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(_percentile(latencies, 0.5) * 1000, 1),
        "p99_ms": round(_percentile(latencies, 0.99) * 1000, 1),
        "max_ms": round(max(latencies) * 1000, 1),
        "reads": len(latencies),
    }


async def wait_healthy(base: str, server: subprocess.Popen[bytes]) -> None:
    async with httpx.AsyncClient(base_url=base) as client:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise SystemExit("the server exited")
            try:
                if (await client.get("/healthz")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.1)
    raise SystemExit("the server did not start")


async def main(args: argparse.Namespace) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="homeroom-login-burst-"))
    url = args.database_url or f"sqlite://{workdir / 'bench.sqlite3'}"
    await prepare(url, args.people)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "HOMEROOM_ENVIRONMENT": "production",
        "HOMEROOM_SECRET_KEY": "bench-" + "s" * 40,
        "HOMEROOM_DATABASE_URL": url,
        "HOMEROOM_PASSWORD_HASH_PROFILE": "production",
        "HOMEROOM_RATE_LIMIT_PER_IP": "1000000/minute",
        "HOMEROOM_RATE_LIMIT_PER_ACCOUNT": "1000000/minute",
        "HOMEROOM_EMBEDDED_DISPATCHER": "false",
        "HOMEROOM_LOG_LEVEL": "WARNING",
    }
    server_root = Path(args.server_root) if args.server_root else ROOT
    server = subprocess.Popen(  # noqa: ASYNC220 - started once, waited for on a thread
        [sys.executable, "-m", "server", "serve", "--port", str(port)],
        cwd=server_root,
        env={**env, "PYTHONPATH": str(server_root)},
    )
    try:
        await wait_healthy(base, server)
        async with httpx.AsyncClient(base_url=base, timeout=120) as client:
            _, token = await _login(client, 0)
        assert token
        quiet = await reads(base, token, count=args.reads)
        logins = subprocess.Popen(  # noqa: ASYNC220 - the login process, read on a thread
            [
                sys.executable,
                __file__,
                "--burst-of",
                base,
                "--concurrency",
                str(args.concurrency),
                "--people",
                str(args.people),
                "--seconds",
                str(args.seconds),
            ],
            stdout=subprocess.PIPE,
        )
        await asyncio.sleep(1)  # let the burst reach its full concurrency before reading
        loaded = await reads(base, token, seconds=args.seconds - 2)
        out, _ = await asyncio.to_thread(logins.communicate)
        login_figures = json.loads(out.decode().strip().splitlines()[-1])
    finally:
        server.terminate()
        server.wait(15)
    result = {
        "server": str(server_root),
        "concurrency": args.concurrency,
        "reads_alone": _summary(quiet),
        "reads_during_burst": _summary(loaded),
        "logins": login_figures,
    }
    print(
        f"reads alone:        p50 {result['reads_alone']['p50_ms']} ms, "
        f"p99 {result['reads_alone']['p99_ms']} ms"
    )
    print(
        f"reads during burst: p50 {result['reads_during_burst']['p50_ms']} ms, "
        f"p99 {result['reads_during_burst']['p99_ms']} ms, "
        f"max {result['reads_during_burst']['max_ms']} ms "
        f"({result['reads_during_burst']['reads']} reads)"
    )
    print(
        f"logins ({args.concurrency} in flight): {login_figures['per_s']}/s, "
        f"median {login_figures['p50_ms']} ms"
    )
    print(json.dumps(result))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--concurrency", type=int, default=30, help="logins in flight")
    parser.add_argument("--reads", type=int, default=200, help="viewer queries alone")
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=20, help="how long the burst lasts")
    parser.add_argument("--database-url")
    parser.add_argument("--server-root", help="serve from another checkout")
    parser.add_argument("--burst-of", help=argparse.SUPPRESS)  # the login process
    parsed = parser.parse_args()
    if parsed.burst_of:
        asyncio.run(burst(parsed.burst_of, parsed.concurrency, parsed.people, parsed.seconds))
    else:
        asyncio.run(main(parsed))
