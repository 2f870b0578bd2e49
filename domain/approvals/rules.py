"""Statutory checks on an application: area, house dimensions, zoning, one household one homestead.

Caps: Zhejiang land administration regulation (2021) for homestead area per household;
Quzhou rural housing regulation (2020) for storeys, eave height and enclosing walls.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.approvals.errors import ApprovalErrorCode as Code
from domain.approvals.forms import BuildingSpec
from domain.approvals.models import BuildType
from domain.errors import DomainError
from domain.land.models import (
    CountyHomesteadLimit,
    Homestead,
    HomesteadStatus,
    House,
    LandType,
    Zone,
)

# Provincial caps on homestead area (including ancillary rooms and courtyard), m² per household.
PROVINCIAL_AREA_CAPS_M2 = {
    LandType.CULTIVATED: Decimal(125),
    LandType.OTHER: Decimal(140),
    LandType.MOUNTAIN_WASTELAND: Decimal(160),
}
MAX_STOREYS = 3
MAX_EAVE_HEIGHT_M = Decimal(10)
# A stilt storey (架空层) higher than this counts as a storey.
STILT_STOREY_COUNTS_ABOVE_M = Decimal("2.2")
MAX_ENCLOSING_WALL_HEIGHT_M = Decimal("1.5")

FORBIDDEN_ZONES = frozenset(
    {
        Zone.PERMANENT_BASIC_FARMLAND,
        Zone.GEOLOGICAL_HAZARD,
        Zone.DRINKING_WATER_LEVEL_1,
        Zone.CORE_SCENIC_AREA,
        Zone.RIVER_MANAGEMENT,
    }
)
# In restricted zones only these build types are allowed.
RESTRICTED_ZONE_BUILD_TYPES = frozenset({BuildType.REBUILD_IN_PLACE, BuildType.IDLE_HOMESTEAD_REUSE})


async def area_limit_for(session: AsyncSession, county_code: str, land_type: LandType) -> Decimal:
    """Return the county's limit for ``land_type``, never above the provincial cap."""
    cap = PROVINCIAL_AREA_CAPS_M2[land_type]
    county_limit = await session.scalar(
        select(CountyHomesteadLimit.max_area_m2).where(
            CountyHomesteadLimit.county_code == county_code,
            CountyHomesteadLimit.land_type == land_type,
        )
    )
    if county_limit is None:
        return cap
    return min(cap, county_limit)


def effective_storeys(spec: BuildingSpec) -> int:
    stilt = spec.stilt_storey_height_m
    if stilt is not None and stilt > STILT_STOREY_COUNTS_ABOVE_M:
        return spec.storeys + 1
    return spec.storeys


def check_building_spec(
    spec: BuildingSpec, land_type: LandType, area_limit: Decimal, prefix: str = "spec"
) -> list[DomainError]:
    """Return every range and statutory-cap violation of ``spec``; empty when it complies."""
    errors = _check_ranges(spec, prefix)
    if errors:
        return errors

    if spec.site_area_m2 > area_limit:
        errors.append(
            DomainError(
                Code.AREA_OVER_LIMIT,
                f"{prefix}.siteAreaM2",
                value=spec.site_area_m2,
                limit=area_limit,
                land_type=land_type.value,
            )
        )

    storeys = effective_storeys(spec)
    if storeys > MAX_STOREYS:
        errors.append(DomainError(Code.TOO_MANY_STOREYS, f"{prefix}.storeys", value=storeys, limit=MAX_STOREYS))

    if spec.eave_height_m > MAX_EAVE_HEIGHT_M:
        errors.append(
            DomainError(
                Code.EAVE_TOO_HIGH,
                f"{prefix}.eaveHeightM",
                value=spec.eave_height_m,
                limit=MAX_EAVE_HEIGHT_M,
            )
        )

    wall = spec.enclosing_wall_height_m
    if wall is not None and wall > MAX_ENCLOSING_WALL_HEIGHT_M:
        errors.append(
            DomainError(
                Code.WALL_TOO_HIGH,
                f"{prefix}.enclosingWallHeightM",
                value=wall,
                limit=MAX_ENCLOSING_WALL_HEIGHT_M,
            )
        )
    return errors


