"""The S3-compatible media store against a local stand-in (moto in server mode, over real
HTTP): uploads through the app, multipart for large objects, `/media/<key>` redirecting to a
presigned URL the bucket answers with ranges, and nothing left after a refusal or failure."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import httpx
import pytest
from moto.server import ThreadedMotoServer

from core.errors import DomainError
from models.accounts import PasswordHashProfile
from models.media import MediaObject, MediaPurpose, S3MediaStore, store_upload
from models.viewer import load_viewer
from server.settings import Environment, Settings
from tests.client import GraphQLClient
from tests.factories import START, make_world
from tests.helpers import user_errors
from tests.test_media import MIB, mp4_bytes, payload, png_bytes, upload

BUCKET = "homeroom-media"


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint: str) -> Iterator[Any]:
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )
    client.create_bucket(Bucket=BUCKET)
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    for part in client.list_multipart_uploads(Bucket=BUCKET).get("Uploads", []):
        client.abort_multipart_upload(Bucket=BUCKET, Key=part["Key"], UploadId=part["UploadId"])
    client.delete_bucket(Bucket=BUCKET)


@pytest.fixture
def settings(database: str, s3_endpoint: str, tmp_path: Path) -> Settings:
    return Settings(
        environment=Environment.TEST,
        database_url=database,
        secret_key="t" * 40,
        password_hash_profile=PasswordHashProfile.TEST,
        media_backend="s3",
        media_dir=tmp_path / "unused",
        media_s3_bucket=BUCKET,
        media_s3_endpoint=s3_endpoint,
        media_s3_region="us-east-1",
        media_s3_access_key_id="test",
        media_s3_secret_access_key="test",
        media_s3_path_style=True,
    )


def store_for(settings: Settings) -> S3MediaStore:
    assert settings.media_s3_bucket is not None
    return S3MediaStore.connect(
        bucket=settings.media_s3_bucket,
        endpoint_url=settings.media_s3_endpoint,
        region=settings.media_s3_region,
        access_key_id="test",
        secret_access_key="test",
        path_style=True,
    )


def keys(client: Any) -> list[str]:
    return [o["Key"] for o in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def pending_multipart(client: Any) -> list[str]:
    return [u["Key"] for u in client.list_multipart_uploads(Bucket=BUCKET).get("Uploads", [])]


async def test_a_large_upload_goes_up_in_parts_and_is_served_through_a_presigned_redirect(
    http: httpx.AsyncClient, gql: GraphQLClient, bucket: Any
) -> None:
    # given a lecturer and a 20 MB MP4 (three parts)
    world = await make_world()
    token = await gql.token(world.lecturer.phone)
    content = mp4_bytes(20 * MIB + 5)

    # when they upload it and a player opens its URL asking for a range
    result = payload(
        await upload(
            http, token, content, purpose="LESSON_MEDIA", filename="a.mp4", claimed_type="video/mp4"
        )
    )
    url = result["media"]["url"]
    redirect = await http.get(url, headers={"Authorization": f"Bearer {token}"})
    anonymous = await http.get(url)  # nothing links it yet: its uploader's only
    async with httpx.AsyncClient() as outside:
        part = await outside.get(redirect.headers["location"], headers={"Range": "bytes=100-199"})

    # then the bucket holds it whole under the ledger's key, and answers the range
    assert user_errors(result) == []
    key = url.removeprefix("/media/")
    assert keys(bucket) == [key] and pending_multipart(bucket) == []
    stored = bucket.get_object(Bucket=BUCKET, Key=key)
    assert stored["ContentType"] == "video/mp4" and stored["ContentLength"] == len(content)
    assert hashlib.sha256(stored["Body"].read()).hexdigest() == result["media"]["sha256"]
    assert (await MediaObject.get()).key == key
    assert redirect.status_code == 307 and anonymous.status_code == 404
    assert redirect.headers["cache-control"] == "private, no-store"  # the URL expires
    assert redirect.headers["location"].startswith("http://127.0.0.1:")
    assert part.status_code == 206 and part.content == content[100:200]


async def test_a_small_cover_is_one_request_and_a_wrong_type_leaves_nothing(
    http: httpx.AsyncClient, gql: GraphQLClient, bucket: Any
) -> None:
    # given a lecturer
    world = await make_world()
    token = await gql.token(world.lecturer.phone)

    # when they upload a PNG cover, and a text file claiming to be one
    good = payload(await upload(http, token, png_bytes()))
    bad = payload(await upload(http, token, b"just text, not an image" * 50))

    # then only the PNG is stored and recorded
    assert user_errors(good) == []
    assert user_errors(bad) == [("UNSUPPORTED_MEDIA_TYPE", "file")]
    assert keys(bucket) == [good["media"]["url"].removeprefix("/media/")]
    assert await MediaObject.all().count() == 1


class DroppingSource:
    """An upload whose connection drops after `fail_after` bytes."""

    def __init__(self, content: bytes, fail_after: int) -> None:
        self.stream = io.BytesIO(content)
        self.fail_after = fail_after

    async def read(self, size: int = -1) -> bytes:
        if self.stream.tell() >= self.fail_after:
            raise ConnectionResetError("client went away")
        return self.stream.read(size)


class Source:
    """An upload that does not declare its size: only the bytes counted can refuse it."""

    def __init__(self, content: bytes) -> None:
        self.stream = io.BytesIO(content)

    async def read(self, size: int = -1) -> bytes:
        return self.stream.read(size)


async def test_a_dropped_upload_aborts_its_parts_and_records_nothing(
    settings: Settings, bucket: Any
) -> None:
    # given a lecturer whose 30 MB upload drops after 17 MB (two parts sent)
    world = await make_world()
    viewer = await load_viewer(world.lecturer.id)

    # when it is stored
    with pytest.raises(ConnectionResetError):
        await store_upload(
            viewer=viewer,
            source=DroppingSource(mp4_bytes(30 * MIB), fail_after=17 * MIB),
            purpose=MediaPurpose.LESSON_MEDIA,
            store=store_for(settings),
            now=START,
        )

    # then no object, no pending multipart upload, no row
    assert keys(bucket) == [] and pending_multipart(bucket) == []
    assert await MediaObject.all().count() == 0


async def test_an_undeclared_size_is_counted_on_the_bytes(settings: Settings, bucket: Any) -> None:
    # given a lecturer and a 6 MB cover that does not say how large it is
    world = await make_world()
    viewer = await load_viewer(world.lecturer.id)
    base = png_bytes()

    # when it is stored
    with pytest.raises(DomainError) as refused:
        await store_upload(
            viewer=viewer,
            source=Source(png_bytes(padding=6 * MIB - len(base))),
            purpose=MediaPurpose.COVER_IMAGE,
            store=store_for(settings),
            now=START,
        )

    # then it is refused while streaming, leaving nothing
    assert [(e.code, e.field) for e in refused.value.errors] == [("FILE_TOO_LARGE", "file")]
    assert keys(bucket) == [] and pending_multipart(bucket) == []
    assert await MediaObject.all().count() == 0
