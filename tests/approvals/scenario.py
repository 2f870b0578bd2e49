"""A village, its household and the officials of every step, plus helpers that drive the workflow.

Each helper runs one action in its own session and transaction, as one GraphQL request
does, and reads results back in a fresh session so the checks see committed rows.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any, TypeVar

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.settings import Settings
from domain.accounts.actor import Actor
from domain.accounts.models import Role
from domain.approvals.forms import ApplicationForm, SiteSurvey
from domain.approvals.models import (
    Application,
    ApplicationStatus,
    ApprovalStep,
    Objection,
    Permit,
    Step,
    StepTransition,
)
from domain.approvals.workflow import ApprovalWorkflow, StepAction
from domain.audit.models import AuditEntry, OutboxEvent
from domain.calendar.working_days import load_calendar
from domain.errors import DomainError, DomainErrors
from domain.households.models import Household, Member
from domain.land.models import Zone
from tests import factories

T = TypeVar("T")

# Tuesday 1 September 2026, 10:00 in Quzhou. The hub passes UTC datetimes to the workflow.
SUBMITTED_AT = datetime(2026, 9, 1, 2, 0, tzinfo=UTC)

# When each step passes in the standard timeline. Village publicity lasts 7 calendar days
# from submission. Construction publicity opens on day 10 and lasts 10 calendar days.
PASS_TIMES: dict[Step, datetime] = {
    # Publicity passes on the day after its period ends, at 01:00 in Quzhou.
    Step.VILLAGE_PUBLICITY: SUBMITTED_AT + timedelta(days=7, hours=16),
    Step.VILLAGE_REVIEW: SUBMITTED_AT + timedelta(days=8),
    Step.SITE_SURVEY: SUBMITTED_AT + timedelta(days=9),
    Step.JOINT_MEETING: SUBMITTED_AT + timedelta(days=10),
    Step.CONSTRUCTION_PUBLICITY: SUBMITTED_AT + timedelta(days=20, hours=16),
    Step.PERMIT_ISSUANCE: SUBMITTED_AT + timedelta(days=21),
}

SURVEY = SiteSurvey(zone=Zone.BUILDABLE, site_area_m2=Decimal("118.50"))

# Tables an approval action may write to. The nothing-written checks compare their counts.
WRITTEN_TABLES: dict[str, Any] = {
    "application": Application,
    "approval_step": ApprovalStep,
    "step_transition": StepTransition,
    "audit_entry": AuditEntry,
    "outbox_event": OutboxEvent,
    "permit": Permit,
    "objection": Objection,
}
NOTHING_WRITTEN = dict.fromkeys(WRITTEN_TABLES, 0)


def as_utc(moment: datetime) -> datetime:
    """Return ``moment`` as aware UTC, because SQLite returns timezone-aware columns without their offset."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def error_pairs(errors: list[DomainError]) -> list[tuple[str, str | None]]:
    """Return (code, field) of each error, the part a client matches on."""
    return [(error.code, error.field) for error in errors]


@dataclass(frozen=True)
class Snapshot:
    """What a rejected action must leave unchanged: row counts and the application's state."""

    row_counts: dict[str, int]
    version: int
    status: ApplicationStatus
    current_step: Step


@dataclass(frozen=True)
class Cast:
    """One village with one applying household and an account for every step owner."""

    village_code: str
    household: Household
    members: list[Member]
    farmer: Actor
    grid_worker: Actor
    village_committee: Actor
    township_staff: Actor
    township_leader: Actor

    def owner_of(self, step: Step) -> Actor:
        owners = {
            Step.ONLINE_APPLICATION: self.farmer,
            Step.VILLAGE_PUBLICITY: self.village_committee,
            Step.VILLAGE_REVIEW: self.village_committee,
            Step.SITE_SURVEY: self.township_staff,
            Step.JOINT_MEETING: self.township_leader,
            Step.CONSTRUCTION_PUBLICITY: self.township_staff,
            Step.PERMIT_ISSUANCE: self.township_leader,
        }
        return owners[step]

    def form(self, **overrides: Any) -> ApplicationForm:
        """Return a valid form for the household, filed by its head."""
        return factories.make_form(self.household, self.members[0], **overrides)


