"""Official reference data shipped with the hub: Quzhou's division codes."""

from __future__ import annotations

import csv
import logging
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.regions.models import Region, RegionLevel

logger = logging.getLogger(__name__)

# National statistical division codes of Zhejiang, Quzhou, its six counties and their
# townships (NBS list, 2021 or later).
DIVISIONS_CSV = Path(__file__).parent / "data" / "quzhou_divisions.csv"


async def load_quzhou_regions(session: AsyncSession, path: Path = DIVISIONS_CSV) -> int:
    """Insert the official regions that are missing; returns how many were added."""
    existing = set(await session.scalars(select(Region.code).where(Region.is_demo.is_(False))))

    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))

    added = 0
    for row in rows:
        if row["code"] in existing:
            continue
        session.add(
            Region(
                code=row["code"],
                name=row["name"],
                level=RegionLevel(row["level"]),
                parent_code=row["parent_code"] or None,
                is_demo=False,
            )
        )
        added += 1
        # Parents precede children in the file; flush so each foreign key resolves.
        await session.flush()

    logger.info("reference_regions_loaded added=%s total=%s", added, len(rows))
    return added
