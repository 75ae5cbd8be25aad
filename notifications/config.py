"""How the dispatcher reaches the push channels, from `HOMEROOM_*` environment variables.

- HOMEROOM_FIREBASE_CREDENTIALS: path to a Firebase service-account JSON (production).
- HOMEROOM_FCM_ACCESS_TOKEN: a static OAuth token instead (tests, bench: no Google account).
- HOMEROOM_FIREBASE_PROJECT_ID: needed with a static token; read from the JSON otherwise.
- HOMEROOM_FCM_ENDPOINT: base URL of the FCM HTTP v1 API (default Google's), e.g. a stand-in.
- HOMEROOM_FCM_MAX_IN_FLIGHT: requests in flight per send call (default 8). httpx, under
  firebase-admin, spends more CPU per request the more are in flight, so on a near link a
  few are fastest; a far link wants more.
With neither credentials nor token, pushes go to the log transport.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PushConfig:
    firebase_credentials: str | None = None
    fcm_access_token: str | None = None
    firebase_project_id: str | None = None
    fcm_endpoint: str | None = None
    http_timeout_s: float = 10.0
    fcm_max_in_flight: int = 8

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> PushConfig:
        env = os.environ if environ is None else environ
        return cls(
            firebase_credentials=env.get("HOMEROOM_FIREBASE_CREDENTIALS") or None,
            fcm_access_token=env.get("HOMEROOM_FCM_ACCESS_TOKEN") or None,
            firebase_project_id=env.get("HOMEROOM_FIREBASE_PROJECT_ID") or None,
            fcm_endpoint=env.get("HOMEROOM_FCM_ENDPOINT") or None,
            http_timeout_s=float(env.get("HOMEROOM_FCM_TIMEOUT_S") or 10.0),
            fcm_max_in_flight=int(env.get("HOMEROOM_FCM_MAX_IN_FLIGHT") or 8),
        )

    @property
    def fcm_enabled(self) -> bool:
        return bool(self.firebase_credentials or self.fcm_access_token)
