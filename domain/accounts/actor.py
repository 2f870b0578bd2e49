"""The authenticated caller as the domain sees it, and its jurisdiction checks."""

from __future__ import annotations

from dataclasses import dataclass

from domain.accounts.models import Role
from domain.regions.models import scope_prefix

STAFF_ROLES = frozenset(
    {
        Role.GRID_WORKER,
        Role.VILLAGE_COMMITTEE,
        Role.TOWNSHIP_STAFF,
        Role.TOWNSHIP_LEADER,
        Role.COUNTY_AGRICULTURE,
        Role.COUNTY_NATURAL_RESOURCES,
        Role.COUNTY_HOUSING,
        Role.ENFORCEMENT_OFFICER,
        Role.DASHBOARD_VIEWER,
        Role.ADMINISTRATOR,
    }
)


@dataclass(frozen=True)
class Actor:
    """An account acting on the hub; built from a verified token."""

    account_id: int
    login: str
    role: Role
    jurisdiction_code: str
    household_id: int | None = None

    @property
    def region_prefix(self) -> str:
        return scope_prefix(self.jurisdiction_code)

    def covers_region(self, region_code: str) -> bool:
        """Tell whether a record in ``region_code`` lies inside this account's jurisdiction."""
        return region_code.startswith(self.region_prefix)

    def can_see_household(self, household_id: int, village_code: str) -> bool:
        if self.role is Role.FARMER:
            return self.household_id == household_id
        return self.role in STAFF_ROLES and self.covers_region(village_code)
