"""Relay pagination of the application list: cursors both ways, counts, page flags and bad input."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.settings import Settings
from tests import factories
from tests.graphql.conftest import World
from tests.graphql.support import global_id
from tests.graphql_client import GraphQLClient

PAGE = """
query Page($first: Int, $after: String, $last: Int, $before: String) {
  applications(first: $first, after: $after, last: $last, before: $before) {
    totalCount
    edges { cursor node { id } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""

APPLICATION_COUNT = 25


@pytest.fixture
async def newest_first(sessions: async_sessionmaker[AsyncSession], settings: Settings, world: World) -> list[str]:
    """File 25 applications in Gouxi; return their global IDs in list order, newest first."""
    async with sessions() as session, session.begin():
        ids = []
        for _ in range(APPLICATION_COUNT):
            household, members = await factories.make_household(session, world.gouxi_village.code)
            application = await factories.make_application(
                session, settings, world.gouxi_grid_worker, household, members[0]
            )
            ids.append(global_id("Application", application.id))
    return ids[::-1]


async def page(graphql: GraphQLClient, login: str, **arguments: Any) -> dict[str, Any]:
    response = await graphql.execute(PAGE, arguments, login=login)
    connection = response.data["applications"]
    assert isinstance(connection, dict)
    return connection


def ids_of(connection: dict[str, Any]) -> list[str]:
    return [edge["node"]["id"] for edge in connection["edges"]]


async def page_error(graphql: GraphQLClient, login: str, **arguments: Any) -> dict[str, Any]:
    response = await graphql.execute(PAGE, arguments, login=login)
    assert response.body["data"] is None
    assert len(response.errors) == 1
    return response.errors[0]


async def test_forward_pages_of_ten(graphql: GraphQLClient, world: World, newest_first: list[str]) -> None:
    login = world.gouxi_staff.login

    first = await page(graphql, login, first=10)
    second = await page(graphql, login, first=10, after=first["pageInfo"]["endCursor"])
    third = await page(graphql, login, first=10, after=second["pageInfo"]["endCursor"])

    assert ids_of(first) == newest_first[:10]
    assert ids_of(second) == newest_first[10:20]
    assert ids_of(third) == newest_first[20:]
    assert [p["totalCount"] for p in (first, second, third)] == [25, 25, 25]
    assert [p["pageInfo"]["hasNextPage"] for p in (first, second, third)] == [True, True, False]
    assert [p["pageInfo"]["hasPreviousPage"] for p in (first, second, third)] == [False, True, True]


async def test_backward_pages_of_ten(graphql: GraphQLClient, world: World, newest_first: list[str]) -> None:
    login = world.gouxi_staff.login

    last = await page(graphql, login, last=10)
    middle = await page(graphql, login, last=10, before=last["pageInfo"]["startCursor"])
    front = await page(graphql, login, last=10, before=middle["pageInfo"]["startCursor"])

    assert ids_of(last) == newest_first[15:]
    assert ids_of(middle) == newest_first[5:15]
    assert ids_of(front) == newest_first[:5]
    assert [p["totalCount"] for p in (last, middle, front)] == [25, 25, 25]
    assert [p["pageInfo"]["hasPreviousPage"] for p in (last, middle, front)] == [True, True, False]
    assert [p["pageInfo"]["hasNextPage"] for p in (last, middle, front)] == [False, True, True]


async def test_cursors_match_page_info(graphql: GraphQLClient, world: World, newest_first: list[str]) -> None:
    connection = await page(graphql, world.gouxi_staff.login, first=10)

    cursors = [edge["cursor"] for edge in connection["edges"]]
    assert connection["pageInfo"]["startCursor"] == cursors[0]
    assert connection["pageInfo"]["endCursor"] == cursors[-1]
    assert len(set(cursors)) == 10


async def test_after_middle_edge_cursor(graphql: GraphQLClient, world: World, newest_first: list[str]) -> None:
    first = await page(graphql, world.gouxi_staff.login, first=10)
    fourth_cursor = first["edges"][3]["cursor"]

    following = await page(graphql, world.gouxi_staff.login, first=3, after=fourth_cursor)

    assert ids_of(following) == newest_first[4:7]


async def test_default_page_size_is_twenty(graphql: GraphQLClient, world: World, newest_first: list[str]) -> None:
    connection = await page(graphql, world.gouxi_staff.login)

    assert ids_of(connection) == newest_first[:20]
    assert connection["pageInfo"]["hasNextPage"] is True


async def test_first_zero_returns_no_edges(graphql: GraphQLClient, world: World, newest_first: list[str]) -> None:
    connection = await page(graphql, world.gouxi_staff.login, first=0)

    assert connection["edges"] == []
    assert connection["totalCount"] == 25
    assert connection["pageInfo"]["startCursor"] is None


async def test_first_hundred_is_allowed(graphql: GraphQLClient, world: World, newest_first: list[str]) -> None:
    connection = await page(graphql, world.gouxi_staff.login, first=100)

    assert ids_of(connection) == newest_first
    assert connection["pageInfo"]["hasNextPage"] is False


async def test_empty_list_page_info(graphql: GraphQLClient, world: World) -> None:
    connection = await page(graphql, world.gouxi_staff.login, first=10)

    assert connection["totalCount"] == 0
    assert connection["pageInfo"] == {
        "hasNextPage": False,
        "hasPreviousPage": False,
        "startCursor": None,
        "endCursor": None,
    }


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        pytest.param({"first": 101}, "first", id="first-101"),
        pytest.param({"first": -1}, "first", id="first-negative"),
        pytest.param({"last": 101}, "last", id="last-101"),
        pytest.param({"last": -5}, "last", id="last-negative"),
    ],
)
async def test_page_size_out_of_range(
    graphql: GraphQLClient, world: World, arguments: dict[str, Any], field: str
) -> None:
    error = await page_error(graphql, world.gouxi_staff.login, **arguments)

    assert error["extensions"]["code"] == "PAGE_SIZE_INVALID"
    assert error["extensions"]["field"] == field
    assert error["path"] == ["applications"]
    assert error["message"].startswith(f"{field}：分页大小须在 0 到 100 之间")


@pytest.mark.parametrize(
    "cursor",
    [
        pytest.param("abc", id="not-base64"),
        pytest.param(base64.b64encode(b"arrayconnection:3").decode(), id="other-prefix"),
        pytest.param(base64.b64encode(b"cursor:three").decode(), id="not-a-number"),
        pytest.param(base64.b64encode(b"\xff\xfe").decode(), id="not-utf8"),
        pytest.param("游标", id="not-ascii"),
        pytest.param("", id="empty"),
    ],
)
async def test_invalid_cursor_rejected(graphql: GraphQLClient, world: World, cursor: str) -> None:
    after = await page_error(graphql, world.gouxi_staff.login, first=5, after=cursor)
    before = await page_error(graphql, world.gouxi_staff.login, last=5, before=cursor)

    assert after["extensions"] == {"code": "INVALID_CURSOR", "field": "after"}
    assert before["extensions"] == {"code": "INVALID_CURSOR", "field": "before"}


async def test_invalid_cursor_message_in_english(graphql: GraphQLClient, world: World) -> None:
    response = await graphql.execute(PAGE, {"first": 5, "after": "abc"}, login=world.gouxi_staff.login, language="en")

    assert (
        response.errors[0]["message"] == 'after: cursor "abc" is invalid; use a cursor returned by the previous page.'
    )
