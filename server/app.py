"""The Starlette app factory: lifespan, /graphql, /healthz, /metrics."""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, nullcontext
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, WebSocketRoute
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types.unset import UNSET, UnsetType
from tortoise import Tortoise

from core.clock import Clock, SystemClock
from core.errors import ErrorCode
from graphql_schema.context import ApiVersion, Context, Policies
from graphql_schema.schema import build_schema
from mobile_contract import load_contract
from models.accounts import use_password_hash_profile
from models.viewer import ANONYMOUS, Viewer, load_session_viewer
from notifications.live import LiveEvents, live_events_for
from server.calendar_feeds import calendar_feed_endpoint
from server.db import close_db, init_db, pending_migrations
from server.faults import FaultBarrier
from server.heap import settled_heap
from server.logs import request_id_var
from server.media_routes import UploadAwareBodyLimit, media_route, media_store_for
from server.metrics import Metrics, multiprocess_registry
from server.middleware import (
    AppVersionMiddleware,
    CallerMiddleware,
    IdempotencyMiddleware,
    RateLimitMiddleware,
    RateLimits,
    RequestContextMiddleware,
)
from server.settings import Environment, Settings
from server.sockets import SessionBoundHandler
from server.tokens import AccessClaims, TokenIssuer
from server.workers import BackgroundWorker

log = logging.getLogger("homeroom.graphql")
MAX_BODY_BYTES = 4 * 1024 * 1024  # a 2 MB roster CSV, escaped in JSON, fits


class HomeroomGraphQL(GraphQL[Context, None]):
    # sockets obey their session and the rate limits (server/sockets.py)
    graphql_transport_ws_handler_class = SessionBoundHandler

    def __init__(
        self,
        *,
        settings: Settings,
        clock: Clock,
        tokens: TokenIssuer,
        metrics: Metrics,
        live: LiveEvents,
        rate_limits: RateLimits,
    ) -> None:
        schema = build_schema(
            production=settings.is_production,
            max_query_nodes=settings.max_query_nodes,
            extra_extensions=[metrics.extension()],
        )
        super().__init__(
            schema,
            graphql_ide="graphiql" if settings.environment == Environment.DEVELOPMENT else None,
            allow_queries_via_get=False,
            # graphql-transport-ws only: the legacy graphql-ws protocol would bypass the above
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            # uploads (GraphQL multipart request spec); bearer tokens, no cookies: no CSRF
            multipart_uploads_enabled=True,
        )
        self.media = media_store_for(settings)
        self.rate_limits = rate_limits
        self.session_check_seconds = settings.ws_session_check_seconds
        self.settings = settings
        self.clock = clock
        self.tokens = tokens
        self.live = live
        contract = load_contract()
        self.api = ApiVersion(
            feature_level=contract.feature_level, minimum_app_version=contract.minimum_app_version
        )
        self.policies = Policies(
            privacy_policy_version=settings.privacy_policy_version,
            child_consent_version=settings.child_consent_version,
        )

    async def _viewer_for(self, claims: AccessClaims | None) -> Viewer:
        # A revoked session (logout, reuse detection) stops its access token at once.
        if claims is None:
            return ANONYMOUS
        viewer = await load_session_viewer(claims.user_id, claims.session_id)
        return viewer or ANONYMOUS

    async def get_context(self, request: Any, response: Any) -> Context:
        viewer = await self._viewer_for(request.scope.get("state", {}).get("claims"))
        return Context(
            viewer=viewer,
            clock=self.clock,
            tokens=self.tokens,
            policies=self.policies,
            api=self.api,
            live=self.live,
            request=request,
            response=response,
            request_id=request_id_var.get(),
            signing_key=lambda: self.settings.signing_key,
            media=self.media,
        )

    def socket_claims(self, context: Context) -> AccessClaims | None:
        """A websocket authenticates in `connection_init`: {"authorization": "Bearer …"}."""
        params = context.connection_params or {}
        raw = str(params.get("authorization") or params.get("Authorization") or "")
        token = raw[7:].strip() if raw.lower().startswith("bearer ") else raw.strip()
        return self.tokens.verify(token, self.clock.now()) if token else None

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:
        viewer = await self._viewer_for(self.socket_claims(context))
        if not viewer.is_authenticated:
            raise ConnectionRejectionError({"code": ErrorCode.UNAUTHENTICATED.value})
        context.switch_viewer(viewer)
        return UNSET


