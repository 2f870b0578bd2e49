"""User and machine accounts with a role and a jurisdiction."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from core.database import Base, string_enum


class Role(StrEnum):
    FARMER = "farmer"
    GRID_WORKER = "grid_worker"
    VILLAGE_COMMITTEE = "village_committee"
    TOWNSHIP_STAFF = "township_staff"
    TOWNSHIP_LEADER = "township_leader"
    COUNTY_AGRICULTURE = "county_agriculture"
    COUNTY_NATURAL_RESOURCES = "county_natural_resources"
    COUNTY_HOUSING = "county_housing"
    ENFORCEMENT_OFFICER = "enforcement_officer"
    BANK = "bank"
    DASHBOARD_VIEWER = "dashboard_viewer"
    ADMINISTRATOR = "administrator"


class Account(Base):
    """A login of a person or a machine client."""

    __tablename__ = "account"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    role: Mapped[Role] = mapped_column(string_enum(Role))
    # Region code the account may see and act in; a farmer's is its household's village.
    jurisdiction_code: Mapped[str] = mapped_column(ForeignKey("region.code"))
    household_id: Mapped[int | None] = mapped_column(ForeignKey("household.id"))
