"""Storing an upload: its type read from the bytes (`filetype`), its size counted as it
streams to the store in chunks (never the whole file in memory), and a ledger row once the
bytes are safely stored. A refused or failed upload leaves neither file nor row."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import filetype
from tortoise.transactions import in_transaction

from core.errors import DomainError, ErrorCode
from models.media.stores import MediaStore
from models.media.tables import MediaErrorCode, MediaObject, MediaPurpose
from models.schools import StaffRole

if TYPE_CHECKING:
    from models.viewer import Viewer

MIB = 1024 * 1024
CHUNK_BYTES = 1 * MIB
HEAD_BYTES = 8192  # filetype reads at most the first 8 KiB
UPLOADER_ROLES = (StaffRole.LECTURER, StaffRole.SCHOOL_ADMIN, StaffRole.DISTRICT_ADMIN)


@dataclass(frozen=True, slots=True)
class MediaRule:
    folder: str
    types: dict[str, str]  # detected MIME type → the key's extension
    max_bytes: int
    label: str


RULES: dict[MediaPurpose, MediaRule] = {
    MediaPurpose.COVER_IMAGE: MediaRule(
        "covers",
        {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"},
        5 * MIB,
        "封面须为 JPEG、PNG 或 WebP 图片",
    ),
    MediaPurpose.LESSON_MEDIA: MediaRule(
        "lessons",
        {"audio/mpeg": "mp3", "audio/mp4": "m4a", "video/mp4": "mp4"},
        500 * MIB,
        "课程媒体须为 MP3、M4A 音频或 MP4 视频",
    ),
}
MAX_UPLOAD_BYTES = max(rule.max_bytes for rule in RULES.values())


class UploadSource(Protocol):
    """What an upload offers: Starlette's `UploadFile` (spooled to disk as it arrives)."""

    async def read(self, size: int = -1) -> bytes: ...


def may_upload(viewer: Viewer) -> bool:
    return viewer.has_role(*UPLOADER_ROLES)


async def store_upload(
    *,
    viewer: Viewer,
    source: UploadSource,
    purpose: MediaPurpose,
    store: MediaStore,
    now: dt.datetime,
    declared_size: int | None = None,
) -> MediaObject:
    if not may_upload(viewer):
        raise DomainError.single(ErrorCode.FORBIDDEN, "只有讲师和管理员可以上传媒体", "file")
    rule = RULES[purpose]
    too_large = DomainError.single(
        MediaErrorCode.FILE_TOO_LARGE, f"文件不能超过 {rule.max_bytes // MIB} MB", "file"
    )
    if declared_size is not None and declared_size > rule.max_bytes:
        raise too_large  # an early answer; the count below is what holds
    head = await source.read(HEAD_BYTES)
    if not head:
        raise DomainError.single(MediaErrorCode.EMPTY_FILE, "文件为空", "file")
    kind = filetype.guess(head)
    if kind is None or kind.mime not in rule.types:
        raise DomainError.single(MediaErrorCode.UNSUPPORTED_MEDIA_TYPE, rule.label, "file")
    key = f"{rule.folder}/{now:%Y/%m}/{uuid.uuid4().hex}.{rule.types[kind.mime]}"
    digest = hashlib.sha256()
    size = 0

    async def chunks() -> AsyncIterator[bytes]:
        nonlocal size
        data = head
        while data:
            size += len(data)
            if size > rule.max_bytes:
                raise too_large  # the store drops what it has
            digest.update(data)
            yield data
            data = await source.read(CHUNK_BYTES)

    await store.put(key, chunks(), kind.mime)
    try:
        async with in_transaction():
            return await MediaObject.create(
                key=key,
                purpose=purpose,
                content_type=kind.mime,
                size=size,
                sha256=digest.hexdigest(),
                owner_id=viewer.user_id,
                created_at=now,
            )
    except BaseException:
        await store.delete(key)  # no row, so no file either
        raise
