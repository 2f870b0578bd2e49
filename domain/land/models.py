"""Homestead plots (宅基地), houses standing on them, and county area limits."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from sqlalchemy import Boolean, ForeignKey, Integer, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.database import Base, string_enum


class LandType(StrEnum):
    """Land class of a homestead site; it sets the provincial area cap."""

    CULTIVATED = "cultivated"
    OTHER = "other"
    MOUNTAIN_WASTELAND = "mountain_wasteland"


class Zone(StrEnum):
    """Planning zone of a site as found by the township site survey."""

    BUILDABLE = "buildable"
    RESTRICTED = "restricted"
    PERMANENT_BASIC_FARMLAND = "permanent_basic_farmland"
    GEOLOGICAL_HAZARD = "geological_hazard"
    DRINKING_WATER_LEVEL_1 = "drinking_water_level_1"
    CORE_SCENIC_AREA = "core_scenic_area"
    RIVER_MANAGEMENT = "river_management"


class HomesteadStatus(StrEnum):
    HELD = "held"
    IDLE = "idle"
    RETURNED = "returned"


class Homestead(Base):
    """A homestead plot held by a household (宅基地)."""

    __tablename__ = "homestead"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    parcel_code: Mapped[str] = mapped_column(String(32), unique=True)
    household_id: Mapped[int | None] = mapped_column(ForeignKey("household.id"), index=True)
    village_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    land_type: Mapped[LandType] = mapped_column(string_enum(LandType))
    area_m2: Mapped[Decimal] = mapped_column(Numeric(8, 2))
    status: Mapped[HomesteadStatus] = mapped_column(string_enum(HomesteadStatus))


class House(Base):
    """A rural house on a homestead."""

    __tablename__ = "house"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    household_id: Mapped[int | None] = mapped_column(ForeignKey("household.id"), index=True)
    homestead_id: Mapped[int | None] = mapped_column(ForeignKey("homestead.id"), index=True)
    floor_area_m2: Mapped[Decimal] = mapped_column(Numeric(8, 2))
    storeys: Mapped[int] = mapped_column(Integer)
    # Sold, rented out or given away: such a household may not apply for a new homestead.
    transferred: Mapped[bool] = mapped_column(Boolean, default=False)
    demolished: Mapped[bool] = mapped_column(Boolean, default=False)


class CountyHomesteadLimit(Base):
    """A county's own homestead area limit per land type, at most the provincial cap."""

    __tablename__ = "county_homestead_limit"
    __table_args__ = (UniqueConstraint("county_code", "land_type"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    county_code: Mapped[str] = mapped_column(ForeignKey("region.code"))
    land_type: Mapped[LandType] = mapped_column(string_enum(LandType))
    max_area_m2: Mapped[Decimal] = mapped_column(Numeric(8, 2))
