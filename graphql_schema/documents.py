"""Parsed and validated documents kept by their text, so that the app's few queries are not
parsed and validated again on every request (a quarter of a small query's cost).

Only documents that passed every validation rule are kept, and those rules are the same for
every request: the depth and alias limits and (in production) no introspection are made once
here, with the schema, instead of once per request. The token limit is a parse option
(`MaxTokensLimiter`), and the limits that depend on variables (page sizes, cost) run on every
request in `graphql_schema.limits`. A document that fails is parsed and validated again each
time it comes, so its errors are always fresh.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator, Sequence
from threading import Lock

from graphql import ASTValidationRule, DocumentNode
from strawberry.extensions import SchemaExtension

DEFAULT_SIZE = 512


class KnownDocuments:
    """A bounded LRU of valid documents by query text (the text is the whole key: one schema
    and one set of rules per cache)."""

    def __init__(self, size: int = DEFAULT_SIZE) -> None:
        self.size = size
        self._documents: OrderedDict[str, DocumentNode] = OrderedDict()
        self._lock = Lock()  # sync resolvers run on threads, and so may a schema

    def get(self, text: str) -> DocumentNode | None:
        with self._lock:
            document = self._documents.get(text)
            if document is not None:
                self._documents.move_to_end(text)
            return document

    def add(self, text: str, document: DocumentNode) -> None:
        with self._lock:
            self._documents[text] = document
            self._documents.move_to_end(text)
            while len(self._documents) > self.size:
                self._documents.popitem(last=False)

    def __len__(self) -> int:
        return len(self._documents)


def cached_documents(
    known: KnownDocuments, rules: Sequence[type[ASTValidationRule]]
) -> type[SchemaExtension]:
    """The extension (a factory: one instance per request) that adds `rules` to validation
    and serves known documents without parsing or validating them again."""
    fixed_rules = tuple(rules)

    class CachedDocuments(SchemaExtension):
        known_document = False

        def on_operation(self) -> Iterator[None]:
            ctx = self.execution_context
            ctx.validation_rules = (*ctx.validation_rules, *fixed_rules)
            yield

        def on_parse(self) -> Iterator[None]:
            ctx = self.execution_context
            if ctx.query and ctx.graphql_document is None:
                document = known.get(ctx.query)
                if document is not None:
                    ctx.graphql_document = document
                    self.known_document = True
            yield

        def on_validate(self) -> Iterator[None]:
            ctx = self.execution_context
            if self.known_document:
                ctx.pre_execution_errors = []  # validated when it was first seen
            yield
            if (
                not self.known_document
                and ctx.pre_execution_errors == []
                and ctx.query
                and ctx.graphql_document is not None
            ):
                known.add(ctx.query, ctx.graphql_document)

    return CachedDocuments
