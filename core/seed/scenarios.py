"""Scenarios of demo applications: the final state of each and the actions that lead there."""

from __future__ import annotations

import random
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from domain.accounts.models import Role
from domain.approvals.models import ApplicationStatus, Step
from domain.approvals.rules import FORBIDDEN_ZONES
from domain.approvals.steps import STEP_OWNERS
from domain.land.models import Zone

Status = ApplicationStatus
T = TypeVar("T")


class Objections(StrEnum):
    NONE = "none"
    RESOLVED = "resolved"
    OPEN = "open"


class ActionKind(StrEnum):
    SUBMIT = "submit"
    RECORD_OBJECTION = "record_objection"
    RESOLVE_OBJECTION = "resolve_objection"
    PASS = "pass"  # noqa: S105 - an action name, not a password
    RETURN = "return"
    RESUBMIT = "resubmit"
    REJECT = "reject"
    # The site survey finds a forbidden zone, the workflow rejects the pass, and the officer
    # rejects the application.
    REJECT_AFTER_SURVEY = "reject_after_survey"
    WITHDRAW = "withdraw"


APPLICANT_ACTIONS = frozenset({ActionKind.SUBMIT, ActionKind.RESUBMIT, ActionKind.WITHDRAW})
# Actions after which the current step counts as newly opened (publicity restarts).
STEP_OPENING_ACTIONS = frozenset({ActionKind.SUBMIT, ActionKind.PASS, ActionKind.RESUBMIT})


@dataclass(frozen=True)
class Action:
    """One workflow call. ``step`` is the application's current step when it happens."""

    kind: ActionKind
    step: Step

    @property
    def by_applicant(self) -> bool:
        return self.kind in APPLICANT_ACTIONS

    @property
    def officer_role(self) -> Role:
        """Return the role that performs a non-applicant action."""
        if self.kind in (ActionKind.RECORD_OBJECTION, ActionKind.RESOLVE_OBJECTION):
            return Role.VILLAGE_COMMITTEE
        return STEP_OWNERS[self.step]


@dataclass(frozen=True)
class Scenario:
    """The final state of one demo application and the detours on its way.

    ``stop_step`` is the current step at the end. ``returned_at`` adds a return for
    correction and a resubmission at that step. ``overdue`` (in-progress only) leaves the
    current step open past its due date.
    """

    outcome: ApplicationStatus
    stop_step: Step
    overdue: bool = False
    returned_at: Step | None = None
    objection: Objections = Objections.NONE
    forbidden_zone: Zone | None = None

    def __post_init__(self) -> None:
        if self.stop_step is Step.ONLINE_APPLICATION:
            raise ValueError("a submitted application is never at the online-application step")
        if self.outcome is Status.PERMIT_ISSUED and self.stop_step is not Step.PERMIT_ISSUANCE:
            raise ValueError("a permit is issued only at the permit-issuance step")
        if self.overdue and self.outcome is not Status.IN_PROGRESS:
            raise ValueError(f"only in-progress applications can be overdue, not {self.outcome}")
        if self.forbidden_zone is not None and (
            self.outcome is not Status.REJECTED or self.stop_step is not Step.SITE_SURVEY
        ):
            raise ValueError("a forbidden zone is found only in a site survey that rejects")
        if self.objection is Objections.OPEN and self.stop_step is not Step.VILLAGE_PUBLICITY:
            raise ValueError("an open objection keeps the application in village publicity")
        if self.returned_at is not None and not (Step.VILLAGE_REVIEW <= self.returned_at <= self.stop_step):
            raise ValueError(f"returned_at {self.returned_at!r} is outside the chain")


FEATURED_SCENARIO = Scenario(Status.IN_PROGRESS, Step.SITE_SURVEY)

# Applied first, in this order, so that even a small seed shows every state.
CORE_SCENARIOS = (
    Scenario(Status.PERMIT_ISSUED, Step.PERMIT_ISSUANCE),
    Scenario(Status.IN_PROGRESS, Step.VILLAGE_PUBLICITY),
    Scenario(Status.IN_PROGRESS, Step.VILLAGE_REVIEW),
    Scenario(Status.IN_PROGRESS, Step.SITE_SURVEY, overdue=True),
    Scenario(Status.IN_PROGRESS, Step.JOINT_MEETING),
    Scenario(Status.IN_PROGRESS, Step.CONSTRUCTION_PUBLICITY),
    Scenario(Status.IN_PROGRESS, Step.PERMIT_ISSUANCE),
    Scenario(Status.RETURNED, Step.VILLAGE_REVIEW),
    Scenario(Status.REJECTED, Step.SITE_SURVEY, forbidden_zone=Zone.PERMANENT_BASIC_FARMLAND),
    Scenario(Status.WITHDRAWN, Step.JOINT_MEETING),
    Scenario(Status.IN_PROGRESS, Step.VILLAGE_PUBLICITY, objection=Objections.OPEN),
    Scenario(
        Status.PERMIT_ISSUED,
        Step.PERMIT_ISSUANCE,
        returned_at=Step.SITE_SURVEY,
        objection=Objections.RESOLVED,
    ),
    Scenario(Status.REJECTED, Step.VILLAGE_REVIEW),
    Scenario(Status.IN_PROGRESS, Step.VILLAGE_REVIEW, overdue=True),
    Scenario(Status.RETURNED, Step.SITE_SURVEY),
    Scenario(Status.REJECTED, Step.JOINT_MEETING),
    Scenario(Status.WITHDRAWN, Step.VILLAGE_PUBLICITY),
    Scenario(Status.IN_PROGRESS, Step.CONSTRUCTION_PUBLICITY, overdue=True),
    Scenario(Status.REJECTED, Step.SITE_SURVEY, forbidden_zone=Zone.GEOLOGICAL_HAZARD),
    Scenario(Status.IN_PROGRESS, Step.JOINT_MEETING, returned_at=Step.VILLAGE_REVIEW),
)

