"""Input checks shared by courses and micro-lessons; each failure names its camelCase field."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import TypeVar
from urllib.parse import urlsplit

from core.errors import DomainError, ErrorCode
from models.courses.tables import MAX_URL, CourseErrorCode

E = TypeVar("E", bound=StrEnum)
MAX_DURATION = 6 * 3600
MAX_BODY = 50_000


def media_url(value: str | None, field: str) -> str | None:
    """An https URL, or a path under /media/ (the app's own media store): what an upload
    returns, so uploads plug in without a schema change."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if len(value) > MAX_URL:
        raise DomainError.single(CourseErrorCode.INVALID_MEDIA_URL, "链接过长", field)
    if value.startswith("/media/") and ".." not in value and "//" not in value[1:]:
        return value
    parts = urlsplit(value)
    if parts.scheme == "https" and parts.netloc and " " not in value:
        return value
    raise DomainError.single(
        CourseErrorCode.INVALID_MEDIA_URL, "须为 https 链接或 /media/ 下的路径", field
    )


def text(value: str, field: str, *, maximum: int, label: str) -> str:
    value = value.strip()
    if not 1 <= len(value) <= maximum:
        raise DomainError.single(ErrorCode.INVALID, f"{label}须为 1 到 {maximum} 个字符", field)
    return value


def optional_text(value: str | None, field: str, *, maximum: int) -> str | None:
    if value is None or not value.strip():
        return None
    if len(value) > maximum:
        raise DomainError.single(ErrorCode.INVALID, f"不能超过 {maximum} 个字符", field)
    return value.strip()


def duration(value: int, field: str) -> int:
    if not 1 <= value <= MAX_DURATION:
        raise DomainError.single(ErrorCode.INVALID, "时长须为 1 秒到 6 小时", field)
    return value


def unique(values: Iterable[E], field: str, *, required: bool = True) -> list[E]:
    found = sorted(set(values))
    if required and not found:
        raise DomainError.single(ErrorCode.REQUIRED, "至少选择一项", field)
    return found
