"""Query cost limit: estimate the work of an operation before it runs.

Each selected field costs 1; a field with a ``first`` or ``last`` argument multiplies the
cost of its sub-selection by that page size, because it may return that many nodes.
Fragments are expanded. The estimate is reported in ``extensions.cost``; an operation
above ``max_cost`` is rejected before execution with code QUERY_TOO_COSTLY.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
)
from strawberry.extensions import SchemaExtension

from core.i18n import DEFAULT_LOCALE
from schema.messages import message_for

PAGE_ARGUMENTS = frozenset({"first", "last"})


class QueryCostLimiter(SchemaExtension):
    def __init__(self, *, max_cost: int) -> None:
        self.max_cost = max_cost
        self.cost: int | None = None

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None and context.pre_execution_errors is None:
            self.cost = estimate_cost(document.definitions, context.operation_name, context.variables or {})
            if self.cost > self.max_cost:
                locale = getattr(context.context, "locale", DEFAULT_LOCALE)
                context.pre_execution_errors = [
                    GraphQLError(
                        message_for("QUERY_TOO_COSTLY", locale, cost=self.cost, limit=self.max_cost),
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


def estimate_cost(definitions: Any, operation_name: str | None, variables: Mapping[str, Any]) -> int:
    fragments = {d.name.value: d for d in definitions if isinstance(d, FragmentDefinitionNode)}
    operations = [d for d in definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is not None:
        operations = [op for op in operations if op.name is not None and op.name.value == operation_name]
    if not operations:
        return 0
    return _selection_cost(operations[0].selection_set, fragments, variables, frozenset())


def _selection_cost(
    selection_set: SelectionSetNode | None,
    fragments: Mapping[str, FragmentDefinitionNode],
    variables: Mapping[str, Any],
    visiting: frozenset[str],
) -> int:
    if selection_set is None:
        return 0

    total = 0
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            child = _selection_cost(selection.selection_set, fragments, variables, visiting)
            total += 1 + _page_size(selection, variables) * child
        elif isinstance(selection, InlineFragmentNode):
            total += _selection_cost(selection.selection_set, fragments, variables, visiting)
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            # A fragment cycle is invalid GraphQL; validation reports it, so count it once.
            if name in fragments and name not in visiting:
                total += _selection_cost(fragments[name].selection_set, fragments, variables, visiting | {name})
    return total


def _page_size(field: FieldNode, variables: Mapping[str, Any]) -> int:
    for argument in field.arguments or ():
        if argument.name.value not in PAGE_ARGUMENTS:
            continue
        value = argument.value
        if isinstance(value, IntValueNode):
            return max(int(value.value), 1)
        if isinstance(value, VariableNode):
            given = variables.get(value.name.value)
            if isinstance(given, int):
                return max(given, 1)
    return 1
