"""Owner roles of the approval steps, and which roles may act on each step."""

from __future__ import annotations

from domain.accounts.models import Role
from domain.approvals.models import Step

# Roles that act for the household: the farmer itself or its village grid worker (代办).
APPLICANT_ROLES = frozenset({Role.FARMER, Role.GRID_WORKER})

STEP_OWNERS: dict[Step, Role] = {
    Step.ONLINE_APPLICATION: Role.FARMER,
    Step.VILLAGE_PUBLICITY: Role.VILLAGE_COMMITTEE,
    Step.VILLAGE_REVIEW: Role.VILLAGE_COMMITTEE,
    Step.SITE_SURVEY: Role.TOWNSHIP_STAFF,
    Step.JOINT_MEETING: Role.TOWNSHIP_LEADER,
    Step.CONSTRUCTION_PUBLICITY: Role.TOWNSHIP_STAFF,
    Step.PERMIT_ISSUANCE: Role.TOWNSHIP_LEADER,
}

# Roles that may call the step mutations at all; the workflow then requires the current
# step's owner.
STEP_OFFICER_ROLES = frozenset(STEP_OWNERS.values()) - {Role.FARMER}


def may_act_on_step(role: Role, step: Step) -> bool:
    owner = STEP_OWNERS[step]
    if owner is Role.FARMER:
        return role in APPLICANT_ROLES
    return role is owner
