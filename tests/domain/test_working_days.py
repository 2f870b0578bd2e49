"""Working-day counting against chinesecalendar 1.11.0, which covers 2004 to 2026.

The 2026 dates are those in the library's constants module. National Day and the Golden
Week run from Thursday 1 October to Wednesday 7 October 2026. Sunday 20 September and
Saturday 10 October are make-up working days.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine

from core.database import Base
from domain.calendar.models import DayKind, OfficialCalendarDay, OfficialCalendarYear
from domain.calendar.working_days import (
    LIBRARY_YEARS,
    DueDate,
    WorkingDayCalendar,
    load_calendar,
)

GOLDEN_WEEK_2026 = [date(2026, 10, 1) + timedelta(days=offset) for offset in range(7)]
NEW_YEARS_DAY_2027 = date(2027, 1, 1)  # A Friday. 1 January is a public holiday every year.


def test_library_years_cover_2004_to_2026() -> None:
    assert min(LIBRARY_YEARS) == 2004
    assert max(LIBRARY_YEARS) == 2026


@pytest.mark.parametrize("day", GOLDEN_WEEK_2026)
def test_golden_week_2026_days_are_rest_days(day: date) -> None:
    assert not WorkingDayCalendar().is_working_day(day)


def test_golden_week_2026_ends_on_october_7() -> None:
    calendar = WorkingDayCalendar()

    assert calendar.is_working_day(date(2026, 9, 30))
    assert calendar.is_working_day(date(2026, 10, 8))


def test_count_skips_golden_week_2026() -> None:
    calendar = WorkingDayCalendar()

    due = calendar.add_working_days(date(2026, 9, 30), 1)

    assert due == DueDate(day=date(2026, 10, 8), confirmed=True)


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 9, 20),  # Sunday before Mid-Autumn and National Day.
        date(2026, 10, 10),  # Saturday after the Golden Week.
    ],
)
def test_make_up_weekend_day_is_working_day(day: date) -> None:
    assert day.weekday() >= 5
    assert WorkingDayCalendar().is_working_day(day)


def test_count_includes_make_up_saturday() -> None:
    calendar = WorkingDayCalendar()

    # Thursday 8 October, Friday 9 October, then the make-up Saturday 10 October.
    due = calendar.add_working_days(date(2026, 10, 7), 3)

    assert due == DueDate(day=date(2026, 10, 10), confirmed=True)


def test_ordinary_weekend_is_rest_day() -> None:
    assert not WorkingDayCalendar().is_working_day(date(2026, 10, 11))


def test_override_holiday_beats_library_workday() -> None:
    thursday = date(2026, 10, 8)
    calendar = WorkingDayCalendar({thursday: DayKind.HOLIDAY})

    assert not calendar.is_working_day(thursday)
    assert calendar.add_working_days(date(2026, 9, 30), 1) == DueDate(day=date(2026, 10, 9), confirmed=True)


def test_override_workday_beats_library_holiday() -> None:
    national_day = date(2026, 10, 1)
    calendar = WorkingDayCalendar({national_day: DayKind.WORKDAY})

    assert calendar.is_working_day(national_day)
    assert calendar.add_working_days(date(2026, 9, 30), 1) == DueDate(day=national_day, confirmed=True)


def test_override_workday_on_sunday() -> None:
    sunday = date(2026, 10, 11)
    calendar = WorkingDayCalendar({sunday: DayKind.WORKDAY})

    assert calendar.is_working_day(sunday)
    assert calendar.add_working_days(date(2026, 10, 10), 1) == DueDate(day=sunday, confirmed=True)


def test_override_applies_outside_library_years() -> None:
    calendar = WorkingDayCalendar({NEW_YEARS_DAY_2027: DayKind.HOLIDAY})

    assert not calendar.is_working_day(NEW_YEARS_DAY_2027)
    assert not calendar.is_year_confirmed(2027)


def test_unknown_year_falls_back_to_weekdays() -> None:
    calendar = WorkingDayCalendar()

    assert calendar.is_working_day(NEW_YEARS_DAY_2027)
    assert not calendar.is_working_day(date(2027, 1, 2))
    assert not calendar.is_working_day(date(2027, 1, 3))
    assert calendar.is_working_day(date(2027, 1, 4))


def test_count_into_2027_is_unconfirmed() -> None:
    calendar = WorkingDayCalendar()

    # Thursday 31 December 2026, then Friday 1 January and Monday 4 January 2027 by weekday.
    due = calendar.add_working_days(date(2026, 12, 30), 3)

    assert due == DueDate(day=date(2027, 1, 4), confirmed=False)


def test_count_ending_in_2026_is_confirmed() -> None:
    calendar = WorkingDayCalendar()

    due = calendar.add_working_days(date(2026, 12, 30), 1)

    assert due == DueDate(day=date(2026, 12, 31), confirmed=True)


def test_count_into_loaded_2027_is_confirmed() -> None:
    calendar = WorkingDayCalendar({NEW_YEARS_DAY_2027: DayKind.HOLIDAY}, loaded_years={2027})

    # Thursday 31 December 2026, then Monday 4 and Tuesday 5 January 2027.
    due = calendar.add_working_days(date(2026, 12, 30), 3)

    assert due == DueDate(day=date(2027, 1, 5), confirmed=True)


def test_count_starting_in_2027_is_unconfirmed() -> None:
    calendar = WorkingDayCalendar()

    due = calendar.add_working_days(date(2027, 3, 1), 5)

    assert due == DueDate(day=date(2027, 3, 8), confirmed=False)


@pytest.mark.parametrize(
    ("year", "loaded_years", "expected"),
    [
        (2003, set(), False),
        (2004, set(), True),
        (2026, set(), True),
        (2027, set(), False),
        (2027, {2027}, True),
        (2028, {2027}, False),
    ],
)
def test_is_year_confirmed(year: int, loaded_years: set[int], expected: bool) -> None:
    calendar = WorkingDayCalendar(loaded_years=loaded_years)

    assert calendar.is_year_confirmed(year) is expected


@pytest.mark.parametrize(
    "start",
    [
        date(2026, 10, 1),  # A holiday.
        date(2026, 10, 8),  # A working day.
        date(2027, 6, 1),  # A year the library does not cover.
    ],
)
def test_zero_days_returns_start(start: date) -> None:
    due = WorkingDayCalendar().add_working_days(start, 0)

    assert due == DueDate(day=start, confirmed=True)


def test_negative_days_raise_value_error() -> None:
    with pytest.raises(ValueError, match="days must be 0 or more, got -1"):
        WorkingDayCalendar().add_working_days(date(2026, 10, 8), -1)


def test_datetime_argument_raises_type_error() -> None:
    calendar = WorkingDayCalendar()
    moment = datetime(2026, 10, 8, 9, 0, tzinfo=UTC)

    with pytest.raises(TypeError, match=r"expected a datetime\.date, got datetime"):
        calendar.is_working_day(moment)
    with pytest.raises(TypeError, match=r"expected a datetime\.date, got datetime"):
        calendar.add_working_days(moment, 1)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2026, 10, 8), date(2026, 10, 8), 0),
        (date(2026, 9, 30), date(2026, 10, 7), 0),  # Golden Week only.
        (date(2026, 9, 30), date(2026, 10, 8), 1),
        (date(2026, 9, 30), date(2026, 10, 12), 4),  # 8, 9, make-up 10, 12 October.
        (date(2026, 10, 12), date(2026, 9, 30), -4),
        (date(2026, 10, 12), date(2026, 10, 9), -2),  # Overdue since 9 October.
        (date(2026, 12, 30), date(2027, 1, 4), 3),  # 2027 by weekday.
    ],
)
def test_working_days_between(start: date, end: date, expected: int) -> None:
    assert WorkingDayCalendar().working_days_between(start, end) == expected


@pytest.mark.parametrize("days", [0, 1, 5, 10, 30])
def test_working_days_between_inverts_add(days: int) -> None:
    calendar = WorkingDayCalendar({date(2026, 10, 12): DayKind.HOLIDAY})
    start = date(2026, 9, 18)

    due = calendar.add_working_days(start, days)

    assert calendar.working_days_between(start, due.day) == days


async def create_calendar_database(path: Path) -> AsyncEngine:
    """Create a SQLite file database with only the two calendar tables."""
    engine = create_async_engine("sqlite+aiosqlite:///" + str(path))
    tables = [Base.metadata.tables[model.__tablename__] for model in (OfficialCalendarDay, OfficialCalendarYear)]
    async with engine.begin() as connection:
        await connection.run_sync(Base.metadata.create_all, tables=tables)

    return engine


async def test_load_calendar_reads_both_tables(tmp_path: Path) -> None:
    engine = await create_calendar_database(tmp_path / "c.db")
    try:
        sessions = async_sessionmaker(engine, expire_on_commit=False)
        async with sessions() as session, session.begin():
            session.add_all(
                [
                    OfficialCalendarDay(day=NEW_YEARS_DAY_2027, kind=DayKind.HOLIDAY, name="New Year's Day"),
                    OfficialCalendarDay(day=date(2026, 10, 11), kind=DayKind.WORKDAY, name="Test make-up day"),
                    OfficialCalendarYear(
                        year=2027,
                        loaded_at=datetime(2026, 11, 20, 8, 0, tzinfo=UTC),
                        source="State Council holiday notice for 2027",
                    ),
                ]
            )

        async with sessions() as session:
            calendar = await load_calendar(session)
    finally:
        await engine.dispose()

    assert not calendar.is_working_day(NEW_YEARS_DAY_2027)
    assert calendar.is_working_day(date(2026, 10, 11))
    assert calendar.is_year_confirmed(2027)
    assert not calendar.is_year_confirmed(2028)
    assert calendar.add_working_days(date(2026, 12, 31), 1) == DueDate(day=date(2027, 1, 4), confirmed=True)


async def test_load_calendar_from_empty_tables(tmp_path: Path) -> None:
    engine = await create_calendar_database(tmp_path / "c.db")
    try:
        async with async_sessionmaker(engine)() as session:
            calendar = await load_calendar(session)
    finally:
        await engine.dispose()

    assert calendar.is_working_day(NEW_YEARS_DAY_2027)
    assert not calendar.is_year_confirmed(2027)
    assert not calendar.is_working_day(date(2026, 10, 1))
