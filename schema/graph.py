"""The hub's GraphQL schema: root query, mutation and the safety extensions."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable, Iterator
from functools import partial
from typing import NamedTuple

import strawberry
from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLSyntaxError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    validate,
)
from graphql.validation import KnownFragmentNamesRule, NoFragmentCyclesRule, NoSchemaIntrospectionCustomRule
from strawberry import relay
from strawberry.extensions import (
    AddValidationRules,
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)
from strawberry.relay.types import InvalidGlobalIDError
from strawberry.schema.config import StrawberryConfig
from strawberry.schema.exceptions import CannotGetOperationTypeError
from strawberry.types import ExecutionContext
from strawberry.utils.await_maybe import await_maybe as maybe_await

from core.settings import Settings
from resolvers.context import Info
from schema.accounts.types import AccountType
from schema.approvals.mutations import ApprovalMutations
from schema.approvals.queries import ApprovalQueries
from schema.approvals.types import ApplicationType
from schema.calendar.fields import CalendarMutations, CalendarQueries
from schema.cost import QueryCostLimiter
from schema.households.fields import HouseholdQueries
from schema.households.types import HouseholdType, MemberType
from schema.messages import MASKED_ERROR_MESSAGE, request_message
from schema.permissions import ALL_USER_ROLES, allow, roles_note
from schema.regions.fields import RegionQueries
from schema.regions.types import RegionType
from schema.scalars import SCALAR_MAP

logger = logging.getLogger(__name__)


@strawberry.type
class Query(ApprovalQueries, HouseholdQueries, RegionQueries, CalendarQueries):
    @strawberry.field(
        description="Fetch any object by its global ID; null when it does not exist or is not visible."
        + roles_note(ALL_USER_ROLES),
        permission_classes=[allow(ALL_USER_ROLES)],
    )
    async def node(self, info: Info, id: relay.GlobalID) -> relay.Node | None:
        return await _resolve_node(info, id)

    @strawberry.field(
        description="Fetch objects by global IDs, in the order given; null for each one not visible. "
        "At most the maximum page size (100 by default) of IDs per call; more is an error with code "
        "TOO_MANY_IDS." + roles_note(ALL_USER_ROLES),
        permission_classes=[allow(ALL_USER_ROLES)],
    )
    async def nodes(self, info: Info, ids: list[relay.GlobalID]) -> list[relay.Node | None]:
        limit = info.context.settings.max_page_size
        if len(ids) > limit:
            raise GraphQLError(
                request_message("TOO_MANY_IDS", info.context.locale, field="ids", count=len(ids), limit=limit),
                extensions={"code": "TOO_MANY_IDS", "count": len(ids), "limit": limit},
            )
        # Each lookup goes through the type's data loader, so the ids batch per type.
        return list(await asyncio.gather(*(_resolve_node(info, global_id) for global_id in ids)))

    @strawberry.field(
        description="The calling account." + roles_note(ALL_USER_ROLES),
        permission_classes=[allow(ALL_USER_ROLES)],
    )
    async def me(self, info: Info) -> AccountType | None:
        actor = info.context.actor
        if actor is None:
            return None
        account = await info.context.loaders.accounts_by_id.load(actor.account_id)
        return AccountType.from_model(account) if account else None


async def _resolve_node(info: Info, global_id: relay.GlobalID) -> relay.Node | None:
    """Resolve one global ID; an unknown type name yields null like a missing record."""
    try:
        node_type = global_id.resolve_type(info)
    except (KeyError, ValueError, TypeError):
        return None
    nodes = await maybe_await(node_type.resolve_nodes(info=info, node_ids=[global_id.node_id], required=False))
    return next(iter(nodes), None)


@strawberry.type
class Mutation(ApprovalMutations, CalendarMutations):
    pass


class OperationNameRequiredError(CannotGetOperationTypeError):
    """A document with several operations arrived without an operation name.

    Subclassing CannotGetOperationTypeError lets it pass through strawberry's (0.341) execute,
    whose view turns it into an HTTP 400 before any operation runs.
    """

    def __init__(self, operation_names: list[str]) -> None:
        super().__init__(None)
        self.operation_names = operation_names

    def as_http_error_reason(self) -> str:
        names = ", ".join(self.operation_names)
        return f"The document contains {len(self.operation_names)} operations ({names}); operationName must name one."


class OperationNameCheck(SchemaExtension):
    """Reject a document with several operations when the request names none of them.

    The GraphQL specification makes this a request error, but strawberry (0.341) falls back to
    the document's first operation and runs it. The check runs right after parsing, so it
    comes before strawberry's check of the operation type against the HTTP method.
    """

    def on_parse(self) -> Iterator[None]:
        yield
        context = self.execution_context
        document = context.graphql_document
        # NOTE: strawberry 0.341 keeps the request's operation name only in this private
        # attribute; its public operation_name falls back to the first operation's name.
        if document is None or context._provided_operation_name is not None:
            return
        operations = [node for node in document.definitions if isinstance(node, OperationDefinitionNode)]
        if len(operations) > 1:
            raise OperationNameRequiredError([node.name.value if node.name else "anonymous" for node in operations])


# Maximum length of a chain of fragment spreads. strawberry's QueryDepthLimiter (0.341) recurses
# once per spread: in tests a chain of 240 overflowed Python's default recursion limit of 1000.
MAX_FRAGMENT_NESTING = 100


class FragmentCheck(SchemaExtension):
    """Reject, before validation, the fragments that would crash strawberry's depth limiter.

    QueryDepthLimiter (strawberry 0.341) raises KeyError on a spread of an unknown fragment, and
    a long chain of spreads overflows its stack. Either would end as an internal error. This
    check reports a chain longer than MAX_FRAGMENT_NESTING, then unknown fragments and fragment
    cycles with graphql-core's own rules. The chain length is exact only without cycles, so a
    document with a cycle must fail here too.
    """

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None and not context.pre_execution_errors:
            # graphql-core's validate aborts on a long chain itself, so the nesting is checked first.
            if fragment_nesting_exceeds(document, MAX_FRAGMENT_NESTING):
                message = f"Fragment spreads are nested more than {MAX_FRAGMENT_NESTING} levels deep."
                context.pre_execution_errors = [GraphQLError(message)]
            else:
                errors = validate(context.schema._schema, document, [KnownFragmentNamesRule, NoFragmentCyclesRule])
                if errors:
                    context.pre_execution_errors = errors
        yield


class _NestingExceededError(Exception):
    pass


def fragment_nesting_exceeds(document: DocumentNode, limit: int) -> bool:
    """Tell whether any chain of fragment spreads in the document is longer than ``limit``.

    Each fragment's height is computed once, so the check is linear in the document's length,
    and the recursion stops at ``limit``. A spread of an unknown fragment, or back into a cycle,
    ends a chain. In a document with cycles the result may therefore miss a long chain.
    """
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    heights: dict[str, int] = {}

    def height(name: str, path: list[str]) -> int:
        known = heights.get(name)
        if known is not None:
            return known
        fragment = fragments.get(name)
        if fragment is None or name in path:
            return 0
        if len(path) >= limit:
            raise _NestingExceededError
        path.append(name)
        result = 1 + max((height(child, path) for child in _spread_names(fragment.selection_set)), default=0)
        path.pop()
        if result > limit:
            raise _NestingExceededError
        heights[name] = result
        return result

    try:
        for name in fragments:
            height(name, [])
    except _NestingExceededError:
        return True
    return False


def _spread_names(selection_set: SelectionSetNode) -> Iterator[str]:
    """Yield the names of the fragments spread in a selection set, at any field depth."""
    pending = [selection_set]
    while pending:
        for selection in pending.pop().selections:
            if isinstance(selection, FragmentSpreadNode):
                yield selection.name.value
            elif isinstance(selection, FieldNode | InlineFragmentNode) and selection.selection_set is not None:
                pending.append(selection.selection_set)


class LimitedValidationCache(ValidationCache):
    """ValidationCache that leaves a document unvalidated once an earlier extension rejected it.

    strawberry's ValidationCache (0.341) validates the document even when pre_execution_errors
    is already set, and replaces them. Listed after FragmentCheck and QueryCostLimiter, this one
    keeps their errors, so the depth and alias rules, whose walks grow with every expansion of a
    fragment, never run on a document that those checks rejected.
    """

    def on_validate(self) -> Iterator[None]:
        if self.execution_context.pre_execution_errors:
            yield
            return
        yield from super().on_validate()


def _extensions(settings: Settings) -> list[Callable[[], SchemaExtension]]:
    """Return extension factories; strawberry builds fresh instances for each operation.

    Order matters for on_validate, whose hooks run in list order: the fragment check and the
    cost limit must come before the validation cache.
    """
    extensions: list[Callable[[], SchemaExtension]] = [
        partial(ParserCache, maxsize=512),
        partial(MaxTokensLimiter, max_token_count=settings.max_tokens),
        OperationNameCheck,
        FragmentCheck,
        partial(QueryCostLimiter, max_cost=settings.max_query_cost),
        partial(LimitedValidationCache, maxsize=512),
        partial(MaxAliasesLimiter, max_alias_count=settings.max_aliases),
        partial(QueryDepthLimiter, max_depth=settings.max_query_depth),
    ]
    if settings.is_production:
        extensions.append(partial(AddValidationRules, [NoSchemaIntrospectionCustomRule]))
        extensions.append(
            partial(MaskErrors, should_mask_error=is_unexpected_error, error_message=MASKED_ERROR_MESSAGE)
        )
    return extensions


def is_unexpected_error(error: GraphQLError) -> bool:
    """Mask errors raised by bugs; keep validation, permission and limit errors readable."""
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError)


class ErrorKind(NamedTuple):
    """The code of an error without one, and the REQUEST_MESSAGES entry and params for its message."""

    code: str
    message_key: str
    params: dict[str, str]


class _ErrorPattern(NamedTuple):
    pattern: re.Pattern[str]
    code: str
    # The REQUEST_MESSAGES entry filled from the pattern's named groups. Without one, the message
    # is the code's own entry with the error's original English text as {detail}.
    message_key: str | None = None


# Messages of errors that graphql-core (3.3) and strawberry (0.341) raise without a code. The
# limit errors get a message of their own from the numbers and names in the original text,
# which adds nothing else a client needs. Parse and validation errors keep the original text,
# because it locates the problem.
_SYNTAX_ERROR_PATTERNS = [
    _ErrorPattern(
        re.compile(r"Syntax Error: Document contains more than (?P<limit>\d+) tokens\."),
        "TOO_MANY_TOKENS",
        "TOO_MANY_TOKENS",
    ),
    # graphql-core's parser gives up when it reaches Python's recursion limit, so there is no number.
    _ErrorPattern(
        re.compile(r"Syntax Error: Document is nested too deeply\."), "QUERY_TOO_DEEP", "QUERY_TOO_DEEP+parser"
    ),
]
_VALIDATION_ERROR_PATTERNS = [
    # strawberry names an operation without a name "anonymous".
    _ErrorPattern(
        re.compile(r"'(?P<operation>.*)' exceeds maximum operation depth of (?P<limit>\d+)$"),
        "QUERY_TOO_DEEP",
        "QUERY_TOO_DEEP",
    ),
    _ErrorPattern(
        re.compile(r"Fragment spreads are nested more than (?P<limit>\d+) levels deep\."),
        "QUERY_TOO_DEEP",
        "QUERY_TOO_DEEP+fragments",
    ),
    _ErrorPattern(
        re.compile(r"(?P<count>\d+) aliases found\. Allowed: (?P<limit>\d+)$"), "TOO_MANY_ALIASES", "TOO_MANY_ALIASES"
    ),
    _ErrorPattern(re.compile(r"GraphQL introspection has been disabled"), "INTROSPECTION_DISABLED"),
    # Variable coercion fails in graphql-core's execute, after validation passed.
    _ErrorPattern(re.compile(r"Variable '\$\w+' has invalid (default )?value"), "BAD_USER_INPUT"),
]


def error_code(error: GraphQLError) -> str:
    """Return an error's code: its own ``extensions.code``, else one for the kind of error."""
    code = (error.extensions or {}).get("code")
    if isinstance(code, str):
        return code
    return classify_error(error).code


