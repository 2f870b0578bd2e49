"""Drive demo applications through the approval workflow with backdated actions."""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from core.seed import texts
from core.seed.accounts import officer_login
from core.seed.filings import (
    INVALID_FORM_LAND_TYPE,
    ChainPlan,
    InvalidSubmission,
    build_form,
    build_invalid_form,
    correct_form,
)
from core.seed.names import pick_surname
from core.seed.people import HouseholdPlan
from core.seed.scenarios import Action, ActionKind
from core.settings import Settings
from domain.accounts.actor import Actor
from domain.accounts.models import Role
from domain.approvals import rules
from domain.approvals.errors import ApprovalErrorCode
from domain.approvals.forms import ApplicationForm, SiteSurvey
from domain.approvals.models import (
    Application,
    ApplicationStatus,
    ApprovalStep,
    Objection,
    Step,
)
from domain.approvals.objections import ObjectionBook
from domain.approvals.workflow import ApprovalWorkflow, StepAction
from domain.audit.models import OutboxEvent
from domain.calendar.working_days import WorkingDayCalendar
from domain.errors import DomainError, DomainErrors
from domain.regions.models import county_code_of

logger = logging.getLogger(__name__)


class SeedChainError(Exception):
    """A workflow outcome that differs from the seed's plan."""


@dataclass(frozen=True)
class SeedContext:
    settings: Settings
    calendar: WorkingDayCalendar
    actors: dict[str, Actor]
    households: list[HouseholdPlan]
    household_ids: list[int]
    now: datetime
    today: date


@dataclass(frozen=True)
class ChainResult:
    application_id: int
    status: ApplicationStatus
    objections: int
    open_objections: int
    overdue: bool


class _ChainRun:
    """The state of one chain while its actions run in one transaction."""

    def __init__(self, session: AsyncSession, context: SeedContext, chain: ChainPlan, rng: random.Random) -> None:
        self.session = session
        self.context = context
        self.chain = chain
        self.rng = rng
        self.household = context.households[chain.household_index]
        self.applicant_actor = context.actors[chain.submitter_login]
        self.form: ApplicationForm | None = None
        self.application: Application | None = None
        self.objection: Objection | None = None
        self.objections = 0

    def workflow(self, at: datetime) -> ApprovalWorkflow:
        return ApprovalWorkflow(self.session, self.context.settings, self.context.calendar, at)

    def officer(self, action: Action) -> Actor:
        return self.context.actors[officer_login(action.officer_role, self.household.village.code)]

    def step_action(self, action: Action, opinion: str) -> StepAction:
        assert self.application is not None  # noqa: S101 - submit always runs first
        return StepAction(
            application_id=self.application.id,
            expected_step=action.step,
            expected_version=self.application.version,
            opinion=opinion,
        )

    async def run(self, action: Action, at: datetime) -> None:
        kind = action.kind
        if kind is ActionKind.SUBMIT:
            await self._submit(at)
            return

        application = self.application
        assert application is not None  # noqa: S101 - submit always runs first
        workflow = self.workflow(at)
        if kind is ActionKind.PASS:
            opinion = self.rng.choice(texts.PASS_OPINIONS[action.step])
            survey = self._survey(application) if action.step is Step.SITE_SURVEY else None
            await workflow.pass_step(self.officer(action), self.step_action(action, opinion), survey)
        elif kind is ActionKind.RETURN:
            reason = self.rng.choice(texts.RETURN_REASONS[action.step])
            await workflow.return_for_correction(self.officer(action), self.step_action(action, reason))
        elif kind is ActionKind.RESUBMIT:
            assert self.form is not None  # noqa: S101 - set by submit
            self.form = correct_form(self.form, action.step, self.rng)
            await workflow.resubmit(self.applicant_actor, application.id, self.form, application.version)
        elif kind is ActionKind.REJECT:
            reason = self.rng.choice(texts.REJECT_REASONS[action.step])
            await workflow.reject(self.officer(action), self.step_action(action, reason))
        elif kind is ActionKind.REJECT_AFTER_SURVEY:
            await self._reject_after_survey(workflow, action)
        elif kind is ActionKind.WITHDRAW:
            reason = self.rng.choice(texts.WITHDRAW_REASONS)
            await workflow.withdraw(self.applicant_actor, application.id, reason, application.version)
        elif kind is ActionKind.RECORD_OBJECTION:
            await self._record_objection(action, at)
        elif kind is ActionKind.RESOLVE_OBJECTION:
            await self._resolve_objection(action, at)

    async def _submit(self, at: datetime) -> None:
        household_id = self.context.household_ids[self.chain.household_index]
        county = county_code_of(self.household.village.code)
        limit = await rules.area_limit_for(self.session, county, self.chain.land_type)
        self.form = build_form(self.chain, self.household, household_id, limit)
        self.application = await self.workflow(at).submit(self.applicant_actor, self.form)

    def _survey(self, application: Application) -> SiteSurvey:
        # The measured area is at most a little smaller than the declared one.
        measured = application.site_area_m2 - self.rng.choice([0, 0, 0, 1, 2])
        return SiteSurvey(zone=application.zone, site_area_m2=measured)

    async def _reject_after_survey(self, workflow: ApprovalWorkflow, action: Action) -> None:
        application = self.application
        zone = self.chain.scenario.forbidden_zone
        assert application is not None  # noqa: S101 - submit always runs first
        assert zone is not None  # noqa: S101 - the scenario names the zone
        survey = SiteSurvey(zone=zone, site_area_m2=application.site_area_m2)
        officer = self.officer(action)
        try:
            await workflow.pass_step(officer, self.step_action(action, "踏勘"), survey)
        except DomainErrors as errors:
            codes = {error.code for error in errors.errors}
            if ApprovalErrorCode.ZONE_FORBIDDEN not in codes:
                raise SeedChainError(f"survey in {zone} failed with {sorted(codes)}") from errors
        else:
            raise SeedChainError(f"a site survey in zone {zone} passed application {application.id}")

        reason = texts.FORBIDDEN_ZONE_REASONS[zone]
        await workflow.reject(officer, self.step_action(action, reason))

    async def _record_objection(self, action: Action, at: datetime) -> None:
        assert self.application is not None  # noqa: S101 - submit always runs first
        book = ObjectionBook(self.session, self.context.settings, self.context.calendar, at)
        self.objection = await book.record_objection(
            self.officer(action),
            self.application.id,
            raised_by=f"村民{pick_surname(self.rng)}某",
            content=self.rng.choice(texts.OBJECTIONS),
        )
        self.objections += 1

    async def _resolve_objection(self, action: Action, at: datetime) -> None:
        assert self.objection is not None  # noqa: S101 - recorded by the previous action
        book = ObjectionBook(self.session, self.context.settings, self.context.calendar, at)
        resolution = self.rng.choice(texts.OBJECTION_RESOLUTIONS)
        await book.resolve_objection(self.officer(action), self.objection.id, resolution)

    async def result(self) -> ChainResult:
        application = self.application
        assert application is not None  # noqa: S101 - submit always runs first
        overdue = False
        if application.status is ApplicationStatus.IN_PROGRESS:
            due_date = await self.session.scalar(
                select(ApprovalStep.due_date).where(
                    ApprovalStep.application_id == application.id,
                    ApprovalStep.step == application.current_step,
                )
            )
            overdue = due_date is not None and due_date < self.context.today
        open_objections = int(self.objection is not None and self.objection.resolved_at is None)
        return ChainResult(application.id, application.status, self.objections, open_objections, overdue)


