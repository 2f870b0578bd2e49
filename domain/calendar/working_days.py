"""Chinese working-day arithmetic for approval due dates.

A day's kind comes from, in order: the administrator's override rows
(``OfficialCalendarDay``), the ``chinesecalendar`` library for the years it covers, and
otherwise Monday to Friday. The State Council announces each year's holidays and make-up
working days (调休) late in the previous year, so a due date that falls in a year covered
neither by the library nor by a loaded ``OfficialCalendarYear`` is reported as unconfirmed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import chinese_calendar
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.calendar.models import DayKind, OfficialCalendarDay, OfficialCalendarYear

# Years that have at least one holiday or make-up working day in the installed library.
# chinese_calendar.is_workday raises NotImplementedError outside min..max of these years,
# so it is called only for them. A year inside that range without any entry counts as
# missing from the library rather than as a year with no holidays.
LIBRARY_YEARS: frozenset[int] = frozenset(day.year for day in [*chinese_calendar.holidays, *chinese_calendar.workdays])

_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class DueDate:
    """A working-day count result.

    ``confirmed`` is False when the count crossed a year whose official schedule neither
    the library nor the administrator has loaded. Only weekends and override rows were
    rest days in that year, so the day may move once the schedule is published.
    """

    day: date
    confirmed: bool


class WorkingDayCalendar:
    """Working days from override rows, the chinesecalendar library and weekends."""

    def __init__(
        self,
        overrides: Mapping[date, DayKind] | None = None,
        loaded_years: Iterable[int] = (),
    ) -> None:
        """Build a calendar from override rows and the years whose schedule is loaded.

        ``overrides`` maps a day to its official kind and wins over the library.
        ``loaded_years`` lists the years whose complete schedule is in ``overrides``.
        """
        self._overrides = dict(overrides or {})
        for day in self._overrides:
            _require_date(day)
        self._loaded_years = frozenset(loaded_years)

    def is_working_day(self, day: date) -> bool:
        """Check the override rows first, then the library, then Monday to Friday.

        A loaded year does not switch the library off, so in a year that both cover, a
        library holiday without an override row stays a rest day.
        """
        _require_date(day)
        kind = self._overrides.get(day)
        if kind is not None:
            return kind is DayKind.WORKDAY

        if day.year in LIBRARY_YEARS:
            return bool(chinese_calendar.is_workday(day))

        return day.weekday() < 5

    def is_year_confirmed(self, year: int) -> bool:
        """Return whether the library or the administrator has the year's official schedule."""
        return year in LIBRARY_YEARS or year in self._loaded_years

    def add_working_days(self, start: date, days: int) -> DueDate:
        """Count ``days`` working days forward from ``start`` and return the last one.

        ``start`` itself is not counted, so ``days`` = 0 returns ``start`` as confirmed.
        Raises ValueError for negative ``days``.
        """
        _require_date(start)
        if days < 0:
            raise ValueError(f"days must be 0 or more, got {days}")

        day = start
        confirmed = True
        remaining = days
        while remaining > 0:
            day += _ONE_DAY
            confirmed = confirmed and self.is_year_confirmed(day.year)
            if self.is_working_day(day):
                remaining -= 1

        return DueDate(day=day, confirmed=confirmed)

    def working_days_between(self, start: date, end: date) -> int:
        """Count the working days after ``start`` up to and including ``end``.

        When ``end`` is before ``start`` the result is minus the working days after ``end``
        up to and including ``start``, so a due date one working day ago gives -1.
        For ``days`` >= 0, ``working_days_between(s, add_working_days(s, days).day)`` is
        ``days``.
        """
        _require_date(start)
        _require_date(end)
        if end < start:
            return -self.working_days_between(end, start)

        count = 0
        day = start
        while day < end:
            day += _ONE_DAY
            if self.is_working_day(day):
                count += 1

        return count


async def load_calendar(session: AsyncSession) -> WorkingDayCalendar:
    """Read the override days and loaded years into a calendar."""
    day_rows = await session.execute(select(OfficialCalendarDay.day, OfficialCalendarDay.kind))
    overrides = dict(day_rows.all())
    loaded_years = await session.scalars(select(OfficialCalendarYear.year))
    return WorkingDayCalendar(overrides, loaded_years.all())


def _require_date(day: date) -> None:
    # datetime is a subclass of date, but it never equals a date key in the override map,
    # so a datetime would silently skip the overrides.
    if isinstance(day, datetime) or not isinstance(day, date):
        raise TypeError(
            f"expected a datetime.date, got {type(day).__name__}: {day!r}. "
            "Convert a datetime with domain.clock.local_date first."
        )
