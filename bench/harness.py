"""What the read-path benchmarks share: a fresh database (SQLite file or PostgreSQL), the
server and a plain Starlette endpoint as processes of their own, sign-ins over HTTP, and load
from `wrk` (a C client, in its own process, so the load never shares the server's loop).

    with fresh_database("postgres", "homeroom_bench_read") as url: ...
    with serve(url) as base: tokens = await sign_in(base, phones)
    figures = wrk(base, "/graphql", requests, connections=8, seconds=8)
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import asyncpg  # noqa: E402
import httpx  # noqa: E402

PASSWORD = "bench-Password-2026!"
POLICY = "2026-09"
SECRET = "bench-secret-" + "k" * 40
POSTGRES = "postgres://postgres@127.0.0.1:5432"
LOGIN = """mutation($input: LoginInput!) { login(input: $input) {
  accessToken userErrors { code message } } }"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _postgres_admin(postgres: str, *statements: str) -> None:
    admin = await asyncpg.connect(f"{postgres}/postgres")
    try:
        for statement in statements:
            await admin.execute(statement)
    finally:
        await admin.close()


@contextmanager
def fresh_database(backend: str, name: str, postgres: str = POSTGRES) -> Iterator[str]:
    """An empty database's URL, removed afterwards: a SQLite file in a temporary folder, or a
    PostgreSQL database made anew (`DROP … WITH (FORCE)` first, so a killed run leaves none)."""
    if backend == "sqlite":
        folder = tempfile.mkdtemp(prefix=f"{name}-")
        try:
            yield f"sqlite://{folder}/bench.sqlite3"
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return
    drop = f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
    asyncio.run(_postgres_admin(postgres, drop, f'CREATE DATABASE "{name}"'))
    try:
        yield f"{postgres}/{name}"
    finally:
        asyncio.run(_postgres_admin(postgres, drop))


def server_env(url: str, **extra: str) -> dict[str, str]:
    """Production settings, as the README's recipe runs them, with limits out of the way
    (the bench's few accounts send thousands of requests a second)."""
    return {
        **os.environ,
        "HOMEROOM_ENVIRONMENT": "production",
        "HOMEROOM_SECRET_KEY": SECRET,
        "HOMEROOM_DATABASE_URL": url,
        "HOMEROOM_RATE_LIMIT_PER_IP": "100000000/minute",
        "HOMEROOM_RATE_LIMIT_PER_ACCOUNT": "100000000/minute",
        "HOMEROOM_EMBEDDED_DISPATCHER": "false",
        "HOMEROOM_LOG_LEVEL": "INFO",
        **extra,
    }