async def run_chain(
    session: AsyncSession,
    context: SeedContext,
    chain: ChainPlan,
    actions: list[Action],
    moments: list[datetime],
    rng: random.Random,
) -> ChainResult:
    """Run the chain's actions at their backdated times inside the caller's transaction.

    Raises DomainError or DomainErrors when the workflow rejects an action, and
    SeedChainError when it accepts one that should fail.
    """
    run = _ChainRun(session, context, chain, rng)
    for action, at in zip(actions, moments, strict=True):
        await run.run(action, at)
    result = await run.result()

    # Mark the chain's events as published, so that the outbox relay neither broadcasts
    # past actions nor sends notifications for them.
    await session.execute(
        update(OutboxEvent)
        .where(
            OutboxEvent.aggregate_type == "application",
            OutboxEvent.aggregate_id == result.application_id,
            OutboxEvent.published_at.is_(None),
        )
        .values(published_at=context.now)
    )
    return result


async def submit_invalid_form(
    session: AsyncSession, context: SeedContext, submission: InvalidSubmission, at: datetime
) -> bool:
    """Submit a rule-breaking application; return whether it was rejected with the planned code.

    The caller must roll the session back whatever the outcome.
    """
    household = context.households[submission.household_index]
    household_id = context.household_ids[submission.household_index]
    county = county_code_of(household.village.code)
    limit = await rules.area_limit_for(session, county, INVALID_FORM_LAND_TYPE)
    form = build_invalid_form(submission, household, household_id, limit)
    grid_worker = context.actors[officer_login(Role.GRID_WORKER, household.village.code)]

    workflow = ApprovalWorkflow(session, context.settings, context.calendar, at)
    try:
        await workflow.submit(grid_worker, form)
    except DomainErrors as errors:
        codes = [error.code for error in errors.errors]
    except DomainError as error:
        codes = [error.code]
    else:
        logger.error("seed_invalid_submission_accepted household_id=%s expected=%s", household_id, submission.expected)
        return False

    logger.info("seed_invalid_submission_rejected household_id=%s codes=%s", household_id, ",".join(codes))
    return submission.expected in codes
