"""Administrator edits of the official calendar through the graph."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.accounts.models import Role
from domain.audit.models import AuditEntry
from domain.calendar.models import OfficialCalendarDay
from tests import factories
from tests.graphql_client import GraphQLClient

SET_DAY = """
mutation SetDay($input: CalendarDaySetInput!) {
  calendarDaySet(input: $input) { day { day kind name } errors { field code message } }
}
"""

CONFIRM_YEAR = """
mutation Confirm($input: CalendarYearConfirmInput!) {
  calendarYearConfirm(input: $input) { year { year source } errors { field code message } }
}
"""

LIST = "query { officialDays(year: 2027) { day kind name } confirmedYears { year } }"


async def _admin(sessions: async_sessionmaker[AsyncSession]) -> str:
    async with sessions() as session, session.begin():
        account = await factories.make_account(session, Role.ADMINISTRATOR, "330800")
    return account.login


async def test_admin_sets_official_holiday(graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession]) -> None:
    login = await _admin(sessions)

    response = await graphql.execute(
        SET_DAY, {"input": {"day": "2027-02-08", "kind": "HOLIDAY", "name": "春节"}}, login=login
    )

    payload = response.data["calendarDaySet"]
    assert payload["errors"] == []
    assert payload["day"] == {"day": "2027-02-08", "kind": "HOLIDAY", "name": "春节"}
    listed = await graphql.execute(LIST, login=login)
    assert listed.data["officialDays"] == [{"day": "2027-02-08", "kind": "HOLIDAY", "name": "春节"}]
    async with sessions() as session:
        audits = await session.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "calendar.day_set")
        )
    assert audits == 1


async def test_admin_confirms_year(graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession]) -> None:
    login = await _admin(sessions)

    response = await graphql.execute(CONFIRM_YEAR, {"input": {"year": 2027, "source": "国办发明电"}}, login=login)

    assert response.data["calendarYearConfirm"]["year"] == {"year": 2027, "source": "国办发明电"}
    listed = await graphql.execute(LIST, login=login)
    assert listed.data["confirmedYears"] == [{"year": 2027}]


async def test_year_out_of_range_rejected(graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession]) -> None:
    login = await _admin(sessions)

    response = await graphql.execute(
        SET_DAY, {"input": {"day": "1999-10-01", "kind": "HOLIDAY"}}, login=login, language="en"
    )

    errors = response.data["calendarDaySet"]["errors"]
    assert errors[0]["code"] == "YEAR_OUT_OF_RANGE"
    assert errors[0]["field"] == "input.day"
    assert "1999" in errors[0]["message"]
    async with sessions() as session:
        assert await session.scalar(select(func.count()).select_from(OfficialCalendarDay)) == 0


async def test_township_staff_cannot_edit_calendar(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession]
) -> None:
    async with sessions() as session, session.begin():
        staff = await factories.make_account(session, Role.TOWNSHIP_STAFF, factories.GOUXI)

    response = await graphql.execute(SET_DAY, {"input": {"day": "2027-02-08", "kind": "HOLIDAY"}}, login=staff.login)

    assert response.errors[0]["extensions"]["code"] == "FORBIDDEN"
    async with sessions() as session:
        assert await session.scalar(select(func.count()).select_from(OfficialCalendarDay)) == 0