OUTCOME_WEIGHTS = {
    Status.PERMIT_ISSUED: 26,
    Status.IN_PROGRESS: 40,
    Status.RETURNED: 8,
    Status.REJECTED: 10,
    Status.WITHDRAWN: 7,
}
IN_PROGRESS_STEP_WEIGHTS = {
    Step.VILLAGE_PUBLICITY: 20,
    Step.VILLAGE_REVIEW: 15,
    Step.SITE_SURVEY: 20,
    Step.JOINT_MEETING: 15,
    Step.CONSTRUCTION_PUBLICITY: 20,
    Step.PERMIT_ISSUANCE: 10,
}
RETURNED_STEP_WEIGHTS = {
    Step.VILLAGE_PUBLICITY: 1,
    Step.VILLAGE_REVIEW: 4,
    Step.SITE_SURVEY: 4,
    Step.JOINT_MEETING: 2,
    Step.CONSTRUCTION_PUBLICITY: 1,
}
OVERDUE_SHARE = 0.3
DETOUR_SHARE = 0.12
RESOLVED_OBJECTION_SHARE = 0.06
OPEN_OBJECTION_SHARE = 0.3


def _weighted(rng: random.Random, weights: dict[T, int]) -> T:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[key] for key in keys])[0]


def draw_scenario(rng: random.Random) -> Scenario:
    """Draw a scenario with the shares above: about a quarter end with a permit."""
    outcome = _weighted(rng, OUTCOME_WEIGHTS)
    overdue = False
    forbidden_zone = None
    if outcome is Status.PERMIT_ISSUED:
        stop = Step.PERMIT_ISSUANCE
    elif outcome is Status.IN_PROGRESS:
        stop = _weighted(rng, IN_PROGRESS_STEP_WEIGHTS)
        overdue = rng.random() < OVERDUE_SHARE
    elif outcome is Status.RETURNED:
        stop = _weighted(rng, RETURNED_STEP_WEIGHTS)
    elif outcome is Status.REJECTED:
        stop = _weighted(rng, {Step.VILLAGE_REVIEW: 3, Step.SITE_SURVEY: 5, Step.JOINT_MEETING: 2})
        if stop is Step.SITE_SURVEY:
            forbidden_zone = rng.choice(sorted(FORBIDDEN_ZONES))
    else:
        stop = Step(rng.randint(Step.VILLAGE_PUBLICITY, Step.PERMIT_ISSUANCE))

    # Rejections and returns at the final step end the chain, so a detour comes before it.
    last_detour = stop if outcome in (Status.IN_PROGRESS, Status.WITHDRAWN) else stop - 1
    last_detour = min(last_detour, Step.CONSTRUCTION_PUBLICITY)
    returned_at = None
    if last_detour >= Step.VILLAGE_REVIEW and rng.random() < DETOUR_SHARE:
        returned_at = Step(rng.randint(Step.VILLAGE_REVIEW, last_detour))

    objection = Objections.NONE
    if outcome is Status.IN_PROGRESS and stop is Step.VILLAGE_PUBLICITY and rng.random() < OPEN_OBJECTION_SHARE:
        objection = Objections.OPEN
    elif stop > Step.VILLAGE_PUBLICITY and rng.random() < RESOLVED_OBJECTION_SHARE:
        objection = Objections.RESOLVED

    return Scenario(outcome, stop, overdue, returned_at, objection, forbidden_zone)


def pick_scenarios(rng: random.Random, count: int, *, with_featured: bool) -> list[Scenario]:
    """Return ``count`` scenarios: the featured one if asked, the core ones, then random draws."""
    first = [FEATURED_SCENARIO] if with_featured else []
    scenarios = [*first, *CORE_SCENARIOS][:count]
    scenarios += [draw_scenario(rng) for _ in range(count - len(scenarios))]
    return scenarios


def _final_actions(scenario: Scenario) -> list[Action]:
    step = scenario.stop_step
    if scenario.outcome is Status.PERMIT_ISSUED:
        return [Action(ActionKind.PASS, step)]
    if scenario.outcome is Status.RETURNED:
        return [Action(ActionKind.RETURN, step)]
    if scenario.outcome is Status.WITHDRAWN:
        return [Action(ActionKind.WITHDRAW, step)]
    if scenario.outcome is Status.REJECTED:
        if scenario.forbidden_zone is not None:
            return [Action(ActionKind.REJECT_AFTER_SURVEY, step)]
        return [Action(ActionKind.REJECT, step)]
    return []


def build_actions(scenario: Scenario) -> list[Action]:
    """List the workflow calls that take a new application to the scenario's final state."""
    actions = [Action(ActionKind.SUBMIT, Step.ONLINE_APPLICATION)]
    step = Step.VILLAGE_PUBLICITY
    while True:
        if step is Step.VILLAGE_PUBLICITY and scenario.objection is not Objections.NONE:
            actions.append(Action(ActionKind.RECORD_OBJECTION, step))
            if scenario.objection is Objections.RESOLVED:
                actions.append(Action(ActionKind.RESOLVE_OBJECTION, step))
        if scenario.returned_at is step:
            actions += [Action(ActionKind.RETURN, step), Action(ActionKind.RESUBMIT, step)]
        if step is scenario.stop_step:
            return actions + _final_actions(scenario)

        actions.append(Action(ActionKind.PASS, step))
        next_step = step.next()
        if next_step is None:
            raise AssertionError(f"scenario {scenario} never reaches its stop step")
        step = next_step
