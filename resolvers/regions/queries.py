"""Region lookups: official divisions and demo villages are public reference data."""

from __future__ import annotations

from sqlalchemy import select

from domain.regions.models import Region
from resolvers.context import Info
from resolvers.ids import require_known_region


async def list_regions(info: Info, parent_code: str | None) -> list[Region]:
    """Return the children of ``parent_code``, or the top-level regions when it is None.

    A ``parent_code`` that no region has fails with a top-level UNKNOWN_REGION error.
    """
    if parent_code is not None:
        await require_known_region(info, parent_code, "parentCode")
    condition = Region.parent_code.is_(None) if parent_code is None else Region.parent_code == parent_code
    async with info.context.sessions() as session:
        rows = await session.scalars(select(Region).where(condition).order_by(Region.code))
        return list(rows.all())
