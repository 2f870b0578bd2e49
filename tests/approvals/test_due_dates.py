"""Step and decision due dates, counted in Chinese working days from the China date of the action.

Holiday facts come from chinesecalendar 1.11.0, whose data ends with 2026. In 2026,
25–27 September (Mid-Autumn) and 1–7 October (National Day) are holidays, and Sunday
20 September and Saturday 10 October are make-up working days.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from domain.approvals.models import Step
from domain.calendar.models import DayKind, OfficialCalendarDay, OfficialCalendarYear
from tests.approvals.scenario import PASS_TIMES, SUBMITTED_AT, Scenario, as_utc

# Wednesday 30 September 2026, 10:00 in Quzhou, the last working day before National Day.
BEFORE_NATIONAL_DAY = datetime(2026, 9, 30, 2, 0, tzinfo=UTC)
# Monday 21 December 2026, 10:00 in Quzhou. Ten working days later is in 2027.
BEFORE_NEW_YEAR = datetime(2026, 12, 21, 2, 0, tzinfo=UTC)


async def test_publicity_due_skips_national_day(scenario: Scenario) -> None:
    application_id = await scenario.submit(now=BEFORE_NATIONAL_DAY)

    row = await scenario.step_row(application_id, Step.VILLAGE_PUBLICITY)
    # 10 working days after 30 September: 8, 9, 10 (make-up Saturday), 12–16, 19, 20 October.
    assert row.due_date == date(2026, 10, 20)
    assert row.schedule_confirmed is True


async def test_due_date_counts_from_china_date(scenario: Scenario) -> None:
    # 01:00 on 30 September in Quzhou is still 29 September in UTC.
    submitted_at = datetime(2026, 9, 29, 17, 0, tzinfo=UTC)

    application_id = await scenario.submit(now=submitted_at)

    row = await scenario.step_row(application_id, Step.VILLAGE_PUBLICITY)
    assert row.due_date == date(2026, 10, 20)


async def test_online_application_due_same_day(scenario: Scenario) -> None:
    application_id = await scenario.submit(now=BEFORE_NATIONAL_DAY)

    row = await scenario.step_row(application_id, Step.ONLINE_APPLICATION)
    assert row.due_date == date(2026, 9, 30)


async def test_step_due_dates_on_standard_path(scenario: Scenario) -> None:
    application_id = await scenario.submit()

    for step in [step for step in Step if step is not Step.ONLINE_APPLICATION]:
        await scenario.pass_step(application_id, step)

    due_dates = {step: (await scenario.step_row(application_id, step)).due_date for step in Step}
    assert due_dates == {
        Step.ONLINE_APPLICATION: date(2026, 9, 1),  # 0 working days.
        Step.VILLAGE_PUBLICITY: date(2026, 9, 15),  # 10 from Tuesday 1 September.
        Step.VILLAGE_REVIEW: date(2026, 9, 16),  # 5 from 9 September.
        Step.SITE_SURVEY: date(2026, 9, 16),  # 5 from 9 September.
        Step.JOINT_MEETING: date(2026, 9, 17),  # 5 from 10 September.
        Step.CONSTRUCTION_PUBLICITY: date(2026, 10, 9),  # 15 from 11 September, both holidays skipped.
        Step.PERMIT_ISSUANCE: date(2026, 10, 13),  # 10 from 22 September, both holidays skipped.
    }


async def test_decision_due_unset_before_review(scenario: Scenario) -> None:
    application_id = await scenario.submit_and_advance_to(Step.VILLAGE_REVIEW)

    application = await scenario.application(application_id)
    assert application.decision_due_date is None
    assert application.accepted_at is None


async def test_review_pass_sets_decision_due(scenario: Scenario) -> None:
    application_id = await scenario.submit_and_advance_to(Step.VILLAGE_REVIEW)

    await scenario.pass_step(application_id, Step.VILLAGE_REVIEW)

    application = await scenario.application(application_id)
    assert as_utc(application.accepted_at or SUBMITTED_AT) == PASS_TIMES[Step.VILLAGE_REVIEW]
    # 20 working days after 9 September, counting make-up Sunday 20 September and make-up
    # Saturday 10 October and skipping Mid-Autumn and National Day.
    assert application.decision_due_date == date(2026, 10, 13)


async def test_due_date_in_unloaded_year_unconfirmed(scenario: Scenario) -> None:
    application_id = await scenario.submit(now=BEFORE_NEW_YEAR)

    row = await scenario.step_row(application_id, Step.VILLAGE_PUBLICITY)
    # Without 2027 data, Friday 1 January counts as a working day.
    assert row.due_date == date(2027, 1, 4)
    assert row.schedule_confirmed is False


async def test_loaded_year_confirms_due_date(scenario: Scenario) -> None:
    async with scenario.session() as session:
        session.add(OfficialCalendarYear(year=2027, loaded_at=SUBMITTED_AT, source="国务院办公厅通知"))

    application_id = await scenario.submit(now=BEFORE_NEW_YEAR)

    row = await scenario.step_row(application_id, Step.VILLAGE_PUBLICITY)
    assert row.due_date == date(2027, 1, 4)
    assert row.schedule_confirmed is True


async def test_loaded_holiday_moves_due_date(scenario: Scenario) -> None:
    async with scenario.session() as session:
        session.add(OfficialCalendarYear(year=2027, loaded_at=SUBMITTED_AT, source="国务院办公厅通知"))
        session.add(OfficialCalendarDay(day=date(2027, 1, 1), kind=DayKind.HOLIDAY, name="元旦"))

    application_id = await scenario.submit(now=BEFORE_NEW_YEAR)

    row = await scenario.step_row(application_id, Step.VILLAGE_PUBLICITY)
    assert row.due_date == date(2027, 1, 5)
    assert row.schedule_confirmed is True


@pytest.mark.parametrize(
    ("kind", "expected_due"),
    [
        # An extra rest day on Thursday 8 October pushes the count one working day later.
        (DayKind.HOLIDAY, date(2026, 10, 21)),
        # Sunday 11 October as an extra make-up working day pulls it one earlier.
        (DayKind.WORKDAY, date(2026, 10, 19)),
    ],
)
async def test_override_day_moves_due_date(scenario: Scenario, kind: DayKind, expected_due: date) -> None:
    override = date(2026, 10, 8) if kind is DayKind.HOLIDAY else date(2026, 10, 11)
    async with scenario.session() as session:
        session.add(OfficialCalendarDay(day=override, kind=kind, name="调整"))

    application_id = await scenario.submit(now=BEFORE_NATIONAL_DAY)

    row = await scenario.step_row(application_id, Step.VILLAGE_PUBLICITY)
    assert row.due_date == expected_due
