"""Application column values from a validated form."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from domain.approvals import rules
from domain.approvals.forms import ApplicationForm


def _optional_two_places(value: Decimal | None) -> Decimal | None:
    return None if value is None else rules.with_two_places(value)


def application_columns(form: ApplicationForm) -> dict[str, Any]:
    """Map a validated form to ``Application`` column values, text stripped and numbers at two places."""
    spec = form.spec
    return {
        "build_type": form.build_type,
        "household_split": form.household_split,
        "demolition_commitment": form.demolition_commitment,
        "land_type": form.land_type,
        "zone": form.zone,
        "design_code": form.design_code,
        "location": spec.location.strip(),
        "boundary_east": spec.boundary_east.strip(),
        "boundary_south": spec.boundary_south.strip(),
        "boundary_west": spec.boundary_west.strip(),
        "boundary_north": spec.boundary_north.strip(),
        "site_area_m2": rules.with_two_places(spec.site_area_m2),
        "footprint_area_m2": rules.with_two_places(spec.footprint_area_m2),
        "floor_area_m2": rules.with_two_places(spec.floor_area_m2),
        "storeys": spec.storeys,
        "eave_height_m": rules.with_two_places(spec.eave_height_m),
        "total_height_m": rules.with_two_places(spec.total_height_m),
        "stilt_storey_height_m": _optional_two_places(spec.stilt_storey_height_m),
        "enclosing_wall_height_m": _optional_two_places(spec.enclosing_wall_height_m),
        "structure": spec.structure.strip(),
        "roof_colour": spec.roof_colour.strip(),
        "wall_colour": spec.wall_colour.strip(),
        "old_house_treatment": spec.old_house_treatment.strip(),
    }
