"""Demo homesteads, the houses on them, and registered building needs."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum

from domain.approvals.rules import PROVINCIAL_AREA_CAPS_M2
from domain.clock import CHINA_TIMEZONE
from domain.land.models import HomesteadStatus, LandType

LAND_TYPE_WEIGHTS = {
    LandType.OTHER: 55,
    LandType.CULTIVATED: 25,
    LandType.MOUNTAIN_WASTELAND: 20,
}


class Holdings(StrEnum):
    """Kind of land holding of a household, including the irregular cases that cross-checks find."""

    ONE = "one"
    NONE = "none"
    # One household with two plots (一户多宅).
    SEVERAL = "several"
    # One plot whose house was sold, rented out or given away.
    TRANSFERRED = "transferred"
    # One plot left idle, with or without a derelict house.
    IDLE = "idle"


# Share of households of each kind. The remaining households hold one plot.
HOLDINGS_SHARES = {
    Holdings.SEVERAL: 0.03,
    Holdings.TRANSFERRED: 0.02,
    Holdings.IDLE: 0.05,
    Holdings.NONE: 0.2,
}

BUILDING_NEED_SHARE = 0.04
BUILDING_NEED_REASONS = (
    "子女成家，需分户建房",
    "现住房年久失修，申请原址翻建",
    "现住房经鉴定为D级危房，需拆除重建",
    "家庭人口增加，现有住房面积不足",
    "旧房位于地质灾害隐患点，需易地搬迁",
)


@dataclass(frozen=True)
class HousePlan:
    floor_area_m2: Decimal
    storeys: int
    # Sold, rented out or given away (出售、出租、赠与).
    transferred: bool = False


@dataclass(frozen=True)
class HoldingPlan:
    """A homestead plot with the house on it, if any."""

    parcel_code: str
    land_type: LandType
    area_m2: Decimal
    status: HomesteadStatus
    house: HousePlan | None


@dataclass
class ParcelNumbering:
    """Next parcel number per village, for codes like 330802211901JC00001."""

    next_number: dict[str, int] = field(default_factory=dict)

    def next_code(self, village_code: str) -> str:
        number = self.next_number.get(village_code, 1)
        self.next_number[village_code] = number + 1
        # Layout of a cadastral parcel code: 12-digit village code, "JC" for a collective
        # homestead parcel, then a 5-digit serial.
        return f"{village_code}JC{number:05d}"


def pick_land_type(rng: random.Random) -> LandType:
    kinds = list(LAND_TYPE_WEIGHTS)
    return rng.choices(kinds, weights=[LAND_TYPE_WEIGHTS[kind] for kind in kinds])[0]


def _plan_holding(
    rng: random.Random,
    numbering: ParcelNumbering,
    village_code: str,
    *,
    status: HomesteadStatus = HomesteadStatus.HELD,
    with_house: bool = True,
    transferred: bool = False,
) -> HoldingPlan:
    land_type = pick_land_type(rng)
    # Plots allotted before the current caps may be larger than today's county limit.
    area = Decimal(rng.randint(60, int(PROVINCIAL_AREA_CAPS_M2[land_type])))
    house = None
    if with_house:
        storeys = rng.choices([1, 2, 3], weights=[2, 5, 3])[0]
        coverage = Decimal(rng.randint(50, 80)) / 100
        floor_area = (area * coverage * storeys).quantize(Decimal("0.01"))
        house = HousePlan(floor_area_m2=floor_area, storeys=storeys, transferred=transferred)

    return HoldingPlan(
        parcel_code=numbering.next_code(village_code),
        land_type=land_type,
        area_m2=area,
        status=status,
        house=house,
    )


def assign_holdings(rng: random.Random, count: int, featured_index: int | None) -> list[Holdings]:
    """Return a holding kind for each of ``count`` households, mostly Holdings.ONE.

    Every irregular kind goes to at least one household, so even a small seed shows each
    case. The featured household always has one plot, so that it may apply to rebuild.
    """
    kinds = [Holdings.ONE] * count
    candidates = [index for index in range(count) if index != featured_index]
    rng.shuffle(candidates)
    position = 0
    for kind, share in HOLDINGS_SHARES.items():
        share_count = max(1, round(count * share))
        for index in candidates[position : position + share_count]:
            kinds[index] = kind
        position += share_count
    return kinds


def plan_holdings(
    rng: random.Random, numbering: ParcelNumbering, village_code: str, kind: Holdings
) -> tuple[HoldingPlan, ...]:
    """Plan the plots and houses of one household of the given kind."""
    plan = _plan_holding
    if kind is Holdings.NONE:
        return ()
    if kind is Holdings.SEVERAL:
        second_status = rng.choice([HomesteadStatus.HELD, HomesteadStatus.IDLE])
        return (
            plan(rng, numbering, village_code),
            plan(rng, numbering, village_code, status=second_status),
        )
    if kind is Holdings.TRANSFERRED:
        return (plan(rng, numbering, village_code, transferred=True),)
    if kind is Holdings.IDLE:
        with_house = rng.random() < 0.6
        return (plan(rng, numbering, village_code, status=HomesteadStatus.IDLE, with_house=with_house),)
    return (plan(rng, numbering, village_code),)


@dataclass(frozen=True)
class BuildingNeedPlan:
    household_index: int
    plan_period: str
    reason: str
    registered_at: datetime


def plan_building_needs(rng: random.Random, household_count: int, today: date) -> list[BuildingNeedPlan]:
    """Pick a few households that registered a need to build in the last six months."""
    count = min(household_count, max(3, round(household_count * BUILDING_NEED_SHARE)))
    needs = []
    for index in sorted(rng.sample(range(household_count), count)):
        day = today - timedelta(days=rng.randint(1, 180))
        local_time = time(rng.randint(8, 20), rng.randint(0, 59))
        # Store UTC like every other timestamp, because SQLite drops the offset.
        moment = datetime.combine(day, local_time, CHINA_TIMEZONE).astimezone(UTC)
        half = 1 if day.month <= 6 else 2
        needs.append(
            BuildingNeedPlan(
                household_index=index,
                plan_period=f"{day.year}-H{half}",
                reason=rng.choice(BUILDING_NEED_REASONS),
                registered_at=moment,
            )
        )
    return needs