class Scenario:
    """Drives the workflow for one test, one transaction per action."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], settings: Settings, cast: Cast) -> None:
        self.sessions = sessions
        self.settings = settings
        self.cast = cast

    @classmethod
    async def create(cls, sessions: async_sessionmaker[AsyncSession], settings: Settings) -> Scenario:
        async with sessions() as session, session.begin():
            village = await factories.make_village(session)
            household, members = await factories.make_household(session, village.code)
            farmer = await factories.make_account(session, Role.FARMER, village.code, household_id=household.id)
            actors = [
                factories.actor_of(await factories.make_account(session, role, code))
                for role, code in [
                    (Role.GRID_WORKER, village.code),
                    (Role.VILLAGE_COMMITTEE, village.code),
                    (Role.TOWNSHIP_STAFF, factories.GOUXI),
                    (Role.TOWNSHIP_LEADER, factories.GOUXI),
                ]
            ]
        cast = Cast(village.code, household, members, factories.actor_of(farmer), *actors)
        return cls(sessions, settings, cast)

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """Open a session in a transaction that commits on success, for setting up records."""
        async with self.sessions() as session, session.begin():
            yield session

    @asynccontextmanager
    async def workflow(self, now: datetime) -> AsyncIterator[ApprovalWorkflow]:
        """Open a transaction and a workflow in it with the stored holiday calendar."""
        async with self.session() as session:
            calendar = await load_calendar(session)
            yield ApprovalWorkflow(session, self.settings, calendar, now)

    async def run(self, now: datetime, action: Callable[[ApprovalWorkflow], Awaitable[T]]) -> T:
        """Run one action in its own transaction and return its result."""
        async with self.workflow(now) as workflow:
            return await action(workflow)

    async def rejected(
        self, now: datetime, action: Callable[[ApprovalWorkflow], Awaitable[object]]
    ) -> list[DomainError]:
        """Run an action that must fail, commit its transaction and return its errors.

        Committing makes the nothing-written checks meaningful, because a row that the
        workflow added before raising would then be stored.
        """
        async with self.workflow(now) as workflow:
            try:
                await action(workflow)
            except DomainError as error:
                return [error]
            except DomainErrors as errors:
                return errors.errors
        pytest.fail("the action succeeded, but it was expected to fail")

    async def submit(
        self, form: ApplicationForm | None = None, *, actor: Actor | None = None, now: datetime = SUBMITTED_AT
    ) -> int:
        """Submit ``form`` (by default a valid one) and return the new application's id."""
        chosen_form = form or self.cast.form()
        chosen_actor = actor or self.cast.farmer
        application = await self.run(now, lambda workflow: workflow.submit(chosen_actor, chosen_form))
        return application.id

    async def pass_step(
        self,
        application_id: int,
        step: Step,
        *,
        now: datetime | None = None,
        actor: Actor | None = None,
        survey: SiteSurvey | None = None,
        opinion: str = "",
    ) -> Application:
        """Pass ``step`` as its owner at its standard time, with ``SURVEY`` as the site survey's findings."""
        action = StepAction(application_id, expected_step=step, opinion=opinion)
        chosen_actor = actor or self.cast.owner_of(step)
        chosen_survey = survey or (SURVEY if step is Step.SITE_SURVEY else None)
        return await self.run(
            now or PASS_TIMES[step],
            lambda workflow: workflow.pass_step(chosen_actor, action, chosen_survey),
        )

    async def advance_to(self, application_id: int, step: Step) -> None:
        """Pass every step before ``step``, so that ``step`` becomes the current one."""
        for earlier in Step:
            if Step.ONLINE_APPLICATION < earlier < step:
                await self.pass_step(application_id, earlier)

    async def submit_and_advance_to(self, step: Step) -> int:
        application_id = await self.submit()
        await self.advance_to(application_id, step)
        return application_id

    async def application(self, application_id: int) -> Application:
        async with self.sessions() as session:
            application = await session.get(Application, application_id)
        assert application is not None
        return application

    async def step_row(self, application_id: int, step: Step) -> ApprovalStep:
        async with self.sessions() as session:
            row = await session.scalar(
                select(ApprovalStep).where(ApprovalStep.application_id == application_id, ApprovalStep.step == step)
            )
        assert row is not None
        return row

    async def transitions(self, application_id: int) -> list[StepTransition]:
        async with self.sessions() as session:
            rows = await session.scalars(
                select(StepTransition)
                .where(StepTransition.application_id == application_id)
                .order_by(StepTransition.id)
            )
            return list(rows)

    async def snapshot(self, application_id: int) -> Snapshot:
        application = await self.application(application_id)
        return Snapshot(await self.row_counts(), application.version, application.status, application.current_step)

    async def row_counts(self) -> dict[str, int]:
        """Count the rows of every table an approval action writes to."""
        counts: dict[str, int] = {}
        async with self.sessions() as session:
            for name, model in WRITTEN_TABLES.items():
                counts[name] = await session.scalar(select(func.count()).select_from(model)) or 0
        return counts
