"""The media store as the server sees it: which backend the settings choose, `/media/<key>`
(a local file with HTTP range requests, so a player can seek; or a redirect to a short-lived
presigned URL of the bucket, which answers ranges itself), and the body limit that lets an
upload through without loosening it for every other request.

Who gets the bytes: anyone with the URL once released content links it (a published course,
a released micro-lesson, a replay: `models.courses.is_released_media`), cacheable for good;
otherwise only a signed-in viewer (bearer token, as for /graphql) who may see content that
links it, or who uploaded it, and never stored by a cache. Anyone else: 404, no hint."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from core.clock import Clock
from core.errors import ErrorCode
from models.accounts import active_session_user
from models.courses import is_released_media, media_visible_to
from models.media import (
    MAX_UPLOAD_BYTES,
    URL_PREFIX,
    LocalMediaStore,
    MediaObject,
    MediaStore,
    S3MediaStore,
    is_media_key,
)
from models.viewer import load_viewer
from server.middleware import BodySizeLimitMiddleware
from server.settings import Settings
from server.tokens import TokenIssuer

MULTIPART_OVERHEAD = 1024 * 1024  # the form's other parts (operations, map) and boundaries
MEDIA_TYPES = {
    "jpg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "mp3": "audio/mpeg",
    "m4a": "audio/mp4",
    "mp4": "video/mp4",
}
# keys are random and never reused, so what is behind one never changes
IMMUTABLE = "public, max-age=31536000, immutable"
PRIVATE = "private, no-store"  # content not released: a shared cache must not keep it


def media_store_for(settings: Settings) -> MediaStore:
    if settings.media_backend == "s3":
        if not settings.media_s3_bucket:
            raise ValueError("HOMEROOM_MEDIA_BACKEND=s3 needs HOMEROOM_MEDIA_S3_BUCKET")
        return S3MediaStore.connect(
            bucket=settings.media_s3_bucket,
            endpoint_url=settings.media_s3_endpoint,
            region=settings.media_s3_region,
            access_key_id=settings.media_s3_access_key_id,
            secret_access_key=settings.media_s3_secret_access_key,
            path_style=settings.media_s3_path_style,
        )
    return LocalMediaStore(settings.media_dir)


def media_route(store: MediaStore) -> Route:
    async def serve(request: Request) -> Response:
        key = request.path_params["key"]
        if not is_media_key(key):
            return _not_found()
        cache = await _cache_policy(request, key)
        if cache is None:
            return _not_found()
        if isinstance(store, S3MediaStore):
            return RedirectResponse(
                store.presigned_url(key), status_code=307, headers={"Cache-Control": PRIVATE}
            )
        assert isinstance(store, LocalMediaStore)
        path = store.path_of(key)
        if not path.is_file():
            return _not_found()
        # Starlette's FileResponse answers Range (206, multiple ranges, 416) and If-Range
        return FileResponse(
            path,
            media_type=MEDIA_TYPES.get(key.rsplit(".", 1)[-1], "application/octet-stream"),
            headers={"Cache-Control": cache, "X-Content-Type-Options": "nosniff"},
        )

    return Route("/media/{key:path}", serve, methods=["GET", "HEAD"])


async def _cache_policy(request: Request, key: str) -> str | None:
    """IMMUTABLE for released media, PRIVATE for a viewer who may see it before release,
    None (not found) for anyone else."""
    url = URL_PREFIX + key
    if await is_released_media(url):
        return IMMUTABLE
    claims = request.scope.get("state", {}).get("claims")  # CallerMiddleware's reading
    if claims is None or not await active_session_user(claims.session_id, claims.user_id):
        return None
    viewer = await load_viewer(claims.user_id, claims.session_id)
    if await media_visible_to(viewer, url):
        return PRIVATE
    if await MediaObject.visible_to(viewer).filter(key=key).exists():
        return PRIVATE  # its uploader, before anything links it
    return None


def _not_found() -> Response:
    return JSONResponse({"error": {"code": ErrorCode.NOT_FOUND.value}}, status_code=404)


class UploadAwareBodyLimit:
    """The usual body limit for every request but an upload: a multipart GraphQL request
    with a good access token, which may carry the largest media file the store accepts.
    Without a token (nobody anonymous may upload) or with an Idempotency-Key (that middleware
    holds the body in memory) the usual limit stands, so a stranger cannot make the server
    take in 500 MB before the field's permission refuses it."""

    def __init__(self, app: ASGIApp, *, max_bytes: int, tokens: TokenIssuer, clock: Clock) -> None:
        self.usual = BodySizeLimitMiddleware(app, max_bytes)
        self.upload = BodySizeLimitMiddleware(app, MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD)
        self.tokens = tokens
        self.clock = clock

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        chosen = self.upload if self._is_upload(scope) else self.usual
        await chosen(scope, receive, send)

    def _is_upload(self, scope: Scope) -> bool:
        if scope["type"] != "http" or scope.get("path") != "/graphql" or scope["method"] != "POST":
            return False
        headers = {name: value for name, value in scope.get("headers", ())}
        kind = headers.get(b"content-type", b"").split(b";", 1)[0].strip().lower()
        if kind != b"multipart/form-data" or b"idempotency-key" in headers:
            return False
        auth = headers.get(b"authorization", b"").decode("latin-1")
        if not auth.lower().startswith("bearer "):
            return False
        return self.tokens.verify(auth[7:].strip(), self.clock.now()) is not None
