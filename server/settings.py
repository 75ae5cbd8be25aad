"""Settings from the environment, all prefixed `HOMEROOM_`."""

from __future__ import annotations

from enum import StrEnum
from functools import cached_property
from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from models.accounts import PasswordHashProfile

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE = f"sqlite://{PROJECT_ROOT / 'var' / 'homeroom.sqlite3'}"
DEV_SECRET = "homeroom-development-secret-not-for-production"


class Environment(StrEnum):
    DEVELOPMENT = "development"
    TEST = "test"
    PRODUCTION = "production"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="HOMEROOM_", extra="ignore")

    environment: Environment = Environment.DEVELOPMENT
    database_url: str | None = None
    secret_key: str | None = None
    privacy_policy_version: str = "2026-09"
    child_consent_version: str = "2026-09"
    # Abuse limits (strings in the `limits` library's notation).
    rate_limit_per_ip: str = "600/minute"
    rate_limit_per_account: str = "300/minute"
    rate_limit_storage: str = "memory://"
    max_query_nodes: int = Field(
        default=10_000, description="sum over connections of first × parents"
    )
    log_level: str = "INFO"
    # Live events between server processes: memory (one process), postgres, or a redis:// URL.
    live_events: str = "memory"
    # The embedded default runs the push dispatcher inside the server process; at scale run
    # `python -m server dispatcher` processes instead and turn this off.
    embedded_dispatcher: bool = True
    # argon2 parameters for new password hashes: `test` (the cheapest) is for the test suite
    # only and refused in production; demo data and `create-user` always use `production`.
    password_hash_profile: PasswordHashProfile = PasswordHashProfile.PRODUCTION

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

    @cached_property
    def signing_key(self) -> str:
        return self.secret_key or DEV_SECRET
