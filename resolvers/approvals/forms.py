"""Conversion of GraphQL inputs into validated domain forms."""

from __future__ import annotations

from typing import TYPE_CHECKING

from domain.approvals.forms import ApplicationForm, BuildingSpec, SiteSurvey
from domain.identity import normalize_mobile, normalize_resident_id
from resolvers.ids import decode_id

if TYPE_CHECKING:
    from schema.approvals.inputs import ApplicationSubmitInput, BuildingSpecInput, SiteSurveyInput


def to_form(data: ApplicationSubmitInput) -> ApplicationForm:
    """Normalise identifiers and IDs; raise ``DomainError`` naming the bad field."""
    phone = None
    if data.applicant_phone is not None and data.applicant_phone.strip():
        phone = normalize_mobile(data.applicant_phone, "input.applicantPhone")

    return ApplicationForm(
        household_id=decode_id(data.household_id, "Household", "input.householdId"),
        applicant_resident_id=normalize_resident_id(data.applicant_resident_id, "input.applicantResidentId"),
        applicant_phone=phone,
        build_type=data.build_type,
        land_type=data.land_type,
        zone=data.zone,
        spec=to_spec(data.spec),
        pledge_signed=data.pledge_signed,
        household_split=data.household_split,
        demolition_commitment=data.demolition_commitment,
        design_code=(data.design_code or "").strip() or None,
    )


def to_spec(data: BuildingSpecInput) -> BuildingSpec:
    return BuildingSpec(
        location=data.location,
        boundary_east=data.boundary_east,
        boundary_south=data.boundary_south,
        boundary_west=data.boundary_west,
        boundary_north=data.boundary_north,
        site_area_m2=data.site_area_m2,
        footprint_area_m2=data.footprint_area_m2,
        floor_area_m2=data.floor_area_m2,
        storeys=data.storeys,
        eave_height_m=data.eave_height_m,
        total_height_m=data.total_height_m,
        structure=data.structure,
        roof_colour=data.roof_colour,
        wall_colour=data.wall_colour,
        old_house_treatment=data.old_house_treatment,
        stilt_storey_height_m=data.stilt_storey_height_m,
        enclosing_wall_height_m=data.enclosing_wall_height_m,
    )


def to_survey(data: SiteSurveyInput | None) -> SiteSurvey | None:
    if data is None:
        return None
    return SiteSurvey(zone=data.zone, site_area_m2=data.site_area_m2)
