"""Where the bytes live, behind one small interface: a local folder (the default, served by
the app itself) or an S3-compatible bucket (AWS S3, Aliyun OSS, Tencent COS, MinIO).

Either way a `put` takes the bytes as a stream of chunks and keeps at most one part in
memory; when the stream fails (too large, a dropped connection) nothing is left behind."""

from __future__ import annotations

import asyncio
import os
import re
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any, Protocol

# Keys the app makes: `<folder>/<yyyy>/<mm>/<32 hex>.<ext>`; anything else is not ours.
KEY_PATTERN = re.compile(r"^(covers|lessons)/\d{4}/\d{2}/[0-9a-f]{32}\.[a-z0-9]{2,4}$")
S3_PART_BYTES = 8 * 1024 * 1024  # S3's multipart minimum is 5 MiB per part but the last


def is_media_key(key: str) -> bool:
    return KEY_PATTERN.fullmatch(key) is not None


class MediaStore(Protocol):
    async def put(self, key: str, chunks: AsyncIterator[bytes], content_type: str) -> None:
        """Stores the stream under `key`; on any exception nothing is stored."""

    async def delete(self, key: str) -> None: ...

    async def exists(self, key: str) -> bool: ...


class LocalMediaStore:
    """Files under a folder; written beside their place and renamed in, so a reader never
    sees half a file and a failed upload leaves none."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path_of(self, key: str) -> Path:
        if not is_media_key(key):
            raise ValueError(f"not a media key: {key!r}")
        return self.root / key

    async def put(self, key: str, chunks: AsyncIterator[bytes], content_type: str) -> None:
        target = self.path_of(key)
        incoming = self.root / ".incoming"
        await asyncio.to_thread(incoming.mkdir, parents=True, exist_ok=True)
        partial = incoming / uuid.uuid4().hex
        handle = await asyncio.to_thread(partial.open, "wb")
        try:
            try:
                async for chunk in chunks:
                    await asyncio.to_thread(handle.write, chunk)
            finally:
                await asyncio.to_thread(handle.close)
            await asyncio.to_thread(target.parent.mkdir, parents=True, exist_ok=True)
            await asyncio.to_thread(os.replace, partial, target)
        except BaseException:
            await asyncio.to_thread(partial.unlink, missing_ok=True)
            raise

    async def delete(self, key: str) -> None:
        await asyncio.to_thread(self.path_of(key).unlink, missing_ok=True)

    async def exists(self, key: str) -> bool:
        return await asyncio.to_thread(self.path_of(key).is_file)


class S3MediaStore:
    """An S3-compatible bucket through boto3, its blocking calls in worker threads. Large
    objects go up as a multipart upload of `S3_PART_BYTES` parts, aborted on failure; the
    app serves `/media/<key>` as a redirect to a short-lived presigned URL (the bucket
    answers range requests itself)."""

    def __init__(self, client: Any, bucket: str, *, url_ttl_seconds: int = 3600) -> None:
        self.client = client
        self.bucket = bucket
        self.url_ttl_seconds = url_ttl_seconds

    @classmethod
    def connect(
        cls,
        *,
        bucket: str,
        endpoint_url: str | None,
        region: str | None,
        access_key_id: str | None,
        secret_access_key: str | None,
        path_style: bool = False,
    ) -> S3MediaStore:
        import boto3
        from botocore.config import Config

        client = boto3.client(
            "s3",
            endpoint_url=endpoint_url,
            region_name=region,
            aws_access_key_id=access_key_id,
            aws_secret_access_key=secret_access_key,
            config=Config(
                signature_version="s3v4",
                s3={"addressing_style": "path" if path_style else "virtual"},
                retries={"max_attempts": 3, "mode": "standard"},
            ),
        )
        return cls(client, bucket)

    async def put(self, key: str, chunks: AsyncIterator[bytes], content_type: str) -> None:
        if not is_media_key(key):
            raise ValueError(f"not a media key: {key!r}")
        buffer = bytearray()
        upload_id: str | None = None
        parts: list[dict[str, Any]] = []
        try:
            async for chunk in chunks:
                buffer += chunk
                while len(buffer) >= S3_PART_BYTES:
                    if upload_id is None:
                        started = await asyncio.to_thread(
                            self.client.create_multipart_upload,
                            Bucket=self.bucket,
                            Key=key,
                            ContentType=content_type,
                        )
                        upload_id = started["UploadId"]
                    parts.append(await self._part(key, upload_id, len(parts) + 1, buffer))
                    del buffer[:S3_PART_BYTES]
            if upload_id is None:  # small: one request
                await asyncio.to_thread(
                    self.client.put_object,
                    Bucket=self.bucket,
                    Key=key,
                    Body=bytes(buffer),
                    ContentType=content_type,
                )
                return
            if buffer:
                parts.append(await self._part(key, upload_id, len(parts) + 1, buffer))
            await asyncio.to_thread(
                self.client.complete_multipart_upload,
                Bucket=self.bucket,
                Key=key,
                UploadId=upload_id,
                MultipartUpload={"Parts": parts},
            )
        except BaseException:
            if upload_id is not None:
                await asyncio.to_thread(
                    self.client.abort_multipart_upload,
                    Bucket=self.bucket,
                    Key=key,
                    UploadId=upload_id,
                )
            raise

    async def _part(
        self, key: str, upload_id: str, number: int, buffer: bytearray
    ) -> dict[str, Any]:
        body = bytes(buffer[:S3_PART_BYTES])
        answer = await asyncio.to_thread(
            self.client.upload_part,
            Bucket=self.bucket,
            Key=key,
            UploadId=upload_id,
            PartNumber=number,
            Body=body,
        )
        return {"PartNumber": number, "ETag": answer["ETag"]}

    async def delete(self, key: str) -> None:
        await asyncio.to_thread(self.client.delete_object, Bucket=self.bucket, Key=key)

    async def exists(self, key: str) -> bool:
        from botocore.exceptions import ClientError

        try:
            await asyncio.to_thread(self.client.head_object, Bucket=self.bucket, Key=key)
        except ClientError as e:
            if e.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return False
            raise
        return True

    def presigned_url(self, key: str) -> str:
        url: str = self.client.generate_presigned_url(
            "get_object",
            Params={"Bucket": self.bucket, "Key": key},
            ExpiresIn=self.url_ttl_seconds,
        )
        return url
