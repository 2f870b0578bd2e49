"""A process-wide working-day calendar, reloaded from the database at most once a minute."""

from __future__ import annotations

import asyncio
import time

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.calendar.working_days import WorkingDayCalendar, load_calendar

RELOAD_AFTER_SECONDS = 60.0


class CalendarCache:
    """Serves queries; mutations load a fresh calendar inside their own transaction."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions
        self._calendar: WorkingDayCalendar | None = None
        self._loaded_at = 0.0
        self._lock = asyncio.Lock()

    async def get(self) -> WorkingDayCalendar:
        if self._calendar is not None and time.monotonic() - self._loaded_at < RELOAD_AFTER_SECONDS:
            return self._calendar

        async with self._lock:
            if self._calendar is None or time.monotonic() - self._loaded_at >= RELOAD_AFTER_SECONDS:
                async with self._sessions() as session:
                    self._calendar = await load_calendar(session)
                self._loaded_at = time.monotonic()
        return self._calendar
