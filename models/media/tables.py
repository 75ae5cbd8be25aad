"""The media store's ledger: one row per stored object, so every `/media/…` URL the app hands
out is ours and traceable to who uploaded what, when, and its exact bytes (sha256)."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model
from tortoise.queryset import QuerySet

from core.errors import error_codes

if TYPE_CHECKING:
    from models.viewer import Viewer

MAX_KEY = 200
URL_PREFIX = "/media/"


@error_codes
class MediaErrorCode(StrEnum):
    UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE"  # judged on the bytes, not the client's word
    FILE_TOO_LARGE = "FILE_TOO_LARGE"
    EMPTY_FILE = "EMPTY_FILE"


class MediaPurpose(StrEnum):
    COVER_IMAGE = "COVER_IMAGE"  # a course's cover
    LESSON_MEDIA = "LESSON_MEDIA"  # a lesson's, micro-lesson's or replay's video or audio


class MediaObject(Model):
    id = fields.IntField(primary_key=True)
    key = fields.CharField(max_length=MAX_KEY, unique=True)
    purpose = fields.CharEnumField(MediaPurpose, max_length=20)
    content_type = fields.CharField(max_length=50, description="as detected from the bytes")
    size = fields.BigIntField()
    sha256 = fields.CharField(max_length=64)
    owner: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="media_objects", on_delete=fields.RESTRICT
    )
    owner_id: int
    created_at = fields.DatetimeField()

    class Meta:
        table = "media_object"
        indexes = (("owner_id", "created_at"),)

    @property
    def url(self) -> str:
        return URL_PREFIX + self.key

    @classmethod
    def visible_to(cls, viewer: Viewer) -> QuerySet[MediaObject]:
        """Only its uploader sees the record. The bytes: its uploader's until content links
        them, then for whoever may see that content, and public at their unguessable URL once
        the content is released (server/media_routes.py, models/courses/media_access.py)."""
        return cls.filter(owner_id=viewer.user_id or 0)
