"""A local stand-in for the FCM HTTP v1 API (`POST /v1/projects/{project}/messages:send`),
for tests and the fan-out bench. Binds to 127.0.0.1 only.

A bare asyncio protocol with a small HTTP/1.1 keep-alive parser, so it costs little next to
the client it serves. What it answers depends on the target token's prefix:

- `unreg-…`     404 NOT_FOUND with FCM error UNREGISTERED
- `invalid-…`   400 INVALID_ARGUMENT (invalid registration token)
- `throttleN-…` 429 QUOTA_EXCEEDED with `Retry-After` for the first N requests, then 200
- `downN-…`     503 UNAVAILABLE for the first N requests, then 200
- `slow-…`      200 after `slow_delay_s`
- `block-…`     held until `release` is set (tests commit a cancel meanwhile), then 200
- anything else 200 with a message name

A request without a bearer token, or with one listed in `revoked`, gets 401 UNAUTHENTICATED.

`delivered` counts the 200s per token, `requests` every request per token.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import multiprocessing
import os
import re
import signal
import socket
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

_PATH = re.compile(rb"^POST /v1/projects/([^/]+)/messages:send HTTP/1\.1$")
_FCM_ERROR = "type.googleapis.com/google.firebase.fcm.v1.FcmError"
_COUNTED = re.compile(r"^(throttle|down)(\d+)-")


def _error(code: int, status: str, message: str, fcm_code: str | None, extra: list) -> bytes:
    details = ([{"@type": _FCM_ERROR, "errorCode": fcm_code}] if fcm_code else []) + extra
    body = {"error": {"code": code, "message": message, "status": status, "details": details}}
    return json.dumps(body).encode()


UNREGISTERED = _error(404, "NOT_FOUND", "Requested entity was not found.", "UNREGISTERED", [])
INVALID_TOKEN = _error(
    400,
    "INVALID_ARGUMENT",
    "The registration token is not a valid FCM registration token",
    "INVALID_ARGUMENT",
    [
        {
            "@type": "type.googleapis.com/google.rpc.BadRequest",
            "fieldViolations": [{"field": "message.fid", "description": "Invalid token"}],
        }
    ],
)
THROTTLED = _error(429, "RESOURCE_EXHAUSTED", "Quota exceeded.", "QUOTA_EXCEEDED", [])
UNAVAILABLE = _error(503, "UNAVAILABLE", "The service is currently unavailable.", None, [])
UNAUTHENTICATED = _error(401, "UNAUTHENTICATED", "Request had invalid credentials.", None, [])
_REASONS = {200: b"OK", 400: b"Bad Request", 401: b"Unauthorized", 404: b"Not Found"}
_REASONS |= {429: b"Too Many Requests", 503: b"Service Unavailable"}


@dataclass
class Received:
    token: str
    size: int  # request body bytes
    body: dict[str, Any] | None  # parsed, unless `keep_bodies` is off
    authorization: str


@dataclass
class StandInState:
    keep_bodies: bool = True
    retry_after_s: int = 1
    slow_delay_s: float = 0.5
    delivered: Counter[str] = field(default_factory=Counter)
    requests: Counter[str] = field(default_factory=Counter)
    received: list[Received] = field(default_factory=list)
    arrived: asyncio.Event | None = None  # set at each request (tests wait for in-flight ones)
    revoked: set[str] = field(default_factory=set)  # access tokens answered 401
    release: asyncio.Event | None = None  # `block-…` requests wait for it
    _ids: int = 0

    def answer(self, token: str) -> tuple[int, bytes, bytes]:
        """(status, extra header lines, body) for a request to `token`."""
        self.requests[token] += 1
        if token.startswith("unreg-"):
            return 404, b"", UNREGISTERED
        if token.startswith("invalid-"):
            return 400, b"", INVALID_TOKEN
        counted = _COUNTED.match(token)
        if counted and self.requests[token] <= int(counted.group(2)):
            if counted.group(1) == "throttle":
                return 429, b"Retry-After: %d\r\n" % self.retry_after_s, THROTTLED
            return 503, b"", UNAVAILABLE
        self.delivered[token] += 1
        self._ids += 1
        return 200, b"", b'{"name":"projects/p/messages/%d"}' % self._ids


def _token_of(body: bytes) -> str:
    for key in (b'"fid":"', b'"token":"', b'"fid": "', b'"token": "'):
        start = body.find(key)
        if start >= 0:
            start += len(key)
            return body[start : body.index(b'"', start)].decode()
    return ""


class _Protocol(asyncio.Protocol):
    def __init__(self, state: StandInState) -> None:
        self.state = state
        self.buffer = b""
        self.transport: asyncio.Transport | None = None
        self.busy = False
        self._held: asyncio.Future[None] | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        if not self.busy:
            self._process()

    def _process(self) -> None:
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = self.buffer[:end]
            lines = head.split(b"\r\n")
            headers = {}
            for line in lines[1:]:
                name, _, value = line.partition(b":")
                headers[name.strip().lower()] = value.strip()
            length = int(headers.get(b"content-length", b"0"))
            if len(self.buffer) < end + 4 + length:
                return
            body = self.buffer[end + 4 : end + 4 + length]
            self.buffer = self.buffer[end + 4 + length :]
            auth = headers.get(b"authorization", b"").decode()
            if not _PATH.match(lines[0]):
                self._reply(404, b"", b'{"error":{"code":404,"status":"NOT_FOUND"}}')
                continue
            if not auth.startswith("Bearer ") or auth[7:] in self.state.revoked:
                self._reply(401, b"", UNAUTHENTICATED)
                continue
            token = _token_of(body)
            state = self.state
            if state.keep_bodies:
                state.received.append(Received(token, len(body), json.loads(body), auth))
            if state.arrived is not None:
                state.arrived.set()
            if token.startswith("slow-"):
                self.busy = True
                asyncio.get_running_loop().call_later(state.slow_delay_s, self._finish_slow, token)
                return
            if token.startswith("block-") and state.release is not None:
                self.busy = True
                self._held = asyncio.ensure_future(self._finish_blocked(state.release, token))
                return
            self._reply(*state.answer(token))

    async def _finish_blocked(self, release: asyncio.Event, token: str) -> None:
        await release.wait()
        self._finish_slow(token)

    def _finish_slow(self, token: str) -> None:
        self.busy = False
        if self.transport is not None and not self.transport.is_closing():
            self._reply(*self.state.answer(token))
            self._process()

    def _reply(self, status: int, extra: bytes, body: bytes) -> None:
        if self.transport is None or self.transport.is_closing():
            return
        self.transport.write(
            b"HTTP/1.1 %d %s\r\nContent-Type: application/json; charset=UTF-8\r\n"
            b"Content-Length: %d\r\n%s\r\n%s"
            % (status, _REASONS.get(status, b"Error"), len(body), extra, body)
        )


class FcmStandIn:
    """In-process stand-in for tests: `async with FcmStandIn() as fcm: ... fcm.url`."""

    def __init__(self, state: StandInState | None = None, port: int = 0) -> None:
        self.state = state or StandInState()
        self.port = port
        self._server: asyncio.Server | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def __aenter__(self) -> FcmStandIn:
        loop = asyncio.get_running_loop()
        self._server = await loop.create_server(
            lambda: _Protocol(self.state), "127.0.0.1", self.port
        )
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._server is not None:
            self._server.close()
            close_clients = getattr(self._server, "close_clients", None)  # Python 3.13+
            if close_clients is not None:
                with contextlib.suppress(Exception):
                    close_clients()
            await self._server.wait_closed()


# ---------------------------------------------------------------- multi-process (bench)


def _worker(port: int, stats_path: str, ready: Any) -> None:
    """One stand-in process sharing the port (SO_REUSEPORT); writes its counts on SIGTERM."""

    async def main() -> None:
        state = StandInState(keep_bodies=False)
        loop = asyncio.get_running_loop()
        stop = asyncio.Event()
        loop.add_signal_handler(signal.SIGTERM, stop.set)
        server = await loop.create_server(
            lambda: _Protocol(state), "127.0.0.1", port, reuse_port=True, backlog=1024
        )
        ready.set()
        await stop.wait()
        server.close()
        stats = {"delivered": state.delivered, "requests": sum(state.requests.values())}
        with open(stats_path, "w") as f:  # noqa: ASYNC230 - once, at exit
            json.dump(stats, f)

    asyncio.run(main())


class StandInProcesses:
    """`workers` stand-in processes on one port; `stop()` returns the merged counts."""

    def __init__(self, workers: int, stats_dir: str) -> None:
        self.workers = workers
        self.stats_dir = stats_dir
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self._procs: list[multiprocessing.process.BaseProcess] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> StandInProcesses:
        ctx = multiprocessing.get_context("spawn")
        for i in range(self.workers):
            ready = ctx.Event()
            path = os.path.join(self.stats_dir, f"standin-{self.port}-{i}.json")
            proc = ctx.Process(target=_worker, args=(self.port, path, ready), daemon=True)
            proc.start()
            if not ready.wait(30):
                raise RuntimeError("stand-in did not start")
            self._procs.append(proc)
        return self

    def stop(self) -> tuple[Counter[str], int]:
        delivered: Counter[str] = Counter()
        requests = 0
        for proc in self._procs:
            if proc.pid is not None:
                os.kill(proc.pid, signal.SIGTERM)
        for i, proc in enumerate(self._procs):
            proc.join(30)
            path = os.path.join(self.stats_dir, f"standin-{self.port}-{i}.json")
            with open(path) as f:
                stats = json.load(f)
            delivered.update(stats["delivered"])
            requests += stats["requests"]
        return delivered, requests
