"""Homesteads (宅基地) and houses (农房) in the graph, as land and house records show them."""

from __future__ import annotations

from decimal import Decimal
from typing import Self

import strawberry

from domain.land.models import Homestead, HomesteadStatus, House
from schema.approvals.enums import LandTypeEnum

HomesteadStatusEnum = strawberry.enum(
    HomesteadStatus,
    name="HomesteadStatus",
    description="HELD (在用), IDLE (闲置) or RETURNED (已退出) homestead.",
)


@strawberry.type(description="A homestead plot held by a household (宅基地).")
class HomesteadRecord:
    parcel_code: str = strawberry.field(description="Parcel code in the land registry (宗地代码).")
    land_type: LandTypeEnum  # type: ignore[valid-type]
    area_m2: Decimal
    status: HomesteadStatusEnum  # type: ignore[valid-type]

    @classmethod
    def from_model(cls, row: Homestead) -> Self:
        return cls(parcel_code=row.parcel_code, land_type=row.land_type, area_m2=row.area_m2, status=row.status)


@strawberry.type(description="A rural house (农房) in the house records.")
class HouseRecord:
    floor_area_m2: Decimal
    storeys: int
    transferred: bool = strawberry.field(description="Sold, rented out or given away (出卖、出租、赠与).")
    demolished: bool

    @classmethod
    def from_model(cls, row: House) -> Self:
        return cls(
            floor_area_m2=row.floor_area_m2,
            storeys=row.storeys,
            transferred=row.transferred,
            demolished=row.demolished,
        )
