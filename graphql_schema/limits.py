"""Limits checked before any resolver runs: depth, aliases, tokens, page sizes and cost.

This is the one check of `first`/`last` (exactly one of them, 0 to 100): connections trust it.
Cost is the number of nodes a query could return: each connection's `first`/`last` (and each
list chosen by a list argument, such as `nodes(ids:)`, its length) times the sizes of the
lists it is nested in, summed over the document. Variables are
resolved, so a query can't hide its size behind `$first`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import ExecutionResult as GraphQLExecutionResult
from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    get_nullable_type,
    value_from_ast_untyped,
)
from strawberry.extensions import SchemaExtension

from core.errors import ErrorCode
from graphql_schema.pagination import MAX_PAGE

MAX_DEPTH = 10
MAX_ALIASES = 15
MAX_TOKENS = 2000


class _TooComplex(Exception):
    pass


class ConnectionCostLimiter(SchemaExtension):
    def __init__(self, *, max_nodes: int) -> None:
        self.max_nodes = max_nodes

    def on_execute(self) -> Iterator[None]:
        ctx = self.execution_context
        document = ctx.graphql_document
        if document is not None and ctx.result is None:
            try:
                self._check(ctx.schema._schema, document, ctx.variables or {}, ctx.operation_name)
            except _TooComplex as e:
                ctx.result = GraphQLExecutionResult(
                    data=None,
                    errors=[
                        GraphQLError(str(e), extensions={"code": ErrorCode.QUERY_TOO_COMPLEX.value})
                    ],
                )
        yield

    def _check(
        self, schema: GraphQLSchema, document: Any, variables: dict[str, Any], name: str | None
    ) -> None:
        fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
        for op in operations:
            if name is not None and (op.name is None or op.name.value != name):
                continue
            root = schema.get_root_type(op.operation)
            if root is None:
                continue
            total = self._walk(schema, root, op.selection_set, 1, variables, fragments, set())
            if total > self.max_nodes:
                raise _TooComplex(
                    f"查询最多可能返回 {total} 个节点，超过上限 {self.max_nodes}，请减小 first/last"
                )

    def _walk(
        self,
        schema: GraphQLSchema,
        parent: Any,
        selection_set: SelectionSetNode | None,
        multiplier: int,
        variables: dict[str, Any],
        fragments: dict[str, FragmentDefinitionNode],
        seen_fragments: set[str],
    ) -> int:
        if selection_set is None:
            return 0
        total = 0
        for sel in selection_set.selections or ():
            if isinstance(sel, FieldNode):
                if not isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
                    continue
                field = parent.fields.get(sel.name.value)
                if field is None:
                    continue
                child_multiplier = multiplier
                if "first" in field.args and "last" in field.args:
                    size = self._page_size(sel, variables)
                    child_multiplier = multiplier * size
                    total += child_multiplier
                elif isinstance(get_nullable_type(field.type), GraphQLList):
                    # a list chosen by a list argument (`nodes(ids:)`): one node per item
                    items = self._list_argument_size(sel, field, variables)
                    if items is not None:
                        child_multiplier = multiplier * max(items, 1)
                        total += child_multiplier
                total += self._walk(
                    schema,
                    get_named_type(field.type),
                    sel.selection_set,
                    child_multiplier,
                    variables,
                    fragments,
                    seen_fragments,
                )
            elif isinstance(sel, InlineFragmentNode):
                target = (
                    schema.get_type(sel.type_condition.name.value) if sel.type_condition else parent
                )
                total += self._walk(
                    schema,
                    target,
                    sel.selection_set,
                    multiplier,
                    variables,
                    fragments,
                    seen_fragments,
                )
            elif isinstance(sel, FragmentSpreadNode):
                frag = fragments.get(sel.name.value)
                if frag is None or sel.name.value in seen_fragments:
                    continue
                target = schema.get_type(frag.type_condition.name.value)
                total += self._walk(
                    schema,
                    target,
                    frag.selection_set,
                    multiplier,
                    variables,
                    fragments,
                    seen_fragments | {sel.name.value},
                )
        return total

    @staticmethod
    def _list_argument_size(
        node: FieldNode, field: GraphQLField, variables: dict[str, Any]
    ) -> int | None:
        """The longest list given to one of the field's list arguments, if it has any."""
        sizes: list[int] = []
        for arg in node.arguments or ():
            definition = field.args.get(arg.name.value)
            if definition is None or not isinstance(
                get_nullable_type(definition.type), GraphQLList
            ):
                continue
            value = arg.value
            given = (
                variables.get(value.name.value)
                if isinstance(value, VariableNode)
                else value_from_ast_untyped(value, variables)
            )
            sizes.append(len(given) if isinstance(given, list) else 1)
        return max(sizes) if sizes else None

    @staticmethod
    def _page_size(node: FieldNode, variables: dict[str, Any]) -> int:
        args: dict[str, Any] = {}
        for arg in node.arguments or ():
            value = arg.value
            args[arg.name.value] = (
                variables.get(value.name.value)
                if isinstance(value, VariableNode)
                else value_from_ast_untyped(value)
            )
        first, last = args.get("first"), args.get("last")
        if (first is None) == (last is None):
            raise _TooComplex(f"连接字段 {node.name.value} 需要提供 first 或 last 中的一个")
        sizes = [v for v in (first, last) if v is not None]
        for size in sizes:
            if not isinstance(size, int) or not 0 <= size <= MAX_PAGE:
                raise _TooComplex(
                    f"连接字段 {node.name.value} 的 first/last 须在 0 到 {MAX_PAGE} 之间"
                )
        return max(max(sizes), 1)


# Root fields that check a password or a secret token: one of them per request, aliases
# included, so one request can't make the server hash fifteen times or probe fifteen phones.
CREDENTIAL_FIELDS = frozenset({"login", "refreshSession", "redeemInvitation"})


class OneCredentialCheck(SchemaExtension):
    def on_execute(self) -> Iterator[None]:
        ctx = self.execution_context
        document = ctx.graphql_document
        if document is not None and ctx.result is None:
            fragments = {
                d.name.value: d
                for d in document.definitions
                if isinstance(d, FragmentDefinitionNode)
            }
            for op in document.definitions:
                if not isinstance(op, OperationDefinitionNode) or (
                    ctx.operation_name is not None
                    and (op.name is None or op.name.value != ctx.operation_name)
                ):
                    continue
                if _credential_fields(op.selection_set, fragments, set()) > 1:
                    ctx.result = GraphQLExecutionResult(
                        data=None,
                        errors=[
                            GraphQLError(
                                "每个请求只能包含一次登录、刷新或邀请码兑换",
                                extensions={"code": ErrorCode.QUERY_TOO_COMPLEX.value},
                            )
                        ],
                    )
                    break
        yield


def _credential_fields(
    selection_set: SelectionSetNode,
    fragments: dict[str, FragmentDefinitionNode],
    seen_fragments: set[str],
) -> int:
    count = 0
    for sel in selection_set.selections or ():
        if isinstance(sel, FieldNode):
            count += sel.name.value in CREDENTIAL_FIELDS
        elif isinstance(sel, InlineFragmentNode):
            count += _credential_fields(sel.selection_set, fragments, seen_fragments)
        elif isinstance(sel, FragmentSpreadNode):
            frag = fragments.get(sel.name.value)
            if frag is not None and sel.name.value not in seen_fragments:
                count += _credential_fields(
                    frag.selection_set, fragments, seen_fragments | {sel.name.value}
                )
    return count