def healthz_endpoint(db_url: str) -> Any:
    """503 while the database is down or has migrations pending (they are listed): a server
    on an unmigrated database would fail every request that touches a table."""

    async def healthz(request: Request) -> Response:
        try:
            await Tortoise.get_connection("default").execute_query("SELECT 1")
            pending = await pending_migrations(db_url)
        except Exception as e:
            return JSONResponse(
                {"status": "unavailable", "database": type(e).__name__}, status_code=503
            )
        if pending:
            return JSONResponse(
                {"status": "unavailable", "database": "migrations pending", "pending": pending},
                status_code=503,
            )
        return JSONResponse({"status": "ok", "database": "ok"})

    return healthz


def create_app(
    settings: Settings | None = None, *, clock: Clock | None = None, manage_database: bool = True
) -> Any:
    settings = settings or Settings()
    use_password_hash_profile(settings.password_hash_profile)
    clock = clock or SystemClock()
    tokens = TokenIssuer(settings.signing_key)
    metrics = Metrics()
    live = live_events_for(settings.live_events, settings.db_url)
    rate_limits = RateLimits(
        storage_uri=settings.rate_limit_storage,
        per_ip=settings.rate_limit_per_ip,
        per_account=settings.rate_limit_per_account,
    )
    graphql = HomeroomGraphQL(
        settings=settings,
        clock=clock,
        tokens=tokens,
        metrics=metrics,
        live=live,
        rate_limits=rate_limits,
    )

    # under `serve --workers N` (PROMETHEUS_MULTIPROC_DIR set) a public /metrics sums the workers
    registry = multiprocess_registry() if os.environ.get("PROMETHEUS_MULTIPROC_DIR") else None

    async def metrics_endpoint(request: Request) -> Response:
        return Response(
            generate_latest(registry or metrics.registry), media_type=CONTENT_TYPE_LATEST
        )

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if manage_database:
            await init_db(settings.db_url)
        await live.start()
        worker = None  # the push dispatcher and the job runner
        if manage_database and settings.embedded_dispatcher:
            worker = BackgroundWorker(clock=clock, live=live)
            worker.start()
        # only in a process serving this one app (tests build many apps, databases their own)
        heap = settled_heap() if manage_database else nullcontext()
        try:
            with heap:
                yield
        finally:
            if worker is not None:
                await worker.stop()
            await live.stop()
            if manage_database:
                await close_db()

    routes = [
        Route("/graphql", FaultBarrier(graphql), methods=["GET", "POST"]),
        WebSocketRoute("/graphql", graphql),
        Route("/healthz", healthz_endpoint(settings.db_url)),
        Route("/calendar/home-visits/{token}.ics", calendar_feed_endpoint(clock)),
        media_route(graphql.media),
    ]
    if settings.serves_metrics_publicly:
        routes.append(Route("/metrics", metrics_endpoint))
    app = Starlette(routes=routes, lifespan=lifespan)
    stack: Any = IdempotencyMiddleware(app, clock, settings.signing_key)
    stack = RateLimitMiddleware(stack, rate_limits)
    stack = AppVersionMiddleware(stack, load_contract().minimum_app_version)
    stack = CallerMiddleware(stack, tokens, clock)
    # uploads (multipart, signed in) may be larger
    stack = UploadAwareBodyLimit(stack, max_bytes=MAX_BODY_BYTES, tokens=tokens, clock=clock)
    stack = FaultBarrier(stack)  # every failure a typed JSON answer, inside the access log
    stack = RequestContextMiddleware(stack, metrics)
    stack.starlette = app  # the lifespan lives on the inner app; ASGI servers pass it through
    # For `serve` with HOMEROOM_METRICS_PORT: /metrics alone, for a listener of its own.
    stack.metrics_app = Starlette(routes=[Route("/metrics", metrics_endpoint)])
    return stack
