"""The executor: graphql-core's, with two short ways for the fields a page answers by the
hundred (a feed page resolves ~290 fields; per field, graphql-core's and Strawberry's wrappers
cost more than the answer).

- A field without a resolver of its own (Strawberry's "basic" field: no resolver, permission
  or extension) that returns a scalar or an enum is answered by reading the attribute and
  coercing it, as graphql-core would, without building its resolve info; so is a scalar
  field answered ahead (below).
- A field whose resolver is a plain function (no permission, no extension, no arguments)
  answers with what the object's page read ahead for it (`READ_AHEAD`, by the field's Python
  name; `graphql_schema.node.ModelNode.read_ahead`), without Strawberry's resolver wrapper.
  Without such an answer the resolver runs as usual.

Anything else, and any value that is not plain (null, an awaitable, a value that fails to
coerce), goes the ordinary way, so errors, nulls and every resolver behave as graphql-core and
Strawberry have them; a field with a permission is never answered ahead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
)
from graphql.pyutils import Undefined
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.field import StrawberryField

READ_AHEAD = "_read_ahead"  # an object's answers read ahead, by the field's Python name

# (object type's name, field's name) → (attribute or read-ahead name, leaf type, read ahead?)
PlainLeaves = dict[tuple[str, str], tuple[str, GraphQLScalarType | GraphQLEnumType, bool]]


def _fields(schema: GraphQLSchema) -> list[tuple[GraphQLObjectType, str, GraphQLField]]:
    return [
        (type_, name, field)
        for type_ in schema.type_map.values()
        if isinstance(type_, GraphQLObjectType) and not type_.name.startswith("__")
        for name, field in type_.fields.items()
    ]


def _plain_definition(field: GraphQLField) -> StrawberryField | None:
    """The Strawberry field behind `field` when nothing but its resolver stands in between."""
    definition = field.extensions.get(GraphQLCoreConverter.DEFINITION_BACKREF)
    if isinstance(definition, StrawberryField) and not definition.extensions and not field.args:
        return definition
    return None


def plain_leaves(schema: GraphQLSchema) -> PlainLeaves:
    """Every field of an object type that returns a scalar or enum and either reads an
    attribute or has a plain resolver (then its answer may have been read ahead)."""
    found: PlainLeaves = {}
    for type_, name, field in _fields(schema):
        definition = _plain_definition(field)
        leaf = field.type.of_type if isinstance(field.type, GraphQLNonNull) else field.type
        if definition is None or not isinstance(leaf, GraphQLScalarType | GraphQLEnumType):
            continue
        if definition.base_resolver is not None:
            found[type_.name, name] = (definition.python_name, leaf, True)
        elif getattr(field.resolve, "_is_default", False):
            found[type_.name, name] = (definition.python_name, leaf, False)
    return found


def _answer_read_ahead(resolve: Callable[..., Any], name: str) -> Callable[..., Any]:
    def resolver(source: Any, info: Any, **arguments: Any) -> Any:
        read = getattr(source, "__dict__", {}).get(READ_AHEAD)
        if read is not None and name in read:
            return read[name]
        return resolve(source, info, **arguments)

    resolver.answers_read_ahead = True  # type: ignore[attr-defined]
    return resolver


def answer_read_ahead(schema: GraphQLSchema) -> None:
    """Lets every plain resolver field answer with what its object's page read ahead."""
    for _, _, field in _fields(schema):
        definition = _plain_definition(field)
        if definition is None or definition.base_resolver is None or field.resolve is None:
            continue
        if not getattr(field.resolve, "answers_read_ahead", False):
            field.resolve = _answer_read_ahead(field.resolve, definition.python_name)


def execution_context_for(schema: GraphQLSchema) -> type[StrawberryGraphQLCoreExecutionContext]:
    """The executor class for `schema`, its plain leaves found once."""
    leaves = plain_leaves(schema)
    answer_read_ahead(schema)

    class HomeroomExecutionContext(StrawberryGraphQLCoreExecutionContext):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            # graphql-core middleware would wrap every resolver (Strawberry passes none)
            manager = self.middleware_manager
            self._short_ways = manager is None or not manager.middlewares

        def execute_field(
            self,
            parent_type: GraphQLObjectType,
            source: Any,
            field_details_list: Any,
            path: Any,
            position_context: Any,
        ) -> Any:
            plain = leaves.get((parent_type.name, field_details_list[0].node.name.value))
            if plain is not None and self._short_ways:
                name, leaf, read_ahead = plain
                if read_ahead:
                    value = getattr(source, "__dict__", {}).get(READ_AHEAD, {}).get(name)
                else:
                    value = getattr(source, name, None)
                if value is not None and not self.is_awaitable(value):
                    try:
                        coerced = leaf.coerce_output_value(value)
                    except Exception:  # the ordinary way below reports it
                        coerced = None
                    if coerced is not None and coerced is not Undefined:
                        return coerced
            return super().execute_field(
                parent_type, source, field_details_list, path, position_context
            )

    return HomeroomExecutionContext
