"""Moving an application through the seven steps: pass, return, resubmit, reject, withdraw.

A rejected action must leave the row counts and the application's version, status and
step as they were.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from domain.accounts.actor import Actor
from domain.accounts.models import Role
from domain.approvals.errors import ApprovalErrorCode as Code
from domain.approvals.forms import SiteSurvey
from domain.approvals.models import ApplicationStatus, BuildType, Permit, Step, StepOutcome
from domain.approvals.workflow import StepAction
from domain.land.models import Zone
from tests import factories
from tests.approvals.scenario import (
    PASS_TIMES,
    SUBMITTED_AT,
    SURVEY,
    Scenario,
    as_utc,
    error_pairs,
)

OFFICIAL_STEPS = [step for step in Step if step is not Step.ONLINE_APPLICATION]


async def issue_permit(scenario: Scenario) -> int:
    application_id = await scenario.submit()
    await scenario.advance_to(application_id, Step.PERMIT_ISSUANCE)
    await scenario.pass_step(application_id, Step.PERMIT_ISSUANCE)
    return application_id


async def reject_at_publicity(scenario: Scenario) -> int:
    application_id = await scenario.submit()
    action = StepAction(application_id, opinion="选址不符合村庄规划")
    await scenario.run(
        PASS_TIMES[Step.VILLAGE_PUBLICITY],
        lambda workflow: workflow.reject(scenario.cast.village_committee, action),
    )
    return application_id


async def withdraw_at_publicity(scenario: Scenario) -> int:
    application_id = await scenario.submit()
    await scenario.run(
        PASS_TIMES[Step.VILLAGE_PUBLICITY],
        lambda workflow: workflow.withdraw(scenario.cast.farmer, application_id, "暂缓建房", None),
    )
    return application_id


async def return_at_survey(scenario: Scenario) -> int:
    application_id = await scenario.submit_and_advance_to(Step.SITE_SURVEY)
    action = StepAction(application_id, expected_step=Step.SITE_SURVEY, opinion="四至与现场不符，请更正")
    await scenario.run(
        PASS_TIMES[Step.SITE_SURVEY],
        lambda workflow: workflow.return_for_correction(scenario.cast.township_staff, action),
    )
    return application_id


CLOSED_BY: dict[str, Callable[[Scenario], Awaitable[int]]] = {
    "rejected": reject_at_publicity,
    "withdrawn": withdraw_at_publicity,
    "issued": issue_permit,
}


async def test_full_path_issues_permit(scenario: Scenario) -> None:
    application_id = await scenario.submit()

    for step in OFFICIAL_STEPS:
        await scenario.pass_step(application_id, step)

    application = await scenario.application(application_id)
    assert application.status is ApplicationStatus.PERMIT_ISSUED
    assert application.current_step is Step.PERMIT_ISSUANCE
    assert as_utc(application.closed_at or SUBMITTED_AT) == PASS_TIMES[Step.PERMIT_ISSUANCE]


async def test_each_pass_opens_next_step(scenario: Scenario) -> None:
    application_id = await scenario.submit()

    for step in OFFICIAL_STEPS[:-1]:
        application = await scenario.pass_step(application_id, step)

        assert application.current_step is step.next()
        assert (await scenario.step_row(application_id, step)).outcome is StepOutcome.PASSED
        assert (await scenario.step_row(application_id, Step(step + 1))).outcome is StepOutcome.OPEN


async def test_permit_repeats_application_fields(scenario: Scenario) -> None:
    application_id = await issue_permit(scenario)

    async with scenario.sessions() as session:
        permit = await session.scalar(select(Permit).where(Permit.application_id == application_id))
    assert permit is not None
    assert permit.issued_by_id == scenario.cast.township_leader.account_id
    assert as_utc(permit.issued_at) == PASS_TIMES[Step.PERMIT_ISSUANCE]
    assert permit.permit_number.startswith(f"乡字第{scenario.cast.village_code[:6]}2026")
    assert permit.fields == {
        "applicant": scenario.cast.members[0].name,
        "location": "测试村12号",
        "boundaryEast": "道路",
        "boundarySouth": "张三宅",
        "boundaryWest": "空地",
        "boundaryNorth": "山体",
        "landAreaM2": "118.50",  # The surveyed area replaces the 120 m² applied for.
        "footprintAreaM2": "90.00",
        "floorAreaM2": "250.00",
        "storeys": 3,
        "eaveHeightM": "9.60",
        "totalHeightM": "12.50",
        "structure": "砖混",
        "roofColour": "青灰",
        "wallColour": "白",
        "oldHouseTreatment": "无旧房",
    }


async def test_permit_number_uses_china_year(scenario: Scenario) -> None:
    submitted_at = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
    application_id = await scenario.submit(now=submitted_at)
    for step, days in [
        (Step.VILLAGE_PUBLICITY, 8),
        (Step.VILLAGE_REVIEW, 9),
        (Step.SITE_SURVEY, 10),
        (Step.JOINT_MEETING, 11),
        (Step.CONSTRUCTION_PUBLICITY, 22),
    ]:
        await scenario.pass_step(application_id, step, now=submitted_at + timedelta(days=days))

    # 01:00 on 1 January 2027 in Quzhou, still 31 December 2026 in UTC.
    await scenario.pass_step(application_id, Step.PERMIT_ISSUANCE, now=datetime(2026, 12, 31, 17, 0, tzinfo=UTC))

    async with scenario.sessions() as session:
        permit = await session.scalar(select(Permit).where(Permit.application_id == application_id))
    assert permit is not None
    assert permit.permit_number.startswith(f"乡字第{scenario.cast.village_code[:6]}2027")


async def test_township_staff_cannot_pass_publicity(scenario: Scenario) -> None:
    application_id = await scenario.submit()
    before = await scenario.snapshot(application_id)
    action = StepAction(application_id, expected_step=Step.VILLAGE_PUBLICITY)

    errors = await scenario.rejected(
        PASS_TIMES[Step.VILLAGE_PUBLICITY],
        lambda workflow: workflow.pass_step(scenario.cast.township_staff, action),
    )

    assert error_pairs(errors) == [(Code.FORBIDDEN, "input.applicationId")]
    assert await scenario.snapshot(application_id) == before


@pytest.mark.parametrize(
    ("step", "wrong_role"),
    [
        (Step.VILLAGE_REVIEW, Role.TOWNSHIP_LEADER),
        (Step.SITE_SURVEY, Role.VILLAGE_COMMITTEE),
        (Step.JOINT_MEETING, Role.TOWNSHIP_STAFF),
        (Step.CONSTRUCTION_PUBLICITY, Role.TOWNSHIP_LEADER),
        (Step.PERMIT_ISSUANCE, Role.TOWNSHIP_STAFF),
    ],
)
async def test_non_owner_role_forbidden(scenario: Scenario, step: Step, wrong_role: Role) -> None:
    application_id = await scenario.submit_and_advance_to(step)
    before = await scenario.snapshot(application_id)
    intruder = _actor_with_role(scenario, wrong_role)
    action = StepAction(application_id, expected_step=step)

    errors = await scenario.rejected(PASS_TIMES[step], lambda workflow: workflow.pass_step(intruder, action, SURVEY))

    assert error_pairs(errors) == [(Code.FORBIDDEN, "input.applicationId")]
    assert await scenario.snapshot(application_id) == before


def _actor_with_role(scenario: Scenario, role: Role) -> Actor:
    cast = scenario.cast
    actors = [cast.village_committee, cast.township_staff, cast.township_leader]
    return next(actor for actor in actors if actor.role is role)


@pytest.mark.parametrize("applicant_role", [Role.FARMER, Role.GRID_WORKER])
async def test_applicant_cannot_pass_step(scenario: Scenario, applicant_role: Role) -> None:
    application_id = await scenario.submit()
    before = await scenario.snapshot(application_id)
    applicant = scenario.cast.farmer if applicant_role is Role.FARMER else scenario.cast.grid_worker
    action = StepAction(application_id)

    errors = await scenario.rejected(
        PASS_TIMES[Step.VILLAGE_PUBLICITY], lambda workflow: workflow.pass_step(applicant, action)
    )

    assert error_pairs(errors) == [(Code.FORBIDDEN, "input.applicationId")]
    assert await scenario.snapshot(application_id) == before


async def test_committee_of_other_village_forbidden(scenario: Scenario) -> None:
    application_id = await scenario.submit()
    async with scenario.session() as session:
        other_village = await factories.make_village(session)
        outsider = factories.actor_of(await factories.make_account(session, Role.VILLAGE_COMMITTEE, other_village.code))
    before = await scenario.snapshot(application_id)
    action = StepAction(application_id, expected_step=Step.VILLAGE_PUBLICITY)

    errors = await scenario.rejected(
        PASS_TIMES[Step.VILLAGE_PUBLICITY], lambda workflow: workflow.pass_step(outsider, action)
    )

    assert error_pairs(errors) == [(Code.FORBIDDEN, "input.applicationId")]
    assert await scenario.snapshot(application_id) == before


async def test_expected_step_mismatch_out_of_order(scenario: Scenario) -> None:
    application_id = await scenario.submit()
    before = await scenario.snapshot(application_id)
    action = StepAction(application_id, expected_step=Step.VILLAGE_REVIEW)

    errors = await scenario.rejected(
        PASS_TIMES[Step.VILLAGE_REVIEW],
        lambda workflow: workflow.pass_step(scenario.cast.village_committee, action),
    )

    assert error_pairs(errors) == [(Code.STEP_OUT_OF_ORDER, "input.expectedStep")]
    assert errors[0].params == {"expected": "VILLAGE_REVIEW", "current": "VILLAGE_PUBLICITY"}
    assert await scenario.snapshot(application_id) == before


async def test_site_survey_requires_findings(scenario: Scenario) -> None:
    application_id = await scenario.submit_and_advance_to(Step.SITE_SURVEY)
    before = await scenario.snapshot(application_id)
    action = StepAction(application_id, expected_step=Step.SITE_SURVEY)

    errors = await scenario.rejected(
        PASS_TIMES[Step.SITE_SURVEY],
        lambda workflow: workflow.pass_step(scenario.cast.township_staff, action, None),
    )

    assert error_pairs(errors) == [(Code.REQUIRED, "input.survey")]
    assert await scenario.snapshot(application_id) == before


async def test_survey_in_forbidden_zone_rejected(scenario: Scenario) -> None:
    application_id = await scenario.submit_and_advance_to(Step.SITE_SURVEY)
    before = await scenario.snapshot(application_id)
    survey = SiteSurvey(zone=Zone.PERMANENT_BASIC_FARMLAND, site_area_m2=Decimal(118))
    action = StepAction(application_id, expected_step=Step.SITE_SURVEY)

    errors = await scenario.rejected(
        PASS_TIMES[Step.SITE_SURVEY],
        lambda workflow: workflow.pass_step(scenario.cast.township_staff, action, survey),
    )

    assert error_pairs(errors) == [(Code.ZONE_FORBIDDEN, "input.survey.zone")]
    assert await scenario.snapshot(application_id) == before
    assert (await scenario.application(application_id)).zone is Zone.BUILDABLE


async def test_survey_area_above_cap_rejected(scenario: Scenario) -> None:
    application_id = await scenario.submit_and_advance_to(Step.SITE_SURVEY)
    before = await scenario.snapshot(application_id)
    survey = SiteSurvey(zone=Zone.BUILDABLE, site_area_m2=Decimal("140.01"))
    action = StepAction(application_id, expected_step=Step.SITE_SURVEY)

    errors = await scenario.rejected(
        PASS_TIMES[Step.SITE_SURVEY],
        lambda workflow: workflow.pass_step(scenario.cast.township_staff, action, survey),
    )

    assert error_pairs(errors) == [(Code.AREA_OVER_LIMIT, "input.survey.siteAreaM2")]
    assert await scenario.snapshot(application_id) == before


async def test_survey_replaces_zone_and_area(scenario: Scenario) -> None:
    async with scenario.session() as session:
        await factories.make_homestead(session, scenario.cast.household)
    form = scenario.cast.form(build_type=BuildType.REBUILD_IN_PLACE, demolition_commitment=True)
    application_id = await scenario.submit(form)
    await scenario.advance_to(application_id, Step.SITE_SURVEY)
    survey = SiteSurvey(zone=Zone.RESTRICTED, site_area_m2=Decimal("119.25"))

    await scenario.pass_step(application_id, Step.SITE_SURVEY, survey=survey)

    application = await scenario.application(application_id)
    assert application.zone is Zone.RESTRICTED
    assert application.site_area_m2 == Decimal("119.25")


@pytest.mark.parametrize("opinion", ["", "   "])
async def test_return_requires_opinion(scenario: Scenario, opinion: str) -> None:
    application_id = await scenario.submit()
    before = await scenario.snapshot(application_id)
    action = StepAction(application_id, opinion=opinion)

    errors = await scenario.rejected(
        PASS_TIMES[Step.VILLAGE_PUBLICITY],
        lambda workflow: workflow.return_for_correction(scenario.cast.village_committee, action),
    )

    assert error_pairs(errors) == [(Code.OPINION_REQUIRED, "input.opinion")]
    assert await scenario.snapshot(application_id) == before


async def test_reject_requires_opinion(scenario: Scenario) -> None:
    application_id = await scenario.submit()
    before = await scenario.snapshot(application_id)
    action = StepAction(application_id)

    errors = await scenario.rejected(
        PASS_TIMES[Step.VILLAGE_PUBLICITY],
        lambda workflow: workflow.reject(scenario.cast.village_committee, action),
    )

    assert error_pairs(errors) == [(Code.OPINION_REQUIRED, "input.opinion")]
    assert await scenario.snapshot(application_id) == before


async def test_return_keeps_step_open_for_applicant(scenario: Scenario) -> None:
    application_id = await return_at_survey(scenario)

    application = await scenario.application(application_id)
    assert application.status is ApplicationStatus.RETURNED
    assert application.current_step is Step.SITE_SURVEY
    assert application.closed_at is None
    assert (await scenario.step_row(application_id, Step.SITE_SURVEY)).outcome is StepOutcome.RETURNED


async def test_returned_application_cannot_pass(scenario: Scenario) -> None:
    application_id = await return_at_survey(scenario)
    before = await scenario.snapshot(application_id)
    action = StepAction(application_id, expected_step=Step.SITE_SURVEY)

    errors = await scenario.rejected(
        PASS_TIMES[Step.SITE_SURVEY],
        lambda workflow: workflow.pass_step(scenario.cast.township_staff, action, SURVEY),
    )

    assert error_pairs(errors) == [(Code.INVALID_STATE, "input.applicationId")]
    assert await scenario.snapshot(application_id) == before


async def test_resubmit_resumes_returning_step(scenario: Scenario) -> None:
    application_id = await return_at_survey(scenario)
    old_row = await scenario.step_row(application_id, Step.SITE_SURVEY)
    resubmitted_at = PASS_TIMES[Step.SITE_SURVEY] + timedelta(days=3)  # Saturday 12 September.
    form = scenario.cast.form(spec=factories.make_spec(boundary_east="村道"))

    await scenario.run(
        resubmitted_at, lambda workflow: workflow.resubmit(scenario.cast.farmer, application_id, form, None)
    )

    application = await scenario.application(application_id)
    row = await scenario.step_row(application_id, Step.SITE_SURVEY)
    assert application.status is ApplicationStatus.IN_PROGRESS
    assert application.current_step is Step.SITE_SURVEY
    assert application.boundary_east == "村道"
    assert row.outcome is StepOutcome.OPEN
    assert row.closed_at is None
    assert as_utc(row.opened_at) == resubmitted_at
    # Five working days from Saturday 12 September: Monday 14 to Friday 18 September.
    assert row.due_date.isoformat() == "2026-09-18"
    assert row.due_date != old_row.due_date


async def test_resubmitted_application_passes_on(scenario: Scenario) -> None:
    application_id = await return_at_survey(scenario)
    form = scenario.cast.form()
    resubmitted_at = PASS_TIMES[Step.SITE_SURVEY] + timedelta(days=1)
    await scenario.run(
        resubmitted_at, lambda workflow: workflow.resubmit(scenario.cast.farmer, application_id, form, None)
    )

    application = await scenario.pass_step(application_id, Step.SITE_SURVEY, now=resubmitted_at)

    assert application.current_step is Step.JOINT_MEETING


async def test_resubmit_rechecks_rules(scenario: Scenario) -> None:
    application_id = await return_at_survey(scenario)
    before = await scenario.snapshot(application_id)
    form = scenario.cast.form(spec=factories.make_spec(storeys=4))

    errors = await scenario.rejected(
        PASS_TIMES[Step.SITE_SURVEY] + timedelta(days=1),
        lambda workflow: workflow.resubmit(scenario.cast.farmer, application_id, form, None),
    )

    assert error_pairs(errors) == [(Code.TOO_MANY_STOREYS, "input.spec.storeys")]
    assert await scenario.snapshot(application_id) == before


async def test_resubmit_rechecks_homesteads(scenario: Scenario) -> None:
    application_id = await return_at_survey(scenario)
    async with scenario.session() as session:
        await factories.make_homestead(session, scenario.cast.household)
    before = await scenario.snapshot(application_id)
    form = scenario.cast.form()

    errors = await scenario.rejected(
        PASS_TIMES[Step.SITE_SURVEY] + timedelta(days=1),
        lambda workflow: workflow.resubmit(scenario.cast.farmer, application_id, form, None),
    )

    assert error_pairs(errors) == [(Code.SECOND_HOMESTEAD, "input.householdId")]
    assert await scenario.snapshot(application_id) == before


async def test_resubmit_for_other_household_rejected(scenario: Scenario) -> None:
    application_id = await return_at_survey(scenario)
    async with scenario.session() as session:
        neighbour, neighbours = await factories.make_household(session, scenario.cast.village_code)
    before = await scenario.snapshot(application_id)
    form = factories.make_form(neighbour, neighbours[0])

    errors = await scenario.rejected(
        PASS_TIMES[Step.SITE_SURVEY] + timedelta(days=1),
        lambda workflow: workflow.resubmit(scenario.cast.grid_worker, application_id, form, None),
    )

    assert error_pairs(errors) == [(Code.INVALID_STATE, "input.householdId")]
    assert await scenario.snapshot(application_id) == before


async def test_resubmit_of_open_application_rejected(scenario: Scenario) -> None:
    application_id = await scenario.submit()
    before = await scenario.snapshot(application_id)
    form = scenario.cast.form()

    errors = await scenario.rejected(
        SUBMITTED_AT, lambda workflow: workflow.resubmit(scenario.cast.farmer, application_id, form, None)
    )

    assert error_pairs(errors) == [(Code.INVALID_STATE, "input.applicationId")]
    assert await scenario.snapshot(application_id) == before


async def test_reject_closes_application(scenario: Scenario) -> None:
    application_id = await reject_at_publicity(scenario)

    application = await scenario.application(application_id)
    row = await scenario.step_row(application_id, Step.VILLAGE_PUBLICITY)
    assert application.status is ApplicationStatus.REJECTED
    assert as_utc(application.closed_at or SUBMITTED_AT) == PASS_TIMES[Step.VILLAGE_PUBLICITY]
    assert row.outcome is StepOutcome.REJECTED


@pytest.mark.parametrize("closed_by", sorted(CLOSED_BY))
async def test_closed_application_cannot_pass(scenario: Scenario, closed_by: str) -> None:
    application_id = await CLOSED_BY[closed_by](scenario)
    application = await scenario.application(application_id)
    before = await scenario.snapshot(application_id)
    owner = scenario.cast.owner_of(application.current_step)
    action = StepAction(application_id)

    errors = await scenario.rejected(
        PASS_TIMES[Step.PERMIT_ISSUANCE] + timedelta(days=30),
        lambda workflow: workflow.pass_step(owner, action, SURVEY),
    )

    assert error_pairs(errors) == [(Code.INVALID_STATE, "input.applicationId")]
    assert await scenario.snapshot(application_id) == before


@pytest.mark.parametrize("closed_by", sorted(CLOSED_BY))
async def test_closed_application_cannot_return(scenario: Scenario, closed_by: str) -> None:
    application_id = await CLOSED_BY[closed_by](scenario)
    application = await scenario.application(application_id)
    before = await scenario.snapshot(application_id)
    owner = scenario.cast.owner_of(application.current_step)
    action = StepAction(application_id, opinion="请补充材料")

    errors = await scenario.rejected(
        PASS_TIMES[Step.PERMIT_ISSUANCE] + timedelta(days=30),
        lambda workflow: workflow.return_for_correction(owner, action),
    )

    assert error_pairs(errors) == [(Code.INVALID_STATE, "input.applicationId")]
    assert await scenario.snapshot(application_id) == before


@pytest.mark.parametrize("closed_by", sorted(CLOSED_BY))
async def test_closed_application_cannot_withdraw(scenario: Scenario, closed_by: str) -> None:
    application_id = await CLOSED_BY[closed_by](scenario)
    before = await scenario.snapshot(application_id)

    errors = await scenario.rejected(
        PASS_TIMES[Step.PERMIT_ISSUANCE] + timedelta(days=30),
        lambda workflow: workflow.withdraw(scenario.cast.farmer, application_id, "不建了", None),
    )

    assert error_pairs(errors) == [(Code.INVALID_STATE, "input.applicationId")]
    assert await scenario.snapshot(application_id) == before


async def test_farmer_withdraws_open_application(scenario: Scenario) -> None:
    application_id = await scenario.submit_and_advance_to(Step.VILLAGE_REVIEW)
    withdrawn_at = PASS_TIMES[Step.VILLAGE_REVIEW]

    await scenario.run(
        withdrawn_at, lambda workflow: workflow.withdraw(scenario.cast.farmer, application_id, " 暂缓建房 ", None)
    )

    application = await scenario.application(application_id)
    row = await scenario.step_row(application_id, Step.VILLAGE_REVIEW)
    last = (await scenario.transitions(application_id))[-1]
    assert application.status is ApplicationStatus.WITHDRAWN
    assert as_utc(application.closed_at or SUBMITTED_AT) == withdrawn_at
    assert row.outcome is StepOutcome.WITHDRAWN
    assert last.opinion == "暂缓建房"


async def test_returned_application_can_withdraw(scenario: Scenario) -> None:
    application_id = await return_at_survey(scenario)

    await scenario.run(
        PASS_TIMES[Step.JOINT_MEETING],
        lambda workflow: workflow.withdraw(scenario.cast.grid_worker, application_id, "户主外出", None),
    )

    application = await scenario.application(application_id)
    assert application.status is ApplicationStatus.WITHDRAWN


async def test_official_cannot_withdraw(scenario: Scenario) -> None:
    application_id = await scenario.submit()
    before = await scenario.snapshot(application_id)

    errors = await scenario.rejected(
        SUBMITTED_AT,
        lambda workflow: workflow.withdraw(scenario.cast.village_committee, application_id, "代为撤回", None),
    )

    assert error_pairs(errors) == [(Code.FORBIDDEN, None)]
    assert await scenario.snapshot(application_id) == before


async def test_stale_expected_version_conflicts(scenario: Scenario) -> None:
    application_id = await scenario.submit_and_advance_to(Step.VILLAGE_REVIEW)
    before = await scenario.snapshot(application_id)
    action = StepAction(application_id, expected_step=Step.VILLAGE_REVIEW, expected_version=before.version - 1)

    errors = await scenario.rejected(
        PASS_TIMES[Step.VILLAGE_REVIEW],
        lambda workflow: workflow.pass_step(scenario.cast.village_committee, action),
    )

    assert error_pairs(errors) == [(Code.VERSION_CONFLICT, "input.expectedVersion")]
    assert errors[0].params == {"expected": before.version - 1, "current": before.version}
    assert await scenario.snapshot(application_id) == before


async def test_current_expected_version_passes(scenario: Scenario) -> None:
    application_id = await scenario.submit_and_advance_to(Step.VILLAGE_REVIEW)
    version = (await scenario.application(application_id)).version
    action = StepAction(application_id, expected_step=Step.VILLAGE_REVIEW, expected_version=version)

    application = await scenario.run(
        PASS_TIMES[Step.VILLAGE_REVIEW],
        lambda workflow: workflow.pass_step(scenario.cast.village_committee, action),
    )

    assert application.version == version + 1


async def test_stale_version_blocks_withdraw(scenario: Scenario) -> None:
    application_id = await scenario.submit_and_advance_to(Step.VILLAGE_REVIEW)
    before = await scenario.snapshot(application_id)

    errors = await scenario.rejected(
        PASS_TIMES[Step.VILLAGE_REVIEW],
        lambda workflow: workflow.withdraw(scenario.cast.farmer, application_id, "暂缓", 1),
    )

    assert error_pairs(errors) == [(Code.VERSION_CONFLICT, "input.expectedVersion")]
    assert await scenario.snapshot(application_id) == before


async def test_joint_meeting_rechecks_homesteads(scenario: Scenario) -> None:
    application_id = await scenario.submit_and_advance_to(Step.JOINT_MEETING)
    async with scenario.session() as session:
        await factories.make_homestead(session, scenario.cast.household)
    before = await scenario.snapshot(application_id)
    action = StepAction(application_id, expected_step=Step.JOINT_MEETING)

    errors = await scenario.rejected(
        PASS_TIMES[Step.JOINT_MEETING],
        lambda workflow: workflow.pass_step(scenario.cast.township_leader, action),
    )

    assert error_pairs(errors) == [(Code.SECOND_HOMESTEAD, "input.applicationId")]
    assert await scenario.snapshot(application_id) == before
