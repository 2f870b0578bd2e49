"""The authenticated caller in domain terms, with its jurisdiction and data-access checks."""

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

# Roles that may read applications: a farmer its household's, staff those in their
# jurisdiction. A bank may read none; it is to receive only fields a farmer consents to share.
APPLICATION_VIEWER_ROLES = STAFF_ROLES | {Role.FARMER}

# Roles that may see personal data: households, members and the parts of an application
# that name or locate people. A dashboard viewer sees applications without them.
PERSONAL_DATA_VIEWER_ROLES = APPLICATION_VIEWER_ROLES - {Role.DASHBOARD_VIEWER}


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

    @property
    def can_see_applications(self) -> bool:
        """Tell whether this role may see any application (jurisdiction aside)."""
        return self.role in APPLICATION_VIEWER_ROLES

    @property
    def can_see_personal_data(self) -> bool:
        """Tell whether this role may see households, members and applicants (jurisdiction aside)."""
        return self.role in PERSONAL_DATA_VIEWER_ROLES

    def covers_region(self, region_code: str) -> bool:
        """Tell whether a record in ``region_code`` lies inside this account's jurisdiction."""
        return region_code.startswith(self.region_prefix)

    def can_see_application(self, household_id: int, village_code: str) -> bool:
        """Tell whether this account may see an application of ``household_id`` in ``village_code``."""
        if self.role is Role.FARMER:
            return self.household_id == household_id
        return self.can_see_applications and self.covers_region(village_code)

    def can_see_household(self, household_id: int, village_code: str) -> bool:
        """Tell whether this account may see the household and its members' personal data."""
        if self.role is Role.FARMER:
            return self.household_id == household_id
        return self.can_see_personal_data and self.covers_region(village_code)
