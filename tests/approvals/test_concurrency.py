"""Workflow actions on the same record at the same time, from separate sessions and transactions.

Each racer opens its own transaction, loads the record and waits at a barrier until the
other racer has loaded it too, so both start from the same state before either writes.
Every race runs RACE_ROUNDS times on fresh records.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from sqlalchemy import func, select

from domain.accounts.actor import Actor
from domain.accounts.models import Role
from domain.approvals.errors import ApprovalErrorCode as Code
from domain.approvals.forms import ApplicationForm
from domain.approvals.models import (
    Application,
    ApplicationStatus,
    ApprovalStep,
    Objection,
    Step,
    StepTransition,
    TransitionAction,
)
from domain.approvals.objections import ObjectionBook
from domain.approvals.workflow import ApprovalWorkflow, StepAction
from domain.errors import DomainError
from domain.households.models import Household
from tests import factories
from tests.approvals.scenario import PASS_TIMES, Scenario, error_pairs

RACE_ROUNDS = 10
RACE_TIMEOUT_SECONDS = 60
PUBLICITY_OVER = PASS_TIMES[Step.VILLAGE_PUBLICITY]

Racer = Callable[[ApprovalWorkflow], Awaitable[object]]


async def race(scenario: Scenario, preload: tuple[type[Any], int], racers: list[Racer]) -> list[object]:
    """Run every racer in its own transaction once all have loaded ``preload``.

    Returns each racer's result, or the DomainError it raised after its transaction
    rolled back.
    """
    barrier = asyncio.Barrier(len(racers))

    async def run(racer: Racer) -> object:
        try:
            async with scenario.workflow(PUBLICITY_OVER) as workflow:
                # The identity map holds objects weakly, so this reference keeps the
                # preloaded state in the session for the workflow to act on.
                loaded = await workflow.session.get(*preload)
                await barrier.wait()
                result = await racer(workflow)
                assert loaded in workflow.session
                return result
        except DomainError as error:
            return error

    async with asyncio.timeout(RACE_TIMEOUT_SECONDS):
        return list(await asyncio.gather(*(run(racer) for racer in racers)))


def losers(outcomes: list[object]) -> list[DomainError]:
    return [outcome for outcome in outcomes if isinstance(outcome, DomainError)]


async def second_committee_member(scenario: Scenario) -> Actor:
    async with scenario.session() as session:
        account = await factories.make_account(session, Role.VILLAGE_COMMITTEE, scenario.cast.village_code)
    return factories.actor_of(account)


async def new_household_form(scenario: Scenario) -> ApplicationForm:
    """Return a valid form of a new household in the village, so each round starts afresh."""
    async with scenario.session() as session:
        household, members = await factories.make_household(session, scenario.cast.village_code)
    return factories.make_form(household, members[0])


async def submit_for_new_household(scenario: Scenario) -> int:
    return await scenario.submit(await new_household_form(scenario), actor=scenario.cast.grid_worker)


def submitting(actor: Actor, form: ApplicationForm) -> Racer:
    return lambda workflow: workflow.submit(actor, form)


def passing_publicity(official: Actor, application_id: int) -> Racer:
    action = StepAction(application_id, expected_step=Step.VILLAGE_PUBLICITY)
    return lambda workflow: workflow.pass_step(official, action)


def recording_objection(official: Actor, application_id: int) -> Racer:
    def record(workflow: ApprovalWorkflow) -> Awaitable[Objection]:
        book = ObjectionBook(workflow.session, workflow.settings, workflow.calendar, workflow.now)
        return book.record_objection(official, application_id, "李四", "东侧界址占用了村道")

    return record


async def count_rows(scenario: Scenario, model: type[Any], *conditions: Any) -> int:
    async with scenario.sessions() as session:
        count = await session.scalar(select(func.count()).select_from(model).where(*conditions))
    return count or 0


async def publicity_passes(scenario: Scenario, application_id: int) -> int:
    return await count_rows(
        scenario,
        StepTransition,
        StepTransition.application_id == application_id,
        StepTransition.step == Step.VILLAGE_PUBLICITY,
        StepTransition.action == TransitionAction.PASS,
    )


async def review_rows(scenario: Scenario, application_id: int) -> int:
    return await count_rows(
        scenario,
        ApprovalStep,
        ApprovalStep.application_id == application_id,
        ApprovalStep.step == Step.VILLAGE_REVIEW,
    )


async def test_stale_loaded_application_conflicts(scenario: Scenario) -> None:
    application_id = await scenario.submit()
    action = StepAction(application_id, expected_step=Step.VILLAGE_PUBLICITY)

    async def pass_after_other_official() -> None:
        async with scenario.workflow(PUBLICITY_OVER) as workflow:
            loaded = await workflow.session.get(Application, application_id)
            await scenario.pass_step(application_id, Step.VILLAGE_PUBLICITY)
            await workflow.pass_step(scenario.cast.village_committee, action)
            assert loaded in workflow.session

    with pytest.raises(DomainError) as raised:
        await pass_after_other_official()

    assert error_pairs([raised.value]) == [(Code.VERSION_CONFLICT, "input.applicationId")]
    assert await publicity_passes(scenario, application_id) == 1
    assert (await scenario.application(application_id)).version == 2


async def test_racing_officials_pass_once(scenario: Scenario, backend: str) -> None:
    if backend != "postgres":
        pytest.skip("SQLite serialises writers; test_racing_officials_on_sqlite covers it")
    officials = [scenario.cast.village_committee, await second_committee_member(scenario)]

    for round_number in range(RACE_ROUNDS):
        application_id = await submit_for_new_household(scenario)

        outcomes = await race(
            scenario,
            (Application, application_id),
            [passing_publicity(official, application_id) for official in officials],
        )

        assert len(losers(outcomes)) == 1, f"round {round_number}: {outcomes}"
        assert error_pairs(losers(outcomes)) == [(Code.VERSION_CONFLICT, "input.applicationId")]
        assert await publicity_passes(scenario, application_id) == 1
        assert await review_rows(scenario, application_id) == 1
        assert (await scenario.application(application_id)).version == 2


async def test_racing_officials_on_sqlite(scenario: Scenario, backend: str) -> None:
    if backend != "sqlite":
        pytest.skip("test_racing_officials_pass_once covers PostgreSQL")
    officials = [scenario.cast.village_committee, await second_committee_member(scenario)]

    for round_number in range(RACE_ROUNDS):
        application_id = await submit_for_new_household(scenario)

        outcomes = await race(
            scenario,
            (Application, application_id),
            [passing_publicity(official, application_id) for official in officials],
        )

        # SQLite runs one writer at a time. The loser conflicts on the version or, had it
        # read only after the winner committed, finds the step already passed.
        assert len(losers(outcomes)) == 1, f"round {round_number}: {outcomes}"
        assert {error.code for error in losers(outcomes)} <= {Code.VERSION_CONFLICT, Code.STEP_OUT_OF_ORDER}
        assert await publicity_passes(scenario, application_id) == 1
        assert await review_rows(scenario, application_id) == 1


async def test_objection_race_blocks_publicity_pass(scenario: Scenario) -> None:
    passer, recorder = scenario.cast.village_committee, await second_committee_member(scenario)

    for round_number in range(RACE_ROUNDS):
        application_id = await submit_for_new_household(scenario)

        outcomes = await race(
            scenario,
            (Application, application_id),
            [passing_publicity(passer, application_id), recording_objection(recorder, application_id)],
        )

        passes = await publicity_passes(scenario, application_id)
        objections = await count_rows(scenario, Objection, Objection.application_id == application_id)
        # Either the pass won and no objection was stored, or the objection was stored and
        # the step is still open. A pass must never go through with an open objection.
        assert (passes, objections) in {(1, 0), (0, 1)}, f"round {round_number}: {outcomes}"
        assert {error.code for error in losers(outcomes)} <= {Code.VERSION_CONFLICT, Code.OBJECTIONS_UNRESOLVED}


async def test_racing_submits_open_one(scenario: Scenario) -> None:
    for round_number in range(RACE_ROUNDS):
        form = await new_household_form(scenario)
        submitters = [scenario.cast.grid_worker, scenario.cast.grid_worker]

        outcomes = await race(
            scenario,
            (Household, form.household_id),
            [submitting(actor, form) for actor in submitters],
        )

        open_applications = await count_rows(
            scenario,
            Application,
            Application.household_id == form.household_id,
            Application.status == ApplicationStatus.IN_PROGRESS,
        )
        assert open_applications == 1, f"round {round_number}: {outcomes}"
        assert error_pairs(losers(outcomes)) == [(Code.APPLICATION_ALREADY_OPEN, "input.householdId")]
