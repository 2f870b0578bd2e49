"""The seven-step approval workflow: submit, pass, return, resubmit, reject, withdraw.

Every action checks the caller's role and jurisdiction and the application's state, then
writes the state change, a step transition, an audit entry and an outbox event in the
caller's transaction. The application row is updated and flushed first: its version
column makes a concurrent action on the same application fail with VERSION_CONFLICT
before anything else is written.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass

from sqlalchemy import func, select, update

from domain.accounts.actor import Actor
from domain.accounts.models import Role
from domain.approvals import rules
from domain.approvals.columns import application_columns
from domain.approvals.errors import ApprovalErrorCode as Code
from domain.approvals.forms import ApplicationForm, SiteSurvey
from domain.approvals.models import (
    Application,
    ApplicationStatus,
    Permit,
    Step,
    StepOutcome,
    TransitionAction,
)
from domain.approvals.permits import build_permit_fields
from domain.approvals.step_exits import StepExitChecks
from domain.approvals.steps import STEP_OWNERS, may_act_on_step
from domain.clock import local_date
from domain.errors import DomainError, DomainErrors
from domain.households.models import Household, Member
from domain.regions.models import county_code_of

logger = logging.getLogger(__name__)

OPEN_STATUSES = frozenset({ApplicationStatus.IN_PROGRESS, ApplicationStatus.RETURNED})


@dataclass(frozen=True)
class StepAction:
    """An official's action on the current step."""

    application_id: int
    expected_step: Step | None = None
    expected_version: int | None = None
    opinion: str = ""
    attachments: tuple[str, ...] = ()


