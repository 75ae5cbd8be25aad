"""Prometheus metrics: requests and latency per GraphQL operation, errors by code, DB pool.

Every label value comes from a bounded set, never from the client's text: a client-chosen
`operationName` as a label would be a new series kept forever per name (issue 14). An
operation is labelled by its name when it is one of the contract's persisted operations, else
by its first root field when the schema has it, else `other`.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

from graphql import (
    DocumentNode,
    FieldNode,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
)
from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import GaugeMetricFamily
from strawberry.extensions import SchemaExtension
from tortoise import Tortoise

from core.errors import registered_error_codes

MAX_LABEL_LENGTH = 64
OTHER = "other"


def operation_label(
    schema: GraphQLSchema | None,
    document: DocumentNode | None,
    operation_name: str | None,
    known_operations: frozenset[str],
) -> str:
    """A label from a bounded set: a known operation's name, a root field's name, or `other`."""
    if operation_name is not None and operation_name in known_operations:
        return operation_name[:MAX_LABEL_LENGTH]
    if schema is None or document is None:
        return OTHER
    for op in document.definitions:
        if not isinstance(op, OperationDefinitionNode):
            continue
        if operation_name is not None and (op.name is None or op.name.value != operation_name):
            continue
        root = schema.get_root_type(op.operation)
        first = next(iter(op.selection_set.selections), None)
        if root is not None and isinstance(first, FieldNode) and first.name.value in root.fields:
            return first.name.value[:MAX_LABEL_LENGTH]
        return OTHER
    return OTHER


class Metrics:
    """One registry per app, so several apps (tests) never collide. `known_operations` are
    the names of the contract's persisted operations (none are recorded yet)."""

    def __init__(self, known_operations: frozenset[str] = frozenset()) -> None:
        self.known_operations = known_operations
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
                name = operation_label(
                    ctx.schema._schema,
                    ctx.graphql_document,
                    ctx.operation_name,
                    metrics.known_operations,
                )
                try:
                    kind = ctx.operation_type.value
                except Exception:
                    kind = "unknown"
                if kind not in _OPERATION_KINDS:
                    kind = "unknown"
                metrics.operations.labels(name, kind).inc()
                metrics.latency.labels(name).observe(time.perf_counter() - started)
                result = ctx.result
                for error in getattr(result, "errors", None) or []:
                    code = (error.extensions or {}).get("code", "INTERNAL")
                    metrics.errors.labels(_known_code(code)).inc()
                for payload in (getattr(result, "data", None) or {}).values():
                    if isinstance(payload, dict):
                        for user_error in payload.get("userErrors") or []:
                            if isinstance(user_error, dict) and "code" in user_error:
                                metrics.errors.labels(_known_code(user_error["code"])).inc()

        return OperationMetrics


_OPERATION_KINDS = frozenset(t.value for t in OperationType)


def _known_code(code: object) -> str:
    return code if isinstance(code, str) and code in registered_error_codes() else OTHER


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


def multiprocess_registry() -> CollectorRegistry:
    """Under several server workers (`PROMETHEUS_MULTIPROC_DIR` set before they start), the
    sum of every worker's samples, read from the files they write there."""
    from prometheus_client import multiprocess

    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    return registry
