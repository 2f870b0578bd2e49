"""Smoke tests of a real uvicorn process serving the hub over HTTP."""

from __future__ import annotations

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.auth import mint_token
from domain.accounts.models import Role
from domain.calendar.models import OfficialCalendarYear
from domain.clock import utc_now
from tests import factories
from tests.http.conftest import HubServer

TYPENAME = "{ __typename }"
CONFIRM_YEAR = 'mutation { calendarYearConfirm(input: {year: 2031, source: "smoke test"}) { errors { code } } }'
QUZHOU_CITY = "330800"


async def administrator_token(server: HubServer, sessions: async_sessionmaker[AsyncSession]) -> str:
    async with sessions() as session, session.begin():
        administrator = await factories.make_account(session, Role.ADMINISTRATOR, QUZHOU_CITY)
    return mint_token(server.settings, administrator.login, utc_now())


async def confirmed_year(sessions: async_sessionmaker[AsyncSession], year: int) -> OfficialCalendarYear | None:
    async with sessions() as session:
        return await session.get(OfficialCalendarYear, year)


async def test_healthz_reports_ok(hub_server: HubServer) -> None:
    async with httpx.AsyncClient() as client:
        response = await client.get(f"{hub_server.base_url}/healthz")

    assert response.status_code == 200
    assert response.json()["status"] == "ok"


async def test_post_query_returns_data(hub_server: HubServer) -> None:
    async with httpx.AsyncClient() as client:
        response = await client.post(hub_server.graphql_url, json={"query": TYPENAME})

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    assert response.json()["data"] == {"__typename": "Query"}


async def test_get_query_returns_data(hub_server: HubServer) -> None:
    async with httpx.AsyncClient() as client:
        response = await client.get(hub_server.graphql_url, params={"query": TYPENAME})

    assert response.status_code == 200
    assert response.json()["data"] == {"__typename": "Query"}


async def test_graphql_response_json_is_negotiated(hub_server: HubServer) -> None:
    headers = {"Accept": "application/graphql-response+json, application/json;q=0.9"}

    async with httpx.AsyncClient() as client:
        response = await client.post(hub_server.graphql_url, json={"query": "{ missingField }"}, headers=headers)

    assert response.status_code == 400
    assert response.headers["content-type"] == "application/graphql-response+json; charset=utf-8"
    assert "data" not in response.json()
    assert response.json()["errors"][0]["message"].startswith("Cannot query field 'missingField'")


async def test_get_mutation_is_rejected_unexecuted(
    hub_server: HubServer, sessions: async_sessionmaker[AsyncSession]
) -> None:
    token = await administrator_token(hub_server, sessions)

    async with httpx.AsyncClient() as client:
        response = await client.get(
            hub_server.graphql_url, params={"query": CONFIRM_YEAR}, headers={"Authorization": f"Bearer {token}"}
        )

    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert await confirmed_year(sessions, 2031) is None


async def test_post_mutation_is_executed(hub_server: HubServer, sessions: async_sessionmaker[AsyncSession]) -> None:
    token = await administrator_token(hub_server, sessions)

    async with httpx.AsyncClient() as client:
        response = await client.post(
            hub_server.graphql_url, json={"query": CONFIRM_YEAR}, headers={"Authorization": f"Bearer {token}"}
        )

    assert response.status_code == 200
    assert response.json()["data"] == {"calendarYearConfirm": {"errors": []}}
    assert await confirmed_year(sessions, 2031) is not None
