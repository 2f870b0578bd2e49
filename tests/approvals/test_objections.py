"""Objections raised during village publicity must be resolved before the step passes."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from domain.approvals.errors import ApprovalErrorCode as Code
from domain.approvals.models import Objection, Step
from domain.approvals.objections import ObjectionBook
from domain.approvals.workflow import ApprovalWorkflow, StepAction
from domain.audit.models import AuditEntry
from tests.approvals.scenario import PASS_TIMES, SUBMITTED_AT, Scenario, error_pairs

# Objections arrive while the notice is posted, before the 7 days are over.
RAISED_AT = SUBMITTED_AT + timedelta(days=2)


def book_of(workflow: ApprovalWorkflow) -> ObjectionBook:
    return ObjectionBook(workflow.session, workflow.settings, workflow.calendar, workflow.now)


async def record(scenario: Scenario, application_id: int, content: str = "东侧界址占用了村道") -> int:
    objection = await scenario.run(
        RAISED_AT,
        lambda workflow: book_of(workflow).record_objection(
            scenario.cast.village_committee, application_id, "李四", content
        ),
    )
    return objection.id


async def resolve(scenario: Scenario, objection_id: int) -> None:
    await scenario.run(
        RAISED_AT,
        lambda workflow: book_of(workflow).resolve_objection(
            scenario.cast.village_committee, objection_id, "经现场核实，界址未占用村道"
        ),
    )


async def test_unresolved_objection_blocks_publicity(scenario: Scenario) -> None:
    application_id = await scenario.submit()
    await record(scenario, application_id)
    before = await scenario.snapshot(application_id)
    action = StepAction(application_id, expected_step=Step.VILLAGE_PUBLICITY)

    errors = await scenario.rejected(
        PASS_TIMES[Step.VILLAGE_PUBLICITY],
        lambda workflow: workflow.pass_step(scenario.cast.village_committee, action),
    )

    assert error_pairs(errors) == [(Code.OBJECTIONS_UNRESOLVED, "input.applicationId")]
    assert errors[0].params == {"count": 1}
    assert await scenario.snapshot(application_id) == before


async def test_resolved_objection_allows_pass(scenario: Scenario) -> None:
    application_id = await scenario.submit()
    objection_id = await record(scenario, application_id)
    await resolve(scenario, objection_id)

    application = await scenario.pass_step(application_id, Step.VILLAGE_PUBLICITY)

    assert application.current_step is Step.VILLAGE_REVIEW


async def test_one_open_objection_still_blocks(scenario: Scenario) -> None:
    application_id = await scenario.submit()
    first = await record(scenario, application_id)
    await record(scenario, application_id, content="北侧山体有滑坡隐患")
    await resolve(scenario, first)
    action = StepAction(application_id, expected_step=Step.VILLAGE_PUBLICITY)

    errors = await scenario.rejected(
        PASS_TIMES[Step.VILLAGE_PUBLICITY],
        lambda workflow: workflow.pass_step(scenario.cast.village_committee, action),
    )

    assert error_pairs(errors) == [(Code.OBJECTIONS_UNRESOLVED, "input.applicationId")]
    assert errors[0].params == {"count": 1}


async def test_objection_recorded_with_audit(scenario: Scenario) -> None:
    application_id = await scenario.submit()

    objection_id = await record(scenario, application_id, content="  东侧界址占用了村道 ")

    async with scenario.sessions() as session:
        objection = await session.get(Objection, objection_id)
        audit = await session.scalar(select(AuditEntry).where(AuditEntry.action == "objection.recorded"))
    assert objection is not None
    assert objection.content == "东侧界址占用了村道"
    assert objection.resolved_at is None
    assert audit is not None
    assert audit.entity_id == objection_id
    assert audit.detail == {"application_id": application_id}


async def test_objection_after_publicity_rejected(scenario: Scenario) -> None:
    application_id = await scenario.submit_and_advance_to(Step.VILLAGE_REVIEW)
    before = await scenario.snapshot(application_id)

    errors = await scenario.rejected(
        PASS_TIMES[Step.VILLAGE_PUBLICITY],
        lambda workflow: book_of(workflow).record_objection(
            scenario.cast.village_committee, application_id, "李四", "迟到的异议"
        ),
    )

    assert error_pairs(errors) == [(Code.INVALID_STATE, "input.applicationId")]
    assert await scenario.snapshot(application_id) == before


async def test_township_staff_cannot_record_objection(scenario: Scenario) -> None:
    application_id = await scenario.submit()
    before = await scenario.snapshot(application_id)

    errors = await scenario.rejected(
        RAISED_AT,
        lambda workflow: book_of(workflow).record_objection(
            scenario.cast.township_staff, application_id, "李四", "界址争议"
        ),
    )

    assert error_pairs(errors) == [(Code.FORBIDDEN, None)]
    assert await scenario.snapshot(application_id) == before


async def test_blank_objection_fields_required(scenario: Scenario) -> None:
    application_id = await scenario.submit()
    before = await scenario.snapshot(application_id)

    raised_by_errors = await scenario.rejected(
        RAISED_AT,
        lambda workflow: book_of(workflow).record_objection(
            scenario.cast.village_committee, application_id, " ", "界址争议"
        ),
    )
    content_errors = await scenario.rejected(
        RAISED_AT,
        lambda workflow: book_of(workflow).record_objection(
            scenario.cast.village_committee, application_id, "李四", ""
        ),
    )

    assert error_pairs(raised_by_errors) == [(Code.REQUIRED, "input.raisedBy")]
    assert error_pairs(content_errors) == [(Code.REQUIRED, "input.content")]
    assert await scenario.snapshot(application_id) == before


async def test_objection_resolved_twice_rejected(scenario: Scenario) -> None:
    application_id = await scenario.submit()
    objection_id = await record(scenario, application_id)
    await resolve(scenario, objection_id)
    before = await scenario.snapshot(application_id)

    errors = await scenario.rejected(
        RAISED_AT,
        lambda workflow: book_of(workflow).resolve_objection(scenario.cast.village_committee, objection_id, "再次答复"),
    )

    assert error_pairs(errors) == [(Code.OBJECTION_ALREADY_RESOLVED, "input.objectionId")]
    assert await scenario.snapshot(application_id) == before


async def test_blank_resolution_required(scenario: Scenario) -> None:
    application_id = await scenario.submit()
    objection_id = await record(scenario, application_id)
    before = await scenario.snapshot(application_id)

    errors = await scenario.rejected(
        RAISED_AT,
        lambda workflow: book_of(workflow).resolve_objection(scenario.cast.village_committee, objection_id, "  "),
    )

    assert error_pairs(errors) == [(Code.REQUIRED, "input.resolution")]
    assert await scenario.snapshot(application_id) == before


async def test_unknown_objection_not_found(scenario: Scenario) -> None:
    errors = await scenario.rejected(
        SUBMITTED_AT,
        lambda workflow: book_of(workflow).resolve_objection(scenario.cast.village_committee, 987654, "已处理"),
    )

    assert error_pairs(errors) == [(Code.NOT_FOUND, "input.objectionId")]
