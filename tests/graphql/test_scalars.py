"""The Date scalar accepts exactly YYYY-MM-DD and a valid calendar date, as a variable or a literal."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.accounts.models import Role
from schema.scalars import parse_date
from tests import factories
from tests.graphql_client import GraphQLClient

DELETE_DAY = """
mutation DeleteDay($day: Date!) {
  calendarDayDelete(day: $day) { deletedDay errors { code } }
}
"""

FORMAT_HINT = "Expected a calendar date in the format YYYY-MM-DD, such as 2026-03-01."

# Each of these is not YYYY-MM-DD. Python 3.11's date.fromisoformat accepts the first three.
MALFORMED_DATES = [
    pytest.param("2026-W01-1", id="iso-week-date"),
    pytest.param("20260101", id="basic-format"),
    pytest.param("2026-001", id="ordinal-date"),
    pytest.param("2026-1-5", id="one-digit-month-and-day"),
    pytest.param("2026-01-01T00:00:00", id="date-time"),
    pytest.param(" 2026-01-01", id="leading-space"),
    pytest.param("２０２６-01-01", id="full-width-digits"),
    pytest.param("", id="empty"),
]


@pytest.fixture
async def administrator(sessions: async_sessionmaker[AsyncSession]) -> str:
    async with sessions() as session, session.begin():
        account = await factories.make_account(session, Role.ADMINISTRATOR, "330800")
    return account.login


def delete_literal(day: str) -> str:
    return f'mutation DeleteDay {{ calendarDayDelete(day: "{day}") {{ deletedDay }} }}'


# --- variables ----------------------------------------------------------------------------


@pytest.mark.parametrize("value", MALFORMED_DATES)
async def test_malformed_date_variable_rejected(graphql: GraphQLClient, administrator: str, value: str) -> None:
    response = await graphql.execute(DELETE_DAY, {"day": value}, login=administrator, language="en")

    assert response.body.get("data") is None
    assert response.errors[0]["extensions"] == {"code": "BAD_USER_INPUT"}
    assert response.errors[0]["message"] == (
        f"A variable value is invalid: Variable '$day' has invalid value: "
        f'Value cannot represent a Date: "{value}". {FORMAT_HINT}'
    )


@pytest.mark.parametrize("value", ["2026-02-30", "2026-13-01", "2026-00-10", "2027-02-29", "0000-01-01"])
async def test_impossible_date_variable_rejected(graphql: GraphQLClient, administrator: str, value: str) -> None:
    response = await graphql.execute(DELETE_DAY, {"day": value}, login=administrator, language="en")

    assert response.errors[0]["extensions"] == {"code": "BAD_USER_INPUT"}
    assert f'Value cannot represent a Date: "{value}" is not a calendar date (' in response.errors[0]["message"]


@pytest.mark.parametrize("value", [20260101, 2026.5, True, ["2026-01-01"], {"year": 2026}])
async def test_non_string_date_variable_rejected(graphql: GraphQLClient, administrator: str, value: Any) -> None:
    response = await graphql.execute(DELETE_DAY, {"day": value}, login=administrator, language="en")

    assert response.errors[0]["extensions"] == {"code": "BAD_USER_INPUT"}
    assert response.errors[0]["message"].endswith(FORMAT_HINT)


async def test_date_error_message_in_chinese(graphql: GraphQLClient, administrator: str) -> None:
    response = await graphql.execute(DELETE_DAY, {"day": "2026-W01-1"}, login=administrator)

    assert response.errors[0]["message"].startswith("变量值无效：Variable '$day' has invalid value:")


@pytest.mark.parametrize("value", ["2026-01-01", "2028-02-29", "9999-12-31"])
async def test_calendar_date_variable_accepted(graphql: GraphQLClient, administrator: str, value: str) -> None:
    response = await graphql.execute(DELETE_DAY, {"day": value}, login=administrator)

    assert response.errors == []
    assert "calendarDayDelete" in response.data


# --- literals -----------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["2026-W01-1", "20260101", "2026-02-30"])
async def test_invalid_date_literal_rejected(graphql: GraphQLClient, administrator: str, value: str) -> None:
    response = await graphql.execute(delete_literal(value), login=administrator, language="en")

    # graphql-core reports a literal during validation, so it is a validation error, not BAD_USER_INPUT.
    assert response.body.get("data") is None
    assert response.errors[0]["extensions"] == {"code": "GRAPHQL_VALIDATION_FAILED"}
    assert f'Value cannot represent a Date: "{value}"' in response.errors[0]["message"]


async def test_integer_date_literal_rejected(graphql: GraphQLClient, administrator: str) -> None:
    response = await graphql.execute(
        "mutation DeleteDay { calendarDayDelete(day: 20260101) { deletedDay } }", login=administrator, language="en"
    )

    assert response.errors[0]["extensions"] == {"code": "GRAPHQL_VALIDATION_FAILED"}
    assert FORMAT_HINT in response.errors[0]["message"]


async def test_calendar_date_literal_accepted(graphql: GraphQLClient, administrator: str) -> None:
    response = await graphql.execute(delete_literal("2026-01-01"), login=administrator)

    assert response.errors == []


# --- parser -------------------------------------------------------------------------------


def test_parse_date_returns_date() -> None:
    assert parse_date("2028-02-29") == date(2028, 2, 29)