def classify_error(error: GraphQLError) -> ErrorKind:
    """Give an error without a code of its own its code and the message entry for it.

    An error without a code and without a path failed before execution, so it is a validation
    error unless its message shows a more specific kind. An error with a path and no code is
    a bug, the same as an unexpected exception. Every kind but the limit errors takes the
    original text as the ``detail`` param.
    """
    if isinstance(error.original_error, InvalidGlobalIDError):
        return ErrorKind("INVALID_ID", "INVALID_ID", {"detail": error.message})
    if isinstance(error, GraphQLSyntaxError):
        detail = error.message.removeprefix("Syntax Error: ")
        return _match(
            error, _SYNTAX_ERROR_PATTERNS, ErrorKind("GRAPHQL_PARSE_FAILED", "GRAPHQL_PARSE_FAILED", {"detail": detail})
        )
    if is_unexpected_error(error) or error.path is not None:
        return ErrorKind("INTERNAL_ERROR", "INTERNAL_ERROR", {})
    default = ErrorKind("GRAPHQL_VALIDATION_FAILED", "GRAPHQL_VALIDATION_FAILED", {"detail": error.message})
    kind = _match(error, _VALIDATION_ERROR_PATTERNS, default)
    field = _first_field_name(error)
    if kind.message_key == "QUERY_TOO_DEEP" and field is not None:
        # strawberry reports a depth error at the first selection past the limit.
        return kind._replace(message_key="QUERY_TOO_DEEP+field", params={**kind.params, "field": field})
    return kind


