"""The hub's GraphQL schema: root query, mutation and the safety extensions."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable, Iterator
from functools import partial

import strawberry
from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLSyntaxError,
    InlineFragmentNode,
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


# Messages of errors that graphql-core (3.3) and strawberry (0.341) raise without a code.
_SYNTAX_ERROR_CODES = [
    (re.compile(r"Syntax Error: Document contains more than \d+ tokens\."), "TOO_MANY_TOKENS"),
    (re.compile(r"Syntax Error: Document is nested too deeply\."), "QUERY_TOO_DEEP"),
]
_VALIDATION_ERROR_CODES = [
    (re.compile(r"'.*' exceeds maximum operation depth of \d+$"), "QUERY_TOO_DEEP"),
    (re.compile(r"Fragment spreads are nested more than \d+ levels deep\."), "QUERY_TOO_DEEP"),
    (re.compile(r"\d+ aliases found\. Allowed: \d+$"), "TOO_MANY_ALIASES"),
    (re.compile(r"GraphQL introspection has been disabled"), "INTROSPECTION_DISABLED"),
    # Variable coercion fails in graphql-core's execute, after validation passed.
    (re.compile(r"Variable '\$\w+' has invalid (default )?value"), "BAD_USER_INPUT"),
]


def error_code(error: GraphQLError) -> str:
    """Return an error's code: its own ``extensions.code``, else one for the kind of error.

    An error without a code and without a path failed before execution, so it is a validation
    error unless its message shows a more specific kind. An error with a path and no code is
    a bug, the same as an unexpected exception.
    """
    code = (error.extensions or {}).get("code")
    if isinstance(code, str):
        return code
    if isinstance(error.original_error, InvalidGlobalIDError):
        return "INVALID_ID"
    if isinstance(error, GraphQLSyntaxError):
        return _match_code(error.message, _SYNTAX_ERROR_CODES, "GRAPHQL_PARSE_FAILED")
    if is_unexpected_error(error) or error.path is not None:
        return "INTERNAL_ERROR"
    return _match_code(error.message, _VALIDATION_ERROR_CODES, "GRAPHQL_VALIDATION_FAILED")


def _match_code(message: str, patterns: list[tuple[re.Pattern[str], str]], default: str) -> str:
    return next((code for pattern, code in patterns if pattern.match(message)), default)


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
        config=StrawberryConfig(disable_field_suggestions=settings.is_production),
    )
