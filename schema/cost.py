"""Query cost limit: estimate the work of an operation before it is validated or run.

Each selected field, fragment spread and inline fragment costs 1. A field that returns a
Relay connection multiplies the cost of its sub-selection by its page size: the larger of its
``first`` and ``last`` arguments, or the resolvers' default page size when neither is given.
A field with an ``ids`` list argument (``nodes``) multiplies it by the number of ids. A page
size or id list passed in a variable counts its value, else the variable's default.

Each named fragment is costed once and its cost reused at every spread, so a document whose
fragments spread each other many times is costed in time linear in its length. The limiter
passes the limit + 1 as a ceiling: counting stops there, so no estimate grows past it.

The estimate runs before validation. The document may therefore be invalid: unknown fields
count 1 each, spreads of unknown fragments count 1, and a fragment spread inside its own cycle
counts 1 without being followed (validation then reports the cycle). The estimate is reported
in ``extensions.cost``; an operation above ``max_cost`` is rejected with code QUERY_TOO_COSTLY.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
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
    ListValueNode,
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
ID_LIST_ARGUMENTS = frozenset({"ids"})


class QueryCostLimiter(SchemaExtension):
    """Reject an operation whose estimated cost is above ``max_cost`` before it is validated.

    List it before ValidationCache: its error then stops validation, so the depth and alias
    limiters, whose walks grow with every expansion of a fragment, never see a costly document.
    """

    def __init__(self, *, max_cost: int) -> None:
        self.max_cost = max_cost
        self.cost: int | None = None

    def on_validate(self) -> Iterator[None]:
        # The check runs before the yield: strawberry (0.341) runs the code before each
        # extension's yield in list order, and LimitedValidationCache, listed after this one,
        # skips validation once pre_execution_errors is set.
        context = self.execution_context
        document = context.graphql_document
        if document is not None and not context.pre_execution_errors:
            cost = estimate_cost(
                document.definitions,
                context.operation_name,
                context.variables or {},
                context.schema._schema,
                ceiling=self.max_cost + 1,
            )
            if cost <= self.max_cost:
                self.cost = cost
            else:
                locale = getattr(context.context, "locale", DEFAULT_LOCALE)
                context.pre_execution_errors = [
                    GraphQLError(
                        request_message("QUERY_TOO_COSTLY", locale, limit=self.max_cost),
                        extensions={"code": "QUERY_TOO_COSTLY", "limit": self.max_cost},
                    )
                ]
        yield

    def get_results(self) -> dict[str, Any]:
        return {} if self.cost is None else {"cost": self.cost}


@dataclass
class _Walk:
    """Fragments, variables and schema types shared by every step of one estimate.

    ``fragment_costs`` stores each fragment's cost once computed. The cost does not depend on
    where the fragment is spread, because the field that contains the spread applies its own
    page size. ``expanding`` contains the fragments whose cost is being computed, to stop at cycles.
    """

    fragments: Mapping[str, FragmentDefinitionNode]
    variables: Mapping[str, Any]
    schema: GraphQLSchema | None
    ceiling: int | None
    fragment_costs: dict[str, int] = field(default_factory=dict)
    expanding: set[str] = field(default_factory=set)

    def cap(self, cost: int) -> int:
        return cost if self.ceiling is None else min(cost, self.ceiling)


def estimate_cost(
    definitions: Any,
    operation_name: str | None,
    variables: Mapping[str, Any],
    schema: GraphQLSchema | None = None,
    *,
    ceiling: int | None = None,
) -> int:
    """Estimate the cost of the named operation (or the first one).

    With ``ceiling`` the result is ``min(cost, ceiling)``, and counting stops once the ceiling
    is reached. Without ``schema`` no field is known to be a connection, so a page without
    ``first`` or ``last`` counts as one node.
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
    walk = _Walk(fragments, {**defaults, **variables}, schema, ceiling)
    root = schema.get_root_type(operation.operation) if schema is not None else None
    return _selection_cost(operation.selection_set, root, walk)


def _selection_cost(selection_set: SelectionSetNode | None, parent: GraphQLNamedType | None, walk: _Walk) -> int:
    if selection_set is None:
        return 0

    total = 0
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            field_type = _field_type(parent, selection.name.value)
            child = _selection_cost(selection.selection_set, field_type, walk)
            total += 1 + walk.cap(_multiplier(selection, field_type, walk.variables) * child)
        elif isinstance(selection, InlineFragmentNode):
            condition = selection.type_condition
            fragment_type = _named_type(walk, condition.name.value) if condition else parent
            total += 1 + _selection_cost(selection.selection_set, fragment_type, walk)
        elif isinstance(selection, FragmentSpreadNode):
            total += 1 + _fragment_cost(selection.name.value, walk)
        total = walk.cap(total)
        if total == walk.ceiling:
            break
    return total


def _fragment_cost(name: str, walk: _Walk) -> int:
    known = walk.fragment_costs.get(name)
    if known is not None:
        return known
    fragment = walk.fragments.get(name)
    # Validation reports unknown fragments and cycles; here they only end the walk.
    if fragment is None or name in walk.expanding:
        return 0

    walk.expanding.add(name)
    fragment_type = _named_type(walk, fragment.type_condition.name.value)
    cost = _selection_cost(fragment.selection_set, fragment_type, walk)
    walk.expanding.discard(name)
    walk.fragment_costs[name] = cost
    return cost


def _named_type(walk: _Walk, name: str) -> GraphQLNamedType | None:
    return walk.schema.get_type(name) if walk.schema is not None else None


def _field_type(parent: GraphQLNamedType | None, name: str) -> GraphQLNamedType | None:
    if not isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
        return None
    field = parent.fields.get(name)
    return get_named_type(field.type) if field is not None else None


def _is_connection(field_type: GraphQLNamedType | None) -> bool:
    return isinstance(field_type, GraphQLObjectType) and {"edges", "pageInfo"} <= field_type.fields.keys()


def _multiplier(field: FieldNode, field_type: GraphQLNamedType | None, variables: Mapping[str, Any]) -> int:
    """Return how many times the field's sub-selection is resolved: its page size or id count."""
    sizes: list[int] = []
    for argument in field.arguments or ():
        name = argument.name.value
        if name in PAGE_ARGUMENTS and (size := _int_argument(argument.value, variables)) is not None:
            sizes.append(size)
        elif name in ID_LIST_ARGUMENTS:
            sizes.append(_list_length(argument.value, variables))
    if sizes:
        return max(*sizes, 1)
    return DEFAULT_PAGE_SIZE if _is_connection(field_type) else 1


def _int_argument(value: Any, variables: Mapping[str, Any]) -> int | None:
    if isinstance(value, IntValueNode):
        try:
            return int(value.value)
        except ValueError:
            # More digits than Python converts (4300 by default); validation rejects the value
            # anyway because GraphQL's Int is 32-bit.
            return None
    if isinstance(value, VariableNode):
        variable_value = variables.get(value.name.value)
        # bool is an int subclass, but GraphQL rejects true for an Int argument anyway.
        if isinstance(variable_value, int) and not isinstance(variable_value, bool):
            return variable_value
    return None


def _list_length(value: Any, variables: Mapping[str, Any]) -> int:
    """Count the items of a list argument; GraphQL reads a single value as a list of one."""
    if isinstance(value, ListValueNode):
        return len(value.values)
    if isinstance(value, VariableNode):
        variable_value = variables.get(value.name.value)
        return len(variable_value) if isinstance(variable_value, list) else 1
    return 1
