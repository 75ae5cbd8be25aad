"""Failures outside GraphQL execution are JSON GraphQL answers with a code, never plain text.

With the database out of reach the code is `UNAVAILABLE` (503, `Retry-After`) and the client
keeps its keep-alive connection: a real server process (`python -m server serve`) is started
on a migrated PostgreSQL database reached through a relay, the relay is cut, and the requests go
over one HTTP/1.1 connection, as the app's HTTP client keeps it. (Not on SQLite: Tortoise 1.1.9
keeps its SQLite connection lock after a failed connect, so every later query of that process
waits forever.)

Any other database failure while loading the viewer or claiming a key is `INTERNAL` (500,
JSON): the table it reads is renamed away for one request, on both databases.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator, Iterator

import pytest
from tortoise import Tortoise

from models.accounts import AuthSession
from models.idempotency import IdempotencyRecord
from server.faults import INTERNAL_MESSAGE
from server.settings import PROJECT_ROOT
from server.tokens import TokenIssuer
from tests.client import GraphQLClient
from tests.factories import make_user

SECRET = "f" * 40
VIEWER = {"query": "{ viewer { roles } }"}
LOGOUT = {"query": "mutation Logout { logout { userErrors { code field message } } }"}


class Relay:
    """A TCP relay between the server and PostgreSQL that the test can cut: the database goes
    away under a running server, as when its host fails, and nothing answers on the port."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.listener.getsockname()[1])
        self.sockets: list[socket.socket] = []
        self.cut_off = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.cut_off.is_set():
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if self.cut_off.is_set():  # an accept that was in flight when the relay was cut
                client.close()
                return
            upstream = socket.create_connection(self.target)
            self.sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        """Refuse new connections and break the open ones."""
        self.cut_off.set()
        with contextlib.suppress(OSError):  # wakes a blocked accept(): close() alone does not
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        for s in self.sockets:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pg_database(action: str, name: str) -> None:
    script = PROJECT_ROOT / ".ci" / "pg_database.py"
    subprocess.run([sys.executable, str(script), action, name], check=True, timeout=60)


@pytest.fixture
def unreachable_server() -> Iterator[int]:
    """A server process, started on a migrated PostgreSQL database that then goes away (the
    relay to it is cut); yields the server's port."""
    name = f"homeroom_faults_{os.getpid()}"
    _pg_database("create", name)
    relay = Relay(("127.0.0.1", 5432))
    port = _free_port()
    env = {
        **os.environ,
        "HOMEROOM_ENVIRONMENT": "test",
        "HOMEROOM_SECRET_KEY": SECRET,
        "HOMEROOM_DATABASE_URL": f"postgres://postgres@127.0.0.1:{relay.port}/{name}",
        "HOMEROOM_EMBEDDED_DISPATCHER": "false",
        "HOMEROOM_PASSWORD_HASH_PROFILE": "test",
    }
    command = [sys.executable, "-m", "server"]
    subprocess.run([*command, "migrate"], cwd=PROJECT_ROOT, env=env, check=True, timeout=120)
    server = subprocess.Popen(
        [*command, "serve", "--port", str(port)],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 90  # a loaded CI machine starts slowly
        while True:  # bounded wait until it serves with its database
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise AssertionError("the server did not start")
            time.sleep(0.05)
        relay.cut()
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)
        relay.cut()
        _pg_database("drop", name)


def _token() -> str:
    """A valid access token for a session the server cannot look up (its database is gone)."""
    return TokenIssuer(SECRET).access_token(user_id=1, session_id=1, now=dt.datetime.now(dt.UTC))


def _post(
    conn: http.client.HTTPConnection, payload: dict[str, str], headers: dict[str, str]
) -> tuple[http.client.HTTPResponse, dict[str, object]]:
    conn.request(
        "POST",
        "/graphql",
        body=json.dumps(payload),
        headers={"Content-Type": "application/json", **headers},
    )
    response = conn.getresponse()
    return response, json.loads(response.read())


def _code(body: dict[str, object]) -> object:
    errors = body["errors"]
    assert isinstance(errors, list)
    return errors[0]["extensions"]["code"]


