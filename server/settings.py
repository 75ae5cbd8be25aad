"""Settings from the environment, all prefixed `HOMEROOM_`."""

from __future__ import annotations

import ipaddress
import os
import secrets
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from models.accounts import PasswordHashProfile

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE = f"sqlite://{PROJECT_ROOT / 'var' / 'homeroom.sqlite3'}"
# Outside production, tokens are signed with a random key made on first start and kept here
# (0600): a key published in the source would let anyone forge any session (issue 14).
DEFAULT_SECRET_KEY_FILE = PROJECT_ROOT / "var" / "secret_key"


class Environment(StrEnum):
    DEVELOPMENT = "development"
    TEST = "test"
    PRODUCTION = "production"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="HOMEROOM_", extra="ignore")

    environment: Environment = Environment.DEVELOPMENT
    database_url: str | None = None
    secret_key: str | None = None
    secret_key_file: Path = DEFAULT_SECRET_KEY_FILE
    privacy_policy_version: str = "2026-09"
    child_consent_version: str = "2026-09"
    # Abuse limits (strings in the `limits` library's notation).
    rate_limit_per_ip: str = "600/minute"
    rate_limit_per_account: str = "300/minute"
    rate_limit_storage: str = "memory://"
    # How often an open socket checks that its session is still live (logout, revocation);
    # token expiry is checked against the clock before every message it sends.
    ws_session_check_seconds: float = 15.0
    max_query_nodes: int = Field(
        default=10_000, description="sum over connections of first × parents"
    )
    log_level: str = "INFO"
    # /metrics on the API port: on by default in development and test, off (404) by default in
    # production, where `metrics_port` serves it on a port of its own bound to loopback.
    metrics_public: bool | None = None
    metrics_port: int | None = None
    # Live events between server processes: memory (one process), postgres, or a redis:// URL.
    live_events: str = "memory"
    # The embedded default runs the push dispatcher inside the server process; at scale run
    # `python -m server dispatcher` processes instead and turn this off.
    embedded_dispatcher: bool = True
    # `python -m server worker` serves GET /healthz on this port (none by default), for a
    # supervisor: 503 once a loop has not reached the database for a minute.
    worker_health_port: int | None = None
    worker_health_host: str = "127.0.0.1"
    # argon2 parameters for new password hashes: `test` (the cheapest) is for the test suite
    # only and refused in production; demo data and `create-user` always use `production`.
    password_hash_profile: PasswordHashProfile = PasswordHashProfile.PRODUCTION
    # Uploaded covers and lesson media: `local` (a folder the app serves at /media/) or `s3`
    # (any S3-compatible bucket: AWS, Aliyun OSS, Tencent COS; /media/ redirects to it).
    media_backend: Literal["local", "s3"] = "local"
    media_dir: Path = PROJECT_ROOT / "var" / "media"
    media_s3_bucket: str | None = None
    media_s3_endpoint: str | None = None  # e.g. https://oss-cn-hangzhou.aliyuncs.com
    media_s3_region: str | None = None
    media_s3_access_key_id: str | None = None
    media_s3_secret_access_key: str | None = None
    media_s3_path_style: bool = False  # path-style addressing (MinIO, some stand-ins)

    @model_validator(mode="after")
    def _production_needs_secrets(self) -> Settings:
        if self.environment == Environment.PRODUCTION:
            missing = [
                name
                for name, value in (
                    ("HOMEROOM_SECRET_KEY", self.secret_key),
                    ("HOMEROOM_DATABASE_URL", self.database_url),
                )
                if not value
            ]
            if missing:
                raise ValueError(f"production mode needs {', '.join(missing)}")
            if self.secret_key and len(self.secret_key) < 32:
                raise ValueError("HOMEROOM_SECRET_KEY must be at least 32 characters")
            if self.password_hash_profile != PasswordHashProfile.PRODUCTION:
                raise ValueError("HOMEROOM_PASSWORD_HASH_PROFILE must be production in production")
        return self

    @property
    def is_production(self) -> bool:
        return self.environment == Environment.PRODUCTION

    @cached_property
    def db_url(self) -> str:
        return self.database_url or DEFAULT_SQLITE

    @property
    def serves_metrics_publicly(self) -> bool:
        return self.metrics_public if self.metrics_public is not None else not self.is_production

    @cached_property
    def signing_key(self) -> str:
        return self.secret_key or installation_key(self.secret_key_file)

    def workers_refusal(self, workers: int) -> str | None:
        """Why production may not run `workers` processes: limits kept in memory are per
        process (each worker would allow the whole limit) and events published in memory never
        reach a subscriber held by another worker."""
        if not self.is_production or workers <= 1:
            return None
        if self.rate_limit_storage.split("://", 1)[0] in ("memory", "async+memory"):
            return (
                f"{workers} workers need shared rate limits: set "
                "HOMEROOM_RATE_LIMIT_STORAGE=redis://HOST:6379/0"
            )
        if self.live_events == "memory":
            return (
                f"{workers} workers need shared live events: set HOMEROOM_LIVE_EVENTS=postgres "
                "(or a redis:// URL)"
            )
        return None

    def bind_refusal(self, host: str) -> str | None:
        """Why `serve --host` may not listen there: outside production only loopback, since
        development settings (GraphiQL, public /metrics, unmasked errors) are not for others."""
        if self.is_production or is_loopback(host):
            return None
        return (
            f"refusing to listen on {host} in {self.environment.value} mode: set "
            "HOMEROOM_ENVIRONMENT=production (with HOMEROOM_SECRET_KEY and "
            "HOMEROOM_DATABASE_URL) or bind to 127.0.0.1"
        )


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def installation_key(path: Path) -> str:
    """This installation's signing key: read from `path`, made there (0600) on first use.
    Written whole to a temporary file, then linked into place, so two processes starting
    together agree on one key and never read half of one."""
    try:
        return _read_key(path)
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_urlsafe(48))
        os.link(temporary, path)  # fails if another process linked its key first
    except FileExistsError:
        pass
    finally:
        temporary.unlink()
    return _read_key(path)


def _read_key(path: Path) -> str:
    key = path.read_text().strip()
    if len(key) < 32:
        raise ValueError(f"{path} holds no usable key: delete it to make a new one")
    return key
