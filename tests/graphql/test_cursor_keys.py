"""Cursors carry a plain ASCII key that fits the INTEGER primary key; anything else is INVALID_CURSOR."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.i18n import Locale
from core.settings import Settings
from resolvers.pagination import decode_cursor, encode_cursor
from tests import factories
from tests.graphql.conftest import World
from tests.graphql.support import global_id
from tests.graphql_client import GraphQLClient

PAGE = """
query Page($first: Int, $after: String, $last: Int, $before: String) {
  applications(first: $first, after: $after, last: $last, before: $before) {
    edges { node { id } }
  }
}
"""

MALFORMED_KEYS = [
    pytest.param(" 5", id="leading-space"),
    pytest.param("5 ", id="trailing-space"),
    pytest.param("5_0", id="underscore"),
    pytest.param("+5", id="plus-sign"),
    pytest.param("-1", id="negative"),
    pytest.param("\u0665", id="arabic-indic-digit"),
    pytest.param("\uff15", id="full-width-digit"),
    pytest.param("\u00b2", id="superscript-digit"),
    pytest.param("2147483648", id="above-int32"),
    pytest.param("99999999999999999999", id="above-int64"),
]


def cursor_of(key_text: str) -> str:
    return base64.b64encode(f"cursor:{key_text}".encode()).decode()


@pytest.fixture
async def two_applications(sessions: async_sessionmaker[AsyncSession], settings: Settings, world: World) -> list[str]:
    """File two Gouxi applications; return their global IDs, newest first."""
    async with sessions() as session, session.begin():
        ids = []
        for _ in range(2):
            household, members = await factories.make_household(session, world.gouxi_village.code)
            application = await factories.make_application(
                session, settings, world.gouxi_grid_worker, household, members[0]
            )
            ids.append(global_id("Application", application.id))
    return ids[::-1]


@pytest.mark.parametrize("key_text", MALFORMED_KEYS)
async def test_malformed_cursor_key_rejected(
    graphql: GraphQLClient, world: World, two_applications: list[str], key_text: str
) -> None:
    arguments: dict[str, Any] = {"first": 5, "after": cursor_of(key_text)}

    response = await graphql.execute(PAGE, arguments, login=world.gouxi_staff.login)

    assert response.body["data"] is None
    assert response.errors[0]["extensions"] == {"code": "INVALID_CURSOR", "field": "after"}


@pytest.mark.parametrize("key_text", MALFORMED_KEYS)
async def test_malformed_before_cursor_rejected(
    graphql: GraphQLClient, world: World, two_applications: list[str], key_text: str
) -> None:
    arguments: dict[str, Any] = {"last": 5, "before": cursor_of(key_text)}

    response = await graphql.execute(PAGE, arguments, login=world.gouxi_staff.login)

    assert response.body["data"] is None
    assert response.errors[0]["extensions"] == {"code": "INVALID_CURSOR", "field": "before"}


async def test_max_key_cursor_accepted(graphql: GraphQLClient, world: World, two_applications: list[str]) -> None:
    response = await graphql.execute(
        PAGE, {"first": 5, "after": cursor_of("2147483647")}, login=world.gouxi_staff.login
    )

    assert [edge["node"]["id"] for edge in response.data["applications"]["edges"]] == two_applications


def test_cursor_round_trip() -> None:
    assert decode_cursor(encode_cursor(2147483647), "after", Locale.EN) == 2147483647
