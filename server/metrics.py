"""Prometheus metrics: requests and latency per GraphQL operation, errors by code, DB pool."""

from __future__ import annotations

import time
from collections.abc import Iterator

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import GaugeMetricFamily
from strawberry.extensions import SchemaExtension
from tortoise import Tortoise


class Metrics:
    """One registry per app, so several apps (tests) never collide."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.operations = Counter(
            "homeroom_graphql_operations_total",
            "GraphQL operations by name and type",
            ["operation", "type"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "homeroom_graphql_operation_seconds",
            "GraphQL operation latency",
            ["operation"],
            registry=self.registry,
        )
        self.errors = Counter(
            "homeroom_graphql_errors_total",
            "GraphQL errors and user errors by code",
            ["code"],
            registry=self.registry,
        )
        self.http = Counter(
            "homeroom_http_requests_total",
            "HTTP requests by path and status",
            ["path", "status"],
            registry=self.registry,
        )
        self.registry.register(_DatabasePoolCollector())

    def extension(self) -> type[SchemaExtension]:
        metrics = self

        class OperationMetrics(SchemaExtension):
            def on_operation(self) -> Iterator[None]:
                started = time.perf_counter()
                yield
                ctx = self.execution_context
                name = ctx.operation_name or "anonymous"
                try:
                    kind = ctx.operation_type.value
                except Exception:
                    kind = "unknown"
                metrics.operations.labels(name, kind).inc()
                metrics.latency.labels(name).observe(time.perf_counter() - started)
                result = ctx.result
                for error in getattr(result, "errors", None) or []:
                    code = (error.extensions or {}).get("code", "INTERNAL")
                    metrics.errors.labels(code).inc()
                for payload in (getattr(result, "data", None) or {}).values():
                    if isinstance(payload, dict):
                        for user_error in payload.get("userErrors") or []:
                            if isinstance(user_error, dict) and "code" in user_error:
                                metrics.errors.labels(user_error["code"]).inc()

        return OperationMetrics


class _DatabasePoolCollector:
    """Reads the asyncpg pool's size at scrape time; SQLite has no pool to report."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        size = GaugeMetricFamily("homeroom_db_pool_size", "Open connections in the pool")
        idle = GaugeMetricFamily("homeroom_db_pool_idle", "Idle connections in the pool")
        try:
            pool = getattr(Tortoise.get_connection("default"), "_pool", None)
        except Exception:
            pool = None
        if pool is not None and hasattr(pool, "get_size"):
            size.add_metric([], pool.get_size())
            idle.add_metric([], pool.get_idle_size())
        yield size
        yield idle
