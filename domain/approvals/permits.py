"""The fields a permit carries, frozen from the application at issuance."""

from __future__ import annotations

from typing import Any

from domain.approvals.models import Application


def build_permit_fields(application: Application, applicant_name: str) -> dict[str, Any]:
    """Return the construction-publicity fields that the permit repeats, as JSON-safe values."""
    return {
        "applicant": applicant_name,
        "location": application.location,
        "boundaryEast": application.boundary_east,
        "boundarySouth": application.boundary_south,
        "boundaryWest": application.boundary_west,
        "boundaryNorth": application.boundary_north,
        "landAreaM2": str(application.site_area_m2),
        "footprintAreaM2": str(application.footprint_area_m2),
        "floorAreaM2": str(application.floor_area_m2),
        "storeys": application.storeys,
        "eaveHeightM": str(application.eave_height_m),
        "totalHeightM": str(application.total_height_m),
        "structure": application.structure,
        "roofColour": application.roof_colour,
        "wallColour": application.wall_colour,
        "oldHouseTreatment": application.old_house_treatment,
    }
