"""Query cost limit: estimate the work of an operation before it runs.

Each selected field costs 1. A field that returns a Relay connection multiplies the cost of
its sub-selection by its page size: the larger of its ``first`` and ``last`` arguments, or
the resolvers' default page size when neither is given. A page size passed in a variable
counts its value, else the variable's default. Fragments are expanded. The estimate is
reported in ``extensions.cost``; an operation above ``max_cost`` is rejected before
execution with code QUERY_TOO_COSTLY.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    value_from_ast_untyped,
)
from strawberry.extensions import SchemaExtension

from core.i18n import DEFAULT_LOCALE
from resolvers.pagination import DEFAULT_PAGE_SIZE
from schema.messages import request_message

PAGE_ARGUMENTS = frozenset({"first", "last"})


class QueryCostLimiter(SchemaExtension):
    def __init__(self, *, max_cost: int) -> None:
        self.max_cost = max_cost
        self.cost: int | None = None

    def on_validate(self) -> Iterator[None]:
        # The check runs before the yield because strawberry (0.341) acts on pre_execution_errors
        # before it resumes extensions. ValidationCache, listed earlier, has validated by then and
        # left an empty list, or the errors of an invalid document, which is then not costed.
        context = self.execution_context
        document = context.graphql_document
        if document is not None and not context.pre_execution_errors:
            self.cost = estimate_cost(
                document.definitions, context.operation_name, context.variables or {}, context.schema._schema
            )
            if self.cost > self.max_cost:
                locale = getattr(context.context, "locale", DEFAULT_LOCALE)
                context.pre_execution_errors = [
                    GraphQLError(
                        request_message("QUERY_TOO_COSTLY", locale, cost=self.cost, limit=self.max_cost),
                        extensions={
                            "code": "QUERY_TOO_COSTLY",
                            "cost": self.cost,
                            "limit": self.max_cost,
                        },
                    )
                ]
        yield

    def get_results(self) -> dict[str, Any]:
        return {} if self.cost is None else {"cost": self.cost}


@dataclass(frozen=True)
class _Walk:
    """Fragments, variables and schema types shared by every step of one estimate."""

    fragments: Mapping[str, FragmentDefinitionNode]
    variables: Mapping[str, Any]
    schema: GraphQLSchema | None


def estimate_cost(
    definitions: Any,
    operation_name: str | None,
    variables: Mapping[str, Any],
    schema: GraphQLSchema | None = None,
) -> int:
    """Estimate the cost of the named operation (or the first one).

    Without ``schema`` no field is known to be a connection, so a page without ``first`` or
    ``last`` counts as one node.
    """
    fragments = {d.name.value: d for d in definitions if isinstance(d, FragmentDefinitionNode)}
    operations = [d for d in definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is not None:
        operations = [op for op in operations if op.name is not None and op.name.value == operation_name]
    if not operations:
        return 0

    operation = operations[0]
    defaults = {
        definition.variable.name.value: value_from_ast_untyped(definition.default_value)
        for definition in operation.variable_definitions or ()
        if definition.default_value is not None
    }
    walk = _Walk(fragments, {**defaults, **variables}, schema)
    root = schema.get_root_type(operation.operation) if schema is not None else None
    return _selection_cost(operation.selection_set, root, walk, frozenset())


def _selection_cost(
    selection_set: SelectionSetNode | None,
    parent: GraphQLNamedType | None,
    walk: _Walk,
    visiting: frozenset[str],
) -> int:
    if selection_set is None:
        return 0

    total = 0
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            field_type = _field_type(parent, selection.name.value)
            child = _selection_cost(selection.selection_set, field_type, walk, visiting)
            total += 1 + _page_size(selection, field_type, walk.variables) * child
        elif isinstance(selection, InlineFragmentNode):
            condition = selection.type_condition
            fragment_type = _named_type(walk, condition.name.value) if condition else parent
            total += _selection_cost(selection.selection_set, fragment_type, walk, visiting)
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            # A fragment cycle is invalid GraphQL; validation reports it, so count it once.
            if name in walk.fragments and name not in visiting:
                fragment = walk.fragments[name]
                fragment_type = _named_type(walk, fragment.type_condition.name.value)
                total += _selection_cost(fragment.selection_set, fragment_type, walk, visiting | {name})
    return total


def _named_type(walk: _Walk, name: str) -> GraphQLNamedType | None:
    return walk.schema.get_type(name) if walk.schema is not None else None


def _field_type(parent: GraphQLNamedType | None, name: str) -> GraphQLNamedType | None:
    if not isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
        return None
    field = parent.fields.get(name)
    return get_named_type(field.type) if field is not None else None


def _is_connection(field_type: GraphQLNamedType | None) -> bool:
    return isinstance(field_type, GraphQLObjectType) and {"edges", "pageInfo"} <= field_type.fields.keys()


def _page_size(field: FieldNode, field_type: GraphQLNamedType | None, variables: Mapping[str, Any]) -> int:
    sizes = [
        size
        for argument in field.arguments or ()
        if argument.name.value in PAGE_ARGUMENTS and (size := _int_argument(argument.value, variables)) is not None
    ]
    if sizes:
        return max(*sizes, 1)
    return DEFAULT_PAGE_SIZE if _is_connection(field_type) else 1


def _int_argument(value: Any, variables: Mapping[str, Any]) -> int | None:
    if isinstance(value, IntValueNode):
        return int(value.value)
    if isinstance(value, VariableNode):
        given = variables.get(value.name.value)
        # bool is an int subclass, but GraphQL rejects true for an Int argument anyway.
        if isinstance(given, int) and not isinstance(given, bool):
            return given
    return None
