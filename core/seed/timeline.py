"""Backdated times for the actions of one demo application.

Officials act on working days in office hours and applicants at any time. Publicity steps
pass only after their posting period, counted from the day the step last opened, which
is the check the workflow applies.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from core.seed.scenarios import STEP_OPENING_ACTIONS, Action, ActionKind, Scenario
from core.settings import Settings
from domain.approvals.models import ApplicationStatus, Step
from domain.calendar.working_days import WorkingDayCalendar
from domain.clock import CHINA_TIMEZONE

# Calendar days between an action and the one before it, as (min, max).
GAP_DAYS = {
    ActionKind.SUBMIT: (0, 0),
    ActionKind.RECORD_OBJECTION: (1, 4),
    ActionKind.RESOLVE_OBJECTION: (1, 3),
    ActionKind.RETURN: (1, 5),
    ActionKind.RESUBMIT: (2, 10),
    ActionKind.REJECT: (1, 6),
    ActionKind.REJECT_AFTER_SURVEY: (2, 8),
    ActionKind.WITHDRAW: (1, 15),
}
# For the publicity steps the gap counts from the end of the posting period.
PASS_GAP_DAYS = {
    Step.VILLAGE_PUBLICITY: (0, 3),
    Step.VILLAGE_REVIEW: (1, 6),
    Step.SITE_SURVEY: (2, 8),
    Step.JOINT_MEETING: (2, 9),
    Step.CONSTRUCTION_PUBLICITY: (0, 3),
    Step.PERMIT_ISSUANCE: (1, 7),
}
OFFICE_MINUTES = (8 * 60 + 30, 17 * 60 + 30)
APPLICANT_MINUTES = (7 * 60, 22 * 60)
SAME_DAY_STEP = timedelta(minutes=7)
MAX_PLACEMENT_ROUNDS = 30


@dataclass(frozen=True)
class Timing:
    gap_days: int
    minute_of_day: int


def draw_timings(rng: random.Random, actions: list[Action]) -> list[Timing]:
    """Draw the gaps and clock times once, so that moving the chain keeps its shape."""
    timings = []
    for action in actions:
        if action.kind is ActionKind.PASS:
            low, high = PASS_GAP_DAYS[action.step]
        else:
            low, high = GAP_DAYS[action.kind]
        minutes = APPLICANT_MINUTES if action.by_applicant else OFFICE_MINUTES
        timings.append(Timing(rng.randint(low, high), rng.randint(*minutes)))
    return timings


def days_since_last_action(rng: random.Random, scenario: Scenario, settings: Settings) -> int:
    """Draw how many days before today the chain's last action happened.

    An overdue step stays open for at least 2 × limit + 10 calendar days. That is longer
    than any run of ``limit`` working days, even across the Spring Festival or the
    National Day week, so the step's due date lies before today.
    """
    if scenario.outcome is ApplicationStatus.IN_PROGRESS:
        limit = settings.step_limit_days.get(scenario.stop_step.name, 0)
        if scenario.overdue:
            return rng.randint(2 * limit + 10, 2 * limit + 30)
        return rng.randint(1, max(1, limit // 2))
    if scenario.outcome is ApplicationStatus.RETURNED:
        return rng.randint(1, 30)
    return rng.randint(1, 110)


def _posting_days(action: Action, settings: Settings) -> int | None:
    if action.kind is not ActionKind.PASS:
        return None
    if action.step is Step.VILLAGE_PUBLICITY:
        return settings.village_publicity_days
    if action.step is Step.CONSTRUCTION_PUBLICITY:
        return settings.construction_publicity_days
    return None


def schedule(
    actions: list[Action],
    timings: list[Timing],
    start: date,
    calendar: WorkingDayCalendar,
    settings: Settings,
) -> list[datetime]:
    """Return a UTC time per action for a chain that is submitted on ``start`` (local date)."""
    moments: list[datetime] = []
    day = start
    opened_day = start
    for action, timing in zip(actions, timings, strict=True):
        posting_days = _posting_days(action, settings)
        if posting_days is not None:
            # The step may pass on the day after the posting period ends.
            day = max(day, opened_day + timedelta(days=posting_days + 1))
        day += timedelta(days=timing.gap_days)
        if not action.by_applicant:
            while not calendar.is_working_day(day):
                day += timedelta(days=1)

        hour, minute = divmod(timing.minute_of_day, 60)
        moment = datetime.combine(day, time(hour, minute), CHINA_TIMEZONE)
        if moments and moment <= moments[-1]:
            moment = moments[-1] + SAME_DAY_STEP
        day = moment.date()
        if action.kind in STEP_OPENING_ACTIONS:
            opened_day = day
        moments.append(moment)

    # Return UTC like every other timestamp, because SQLite drops the offset.
    return [moment.astimezone(UTC) for moment in moments]


def place_chain(
    actions: list[Action],
    timings: list[Timing],
    last_day: date,
    calendar: WorkingDayCalendar,
    settings: Settings,
) -> list[datetime]:
    """Schedule the chain so that its last action falls on ``last_day`` or a little before.

    Moving the start also moves weekend and holiday shifts, so the start is moved back
    until the last action no longer falls after ``last_day``.
    Raises RuntimeError when that does not settle within a few rounds.
    """
    moments = schedule(actions, timings, last_day, calendar, settings)
    span = moments[-1].astimezone(CHINA_TIMEZONE).date() - last_day
    start = last_day - span
    for _ in range(MAX_PLACEMENT_ROUNDS):
        moments = schedule(actions, timings, start, calendar, settings)
        overshoot = moments[-1].astimezone(CHINA_TIMEZONE).date() - last_day
        if overshoot <= timedelta(0):
            return moments
        start -= overshoot
    raise RuntimeError(f"could not place a chain of {len(actions)} actions to end by {last_day}")
