"""Uploads: `uploadMedia(input: {file, purpose})` through the GraphQL multipart request spec;
the answer's `url` (`/media/<key>`) goes into a course's `coverUrl` or a lesson's `mediaUrl`."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

import strawberry
from strawberry import relay
from strawberry.file_uploads import Upload
from strawberry.permission import BasePermission

from core.errors import ErrorCode
from graphql_schema.composition import DomainSchema
from graphql_schema.context import Info
from graphql_schema.errors import Payload, mutation
from graphql_schema.node import ModelNode
from graphql_schema.permissions import IsAuthenticated
from models import media as media_models

MediaPurpose = strawberry.enum(
    media_models.MediaPurpose,
    description="COVER_IMAGE: JPEG, PNG or WebP up to 5 MB; LESSON_MEDIA: MP3, M4A or MP4 "
    "up to 500 MB. The type is read from the bytes.",
)


class CanUpload(BasePermission):
    message = "只有讲师和管理员可以上传媒体"
    error_extensions = {"code": ErrorCode.FORBIDDEN.value}

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return media_models.may_upload(info.context.viewer)


@strawberry.type(description="An uploaded file in the media store; seen by its uploader only.")
class MediaObject(ModelNode):
    model = media_models.MediaObject
    id: relay.NodeID[int]
    row: strawberry.Private[media_models.MediaObject]
    url: str = strawberry.field(description="/media/<key>: for coverUrl or mediaUrl")
    purpose: MediaPurpose  # type: ignore[valid-type]
    content_type: str = strawberry.field(description="As detected from the bytes.")
    size: int = strawberry.field(description="Bytes.")
    sha256: str
    created_at: dt.datetime


@strawberry.input
class UploadMediaInput:
    file: Upload = strawberry.field(description="The multipart request's file part.")
    purpose: MediaPurpose  # type: ignore[valid-type]


@strawberry.type
class UploadMediaPayload(Payload):
    media: MediaObject | None = None


@strawberry.type
class MediaMutations:
    @mutation(permission_classes=[IsAuthenticated, CanUpload])
    async def upload_media(self, info: Info, input: UploadMediaInput) -> UploadMediaPayload:
        store = info.context.media
        if store is None:
            raise RuntimeError("no media store in the context")
        row = await media_models.store_upload(
            viewer=info.context.viewer,
            source=cast(Any, input.file),  # Starlette's UploadFile behind the scalar
            purpose=media_models.MediaPurpose(input.purpose),
            store=store,
            now=info.context.now(),
            declared_size=getattr(input.file, "size", None),
        )
        return UploadMediaPayload(media=MediaObject.from_row(row))


SCHEMA = DomainSchema(mutations=MediaMutations)
