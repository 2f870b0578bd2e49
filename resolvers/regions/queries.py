"""Region lookups: official divisions and demo villages are public reference data."""

from __future__ import annotations

from sqlalchemy import select

from domain.regions.models import Region
from resolvers.context import Info


async def list_regions(info: Info, parent_code: str | None) -> list[Region]:
    """Return the children of ``parent_code``, or the top-level regions when it is None."""
    condition = Region.parent_code.is_(None) if parent_code is None else Region.parent_code == parent_code
    async with info.context.sessions() as session:
        rows = await session.scalars(select(Region).where(condition).order_by(Region.code))
        return list(rows.all())
