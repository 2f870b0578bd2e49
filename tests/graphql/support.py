"""Helpers shared by the GraphQL API tests: global IDs, mutation inputs, raw HTTP and row counts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.applications import Starlette
from strawberry.relay import to_base64

from core.settings import Settings
from domain.accounts.models import Account
from domain.approvals.models import Application
from domain.audit.models import AuditEntry
from domain.households.models import Household, Member
from tests import factories


def global_id(type_name: str, key: int | str) -> str:
    return to_base64(type_name, key)


def spec_input(**overrides: Any) -> dict[str, Any]:
    """A BuildingSpecInput that passes every rule; ``overrides`` use GraphQL field names."""
    spec: dict[str, Any] = {
        "location": "测试村12号",
        "boundaryEast": "道路",
        "boundarySouth": "张宅",
        "boundaryWest": "空地",
        "boundaryNorth": "山体",
        "siteAreaM2": "120",
        "footprintAreaM2": "90",
        "floorAreaM2": "250",
        "storeys": 3,
        "eaveHeightM": "9.5",
        "totalHeightM": "12",
        "structure": "砖混",
        "roofColour": "青灰",
        "wallColour": "白",
    }
    spec.update(overrides)
    return spec


def submit_input(household_id: int, resident_id: str, **overrides: Any) -> dict[str, Any]:
    """An ApplicationSubmitInput for a new site on buildable land; ``overrides`` use GraphQL names."""
    data: dict[str, Any] = {
        "householdId": global_id("Household", household_id),
        "applicantResidentId": resident_id,
        "buildType": "NEW_SITE",
        "landType": "OTHER",
        "zone": "BUILDABLE",
        "pledgeSigned": True,
        "spec": spec_input(),
    }
    data.update(overrides)
    return data


async def send(
    app: Starlette,
    method: str,
    *,
    headers: dict[str, str] | None = None,
    json: dict[str, Any] | None = None,
    params: dict[str, str] | None = None,
) -> httpx.Response:
    """Send one request to /graphql with exactly the given headers (GraphQLClient adds its own)."""
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://hub.test") as client:
        return await client.request(method, "/graphql", headers=headers, json=json, params=params)


async def count_rows(sessions: async_sessionmaker[AsyncSession], model: type[Any]) -> int:
    async with sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def count_full_views(sessions: async_sessionmaker[AsyncSession]) -> int:
    async with sessions() as session:
        query = select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "personal_data.full_view")
        return int(await session.scalar(query) or 0)


async def file_application(
    sessions: async_sessionmaker[AsyncSession],
    settings: Settings,
    account: Account,
    household: Household,
    applicant: Member,
    *,
    now: datetime | None = None,
) -> Application:
    """Submit an application through the workflow in its own transaction."""
    async with sessions() as session, session.begin():
        return await factories.make_application(session, settings, account, household, applicant, now=now)
