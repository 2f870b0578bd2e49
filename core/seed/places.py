"""Demo villages under the official townships of Kecheng and Qujiang, and county area limits."""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from core.seed.names import make_village_names
from domain.approvals.rules import PROVINCIAL_AREA_CAPS_M2
from domain.land.models import CountyHomesteadLimit, LandType
from domain.regions.models import Region, RegionLevel

KECHENG = "330802"
QUJIANG = "330803"
SEEDED_COUNTIES = (KECHENG, QUJIANG)
COUNTY_NAMES = {KECHENG: "柯城区", QUJIANG: "衢江区"}

GOUXI = "330802211"
YUNXI = "330803207"
# Demo village codes are the township code plus 901, 902, ... The NBS division list numbers
# residents' committees 001-199 and villagers' committees 200-399, so 9xx never collides.
DEMO_CODE_START = 901
GOUXI_DEMO_VILLAGE = f"{GOUXI}{DEMO_CODE_START}"
YUNXI_DEMO_VILLAGE = f"{YUNXI}{DEMO_CODE_START}"
# Fixed names of the first demo village in the two townships whose accounts the README lists.
FEATURED_VILLAGE_BASES = {GOUXI: "上坞村", YUNXI: "溪口村"}

# NOTE: illustrative values for the demo, not the districts' published standards.
DEMO_COUNTY_AREA_LIMITS_M2 = {
    (KECHENG, LandType.CULTIVATED): Decimal(120),
    (KECHENG, LandType.OTHER): Decimal(130),
    (QUJIANG, LandType.CULTIVATED): Decimal(120),
    (QUJIANG, LandType.OTHER): Decimal(135),
    (QUJIANG, LandType.MOUNTAIN_WASTELAND): Decimal(150),
}

_TOWNSHIP_LEVELS = (RegionLevel.SUBDISTRICT, RegionLevel.TOWN, RegionLevel.TOWNSHIP)


@dataclass(frozen=True)
class TownshipRef:
    """An official township, town or sub-district that demo villages belong to."""

    code: str
    name: str
    level: RegionLevel


@dataclass(frozen=True)
class VillagePlan:
    code: str
    name: str
    township: TownshipRef

    @property
    def county_code(self) -> str:
        return self.code[:6]

    @property
    def full_address(self) -> str:
        return f"浙江省衢州市{COUNTY_NAMES[self.county_code]}{self.township.name}{self.name}"


async def load_townships(session: AsyncSession) -> list[TownshipRef]:
    """Read the official townships of the seeded counties in code order."""
    rows = await session.scalars(
        select(Region)
        .where(
            Region.parent_code.in_(SEEDED_COUNTIES),
            Region.level.in_(_TOWNSHIP_LEVELS),
            Region.is_demo.is_(False),
        )
        .order_by(Region.code)
    )
    return [TownshipRef(row.code, row.name, RegionLevel(row.level)) for row in rows]


def plan_villages(townships: list[TownshipRef], rng: random.Random) -> list[VillagePlan]:
    """Plan 4 to 6 demo villages per town or township and 2 or 3 per urban sub-district."""
    villages: list[VillagePlan] = []
    for township in townships:
        low, high = (2, 3) if township.level is RegionLevel.SUBDISTRICT else (4, 6)
        count = rng.randint(low, high)
        names = make_village_names(rng, count, FEATURED_VILLAGE_BASES.get(township.code))
        for index, name in enumerate(names):
            code = f"{township.code}{DEMO_CODE_START + index}"
            villages.append(VillagePlan(code=code, name=name, township=township))
    return villages


async def write_villages(session: AsyncSession, villages: list[VillagePlan]) -> None:
    session.add_all(
        Region(
            code=village.code,
            name=village.name,
            level=RegionLevel.VILLAGE,
            parent_code=village.township.code,
            is_demo=True,
        )
        for village in villages
    )
    await session.flush()


async def write_county_limits(session: AsyncSession) -> int:
    """Insert the demo county limits that no administrator has set yet, and return how many."""
    result = await session.execute(select(CountyHomesteadLimit.county_code, CountyHomesteadLimit.land_type))
    existing = {(county_code, land_type) for county_code, land_type in result}
    added = 0
    for (county_code, land_type), limit in DEMO_COUNTY_AREA_LIMITS_M2.items():
        if limit > PROVINCIAL_AREA_CAPS_M2[land_type]:
            raise ValueError(
                f"demo limit {limit} m² for {county_code} {land_type.value} exceeds the "
                f"provincial cap {PROVINCIAL_AREA_CAPS_M2[land_type]} m²"
            )
        if (county_code, land_type) in existing:
            continue
        session.add(CountyHomesteadLimit(county_code=county_code, land_type=land_type, max_area_m2=limit))
        added += 1
    await session.flush()
    return added
