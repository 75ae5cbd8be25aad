"""What a resolver may use, made fresh for every request by the server."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from strawberry.types import Info as StrawberryInfo

from core.clock import Clock
from graphql_schema.loaders import Loaders
from models.media import MediaStore
from models.viewer import Viewer
from notifications.live import LiveEvents


class TokenIssuer(Protocol):
    def access_token(self, *, user_id: int, session_id: int, now: dt.datetime) -> str: ...

    @property
    def access_ttl(self) -> dt.timedelta: ...


@dataclass(frozen=True, slots=True)
class Policies:
    privacy_policy_version: str
    child_consent_version: str


@dataclass(frozen=True, slots=True)
class ApiVersion:
    feature_level: int
    minimum_app_version: str


@dataclass
class Context:
    viewer: Viewer
    clock: Clock
    tokens: TokenIssuer
    policies: Policies
    api: ApiVersion
    live: LiveEvents
    request: Any = None
    connection_params: dict[str, Any] | None = None  # graphql-transport-ws connection_init
    response: Any = None
    request_id: str | None = None  # the request's log id, for the audit log
    # the server's key, read only when a record is signed (referral consent exports)
    signing_key: Callable[[], str] | None = None
    media: MediaStore | None = None  # where uploads go (a local folder or an S3 bucket)
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        self.loaders = Loaders(self.viewer)

    def switch_viewer(self, viewer: Viewer) -> None:
        """After a mutation that changes who the viewer is (sign-up, a new child link)."""
        self.viewer = viewer
        self.loaders = Loaders(viewer)

    def now(self) -> dt.datetime:
        return self.clock.now()


Info = StrawberryInfo[Context, None]
