"""Root fields for finding households, e.g. by a grid worker filing on a household's behalf."""

from __future__ import annotations

import strawberry
from strawberry import relay

from domain.accounts.models import Role
from resolvers.context import Info, require_actor
from resolvers.households.queries import list_households
from resolvers.pagination import PageRequest
from schema.households.types import HouseholdType
from schema.pagination import build_edges, build_page_info
from schema.permissions import STAFF, allow, roles_note

HOUSEHOLD_READERS = (STAFF | {Role.FARMER}) - {Role.DASHBOARD_VIEWER}


@strawberry.type(description="A page of households.")
class HouseholdConnection(relay.Connection[HouseholdType]):
    total_count: int


@strawberry.type
class HouseholdQueries:
    @strawberry.field(
        description=(
            "Households the caller may see, newest first: a farmer its own, staff those in their "
            "jurisdiction. first/last are capped at 100."
        )
        + roles_note(HOUSEHOLD_READERS),
        permission_classes=[allow(HOUSEHOLD_READERS)],
    )
    async def households(
        self,
        info: Info,
        region_code: str | None = None,
        member_name: str | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> HouseholdConnection:
        actor = require_actor(info)
        page = await list_households(info, actor, region_code, member_name, PageRequest(first, after, last, before))

        return HouseholdConnection(
            edges=build_edges(page, HouseholdType.from_model),
            page_info=build_page_info(page),
            total_count=page.total_count,
        )
