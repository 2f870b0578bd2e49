"""Control characters and over-long text in calendar edits come back as coded payload errors."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.accounts.models import Role
from domain.calendar.models import OfficialCalendarDay, OfficialCalendarYear
from tests import factories
from tests.graphql_client import GraphQLClient

SET_DAY = """
mutation SetDay($input: CalendarDaySetInput!) {
  calendarDaySet(input: $input) { day { name } errors { field code message } }
}
"""

DELETE_DAY = """
mutation DeleteDay($day: Date!) {
  calendarDayDelete(day: $day) { deletedDay errors { field code } }
}
"""

CONFIRM_YEAR = """
mutation Confirm($input: CalendarYearConfirmInput!) {
  calendarYearConfirm(input: $input) { year { source } errors { field code message } }
}
"""


async def admin_login(sessions: async_sessionmaker[AsyncSession]) -> str:
    async with sessions() as session, session.begin():
        account = await factories.make_account(session, Role.ADMINISTRATOR, "330800")
    return account.login


async def count(sessions: async_sessionmaker[AsyncSession], model: type[object]) -> int:
    async with sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


@pytest.mark.parametrize(
    ("name", "character"),
    [
        pytest.param("春\x00节", "U+0000", id="nul"),
        pytest.param("春节\u202e", "U+202E", id="right-to-left-override"),
        pytest.param("春\n节", "U+000A", id="line-feed"),
    ],
)
async def test_invalid_character_in_name_rejected(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], name: str, character: str
) -> None:
    login = await admin_login(sessions)

    response = await graphql.execute(
        SET_DAY, {"input": {"day": "2027-02-08", "kind": "HOLIDAY", "name": name}}, login=login, language="en"
    )

    payload = response.data["calendarDaySet"]
    assert payload["day"] is None
    assert [(error["field"], error["code"]) for error in payload["errors"]] == [("input.name", "INVALID_CHARACTERS")]
    assert character in payload["errors"][0]["message"]
    assert await count(sessions, OfficialCalendarDay) == 0


async def test_long_source_rejected(graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession]) -> None:
    login = await admin_login(sessions)

    response = await graphql.execute(CONFIRM_YEAR, {"input": {"year": 2027, "source": "国" * 10_000}}, login=login)

    payload = response.data["calendarYearConfirm"]
    assert payload["year"] is None
    assert [(error["field"], error["code"]) for error in payload["errors"]] == [("input.source", "TOO_LONG")]
    assert "最多 200 个" in payload["errors"][0]["message"]
    assert await count(sessions, OfficialCalendarYear) == 0


async def test_source_at_column_length_stored(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession]
) -> None:
    login = await admin_login(sessions)

    response = await graphql.execute(
        CONFIRM_YEAR, {"input": {"year": 2027, "source": " " + "国" * 200 + " "}}, login=login
    )

    assert response.data["calendarYearConfirm"] == {"year": {"source": "国" * 200}, "errors": []}


async def test_nul_in_source_rejected(graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession]) -> None:
    login = await admin_login(sessions)

    response = await graphql.execute(CONFIRM_YEAR, {"input": {"year": 2027, "source": "国办\x00发明电"}}, login=login)

    errors = response.data["calendarYearConfirm"]["errors"]
    assert [(error["field"], error["code"]) for error in errors] == [("input.source", "INVALID_CHARACTERS")]
    assert await count(sessions, OfficialCalendarYear) == 0


async def test_delete_error_names_day_argument(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession]
) -> None:
    login = await admin_login(sessions)

    response = await graphql.execute(DELETE_DAY, {"day": "2027-02-08"}, login=login)

    errors = response.data["calendarDayDelete"]["errors"]
    assert [(error["field"], error["code"]) for error in errors] == [("day", "DAY_NOT_FOUND")]
