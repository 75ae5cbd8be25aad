"""Firebase Cloud Messaging through firebase-admin (`messaging.send_each_async`).

The SDK's public API carries everything about a message: `messaging.Message` and its Android
and APNs parts, `send_each_async(messages, app=…)`, `BatchResponse`/`SendResponse`, its error
classes, `initialize_app`/`delete_app`, `credentials.Base.get_credential()`. What it has no
public option for, in firebase-admin 7.7:
- the endpoint: the URL is Google's, formatted once per app (tests and the bench send to a
  local stand-in, `HOMEROOM_FCM_ENDPOINT`);
- its hidden retries: its httpx client retries 500/503 up to four times with sleeps inside
  `send_each_async`, which stalls a whole batch and records nothing. The dispatcher owns
  retries (persisted per delivery, honouring Retry-After, every attempt recorded);
- signing: its auth flow runs google-auth's `before_request` (validity check, metrics header,
  token header) and builds a `requests` session for every request, which cost about as much
  per push as encoding the message (bench/README.md, second session). Here the signed headers
  are kept on the client and signed again once a second, or on a 401 after a refresh;
- its per-request timeout, which httpx turns into a new `Timeout` for every request.
So the messaging service keeps building and parsing every message, and the one HTTP client it
posts through is ours (`_FcmHttpClient`). That takes three private names of firebase-admin,
each checked by tests/test_fcm_sdk_pin.py (which names the one an upgrade removed or changed),
and pyproject.toml pins firebase-admin to the tested 7.7 line:
1. `messaging._get_messaging_service(app)`: the app's messaging service, built once per app,
   the one `send_each_async(…, app=app)` sends with;
2. its `_fcm_url`: the URL it posts each message to (set only for another endpoint);
3. its `_async_client`: what it posts through, as `await client.request("post", url=…,
   headers=…, json=…)`, expecting an `httpx.Response` whose error status was raised as
   `httpx.HTTPStatusError`; on `delete_app` it runs `client.aclose()`.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import email.utils
import itertools
import json
import platform
import time
from collections.abc import Generator, Sequence
from typing import Any

import firebase_admin
import google.auth.credentials
import google.auth.transport.requests
import google.oauth2.credentials
import httpx
from firebase_admin import credentials, exceptions, messaging

from notifications.config import PushConfig
from notifications.models import Platform
from notifications.transports.base import Outcome, PushMessage, SendResult

DEFAULT_PROJECT = "homeroom"
_app_names = itertools.count(1)
_API_CLIENT = "x-goog-api-client"
# google-auth refreshes a token 3m45s before it expires: signing a second late is safe
SIGNED_HEADERS_KEPT_S = 1.0
MAX_REFRESHES = 2  # on a 401: refresh and resend at most this often, as firebase-admin does


class StaticTokenCredential(credentials.Base):
    """A fixed OAuth access token: for a stand-in server, no Google account involved."""

    def __init__(self, access_token: str) -> None:
        super().__init__()
        self._credential = google.oauth2.credentials.Credentials(token=access_token)

    def get_credential(self) -> google.oauth2.credentials.Credentials:
        return self._credential


class _KeptSignatureAuth(httpx.Auth):
    """firebase-admin's auth flow (refresh the token when due; on a 401 refresh and resend),
    signing at most once a second instead of on every request: the signed headers only change
    with the token, so they are kept on the client as default headers, which every request
    carries anyway. One google-auth transport request (used only to refresh) is kept."""

    def __init__(
        self, credential: google.auth.credentials.Credentials, client_headers: httpx.Headers
    ) -> None:
        self._credential = credential
        self._auth_request: google.auth.transport.requests.Request | None = None
        self._client_headers = client_headers
        self._metrics = client_headers.get(_API_CLIENT)  # google-auth appends to it
        self._resign_at = 0.0

    def _request(self) -> google.auth.transport.requests.Request:
        if self._auth_request is None:
            self._auth_request = google.auth.transport.requests.Request()
        return self._auth_request

    def _sign(self, request: httpx.Request) -> None:
        signed = {_API_CLIENT: self._metrics} if self._metrics else {}
        self._credential.before_request(self._request(), request.method, str(request.url), signed)
        for name, value in signed.items():
            self._client_headers[name] = value  # for the requests to come
            request.headers[name] = value  # this one was built before
        self._resign_at = time.monotonic() + SIGNED_HEADERS_KEPT_S

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if time.monotonic() >= self._resign_at:
            self._sign(request)
        response = yield request
        for _ in range(MAX_REFRESHES):
            if response.status_code != 401:
                return
            self._credential.refresh(self._request())
            self._sign(request)
            response = yield request


class _FcmHttpClient:
    """What the messaging service posts through, in place of the SDK's own client: httpx with
    HTTP/2 as the SDK has it, no retries (plain transports, mounted for every URL as the SDK
    mounts its own, so no proxy from the environment either), the client's timeout, and
    `_KeptSignatureAuth`."""

    def __init__(self, credential: google.auth.credentials.Credentials, timeout: float) -> None:
        metrics = f"gl-python/{platform.python_version()} fire-admin/{firebase_admin.__version__}"
        self.client = httpx.AsyncClient(
            http2=True,
            timeout=timeout,
            headers={_API_CLIENT: metrics},
            mounts={
                scheme: httpx.AsyncHTTPTransport(http2=True, retries=0)
                for scheme in ("http://", "https://")
            },
        )
        self.client.auth = _KeptSignatureAuth(credential, self.client.headers)

    async def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        response = await self.client.request(method, url, **kwargs)
        return response.raise_for_status()  # the service turns HTTPStatusError into its errors

    async def aclose(self) -> None:
        await self.client.aclose()


def _install(app: firebase_admin.App, endpoint: str | None, client: _FcmHttpClient) -> None:
    """Makes the app's messaging service post through `client` (to `endpoint`, if given).
    The three private names of the module docstring are used here and nowhere else."""
    service = messaging._get_messaging_service(app)
    if endpoint:
        service._fcm_url = f"{endpoint.rstrip('/')}/v1/projects/{app.project_id}/messages:send"
    # the SDK's client it replaces was never opened: nothing to close
    service._async_client = client


class FcmTransport:
    name = "fcm"
    max_batch = 500  # send_each_async's limit

    def __init__(
        self,
        app: firebase_admin.App,
        endpoint: str | None,
        timeout: float,
        max_in_flight: int = 8,
    ) -> None:
        self._app = app
        self._http = _FcmHttpClient(app.credential.get_credential(), timeout)
        _install(app, endpoint, self._http)
        self.max_in_flight = max(1, min(max_in_flight, self.max_batch))

    @classmethod
    def from_config(cls, config: PushConfig) -> FcmTransport:
        credential: credentials.Base
        if config.firebase_credentials:
            credential = credentials.Certificate(config.firebase_credentials)
        elif config.fcm_access_token:
            credential = StaticTokenCredential(config.fcm_access_token)
        else:
            raise ValueError("FCM needs HOMEROOM_FIREBASE_CREDENTIALS or HOMEROOM_FCM_ACCESS_TOKEN")
        options: dict[str, Any] = {"httpTimeout": config.http_timeout_s}
        if config.firebase_project_id or not config.firebase_credentials:
            options["projectId"] = config.firebase_project_id or DEFAULT_PROJECT
        app = firebase_admin.initialize_app(
            credential, options, name=f"homeroom-push-{next(_app_names)}"
        )
        return cls(app, config.fcm_endpoint, config.http_timeout_s, config.fcm_max_in_flight)

    async def send(self, messages: Sequence[PushMessage]) -> list[SendResult]:
        results: list[SendResult] = []
        # send_each_async sends a whole list at once: the list's length is the in-flight count
        for start in range(0, len(messages), self.max_in_flight):
            chunk = [to_fcm_message(m) for m in messages[start : start + self.max_in_flight]]
            try:
                batch = await messaging.send_each_async(chunk, app=self._app)
            except exceptions.FirebaseError as error:  # the whole call failed: try all later
                results.extend(SendResult(Outcome.RETRY, detail=str(error)) for _ in chunk)
                continue
            results.extend(_result(r) for r in batch.responses)
        return results

    async def aclose(self) -> None:
        await self._http.aclose()
        # delete_app closes services with asyncio.run(), which can't run inside a loop (it
        # closes the client again: a no-op)
        await asyncio.to_thread(firebase_admin.delete_app, self._app)


def to_fcm_message(m: PushMessage) -> messaging.Message:
    notification = messaging.Notification(title=m.title, body=m.body)
    if m.platform == Platform.IOS:
        headers = {
            "apns-priority": "10" if m.high_priority else "5",
            "apns-push-type": "alert",
            "apns-expiration": str(int(time.time() + m.ttl.total_seconds())),
        }
        if m.collapse_key:
            headers["apns-collapse-id"] = m.collapse_key
        apns = messaging.APNSConfig(
            headers=headers,
            payload=messaging.APNSPayload(aps=messaging.Aps(badge=m.badge, sound="default")),
        )
        return messaging.Message(
            fid=m.token, notification=notification, data=dict(m.data), apns=apns
        )
    android = messaging.AndroidConfig(
        priority="high" if m.high_priority else "normal",
        ttl=m.ttl,
        collapse_key=m.collapse_key,
        notification=messaging.AndroidNotification(notification_count=m.badge),
    )
    return messaging.Message(
        fid=m.token, notification=notification, data=dict(m.data), android=android
    )


def _retry_after(response: Any) -> float | None:
    value = response.headers.get("Retry-After") if response is not None else None
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    parsed = email.utils.parsedate_to_datetime(value)
    return max(0.0, (parsed - dt.datetime.now(dt.UTC)).total_seconds())


def _error_body(response: Any) -> dict[str, Any]:
    try:
        body = json.loads(response.content) if response is not None else {}
    except ValueError:
        return {}
    error = body.get("error") if isinstance(body, dict) else None
    return error if isinstance(error, dict) else {}


def _fcm_error_code(error: dict[str, Any]) -> str | None:
    for detail in error.get("details", []):
        if detail.get("@type", "").endswith("google.firebase.fcm.v1.FcmError"):
            return detail.get("errorCode")
    return None


def _blames_token(error: dict[str, Any]) -> bool:
    """INVALID_ARGUMENT drops the device only when it is about the token: a bad payload of
    ours must not wipe every device it was sent to."""
    for detail in error.get("details", []):
        for violation in detail.get("fieldViolations", []):
            if violation.get("field") in ("message.token", "message.fid"):
                return True
    return "registration token" in str(error.get("message", "")).lower()


def _result(response: messaging.SendResponse) -> SendResult:
    if response.success:
        return SendResult(Outcome.OK, http_status=200, message_id=response.message_id)
    exc = response.exception
    http = getattr(exc, "http_response", None)
    status = http.status_code if http is not None else None
    error = _error_body(http)
    code = _fcm_error_code(error) or getattr(exc, "code", None)
    common: dict[str, Any] = {"http_status": status, "error_code": code, "detail": str(exc)[:200]}
    if isinstance(exc, messaging.UnregisteredError):
        return SendResult(Outcome.UNREGISTERED, **common)
    if isinstance(exc, exceptions.InvalidArgumentError) and _blames_token(error):
        return SendResult(Outcome.INVALID_TOKEN, **common)
    retryable = (
        status is None  # no answer: network error or timeout
        or status == 401  # our credentials, still refused after refreshing: not the message
        or status == 429
        or status >= 500
        or isinstance(exc, messaging.QuotaExceededError)
    )
    if retryable:
        return SendResult(Outcome.RETRY, retry_after_s=_retry_after(http), **common)
    return SendResult(Outcome.FAILED, **common)
