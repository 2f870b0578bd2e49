"""Every workflow action leaves one step transition, one audit entry and one outbox event."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from sqlalchemy import select

from domain.approvals.models import Step, TransitionAction
from domain.approvals.workflow import ApprovalWorkflow, StepAction
from domain.audit.models import AuditEntry, OutboxEvent
from tests.approvals.scenario import PASS_TIMES, SUBMITTED_AT, Scenario, as_utc

HISTORY_TABLES = ("step_transition", "audit_entry", "outbox_event")
ONE_OF_EACH = dict.fromkeys(HISTORY_TABLES, 1)
OFFICIAL_STEPS = [step for step in Step if step is not Step.ONLINE_APPLICATION]


async def history_written_by(
    scenario: Scenario, now: datetime, action: Callable[[ApprovalWorkflow], Awaitable[object]]
) -> dict[str, int]:
    """Run ``action`` and return how many history rows of each kind it added."""
    before = await scenario.row_counts()
    await scenario.run(now, action)
    return history_added(before, await scenario.row_counts())


def history_added(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    return {name: after[name] - before[name] for name in HISTORY_TABLES}


async def test_submit_writes_one_of_each(scenario: Scenario) -> None:
    form = scenario.cast.form()

    written = await history_written_by(
        scenario, SUBMITTED_AT, lambda workflow: workflow.submit(scenario.cast.farmer, form)
    )

    assert written == ONE_OF_EACH


async def test_each_pass_writes_one_of_each(scenario: Scenario) -> None:
    application_id = await scenario.submit()

    for step in OFFICIAL_STEPS:
        before = await scenario.row_counts()
        await scenario.pass_step(application_id, step)
        after = await scenario.row_counts()

        assert history_added(before, after) == ONE_OF_EACH, step.name


async def test_return_and_resubmit_write_one_each(scenario: Scenario) -> None:
    application_id = await scenario.submit()
    returned_at = SUBMITTED_AT + timedelta(days=1)
    action = StepAction(application_id, opinion="缺少四邻意见")
    form = scenario.cast.form()

    returned = await history_written_by(
        scenario, returned_at, lambda workflow: workflow.return_for_correction(scenario.cast.village_committee, action)
    )
    resubmitted = await history_written_by(
        scenario,
        returned_at + timedelta(days=1),
        lambda workflow: workflow.resubmit(scenario.cast.farmer, application_id, form, None),
    )

    assert returned == ONE_OF_EACH
    assert resubmitted == ONE_OF_EACH


async def test_reject_writes_one_of_each(scenario: Scenario) -> None:
    application_id = await scenario.submit()
    action = StepAction(application_id, opinion="选址位于村庄规划范围外")

    written = await history_written_by(
        scenario,
        SUBMITTED_AT + timedelta(days=1),
        lambda workflow: workflow.reject(scenario.cast.village_committee, action),
    )

    assert written == ONE_OF_EACH


async def test_withdraw_writes_one_of_each(scenario: Scenario) -> None:
    application_id = await scenario.submit()

    written = await history_written_by(
        scenario,
        SUBMITTED_AT + timedelta(days=1),
        lambda workflow: workflow.withdraw(scenario.cast.farmer, application_id, "暂缓建房", None),
    )

    assert written == ONE_OF_EACH


async def test_transitions_list_stages_in_order(scenario: Scenario) -> None:
    application_id = await scenario.submit()

    for step in OFFICIAL_STEPS:
        await scenario.pass_step(application_id, step)

    transitions = await scenario.transitions(application_id)
    cast = scenario.cast
    assert [(row.step, row.action, row.actor_id) for row in transitions] == [
        (Step.ONLINE_APPLICATION, TransitionAction.SUBMIT, cast.farmer.account_id),
        *[(step, TransitionAction.PASS, cast.owner_of(step).account_id) for step in OFFICIAL_STEPS],
    ]
    assert [as_utc(row.occurred_at) for row in transitions] == [SUBMITTED_AT, *PASS_TIMES.values()]


async def test_outbox_events_follow_transitions(scenario: Scenario) -> None:
    application_id = await scenario.submit()

    for step in OFFICIAL_STEPS:
        await scenario.pass_step(application_id, step)

    async with scenario.sessions() as session:
        events = list(await session.scalars(select(OutboxEvent).order_by(OutboxEvent.created_at)))
    assert [(event.event_type, event.aggregate_type, event.aggregate_id) for event in events] == [
        ("application.submit", "application", application_id),
        *[("application.pass", "application", application_id)] * len(OFFICIAL_STEPS),
    ]
    assert [
        (event.payload["step"], event.payload["status"], event.payload["current_step"], event.payload["version"])
        for event in events
    ] == [
        ("ONLINE_APPLICATION", "in_progress", "VILLAGE_PUBLICITY", 1),
        ("VILLAGE_PUBLICITY", "in_progress", "VILLAGE_REVIEW", 2),
        ("VILLAGE_REVIEW", "in_progress", "SITE_SURVEY", 3),
        ("SITE_SURVEY", "in_progress", "JOINT_MEETING", 4),
        ("JOINT_MEETING", "in_progress", "CONSTRUCTION_PUBLICITY", 5),
        ("CONSTRUCTION_PUBLICITY", "in_progress", "PERMIT_ISSUANCE", 6),
        ("PERMIT_ISSUANCE", "permit_issued", "PERMIT_ISSUANCE", 7),
    ]
    assert all(event.published_at is None for event in events)


async def test_audit_entries_match_outbox_events(scenario: Scenario) -> None:
    application_id = await scenario.submit()

    for step in OFFICIAL_STEPS:
        await scenario.pass_step(application_id, step)

    async with scenario.sessions() as session:
        entries = list(await session.scalars(select(AuditEntry).order_by(AuditEntry.id)))
        events = list(await session.scalars(select(OutboxEvent).order_by(OutboxEvent.created_at)))
    assert [(entry.action, entry.entity_type, entry.entity_id) for entry in entries] == [
        (event.event_type, event.aggregate_type, event.aggregate_id) for event in events
    ]
    assert [entry.detail for entry in entries] == [event.payload for event in events]
    assert [entry.actor_id for entry in entries] == [
        scenario.cast.farmer.account_id,
        *[scenario.cast.owner_of(step).account_id for step in OFFICIAL_STEPS],
    ]


async def test_transition_keeps_opinion_and_attachments(scenario: Scenario) -> None:
    application_id = await scenario.submit()
    returned_at = SUBMITTED_AT + timedelta(days=2)
    action = StepAction(application_id, opinion="  四至描述不清 ", attachments=("photo-east.jpg", "sketch.pdf"))

    await scenario.run(
        returned_at, lambda workflow: workflow.return_for_correction(scenario.cast.village_committee, action)
    )

    last = (await scenario.transitions(application_id))[-1]
    assert (last.step, last.action) == (Step.VILLAGE_PUBLICITY, TransitionAction.RETURN)
    assert last.opinion == "四至描述不清"
    assert last.attachments == ["photo-east.jpg", "sketch.pdf"]
    assert as_utc(last.occurred_at) == returned_at
