"""Smoke tests of a real uvicorn process serving the hub over HTTP."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator

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
# Fragments F0 to F24 each spread the next one twice, so expanding them all gives 2 ** 25 copies of F25.
FAN_OUT = (
    "query FanOut { regions { ...F0 } } "
    + " ".join(f"fragment F{index} on Region {{ code ...F{index + 1} ...F{index + 1} }}" for index in range(25))
    + " fragment F25 on Region { code }"
)
CHUNK_BYTES = 64 * 1024


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
    assert response.json()["errors"][0]["extensions"] == {"code": "GRAPHQL_VALIDATION_FAILED"}
    assert "Cannot query field 'missingField'" in response.json()["errors"][0]["message"]


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


async def test_invalid_utf8_body_gets_400(hub_server: HubServer) -> None:
    headers = {"Content-Type": "application/json"}

    async with httpx.AsyncClient() as client:
        response = await client.post(hub_server.graphql_url, content=b'{"query": "\xff"}', headers=headers)

    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"] == {"code": "INVALID_REQUEST_BODY"}


async def test_declared_large_body_gets_413(hub_server: HubServer) -> None:
    body = b" " * (hub_server.settings.max_body_bytes + 1)

    async with httpx.AsyncClient() as client:
        response = await client.post(hub_server.graphql_url, content=body, headers={"Content-Type": "application/json"})

    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "REQUEST_BODY_TOO_LARGE"


async def test_chunked_large_body_gets_413(hub_server: HubServer) -> None:
    chunk_count = hub_server.settings.max_body_bytes // CHUNK_BYTES + 2

    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(chunk_count):
            yield b" " * CHUNK_BYTES

    async with httpx.AsyncClient() as client:
        response = await client.post(
            hub_server.graphql_url, content=chunks(), headers={"Content-Type": "application/json"}
        )

    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "REQUEST_BODY_TOO_LARGE"


async def test_fragment_fan_out_leaves_server_responsive(hub_server: HubServer) -> None:
    started = time.perf_counter()

    async with httpx.AsyncClient() as client:
        rejected = await client.post(hub_server.graphql_url, json={"query": FAN_OUT})
        health = await client.get(f"{hub_server.base_url}/healthz")

    # Before the cost check ran ahead of validation, this query held the event loop for minutes.
    assert rejected.json()["errors"][0]["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert health.status_code == 200
    assert time.perf_counter() - started < 2.0
