"""The hub's GraphQL schema: root query, mutation and the safety extensions."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from functools import partial

import strawberry
from graphql import GraphQLError
from graphql.validation import NoSchemaIntrospectionCustomRule
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
from schema.messages import MASKED_ERROR_MESSAGE
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
        description="Fetch objects by global IDs, in the order given; null for each one not visible."
        + roles_note(ALL_USER_ROLES),
        permission_classes=[allow(ALL_USER_ROLES)],
    )
    async def nodes(self, info: Info, ids: list[relay.GlobalID]) -> list[relay.Node | None]:
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


def _extensions(settings: Settings) -> list[Callable[[], SchemaExtension]]:
    """Return extension factories; strawberry builds fresh instances for each operation."""
    extensions: list[Callable[[], SchemaExtension]] = [
        partial(ParserCache, maxsize=512),
        partial(ValidationCache, maxsize=512),
        partial(MaxTokensLimiter, max_token_count=settings.max_tokens),
        partial(MaxAliasesLimiter, max_alias_count=settings.max_aliases),
        partial(QueryDepthLimiter, max_depth=settings.max_query_depth),
        partial(QueryCostLimiter, max_cost=settings.max_query_cost),
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


class HubSchema(strawberry.Schema):
    """Logs each unexpected error once with its traceback, and expected ones as one line."""

    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None) -> None:
        for error in errors:
            if is_unexpected_error(error):
                logger.error("graphql_unexpected_error path=%s", error.path, exc_info=error.original_error)
            else:
                code = (error.extensions or {}).get("code", "GRAPHQL_VALIDATION_FAILED")
                logger.info("graphql_request_error code=%s path=%s", code, error.path)


def build_schema(settings: Settings) -> strawberry.Schema:
    return HubSchema(
        query=Query,
        mutation=Mutation,
        types=[ApplicationType, HouseholdType, MemberType, RegionType],
        extensions=_extensions(settings),
        config=StrawberryConfig(disable_field_suggestions=settings.is_production),
    )
