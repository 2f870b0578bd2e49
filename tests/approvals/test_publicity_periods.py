"""Village publicity (7 calendar days) and construction publicity (10 calendar days).

A notice posted on one day in Quzhou may be taken down on that date plus the period.
Dates are China Standard Time dates whatever the server's own time zone is.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from domain.approvals.errors import ApprovalErrorCode as Code
from domain.approvals.models import Step
from domain.approvals.workflow import StepAction
from domain.clock import local_date
from tests.approvals.scenario import PASS_TIMES, SUBMITTED_AT, Scenario, error_pairs

# 04:00 on Wednesday 2 September in Quzhou, still 1 September in UTC.
SUBMITTED_BEFORE_DAWN = datetime(2026, 9, 1, 20, 0, tzinfo=UTC)


@pytest.fixture(params=["UTC", "Asia/Shanghai", "America/New_York"])
def server_time_zone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Run the test in a process with this local time zone, as a server configured so would."""
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()


async def test_village_publicity_needs_seven_days(scenario: Scenario) -> None:
    application_id = await scenario.submit()
    before = await scenario.snapshot(application_id)
    action = StepAction(application_id, expected_step=Step.VILLAGE_PUBLICITY)

    errors = await scenario.rejected(
        SUBMITTED_AT + timedelta(days=6, hours=13),  # 23:00 on the sixth day in Quzhou.
        lambda workflow: workflow.pass_step(scenario.cast.village_committee, action),
    )

    assert error_pairs(errors) == [(Code.PUBLICITY_NOT_ELAPSED, "input.applicationId")]
    assert errors[0].params == {"until": "2026-09-08", "days": 7}
    assert await scenario.snapshot(application_id) == before


async def test_village_publicity_passes_after_day_seven(scenario: Scenario) -> None:
    application_id = await scenario.submit()

    # Posted on 1 September, so the seven days end with 8 September. 00:30 on 9 September
    # in Quzhou is still 8 September in UTC.
    application = await scenario.pass_step(
        application_id, Step.VILLAGE_PUBLICITY, now=SUBMITTED_AT + timedelta(days=7, hours=14, minutes=30)
    )

    assert application.current_step is Step.VILLAGE_REVIEW


async def test_construction_publicity_needs_ten_days(scenario: Scenario) -> None:
    application_id = await scenario.submit_and_advance_to(Step.CONSTRUCTION_PUBLICITY)
    before = await scenario.snapshot(application_id)
    opened = PASS_TIMES[Step.JOINT_MEETING]
    action = StepAction(application_id, expected_step=Step.CONSTRUCTION_PUBLICITY)

    errors = await scenario.rejected(
        opened + timedelta(days=9),
        lambda workflow: workflow.pass_step(scenario.cast.township_staff, action),
    )

    assert error_pairs(errors) == [(Code.PUBLICITY_NOT_ELAPSED, "input.applicationId")]
    assert errors[0].params["until"] == (local_date(opened) + timedelta(days=10)).isoformat()
    assert await scenario.snapshot(application_id) == before


@pytest.mark.usefixtures("server_time_zone")
async def test_publicity_days_are_china_dates(scenario: Scenario) -> None:
    application_id = await scenario.submit(now=SUBMITTED_BEFORE_DAWN)
    before = await scenario.snapshot(application_id)
    action = StepAction(application_id, expected_step=Step.VILLAGE_PUBLICITY)

    errors = await scenario.rejected(
        datetime(2026, 9, 8, 15, 0, tzinfo=UTC),  # 23:00 on 8 September in Quzhou.
        lambda workflow: workflow.pass_step(scenario.cast.village_committee, action),
    )

    assert error_pairs(errors) == [(Code.PUBLICITY_NOT_ELAPSED, "input.applicationId")]
    assert errors[0].params["until"] == "2026-09-09"
    assert await scenario.snapshot(application_id) == before


@pytest.mark.usefixtures("server_time_zone")
async def test_publicity_ends_at_china_midnight(scenario: Scenario) -> None:
    application_id = await scenario.submit(now=SUBMITTED_BEFORE_DAWN)

    application = await scenario.pass_step(
        application_id,
        Step.VILLAGE_PUBLICITY,
        now=datetime(2026, 9, 9, 16, 30, tzinfo=UTC),  # 00:30 on 10 September in Quzhou.
    )

    assert application.current_step is Step.VILLAGE_REVIEW