@contextmanager
def _process(command: list[str], env: dict[str, str], health: str) -> Iterator[str]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    # its log goes to a file: a pipe nobody reads would fill and stop the server mid-run
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [*command, "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        try:
            _wait_ready(process, base + health, log)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()


def _wait_ready(process: subprocess.Popen[bytes], url: str, log: Any) -> None:
    deadline = time.monotonic() + 90
    while True:
        if process.poll() is not None:
            log.seek(0)
            raise SystemExit(f"{process.args} exited: {log.read().decode()[-2000:]}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise SystemExit(f"{process.args} did not start")
        time.sleep(0.1)


@contextmanager
def serve(url: str, workers: int = 1, **env: str) -> Iterator[str]:
    """`python -m server serve` on `url`; yields its base URL. With several workers, as the
    README's production recipe runs them: limits counted in Redis, live events through
    PostgreSQL (or Redis, on SQLite)."""
    command = [sys.executable, "-m", "server", "serve"]
    if workers > 1:
        command += ["--workers", str(workers)]
        env = {
            "HOMEROOM_RATE_LIMIT_STORAGE": "redis://127.0.0.1:6379/0",
            "HOMEROOM_LIVE_EVENTS": "redis://127.0.0.1:6379/0"
            if url.startswith("sqlite")
            else "postgres",
            **env,
        }
    with _process(command, server_env(url, **env), "/healthz") as b:
        yield b


@contextmanager
def serve_plain(url: str, workers: int = 1) -> Iterator[str]:
    """The plain endpoints of `bench/plain_endpoints.py` under uvicorn (same loop and HTTP
    parser as the server, as many workers), on the same database."""
    command = [sys.executable, "-m", "uvicorn", "bench.plain_endpoints:app", "--no-access-log"]
    if workers > 1:
        command += ["--workers", str(workers)]
    env = {**os.environ, "PLAIN_DATABASE_URL": url, "PYTHONPATH": str(ROOT)}
    with _process([*command, "--log-level", "warning"], env, "/ready") as base:
        yield base


async def sign_in(base: str, phones: Sequence[str], concurrency: int = 4) -> list[str]:
    """Access tokens for `phones`, by the app's own login (production password hashing)."""
    gate = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:

        async def one(phone: str) -> str:
            async with gate:
                variables = {
                    "input": {"phone": phone, "password": PASSWORD, "acceptedPolicyVersion": POLICY}
                }
                response = await client.post(
                    "/graphql", json={"query": LOGIN, "variables": variables}
                )
                token = response.json()["data"]["login"]["accessToken"]
                if not token:
                    raise SystemExit(f"login failed for {phone}: {response.text}")
                return str(token)

        return list(await asyncio.gather(*(one(p) for p in phones)))


@dataclass(frozen=True, slots=True)
class Request:
    """One request wrk may send: headers and a JSON body (POST), or none (GET)."""

    headers: dict[str, str]
    body: dict[str, Any] | None = None


def graphql_request(
    query: str, token: str | None, variables: dict[str, Any] | None = None
) -> Request:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    body: dict[str, Any] = {"query": query}
    if variables:
        body["variables"] = variables
    return Request(headers, body)


def fetch(url: str, request: Request) -> Any:
    """One request as wrk sends it, answered as JSON: to check an answer before timing it."""
    if request.body is None:
        response = httpx.get(url, headers=request.headers, timeout=30)
    else:
        response = httpx.post(url, headers=request.headers, json=request.body, timeout=30)
    response.raise_for_status()
    return response.json()


def _lua(url_path: str, requests: Sequence[Request]) -> str:
    """wrk's script: cycles through the requests; counts answers that are not 200 or carry
    GraphQL `errors`, so a fast wrong answer is never taken for a fast right one."""

    def lua_string(text: str) -> str:
        return json.dumps(text)  # a JSON string literal is a valid Lua string literal here

    rows = []
    for r in requests:
        headers = ", ".join(f"[{lua_string(k)}] = {lua_string(v)}" for k, v in r.headers.items())
        method = "GET" if r.body is None else "POST"
        body = "nil" if r.body is None else lua_string(json.dumps(r.body, ensure_ascii=False))
        rows.append(
            f"wrk.format({lua_string(method)}, {lua_string(url_path)}, {{{headers}}}, {body})"
        )
    return f"""
local requests = {{ {", ".join(rows)} }}
local i = 0
bad = 0
local threads = {{}}
function setup(thread) table.insert(threads, thread) end
function request()
  i = i % #requests + 1
  return requests[i]
end
function response(status, headers, body)
  if status ~= 200 or string.find(body, '"errors"', 1, true) then bad = bad + 1 end
end
function done(summary, latency, requests)
  local wrong = 0
  for _, t in ipairs(threads) do wrong = wrong + t:get("bad") end
  io.write(string.format(
    'WRK {{"requests": %d, "seconds": %.3f, "p50_us": %d, "p99_us": %d, "max_us": %d, ' ..
    '"socket_errors": %d, "wrong": %d}}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(99),
    latency.max, summary.errors.connect + summary.errors.read + summary.errors.write +
    summary.errors.timeout, wrong))
end
"""


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("installing wrk (Debian's package)", flush=True)
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)
        found = shutil.which("wrk")
    if not found:
        raise SystemExit("wrk is needed for the load: apt-get install wrk")
    return found


@dataclass(frozen=True, slots=True)
class Figures:
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    wrong: int
    socket_errors: int

    def row(self, name: str, connections: int) -> str:
        return (
            f"{name:<18} c={connections:<3} {self.rps:>8.0f} req/s   p50 {self.p50_ms:>7.2f} ms"
            f"   p99 {self.p99_ms:>7.2f} ms   ({self.requests} requests, {self.wrong} wrong,"
            f" {self.socket_errors} socket errors)"
        )


def wrk(
    base: str, path: str, requests: Sequence[Request], *, connections: int, seconds: float
) -> Figures:
    """wrk on one thread with `connections` connections for `seconds`, after a warm-up of
    a fifth of that (the server's caches and pools filled, as in production)."""
    binary = ensure_wrk()
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_lua(path, requests))
    try:

        def run(duration: float) -> dict[str, Any]:
            out = subprocess.run(
                [
                    binary,
                    "-t1",
                    f"-c{connections}",
                    f"-d{max(1, round(duration))}s",
                    "--timeout",
                    "10s",
                    "-s",
                    script.name,
                    base,
                ],
                capture_output=True,
                text=True,
                check=True,
            )
            line = next(x for x in out.stdout.splitlines() if x.startswith("WRK "))
            return dict(json.loads(line[4:]))

        run(max(1.0, seconds / 5))
        got = run(seconds)
    finally:
        os.unlink(script.name)
    return Figures(
        rps=got["requests"] / got["seconds"],
        p50_ms=got["p50_us"] / 1000,
        p99_ms=got["p99_us"] / 1000,
        requests=got["requests"],
        wrong=got["wrong"],
        socket_errors=got["socket_errors"],
    )