def _match(error: GraphQLError, patterns: list[_ErrorPattern], default: ErrorKind) -> ErrorKind:
    for entry in patterns:
        found = entry.pattern.match(error.message)
        if found is None:
            continue
        if entry.message_key is None:
            return ErrorKind(entry.code, entry.code, default.params)
        return ErrorKind(entry.code, entry.message_key, found.groupdict())
    return default


def _first_field_name(error: GraphQLError) -> str | None:
    node = next(iter(error.nodes or []), None)
    return node.name.value if isinstance(node, FieldNode) else None


class HubSchema(strawberry.Schema):
    """Logs each unexpected error once with its traceback, and expected ones as one line."""

    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None) -> None:
        for error in errors:
            if is_unexpected_error(error):
                logger.error("graphql_unexpected_error path=%s", error.path, exc_info=error.original_error)
            else:
                logger.info("graphql_request_error code=%s path=%s", error_code(error), error.path)


def build_schema(settings: Settings) -> strawberry.Schema:
    return HubSchema(
        query=Query,
        mutation=Mutation,
        types=[ApplicationType, HouseholdType, MemberType, RegionType],
        extensions=_extensions(settings),
        config=StrawberryConfig(disable_field_suggestions=settings.is_production, scalar_map=SCALAR_MAP),
    )
