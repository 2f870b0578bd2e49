"""Administrator edits of the official holiday schedule (法定节假日与调休).

Each edit is audited. The hub reloads the calendar at most a minute later for queries;
mutations read it fresh inside their own transaction.
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from domain.accounts.actor import Actor
from domain.audit.record import record_audit
from domain.calendar.models import DayKind, OfficialCalendarDay, OfficialCalendarYear
from domain.errors import DomainError
from domain.text import find_invalid_character

logger = logging.getLogger(__name__)

# Years an administrator may edit; the hub's statutory limits are counted within them.
MIN_YEAR = 2000
MAX_YEAR = 2100
# Column lengths of official_calendar_day.name and official_calendar_year.source.
MAX_NAME_LENGTH = 32
MAX_SOURCE_LENGTH = 200


class CalendarErrorCode(StrEnum):
    YEAR_OUT_OF_RANGE = "YEAR_OUT_OF_RANGE"
    NAME_TOO_LONG = "NAME_TOO_LONG"
    DAY_NOT_FOUND = "DAY_NOT_FOUND"
    INVALID_CHARACTERS = "INVALID_CHARACTERS"
    TOO_LONG = "TOO_LONG"


def _check_year(year: int, field: str) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DomainError(CalendarErrorCode.YEAR_OUT_OF_RANGE, field, value=year, minimum=MIN_YEAR, maximum=MAX_YEAR)


def _checked_text(text: str, field: str) -> str:
    """Return one-line ``text`` without surrounding whitespace; raise INVALID_CHARACTERS on a control character.

    The position in the error counts from the start of the text as given.
    """
    stripped = text.strip()
    invalid = find_invalid_character(stripped)
    if invalid is not None:
        leading = len(text) - len(text.lstrip())
        raise DomainError(
            CalendarErrorCode.INVALID_CHARACTERS,
            field,
            position=leading + invalid.position,
            character=invalid.character,
        )
    return stripped


async def set_official_day(
    session: AsyncSession, actor: Actor, day: date, kind: DayKind, name: str, now: datetime
) -> OfficialCalendarDay:
    """Create or replace the official kind of ``day``; it overrides the calendar library."""
    _check_year(day.year, "input.day")
    name = _checked_text(name, "input.name")
    if len(name) > MAX_NAME_LENGTH:
        raise DomainError(CalendarErrorCode.NAME_TOO_LONG, "input.name", length=len(name), maximum=MAX_NAME_LENGTH)

    row = await session.get(OfficialCalendarDay, day)
    if row is None:
        row = OfficialCalendarDay(day=day, kind=kind, name=name)
        session.add(row)
    else:
        row.kind = kind
        row.name = name

    record_audit(
        session,
        actor_id=actor.account_id,
        action="calendar.day_set",
        entity_type="calendar_day",
        entity_id=day.toordinal(),
        occurred_at=now,
        detail={"day": day.isoformat(), "kind": kind.value, "name": name},
    )
    logger.info("official_day_set day=%s kind=%s actor_id=%s", day, kind.value, actor.account_id)
    return row


async def delete_official_day(session: AsyncSession, actor: Actor, day: date, now: datetime) -> None:
    """Delete the official entry of ``day``; errors name the mutation's ``day`` argument."""
    row = await session.get(OfficialCalendarDay, day)
    if row is None:
        raise DomainError(CalendarErrorCode.DAY_NOT_FOUND, "day", value=day.isoformat())

    await session.delete(row)
    record_audit(
        session,
        actor_id=actor.account_id,
        action="calendar.day_deleted",
        entity_type="calendar_day",
        entity_id=day.toordinal(),
        occurred_at=now,
        detail={"day": day.isoformat()},
    )


async def confirm_official_year(
    session: AsyncSession, actor: Actor, year: int, source: str, now: datetime
) -> OfficialCalendarYear:
    """Record that ``year``'s complete official schedule is loaded, so its deadlines are confirmed."""
    _check_year(year, "input.year")
    source = _checked_text(source, "input.source")
    if len(source) > MAX_SOURCE_LENGTH:
        raise DomainError(CalendarErrorCode.TOO_LONG, "input.source", length=len(source), maximum=MAX_SOURCE_LENGTH)

    row = await session.get(OfficialCalendarYear, year)
    if row is None:
        row = OfficialCalendarYear(year=year, loaded_at=now, source=source)
        session.add(row)
    else:
        row.loaded_at = now
        row.source = source

    record_audit(
        session,
        actor_id=actor.account_id,
        action="calendar.year_confirmed",
        entity_type="calendar_year",
        entity_id=year,
        occurred_at=now,
        detail={"year": year, "source": row.source},
    )
    return row
