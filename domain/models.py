"""Import every model module so that ``Base.metadata`` contains all tables (Alembic, tests)."""

from domain.accounts.models import Account
from domain.approvals.models import (
    Application,
    ApprovalStep,
    BuildingNeed,
    Objection,
    Permit,
    StepTransition,
)
from domain.audit.models import AuditEntry, OutboxEvent
from domain.calendar.models import OfficialCalendarDay, OfficialCalendarYear
from domain.households.models import Household, Member
from domain.land.models import CountyHomesteadLimit, Homestead, House
from domain.regions.models import Region

__all__ = [
    "Account",
    "Application",
    "ApprovalStep",
    "AuditEntry",
    "BuildingNeed",
    "CountyHomesteadLimit",
    "Homestead",
    "House",
    "Household",
    "Member",
    "Objection",
    "OfficialCalendarDay",
    "OfficialCalendarYear",
    "OutboxEvent",
    "Permit",
    "Region",
    "StepTransition",
]
