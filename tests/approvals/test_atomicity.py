"""An action's state change, transition, audit entry and outbox event commit or roll back together."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from domain.approvals.errors import ApprovalErrorCode as Code
from domain.approvals.models import ApprovalStep, Objection, Step, StepOutcome
from domain.approvals.workflow import StepAction
from domain.audit.models import AuditEntry, OutboxEvent
from domain.errors import DomainError
from tests.approvals.scenario import NOTHING_WRITTEN, PASS_TIMES, SUBMITTED_AT, Scenario


async def test_later_failure_rolls_back_pass(scenario: Scenario) -> None:
    application_id = await scenario.submit_and_advance_to(Step.VILLAGE_REVIEW)
    before = await scenario.snapshot(application_id)
    action = StepAction(application_id, expected_step=Step.VILLAGE_REVIEW)
    counted_inside: dict[str, int | None] = {}

    async def pass_then_fail() -> None:
        async with scenario.workflow(PASS_TIMES[Step.VILLAGE_REVIEW]) as workflow:
            await workflow.pass_step(scenario.cast.village_committee, action)
            await workflow.session.flush()
            for model in (OutboxEvent, AuditEntry):
                counted_inside[model.__tablename__] = await workflow.session.scalar(
                    select(func.count()).select_from(model)
                )
            raise RuntimeError("failure after the workflow call")

    with pytest.raises(RuntimeError, match="after the workflow call"):
        await pass_then_fail()

    # The rows reached the database inside the transaction, and the rollback removed them.
    assert counted_inside["outbox_event"] == before.row_counts["outbox_event"] + 1
    assert counted_inside["audit_entry"] == before.row_counts["audit_entry"] + 1
    assert await scenario.snapshot(application_id) == before


async def test_later_failure_rolls_back_submit(scenario: Scenario) -> None:
    form = scenario.cast.form()

    async def submit_then_fail() -> None:
        async with scenario.workflow(SUBMITTED_AT) as workflow:
            await workflow.submit(scenario.cast.farmer, form)
            raise RuntimeError("failure after the workflow call")

    with pytest.raises(RuntimeError, match="after the workflow call"):
        await submit_then_fail()

    assert await scenario.row_counts() == NOTHING_WRITTEN


async def test_failed_commit_discards_history(scenario: Scenario) -> None:
    application_id = await scenario.submit_and_advance_to(Step.VILLAGE_REVIEW)
    before = await scenario.snapshot(application_id)
    action = StepAction(application_id, expected_step=Step.VILLAGE_REVIEW)
    now = PASS_TIMES[Step.VILLAGE_REVIEW]

    async def pass_with_duplicate_step_row() -> None:
        async with scenario.workflow(now) as workflow:
            await workflow.pass_step(scenario.cast.village_committee, action)
            # A second row for an existing step violates UNIQUE (application_id, step) when
            # the commit flushes it together with the transition, audit entry and outbox event.
            workflow.session.add(
                ApprovalStep(
                    application_id=application_id,
                    step=Step.VILLAGE_PUBLICITY,
                    owner_role="village_committee",
                    outcome=StepOutcome.OPEN,
                    opened_at=now,
                    due_date=now.date(),
                )
            )

    with pytest.raises(IntegrityError):
        await pass_with_duplicate_step_row()

    assert await scenario.snapshot(application_id) == before


async def test_domain_error_leaves_no_rows(scenario: Scenario) -> None:
    application_id = await scenario.submit()
    async with scenario.session() as session:
        session.add(
            Objection(
                application_id=application_id,
                raised_by="李四",
                content="界址争议",
                recorded_by_id=scenario.cast.village_committee.account_id,
                recorded_at=SUBMITTED_AT + timedelta(days=1),
            )
        )
    before = await scenario.snapshot(application_id)
    action = StepAction(application_id, expected_step=Step.VILLAGE_PUBLICITY)

    with pytest.raises(DomainError) as raised:
        await scenario.run(
            PASS_TIMES[Step.VILLAGE_PUBLICITY],
            lambda workflow: workflow.pass_step(scenario.cast.village_committee, action),
        )

    assert raised.value.code == Code.OBJECTIONS_UNRESOLVED
    assert await scenario.snapshot(application_id) == before


async def test_failed_action_discards_earlier_actions(scenario: Scenario) -> None:
    application_id = await scenario.submit_and_advance_to(Step.VILLAGE_REVIEW)
    before = await scenario.snapshot(application_id)
    review = StepAction(application_id, expected_step=Step.VILLAGE_REVIEW)
    survey_without_findings = StepAction(application_id, expected_step=Step.SITE_SURVEY)

    async def review_then_survey() -> None:
        async with scenario.workflow(PASS_TIMES[Step.SITE_SURVEY]) as workflow:
            await workflow.pass_step(scenario.cast.village_committee, review)
            await workflow.pass_step(scenario.cast.township_staff, survey_without_findings, None)

    with pytest.raises(DomainError) as raised:
        await review_then_survey()

    assert raised.value.code == Code.REQUIRED
    assert await scenario.snapshot(application_id) == before
