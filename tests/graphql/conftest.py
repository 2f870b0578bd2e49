"""Fixtures of the GraphQL API tests: a small world of regions, households and accounts."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from starlette.applications import Starlette

from core.app import create_app
from core.settings import Settings
from domain.accounts.models import Account, Role
from domain.households.models import Household, Member
from domain.regions.models import Region
from tests import factories
from tests.graphql_client import GraphQLClient

KECHENG = "330802"
HUASHU = "330802212"


@dataclass
class World:
    """Two townships in two districts, one household and one farmer in each, and staff.

    Gouxi (330802211) and Huashu (330802212) are townships of Kecheng district (330802);
    Yunxi (330803207) is a township of Qujiang district (330803).
    """

    gouxi_village: Region
    huashu_village: Region
    yunxi_village: Region
    gouxi_household: Household
    gouxi_members: list[Member]
    yunxi_household: Household
    yunxi_members: list[Member]
    gouxi_farmer: Account
    yunxi_farmer: Account
    gouxi_grid_worker: Account
    huashu_grid_worker: Account
    yunxi_grid_worker: Account
    gouxi_committee: Account
    gouxi_staff: Account
    gouxi_leader: Account
    yunxi_staff: Account
    kecheng_county: Account
    bank: Account
    dashboard_viewer: Account


@pytest.fixture
async def world(sessions: async_sessionmaker[AsyncSession]) -> World:
    async with sessions() as session, session.begin():
        gouxi_village = await factories.make_village(session, factories.GOUXI)
        huashu_village = await factories.make_village(session, HUASHU)
        yunxi_village = await factories.make_village(session, factories.YUNXI)
        gouxi_household, gouxi_members = await factories.make_household(session, gouxi_village.code)
        yunxi_household, yunxi_members = await factories.make_household(session, yunxi_village.code)

        async def account(role: Role, jurisdiction: str, household: Household | None = None) -> Account:
            household_id = household.id if household else None
            return await factories.make_account(session, role, jurisdiction, household_id=household_id)

        return World(
            gouxi_village=gouxi_village,
            huashu_village=huashu_village,
            yunxi_village=yunxi_village,
            gouxi_household=gouxi_household,
            gouxi_members=gouxi_members,
            yunxi_household=yunxi_household,
            yunxi_members=yunxi_members,
            gouxi_farmer=await account(Role.FARMER, gouxi_village.code, gouxi_household),
            yunxi_farmer=await account(Role.FARMER, yunxi_village.code, yunxi_household),
            gouxi_grid_worker=await account(Role.GRID_WORKER, gouxi_village.code),
            huashu_grid_worker=await account(Role.GRID_WORKER, huashu_village.code),
            yunxi_grid_worker=await account(Role.GRID_WORKER, yunxi_village.code),
            gouxi_committee=await account(Role.VILLAGE_COMMITTEE, gouxi_village.code),
            gouxi_staff=await account(Role.TOWNSHIP_STAFF, factories.GOUXI),
            gouxi_leader=await account(Role.TOWNSHIP_LEADER, factories.GOUXI),
            yunxi_staff=await account(Role.TOWNSHIP_STAFF, factories.YUNXI),
            kecheng_county=await account(Role.COUNTY_AGRICULTURE, KECHENG),
            bank=await account(Role.BANK, "330800"),
            dashboard_viewer=await account(Role.DASHBOARD_VIEWER, factories.GOUXI),
        )


@pytest.fixture
async def make_client(engine: AsyncEngine) -> AsyncIterator[Callable[[Settings], GraphQLClient]]:
    """Build clients of hub apps with other settings; their engines are disposed after the test.

    Depends on ``engine`` so that the test's rows are deleted afterwards, as with ``graphql``.
    """
    apps: list[Starlette] = []

    def build(settings: Settings) -> GraphQLClient:
        app = create_app(settings)
        apps.append(app)
        return GraphQLClient(app, settings)

    yield build
    for app in apps:
        await app.state.engine.dispose()
