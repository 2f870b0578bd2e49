"""Official calendar queries and edits for administrators."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from typing import TypeVar

from sqlalchemy import extract, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.database import transaction
from domain.calendar.models import DayKind, OfficialCalendarDay, OfficialCalendarYear
from domain.calendar.official import confirm_official_year, delete_official_day, set_official_day
from domain.errors import DomainError
from resolvers.approvals.mutations import Outcome
from resolvers.context import Info, require_actor

T = TypeVar("T")


async def list_official_days(info: Info, year: int) -> list[OfficialCalendarDay]:
    async with info.context.sessions() as session:
        rows = await session.scalars(
            select(OfficialCalendarDay)
            .where(extract("year", OfficialCalendarDay.day) == year)
            .order_by(OfficialCalendarDay.day)
        )
        return list(rows.all())


async def list_confirmed_years(info: Info) -> list[OfficialCalendarYear]:
    async with info.context.sessions() as session:
        rows = await session.scalars(select(OfficialCalendarYear).order_by(OfficialCalendarYear.year))
        return list(rows.all())


async def _run(info: Info, action: Callable[[AsyncSession], Awaitable[T]]) -> Outcome[T]:
    try:
        async with transaction(info.context.sessions) as session:
            result = await action(session)
    except DomainError as error:
        return Outcome(errors=[error])
    return Outcome(result=result)


async def set_day(info: Info, day: date, kind: DayKind, name: str) -> Outcome[OfficialCalendarDay]:
    actor = require_actor(info)
    return await _run(info, lambda session: set_official_day(session, actor, day, kind, name, info.context.now))


async def delete_day(info: Info, day: date) -> Outcome[date]:
    actor = require_actor(info)

    async def action(session: AsyncSession) -> date:
        await delete_official_day(session, actor, day, info.context.now)
        return day

    return await _run(info, action)


async def confirm_year(info: Info, year: int, source: str) -> Outcome[OfficialCalendarYear]:
    actor = require_actor(info)
    return await _run(info, lambda session: confirm_official_year(session, actor, year, source, info.context.now))