def _check_ranges(spec: BuildingSpec, prefix: str) -> list[DomainError]:
    errors: list[DomainError] = []
    positive = {
        "siteAreaM2": spec.site_area_m2,
        "footprintAreaM2": spec.footprint_area_m2,
        "floorAreaM2": spec.floor_area_m2,
        "eaveHeightM": spec.eave_height_m,
        "totalHeightM": spec.total_height_m,
    }
    for name, value in positive.items():
        if value <= 0:
            errors.append(DomainError(Code.VALUE_OUT_OF_RANGE, f"{prefix}.{name}", value=value, minimum=0))

    if spec.storeys < 1:
        errors.append(DomainError(Code.VALUE_OUT_OF_RANGE, f"{prefix}.storeys", value=spec.storeys, minimum=1))

    if spec.footprint_area_m2 > spec.site_area_m2 > 0:
        errors.append(
            DomainError(
                Code.VALUE_OUT_OF_RANGE,
                f"{prefix}.footprintAreaM2",
                value=spec.footprint_area_m2,
                maximum=spec.site_area_m2,
            )
        )

    if spec.total_height_m < spec.eave_height_m:
        errors.append(
            DomainError(
                Code.VALUE_OUT_OF_RANGE,
                f"{prefix}.totalHeightM",
                value=spec.total_height_m,
                minimum=spec.eave_height_m,
            )
        )

    text_fields = {
        "location": spec.location,
        "boundaryEast": spec.boundary_east,
        "boundarySouth": spec.boundary_south,
        "boundaryWest": spec.boundary_west,
        "boundaryNorth": spec.boundary_north,
        "structure": spec.structure,
        "roofColour": spec.roof_colour,
        "wallColour": spec.wall_colour,
    }
    for name, text in text_fields.items():
        if not text.strip():
            errors.append(DomainError(Code.REQUIRED, f"{prefix}.{name}"))
    return errors


def check_zone(zone: Zone, build_type: BuildType, field: str) -> list[DomainError]:
    if zone in FORBIDDEN_ZONES:
        return [DomainError(Code.ZONE_FORBIDDEN, field, zone=zone.value)]

    if zone is Zone.RESTRICTED and build_type not in RESTRICTED_ZONE_BUILD_TYPES:
        return [DomainError(Code.ZONE_RESTRICTED, field, build_type=build_type.value)]
    return []


async def check_one_household_one_homestead(
    session: AsyncSession,
    household_id: int,
    build_type: BuildType,
    household_split: bool,
    demolition_commitment: bool,
    field: str = "input.householdId",
) -> list[DomainError]:
    """Apply the one-household-one-homestead rule (一户一宅) against land and house records.

    ``field`` names the input the error points at: the household when filing, the
    application when an official re-checks the rule at a later step.
    """
    transferred = await session.scalar(
        select(func.count()).select_from(House).where(House.household_id == household_id, House.transferred.is_(True))
    )
    if transferred:
        return [DomainError(Code.HOUSE_TRANSFERRED, field, household_id=household_id)]

    held = await session.scalar(
        select(func.count())
        .select_from(Homestead)
        .where(
            Homestead.household_id == household_id,
            Homestead.status.in_([HomesteadStatus.HELD, HomesteadStatus.IDLE]),
        )
    )
    held = held or 0

    keeps_site = build_type in {BuildType.REBUILD_IN_PLACE, BuildType.NEW_BUILD_DEMOLISH_OLD}
    if held > 1 or (held == 1 and not keeps_site and not household_split):
        return [DomainError(Code.SECOND_HOMESTEAD, field, held=held)]

    if keeps_site and not demolition_commitment:
        return [DomainError(Code.DEMOLITION_COMMITMENT_REQUIRED, "input.demolitionCommitment")]
    return []
