"""Root fields for browsing regions."""

from __future__ import annotations

import strawberry

from resolvers.context import Info
from resolvers.regions.queries import list_regions
from schema.permissions import ALL_USER_ROLES, allow, roles_note
from schema.regions.types import RegionType


@strawberry.type
class RegionQueries:
    @strawberry.field(
        description=(
            "Regions under a parent division code (行政区划), ordered by code; the province when parentCode is omitted."
        )
        + roles_note(ALL_USER_ROLES),
        permission_classes=[allow(ALL_USER_ROLES)],
    )
    async def regions(self, info: Info, parent_code: str | None = None) -> list[RegionType]:
        return [RegionType.from_model(region) for region in await list_regions(info, parent_code)]
