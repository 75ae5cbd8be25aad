"""Firebase Cloud Messaging through firebase-admin 7.x (`messaging.send_each_async`).

What firebase-admin 7.7 has no public option for, done in `_messaging_service` alone:
- the endpoint: the service formats its URL from the class attribute `FCM_URL` when an app's
  service is first built, so it is set around that one build (tests and bench point it at a
  local stand-in);
- its hidden retries: its HTTP client retries 500/503 with sleeps inside `send_each_async`,
  which would stall a whole batch and leave no record. The dispatcher owns retries instead
  (persisted per delivery, honouring Retry-After, each attempt recorded), so the client is
  rebuilt with retries off, and with them the SDK's retrying transport wrapper (with no
  retries it only adds a layer and a copied retry state per request): a plain httpx
  transport, HTTP/2 on as the SDK has it;
- its auth flow signs every request with google-auth and builds a `requests.Session` for
  each, though only a token refresh uses one: `_SigningAuthFlow` is the same flow (refresh
  when due, refresh and resend on 401) signing once a second, its headers kept on the client;
- its per-request timeout, rebuilt by httpx for every request: the client's own is used.
The SDK's own `HttpxAsyncClient` stays the entry point (`request`, `raise_for_status`, its
headers); only the httpx client inside it is built here.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import email.utils
import itertools
import json
import time
from collections.abc import Sequence
from typing import Any

import firebase_admin
import google.auth.transport.requests
import google.oauth2.credentials
import httpx
from firebase_admin import _http_client, _retry, _utils, credentials, exceptions, messaging

from notifications.config import PushConfig
from notifications.models import Platform
from notifications.transports.base import Outcome, PushMessage, SendResult

DEFAULT_PROJECT = "homeroom"
_app_names = itertools.count(1)
_API_CLIENT = "x-goog-api-client"
# google-auth refreshes a token 3m45s before it expires: signing a second late is safe
SIGNED_HEADERS_KEPT_S = 1.0


class StaticTokenCredential(credentials.Base):
    """A fixed OAuth access token: for a stand-in server, no Google account involved."""

    def __init__(self, access_token: str) -> None:
        super().__init__()
        self._credential = google.oauth2.credentials.Credentials(token=access_token)

    def get_credential(self) -> google.oauth2.credentials.Credentials:
        return self._credential


class _SigningAuthFlow(_http_client.GoogleAuthCredentialFlow):
    """firebase-admin's `GoogleAuthCredentialFlow` (refresh the token when due; on 401 refresh
    and resend), signing at most once a second instead of on every request. google-auth's
    signing (`before_request`: validity check, refresh, metrics header, token header) cost
    about as much per push as encoding the message, yet its headers only change with the
    token: they are kept on the client as default headers, which every request carries
    anyway. One google-auth transport request (used only to refresh) is kept, instead of
    one (a `requests.Session`) built per HTTP request."""

    def __init__(self, credential: Any, client_headers: httpx.Headers) -> None:
        super().__init__(credential)
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

    def auth_flow(self, request: httpx.Request) -> Any:
        if time.monotonic() >= self._resign_at:
            self._sign(request)
        response = yield request
        for _ in range(self._max_refresh_attempts):
            if response.status_code not in self._refresh_status_codes:
                return
            self._credential.refresh(self._request())
            self._sign(request)
            response = yield request


def _messaging_service(app: firebase_admin.App, endpoint: str | None, timeout: float) -> Any:
    service_class = messaging._MessagingService
    default_url = service_class.FCM_URL
    if endpoint:
        service_class.FCM_URL = endpoint.rstrip("/") + "/v1/projects/{0}/messages:send"
    try:
        service = _utils.get_app_service(app, messaging._MESSAGING_ATTRIBUTE, service_class)
    finally:
        service_class.FCM_URL = default_url
    sdk_client = _http_client.HttpxAsyncClient(
        credential=service._credential,
        timeout=timeout,
        retry_config=_retry.HttpxRetry(max_retries=0),
    )
    built = sdk_client._async_client  # never opened: nothing to close
    client = httpx.AsyncClient(
        http2=True,
        timeout=built.timeout,
        headers=built.headers,
        # as the SDK mounts its own: for every URL, so no proxy from the environment either
        mounts={
            scheme: httpx.AsyncHTTPTransport(http2=True, retries=0)
            for scheme in ("http://", "https://")
        },
    )
    client.auth = _SigningAuthFlow(service._credential, client.headers)
    sdk_client._async_client = client
    # the SDK passes its timeout with every request, which httpx turns into a new Timeout
    # each time: the client's own (the same value) is used instead
    sdk_client._timeout = httpx.USE_CLIENT_DEFAULT
    service._async_client = sdk_client
    return service


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
        self._service = _messaging_service(app, endpoint, timeout)
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
        await self._service._async_client.aclose()
        # delete_app closes services with asyncio.run(), which can't run inside a loop
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
    common = {"http_status": status, "error_code": code, "detail": str(exc)[:200]}
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