class ApprovalWorkflow(StepExitChecks):
    """The approval actions of applicants and step owners."""

    async def submit(self, actor: Actor, form: ApplicationForm) -> Application:
        """File a new application; the online-application step passes at once."""
        self._require_role(actor, {Role.FARMER, Role.GRID_WORKER})
        household = await self._load_household(actor, form.household_id, "input.householdId")
        applicant = await self._validate_form(household, form)

        await self._lock_household(household.id)
        already_open = await self.session.scalar(
            select(func.count())
            .select_from(Application)
            .where(Application.household_id == household.id, Application.status.in_(OPEN_STATUSES))
        )
        if already_open:
            raise DomainError(Code.APPLICATION_ALREADY_OPEN, "input.householdId", household_id=household.id)

        application = Application(
            number=self._new_number(household.village_code),
            household_id=household.id,
            applicant_id=applicant.id,
            village_code=household.village_code,
            submitted_by_id=actor.account_id,
            status=ApplicationStatus.IN_PROGRESS,
            current_step=Step.VILLAGE_PUBLICITY,
            submitted_at=self.now,
            **application_columns(form),
        )
        self.session.add(application)
        await self.session.flush()

        first = self._open_step(application, Step.ONLINE_APPLICATION)
        first.outcome = StepOutcome.PASSED
        first.closed_at = self.now
        self._open_step(application, Step.VILLAGE_PUBLICITY)
        self._record(actor, application, Step.ONLINE_APPLICATION, TransitionAction.SUBMIT, "", ())
        logger.info("application_submitted id=%s household_id=%s", application.id, household.id)
        return application

    async def resubmit(
        self, actor: Actor, application_id: int, form: ApplicationForm, expected_version: int | None
    ) -> Application:
        """Resume a returned application at the step that returned it, with corrected data."""
        application = await self._load_for_update(actor, application_id, expected_version)
        self._require_role(actor, {Role.FARMER, Role.GRID_WORKER})
        self._require_status(application, {ApplicationStatus.RETURNED})
        if form.household_id != application.household_id:
            raise DomainError(Code.INVALID_STATE, "input.householdId", household_id=form.household_id)

        household = await self._load_household(actor, application.household_id, "input.householdId")
        applicant = await self._validate_form(household, form)

        for column, value in application_columns(form).items():
            setattr(application, column, value)
        application.applicant_id = applicant.id
        application.status = ApplicationStatus.IN_PROGRESS
        await self._flush_versioned()

        step_row = await self._current_step_row(application)
        step_row.outcome = StepOutcome.OPEN
        step_row.opened_at = self.now
        step_row.closed_at = None
        self._set_due_date(step_row)
        self._record(actor, application, application.current_step, TransitionAction.RESUBMIT, "", ())
        return application

    async def pass_step(self, actor: Actor, action: StepAction, survey: SiteSurvey | None = None) -> Application:
        """Pass the current step and open the next; the last step issues the permit."""
        application = await self._load_for_update(actor, action.application_id, action.expected_version)
        step = await self._require_step_owner(actor, application, action.expected_step)
        if survey is not None and step is not Step.SITE_SURVEY:
            raise DomainError(Code.SURVEY_NOT_EXPECTED, "input.survey", step=step.name)
        _require_valid_action_text(action)
        step_row = await self._current_step_row(application)
        await self._check_step_exit(application, step, step_row, survey)

        next_step = step.next()
        if next_step is None:
            application.status = ApplicationStatus.PERMIT_ISSUED
            application.closed_at = self.now
        else:
            application.current_step = next_step
        if step is Step.VILLAGE_REVIEW:
            application.accepted_at = self.now
            due = self.calendar.add_working_days(local_date(self.now), self.settings.decision_limit_days)
            application.decision_due_date = due.day
            application.decision_due_confirmed = due.confirmed
        await self._flush_versioned()

        step_row.outcome = StepOutcome.PASSED
        step_row.closed_at = self.now
        if next_step is None:
            await self._issue_permit(actor, application)
        else:
            self._open_step(application, next_step)
        self._record(actor, application, step, TransitionAction.PASS, action.opinion, action.attachments)
        return application

    async def return_for_correction(self, actor: Actor, action: StepAction) -> Application:
        """Send the application back to the applicant, who corrects and resubmits it."""
        return await self._close_with(
            actor, action, ApplicationStatus.RETURNED, StepOutcome.RETURNED, TransitionAction.RETURN
        )

    async def reject(self, actor: Actor, action: StepAction) -> Application:
        """Reject the application with reasons; it cannot be resumed."""
        return await self._close_with(
            actor, action, ApplicationStatus.REJECTED, StepOutcome.REJECTED, TransitionAction.REJECT
        )

    async def withdraw(
        self, actor: Actor, application_id: int, reason: str, expected_version: int | None
    ) -> Application:
        """Withdraw an application on the household's request before the permit is issued."""
        application = await self._load_for_update(actor, application_id, expected_version)
        self._require_role(actor, {Role.FARMER, Role.GRID_WORKER})
        self._require_status(application, OPEN_STATUSES)
        reason_errors = rules.check_free_text(reason, "input.reason", required=False)
        if reason_errors:
            raise DomainErrors(reason_errors)

        application.status = ApplicationStatus.WITHDRAWN
        application.closed_at = self.now
        await self._flush_versioned()

        step_row = await self._current_step_row(application)
        step_row.outcome = StepOutcome.WITHDRAWN
        step_row.closed_at = self.now
        self._record(actor, application, application.current_step, TransitionAction.WITHDRAW, reason, ())
        return application

    # --- checks -------------------------------------------------------------------------

    async def _lock_household(self, household_id: int) -> None:
        """Lock the household row until commit, so that submissions for it run one at a time.

        Without the lock, two concurrent submissions both count no open application and
        both insert one. A no-op UPDATE locks on both backends (the row on PostgreSQL, the
        database write lock on SQLite), which SELECT ... FOR UPDATE does not, because
        SQLite ignores it. The second submission then counts after the first commits.
        """
        await self.session.execute(
            update(Household)
            .where(Household.id == household_id)
            .values(address=Household.address)
            .execution_options(synchronize_session=False)
        )

    async def _validate_form(self, household: Household, form: ApplicationForm) -> Member:
        applicant = await self.session.scalar(
            select(Member).where(
                Member.household_id == household.id,
                Member.resident_id == form.applicant_resident_id,
            )
        )
        if applicant is None:
            raise DomainError(Code.APPLICANT_NOT_IN_HOUSEHOLD, "input.applicantResidentId")

        errors: list[DomainError] = []
        if not form.pledge_signed:
            errors.append(DomainError(Code.PLEDGE_REQUIRED, "input.pledgeSigned"))
        limit = await rules.area_limit_for(self.session, county_code_of(household.village_code), form.land_type)
        errors += rules.check_building_spec(form.spec, form.land_type, limit, prefix="input.spec")
        if form.design_code is not None:
            errors += rules.check_text(
                form.design_code, "input.designCode", max_length=rules.DESIGN_CODE_MAX_LENGTH, required=False
            )
        errors += rules.check_zone(form.zone, form.build_type, "input.zone")
        errors += await rules.check_one_household_one_homestead(
            self.session,
            household.id,
            form.build_type,
            form.household_split,
            form.demolition_commitment,
        )
        if errors:
            raise DomainErrors(errors)
        if form.applicant_phone is not None:
            applicant.phone = form.applicant_phone
        return applicant

    async def _require_step_owner(self, actor: Actor, application: Application, expected_step: Step | None) -> Step:
        self._require_status(application, {ApplicationStatus.IN_PROGRESS})
        step = Step(application.current_step)
        if expected_step is not None and expected_step is not step:
            raise DomainError(
                Code.STEP_OUT_OF_ORDER,
                "input.expectedStep",
                expected=expected_step.name,
                current=step.name,
            )
        if not may_act_on_step(actor.role, step):
            raise DomainError(
                Code.FORBIDDEN,
                "input.applicationId",
                role=actor.role.value,
                step=step.name,
                owner=STEP_OWNERS[step].value,
            )
        return step

    async def _close_with(
        self,
        actor: Actor,
        action: StepAction,
        status: ApplicationStatus,
        outcome: StepOutcome,
        transition: TransitionAction,
    ) -> Application:
        application = await self._load_for_update(actor, action.application_id, action.expected_version)
        step = await self._require_step_owner(actor, application, action.expected_step)
        if not action.opinion.strip():
            raise DomainError(Code.OPINION_REQUIRED, "input.opinion")
        _require_valid_action_text(action)

        application.status = status
        if status is ApplicationStatus.REJECTED:
            application.closed_at = self.now
        await self._flush_versioned()

        step_row = await self._current_step_row(application)
        step_row.outcome = outcome
        step_row.closed_at = self.now
        self._record(actor, application, step, transition, action.opinion, action.attachments)
        return application

    async def _issue_permit(self, actor: Actor, application: Application) -> Permit:
        applicant = await self.session.get(Member, application.applicant_id)
        assert applicant is not None  # noqa: S101 - the foreign key guarantees it
        permit = Permit(
            application_id=application.id,
            permit_number=f"乡字第{application.village_code[:6]}{local_date(self.now):%Y}{secrets.token_hex(3).upper()}号",
            issued_at=self.now,
            issued_by_id=actor.account_id,
            fields=build_permit_fields(application, applicant.name),
        )
        self.session.add(permit)
        return permit


def _require_valid_action_text(action: StepAction) -> None:
    """Reject invalid characters and over-long or too many items in an opinion and its attachments."""
    errors = rules.check_action_text(action.opinion, action.attachments)
    if errors:
        raise DomainErrors(errors)
