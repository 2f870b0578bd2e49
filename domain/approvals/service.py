"""Shared steps of approval services: access-checked loading, versioned flushes, records."""

from __future__ import annotations

import logging
import secrets
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.exc import StaleDataError

from core.settings import Settings
from domain.accounts.actor import Actor
from domain.accounts.models import Role
from domain.approvals.errors import ApprovalErrorCode as Code
from domain.approvals.models import (
    Application,
    ApplicationStatus,
    ApprovalStep,
    Step,
    StepOutcome,
    StepTransition,
    TransitionAction,
)
from domain.approvals.steps import STEP_OWNERS
from domain.audit.record import record_audit, record_event
from domain.calendar.working_days import WorkingDayCalendar
from domain.clock import local_date
from domain.errors import DomainError
from domain.households.models import Household

logger = logging.getLogger(__name__)


class ApprovalService:
    """Base of the workflow and objection services; one instance serves one transaction."""

    def __init__(
        self,
        session: AsyncSession,
        settings: Settings,
        calendar: WorkingDayCalendar,
        now: datetime,
    ) -> None:
        self.session = session
        self.settings = settings
        self.calendar = calendar
        self.now = now

    def _require_role(self, actor: Actor, roles: set[Role]) -> None:
        if actor.role not in roles:
            raise DomainError(Code.FORBIDDEN, None, role=actor.role.value)

    def _require_status(
        self,
        application: Application,
        statuses: set[ApplicationStatus] | frozenset[ApplicationStatus],
    ) -> None:
        if application.status not in statuses:
            raise DomainError(Code.INVALID_STATE, "input.applicationId", status=application.status.value)

    async def _load_household(self, actor: Actor, household_id: int, field: str) -> Household:
        household = await self.session.get(Household, household_id)
        if household is None:
            raise DomainError(Code.NOT_FOUND, field, id=household_id)
        if not actor.can_see_household(household.id, household.village_code):
            raise DomainError(Code.FORBIDDEN, field, id=household_id)
        return household

    async def _load_for_update(self, actor: Actor, application_id: int, expected_version: int | None) -> Application:
        application = await self.session.get(Application, application_id)
        if application is None:
            raise DomainError(Code.NOT_FOUND, "input.applicationId", id=application_id)
        if not actor.can_see_household(application.household_id, application.village_code):
            raise DomainError(Code.FORBIDDEN, "input.applicationId", id=application_id)
        if expected_version is not None and expected_version != application.version:
            raise DomainError(
                Code.VERSION_CONFLICT,
                "input.expectedVersion",
                expected=expected_version,
                current=application.version,
            )
        return application

    async def _flush_versioned(self) -> None:
        try:
            await self.session.flush()
        except StaleDataError as error:
            raise DomainError(Code.VERSION_CONFLICT, "input.applicationId") from error

    async def _current_step_row(self, application: Application) -> ApprovalStep:
        row = await self.session.scalar(
            select(ApprovalStep).where(
                ApprovalStep.application_id == application.id,
                ApprovalStep.step == application.current_step,
            )
        )
        if row is None:
            raise RuntimeError(f"application {application.id} has no row for its current step")
        return row

    def _open_step(self, application: Application, step: Step) -> ApprovalStep:
        row = ApprovalStep(
            application_id=application.id,
            step=step,
            owner_role=STEP_OWNERS[step].value,
            outcome=StepOutcome.OPEN,
            opened_at=self.now,
        )
        self._set_due_date(row)
        self.session.add(row)
        return row

    def _set_due_date(self, row: ApprovalStep) -> None:
        limit = self.settings.step_limit_days.get(Step(row.step).name, 0)
        due = self.calendar.add_working_days(local_date(self.now), limit)
        row.due_date = due.day
        row.schedule_confirmed = due.confirmed

    def _record(
        self,
        actor: Actor,
        application: Application,
        step: Step,
        action: TransitionAction,
        opinion: str,
        attachments: tuple[str, ...],
    ) -> None:
        self.session.add(
            StepTransition(
                application_id=application.id,
                step=step,
                action=action,
                actor_id=actor.account_id,
                occurred_at=self.now,
                opinion=opinion.strip(),
                attachments=list(attachments),
            )
        )
        detail: dict[str, Any] = {
            "application_id": application.id,
            "number": application.number,
            "step": Step(step).name,
            "action": action.value,
            "status": application.status.value,
            "current_step": Step(application.current_step).name,
            "village_code": application.village_code,
            "version": application.version,
        }
        self._audit(actor, f"application.{action.value}", "application", application.id, detail)
        record_event(
            self.session,
            event_type=f"application.{action.value}",
            aggregate_type="application",
            aggregate_id=application.id,
            created_at=self.now,
            payload=detail,
        )
        logger.info(
            "application_transition id=%s action=%s step=%s actor_id=%s",
            application.id,
            action.value,
            Step(step).name,
            actor.account_id,
        )

    def _audit(self, actor: Actor, action: str, entity_type: str, entity_id: int, detail: dict[str, Any]) -> None:
        record_audit(
            self.session,
            actor_id=actor.account_id,
            action=action,
            entity_type=entity_type,
            entity_id=entity_id,
            occurred_at=self.now,
            detail=detail,
        )

    def _new_number(self, village_code: str) -> str:
        return f"NF{village_code[:6]}-{local_date(self.now):%Y%m%d}-{secrets.token_hex(3).upper()}"