def test_loading_the_viewer_without_a_database_is_unavailable(unreachable_server: int) -> None:
    # given a client with a token and a keep-alive connection
    conn = http.client.HTTPConnection("127.0.0.1", unreachable_server, timeout=10)
    auth = {"Authorization": f"Bearer {_token()}"}

    # when it asks for its viewer twice over the same connection
    first, first_body = _post(conn, VIEWER, auth)
    sock = conn.sock
    second, second_body = _post(conn, VIEWER, auth)

    # then each answer is JSON with UNAVAILABLE and Retry-After, and the connection stayed
    for response, body in ((first, first_body), (second, second_body)):
        assert response.status == 503
        assert response.getheader("content-type") == "application/json"
        assert _code(body) == "UNAVAILABLE"
        assert int(response.getheader("retry-after") or 0) >= 1
    assert not first.will_close
    assert conn.sock is sock and sock is not None
    conn.close()


def test_claiming_an_idempotency_key_without_a_database_is_unavailable(
    unreachable_server: int,
) -> None:
    # given an app retrying a mutation with its key, signed in and signed out
    conn = http.client.HTTPConnection("127.0.0.1", unreachable_server, timeout=10)
    signed_in = {"Authorization": f"Bearer {_token()}", "Idempotency-Key": "k-1"}
    signed_out = {"Idempotency-Key": "k-2"}

    # when the key cannot be claimed
    answers = [_post(conn, LOGOUT, signed_in), _post(conn, LOGOUT, signed_out)]

    # then both are typed JSON answers over the one connection
    assert [(r.status, _code(b)) for r, b in answers] == [(503, "UNAVAILABLE")] * 2
    assert not any(r.will_close for r, _ in answers)
    conn.close()


def test_a_resolver_without_a_database_is_unavailable(unreachable_server: int) -> None:
    # given an anonymous app (nothing loaded before execution) asking for an object by id
    conn = http.client.HTTPConnection("127.0.0.1", unreachable_server, timeout=10)
    query = {"query": '{ node(id: "U2Nob29sOjE=") { id } }'}

    # when the resolver meets the database that is gone
    response, body = _post(conn, query, {})

    # then the answer is UNAVAILABLE with Retry-After, as before execution, and says no more
    assert response.status == 503
    assert _code(body) == "UNAVAILABLE"
    assert int(response.getheader("retry-after") or 0) >= 1
    assert "5432" not in json.dumps(body) and "127.0.0.1" not in json.dumps(body)
    conn.close()


@contextlib.asynccontextmanager
async def _table_away(table: str) -> AsyncIterator[None]:
    conn = Tortoise.get_connection("default")
    await conn.execute_script(f'ALTER TABLE "{table}" RENAME TO "{table}_away"')
    try:
        yield
    finally:
        await conn.execute_script(f'ALTER TABLE "{table}_away" RENAME TO "{table}"')


async def test_a_failure_loading_the_viewer_is_a_typed_json_answer(gql: GraphQLClient) -> None:
    # given a signed-in parent, and sessions that cannot be read
    user = await make_user()
    token = await gql.token(user.phone)
    async with _table_away(AuthSession._meta.db_table):
        # when the app asks for its viewer
        response = await gql.post("{ viewer { roles } }", token=token)

    # then the answer is JSON with INTERNAL and nothing of the exception
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {
        "data": None,
        "errors": [{"message": INTERNAL_MESSAGE, "extensions": {"code": "INTERNAL"}}],
    }


async def test_a_failure_claiming_a_key_is_a_typed_json_answer(gql: GraphQLClient) -> None:
    # given keys that cannot be claimed
    async with _table_away(IdempotencyRecord._meta.db_table):
        # when a mutation arrives with a key
        response = await gql.post(LOGOUT["query"], headers={"Idempotency-Key": "cannot-claim"})

    # then the answer is JSON with INTERNAL
    assert response.status_code == 500
    assert response.json()["errors"][0]["extensions"] == {"code": "INTERNAL"}
