"""Validated input of an application, as the workflow receives it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from domain.approvals.models import BuildType
from domain.land.models import LandType, Zone


@dataclass(frozen=True)
class BuildingSpec:
    """The building as the construction publicity lists it and the permit repeats it."""

    location: str
    boundary_east: str
    boundary_south: str
    boundary_west: str
    boundary_north: str
    site_area_m2: Decimal
    footprint_area_m2: Decimal
    floor_area_m2: Decimal
    storeys: int
    eave_height_m: Decimal
    total_height_m: Decimal
    structure: str
    roof_colour: str
    wall_colour: str
    old_house_treatment: str = ""
    stilt_storey_height_m: Decimal | None = None
    enclosing_wall_height_m: Decimal | None = None


@dataclass(frozen=True)
class ApplicationForm:
    """An application as filed by the household or its grid worker (代办).

    ``applicant_resident_id`` is already normalised; the workflow matches it to a member.
    """

    household_id: int
    applicant_resident_id: str
    build_type: BuildType
    land_type: LandType
    zone: Zone
    spec: BuildingSpec
    pledge_signed: bool
    household_split: bool = False
    demolition_commitment: bool = False
    applicant_phone: str | None = None
    design_code: str | None = None


@dataclass(frozen=True)
class SiteSurvey:
    """Findings of the joint township site survey (乡镇联合踏勘)."""

    zone: Zone
    site_area_m2: Decimal
