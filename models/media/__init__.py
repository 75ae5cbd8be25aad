"""The media store: cover images and lesson media uploaded by lecturers and admins, their
bytes in a store (`stores`: a local folder or an S3-compatible bucket), a ledger row per
object (`tables`), and the checks on the bytes (`uploads`)."""

from models.media.stores import (
    KEY_PATTERN,
    LocalMediaStore,
    MediaStore,
    S3MediaStore,
    is_media_key,
)
from models.media.tables import URL_PREFIX, MediaErrorCode, MediaObject, MediaPurpose
from models.media.uploads import MAX_UPLOAD_BYTES, RULES, may_upload, store_upload

__all__ = [
    "KEY_PATTERN",
    "MAX_UPLOAD_BYTES",
    "RULES",
    "URL_PREFIX",
    "LocalMediaStore",
    "MediaErrorCode",
    "MediaObject",
    "MediaPurpose",
    "MediaStore",
    "S3MediaStore",
    "is_media_key",
    "may_upload",
    "store_upload",
]
