"""Uploads through the GraphQL multipart request spec into the local media store, and
`/media/<key>` with range requests. Types and sizes are judged on the bytes; a refused
upload leaves neither a file nor a row."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image

from core.errors import DomainError
from models.accounts import PasswordHashProfile
from models.courses import Course
from models.media import LocalMediaStore, MediaObject, MediaPurpose, store_upload
from models.viewer import load_viewer
from server.settings import Environment, Settings
from tests.client import GraphQLClient
from tests.factories import START, make_world
from tests.helpers import user_errors
from tests.test_courses import CREATE_COURSE, course_input

UPLOAD = """
mutation Upload($input: UploadMediaInput!) {
  uploadMedia(input: $input) {
    media { id url contentType size sha256 purpose }
    userErrors { code field message }
  }
}
"""
MIB = 1024 * 1024


def png_bytes(padding: int = 0) -> bytes:
    """A real PNG, optionally followed by bytes a decoder ignores (to make it large)."""
    out = io.BytesIO()
    Image.new("RGB", (64, 40), (200, 80, 40)).save(out, format="PNG")
    return out.getvalue() + b"\0" * padding


def mp4_bytes(size: int) -> bytes:
    """An ISO base media file header (ftyp, brand isom) and an mdat box filling `size`."""
    ftyp = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isommp41"
    mdat_size = size - len(ftyp)
    return (
        ftyp
        + mdat_size.to_bytes(4, "big")
        + b"mdat"
        + bytes(range(256)) * ((mdat_size - 8) // 256)
        + b"\1" * ((mdat_size - 8) % 256)
    )


async def upload(
    http: httpx.AsyncClient,
    token: str,
    content: bytes,
    *,
    purpose: str = "COVER_IMAGE",
    filename: str = "cover.png",
    claimed_type: str = "image/png",
    idempotency_key: str | None = None,
) -> httpx.Response:
    operations = {"query": UPLOAD, "variables": {"input": {"file": None, "purpose": purpose}}}
    headers = {"Authorization": f"Bearer {token}"}
    if idempotency_key:
        headers["Idempotency-Key"] = idempotency_key
    return await http.post(
        "/graphql",
        data={
            "operations": json.dumps(operations),
            "map": json.dumps({"0": ["variables.input.file"]}),
        },
        files={"0": (filename, content, claimed_type)},
        headers=headers,
    )


def payload(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"]["uploadMedia"]
    return result


def stored_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.fixture
def media_root(tmp_path: Path) -> Path:
    return tmp_path / "media"


@pytest.fixture
def settings(database: str, media_root: Path) -> Settings:
    return Settings(
        environment=Environment.TEST,
        database_url=database,
        secret_key="t" * 40,
        password_hash_profile=PasswordHashProfile.TEST,
        media_dir=media_root,
    )


async def test_a_lecturer_uploads_a_cover_that_is_served_with_ranges(
    http: httpx.AsyncClient, gql: GraphQLClient, media_root: Path
) -> None:
    # given a lecturer and a real PNG
    world = await make_world()
    token = await gql.token(world.lecturer.phone)
    content = png_bytes()

    # when they upload it as a cover, then fetch it whole and in part
    result = payload(await upload(http, token, content))
    url = result["media"]["url"]
    mine = {"Authorization": f"Bearer {token}"}  # nothing links it yet: its uploader's only
    whole = await http.get(url, headers=mine)
    part = await http.get(url, headers={**mine, "Range": "bytes=1-3"})
    past_end = await http.get(url, headers={**mine, "Range": f"bytes={len(content) + 10}-"})
    anonymous = await http.get(url)

    # then the ledger has its type, size and hash, and the app serves it with ranges
    assert user_errors(result) == []
    media = result["media"]
    assert media["contentType"] == "image/png" and media["purpose"] == "COVER_IMAGE"
    assert media["size"] == len(content)
    assert media["sha256"] == hashlib.sha256(content).hexdigest()
    assert url.startswith("/media/covers/2026/11/") and url.endswith(".png")
    row = await MediaObject.get()
    assert (row.owner_id, row.size, row.url) == (world.lecturer.id, len(content), url)
    assert whole.status_code == 200 and whole.content == content
    assert whole.headers["content-type"] == "image/png"
    assert whole.headers["accept-ranges"] == "bytes"
    assert whole.headers["cache-control"] == "private, no-store"
    assert anonymous.status_code == 404
    assert part.status_code == 206 and part.content == content[1:4]
    assert part.headers["content-range"] == f"bytes 1-3/{len(content)}"
    assert past_end.status_code == 416
    assert stored_files(media_root) == [media_root / url.removeprefix("/media/")]


async def test_lesson_media_streams_in_chunks_and_seeks(
    http: httpx.AsyncClient, gql: GraphQLClient, media_root: Path
) -> None:
    # given a district admin and a 9 MB MP4 (several store chunks)
    world = await make_world()
    token = await gql.token(world.district_admin.phone)
    content = mp4_bytes(9 * MIB + 123)

    # when they upload it as lesson media and a player seeks near its end
    result = payload(
        await upload(
            http, token, content, purpose="LESSON_MEDIA", filename="l.mp4", claimed_type="video/mp4"
        )
    )
    tail = await http.get(
        result["media"]["url"], headers={"Range": "bytes=-100", "Authorization": f"Bearer {token}"}
    )

    # then it is stored whole, hashed, and served from the offset asked
    assert user_errors(result) == []
    assert result["media"]["contentType"] == "video/mp4"
    assert result["media"]["size"] == len(content)
    assert result["media"]["sha256"] == hashlib.sha256(content).hexdigest()
    assert tail.status_code == 206 and tail.content == content[-100:]
    assert tail.headers["content-type"] == "video/mp4"


@pytest.mark.parametrize(
    ("purpose", "content", "claimed"),
    [
        ("COVER_IMAGE", b"%PDF-1.4\n" + b"x" * 500, "image/png"),  # a PDF claiming to be a PNG
        ("COVER_IMAGE", mp4_bytes(4096), "image/jpeg"),  # a video as a cover
        ("LESSON_MEDIA", png_bytes(), "video/mp4"),  # an image as lesson media
        ("LESSON_MEDIA", b"<html><script>alert(1)</script></html>", "audio/mpeg"),
    ],
)
async def test_the_type_is_read_from_the_bytes_and_a_refusal_leaves_nothing(
    http: httpx.AsyncClient,
    gql: GraphQLClient,
    media_root: Path,
    purpose: str,
    content: bytes,
    claimed: str,
) -> None:
    # given a lecturer
    world = await make_world()
    token = await gql.token(world.lecturer.phone)

    # when they upload bytes of the wrong type under a type the rule allows
    result = payload(await upload(http, token, content, purpose=purpose, claimed_type=claimed))

    # then it is refused on the file, with no row and no file left
    assert user_errors(result) == [("UNSUPPORTED_MEDIA_TYPE", "file")]
    assert result["media"] is None
    assert await MediaObject.all().count() == 0
    assert stored_files(media_root) == []


async def test_too_large_and_empty_uploads_are_refused_and_leave_nothing(
    http: httpx.AsyncClient, gql: GraphQLClient, media_root: Path
) -> None:
    # given a lecturer, a cover of 5 MB and one byte, and an empty file
    world = await make_world()
    token = await gql.token(world.lecturer.phone)
    base = png_bytes()
    too_large = png_bytes(padding=5 * MIB + 1 - len(base))
    at_limit = png_bytes(padding=5 * MIB - len(base))

    # when each is uploaded (the large one is above the usual 4 MB body limit)
    refused = payload(await upload(http, token, too_large))
    empty = payload(await upload(http, token, b""))
    files_after_refusals = stored_files(media_root)
    accepted = payload(await upload(http, token, at_limit))

    # then the over-limit and empty ones are refused on the file, leaving nothing
    assert user_errors(refused) == [("FILE_TOO_LARGE", "file")]
    assert user_errors(empty) == [("EMPTY_FILE", "file")]
    assert files_after_refusals == []
    assert user_errors(accepted) == [] and accepted["media"]["size"] == 5 * MIB
    assert await MediaObject.all().count() == 1


async def test_a_parent_may_not_upload(
    http: httpx.AsyncClient, gql: GraphQLClient, media_root: Path
) -> None:
    # given a parent
    world = await make_world()
    token = await gql.token(world.parent_a.phone)

    # when they try to upload a cover
    response = await upload(http, token, png_bytes())

    # then the field is forbidden and nothing is stored
    body = response.json()
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await MediaObject.all().count() == 0
    assert stored_files(media_root) == []


async def test_json_bodies_keep_the_usual_limit_while_uploads_get_more(
    http: httpx.AsyncClient, gql: GraphQLClient
) -> None:
    # given a lecturer
    world = await make_world()
    token = await gql.token(world.lecturer.phone)

    # when a JSON request of 5 MB is sent, and an upload of the same size
    big_json = await http.post(
        "/graphql",
        json={"query": "{ apiVersion { featureLevel } }", "variables": {"x": "a" * 5 * MIB}},
        headers={"Authorization": f"Bearer {token}"},
    )
    big_upload = await upload(http, token, mp4_bytes(5 * MIB), purpose="LESSON_MEDIA")
    # a multipart body elsewhere than /graphql keeps the usual limit too
    elsewhere = await http.post(
        "/healthz", files={"0": ("x.bin", b"a" * 5 * MIB, "application/octet-stream")}
    )

    # nor may a stranger, or a request the idempotency layer would hold in memory, send more
    anonymous = await http.post(
        "/graphql",
        data={"operations": "{}", "map": "{}"},
        files={"0": ("a.mp4", mp4_bytes(5 * MIB), "video/mp4")},
    )
    with_key = await upload(
        http, token, mp4_bytes(5 * MIB), purpose="LESSON_MEDIA", idempotency_key="k-1"
    )

    # then the JSON one is refused (413), the upload goes through
    assert big_json.status_code == 413
    assert user_errors(payload(big_upload)) == []
    assert elsewhere.status_code == 413
    assert anonymous.status_code == 413 and with_key.status_code == 413
    assert await MediaObject.all().count() == 1


@pytest.mark.parametrize(
    "path",
    [
        "/media/covers/2026/11/0123456789abcdef0123456789abcdef.png",  # well formed, unknown
        "/media/../var/secret_key",
        "/media/covers/%2e%2e/%2e%2e/secret_key",
        "/media/.incoming/0123456789abcdef0123456789abcdef",
    ],
)
async def test_media_outside_the_store_is_not_found(http: httpx.AsyncClient, path: str) -> None:
    # when a path that is not a stored object is asked for
    response = await http.get(path)

    # then it is not found
    assert response.status_code == 404


async def test_an_uploaded_cover_plugs_into_a_course(
    http: httpx.AsyncClient, gql: GraphQLClient
) -> None:
    # given a lecturer's uploaded cover
    world = await make_world()
    token = await gql.token(world.lecturer.phone)
    url = payload(await upload(http, token, png_bytes()))["media"]["url"]

    # when they create a course with it as the cover
    body = await gql(CREATE_COURSE, {"input": {"course": course_input(coverUrl=url)}}, token=token)

    # then the course takes the URL as is
    created = body["data"]["createCourse"]
    assert user_errors(created) == []
    assert (await Course.get()).cover_url == url


class UndeclaredSource:
    """An upload that does not say how large it is: only the bytes counted can refuse it."""

    def __init__(self, content: bytes) -> None:
        self.stream = io.BytesIO(content)

    async def read(self, size: int = -1) -> bytes:
        return self.stream.read(size)


async def test_an_undeclared_size_is_counted_while_streaming_and_nothing_stays(
    media_root: Path,
) -> None:
    # given a lecturer and a 6 MB cover of undeclared size
    world = await make_world()
    base = png_bytes()

    # when it is stored in the local folder
    with pytest.raises(DomainError) as refused:
        await store_upload(
            viewer=await load_viewer(world.lecturer.id),
            source=UndeclaredSource(png_bytes(padding=6 * MIB - len(base))),
            purpose=MediaPurpose.COVER_IMAGE,
            store=LocalMediaStore(media_root),
            now=START,
        )

    # then it is refused once 5 MB have streamed, and the partial file is gone
    assert [(e.code, e.field) for e in refused.value.errors] == [("FILE_TOO_LARGE", "file")]
    assert stored_files(media_root) == []
    assert await MediaObject.all().count() == 0
