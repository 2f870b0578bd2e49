"""Region (行政区划) in the graph."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Self

import strawberry
from strawberry import relay

from domain.regions.models import Region, RegionLevel
from resolvers.context import Info

RegionLevelEnum = strawberry.enum(RegionLevel, name="RegionLevel", description="Administrative level.")


@strawberry.type(
    name="Region",
    description=(
        "An administrative region (行政区划) keyed by its national statistical division code. "
        "Demo villages carry invented codes and isDemo=true."
    ),
)
class RegionType(relay.Node):
    node_key: relay.NodeID[str]
    code: str
    name: str
    level: RegionLevelEnum  # type: ignore[valid-type]
    is_demo: bool
    parent_code: strawberry.Private[str | None]

    @classmethod
    def from_model(cls, region: Region) -> Self:
        return cls(
            node_key=region.code,
            code=region.code,
            name=region.name,
            level=region.level,
            is_demo=region.is_demo,
            parent_code=region.parent_code,
        )

    @strawberry.field(description="The region this one belongs to.")
    async def parent(self, info: Info) -> RegionType | None:
        if self.parent_code is None:
            return None
        return await load_region(info, self.parent_code)

    @classmethod
    async def resolve_nodes(  # type: ignore[override] # one coroutine serves strawberry's overloads
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Self | None]:
        regions = await info.context.loaders.regions_by_code.load_many(list(node_ids))
        return [cls.from_model(region) if region else None for region in regions]


async def load_region(info: Info, code: str) -> RegionType | None:
    region = await info.context.loaders.regions_by_code.load(code)
    return RegionType.from_model(region) if region else None
