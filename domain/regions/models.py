"""Administrative regions keyed by national statistical division codes."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from core.database import Base, string_enum


class RegionLevel(StrEnum):
    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"
    SUBDISTRICT = "subdistrict"
    TOWN = "town"
    TOWNSHIP = "township"
    VILLAGE = "village"


class Region(Base):
    """A province, city, county, township or village (行政区划)."""

    __tablename__ = "region"

    code: Mapped[str] = mapped_column(String(12), primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    level: Mapped[RegionLevel] = mapped_column(string_enum(RegionLevel))
    parent_code: Mapped[str | None] = mapped_column(ForeignKey("region.code"), index=True)
    # Demo villages carry invented codes; they must never be shown as official.
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)


def scope_prefix(code: str) -> str:
    """Return the code prefix shared by every region inside ``code``.

    Province codes end in 0000 and city codes in 00 (330000, 330800); county, township
    (9 digits) and village (12 digits) codes are their own prefix.
    """
    if len(code) == 6 and code.endswith("0000"):
        return code[:2]
    if len(code) == 6 and code.endswith("00"):
        return code[:4]
    return code


def county_code_of(code: str) -> str:
    """Return the 6-digit county code of a township or village code."""
    return code[:6]
