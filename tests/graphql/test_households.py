"""Household browsing: jurisdiction, land records and a constant statement count."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from domain.land.models import HomesteadStatus
from tests import factories
from tests.graphql.conftest import World
from tests.graphql.test_query_count import count_statements
from tests.graphql_client import GraphQLClient

HOUSEHOLDS = """
query Households($first: Int) {
  households(first: $first) {
    totalCount
    edges { node { householdNumber members { name } homesteads { parcelCode status areaM2 } houses { storeys } } }
  }
}
"""


async def test_grid_worker_sees_own_village(graphql: GraphQLClient, world: World) -> None:
    response = await graphql.execute(HOUSEHOLDS, {"first": 10}, login=world.gouxi_grid_worker.login)

    connection = response.data["households"]
    assert connection["totalCount"] == 1
    assert connection["edges"][0]["node"]["householdNumber"] == world.gouxi_household.household_number


async def test_household_lists_homesteads(
    graphql: GraphQLClient, world: World, sessions: async_sessionmaker[AsyncSession]
) -> None:
    async with sessions() as session, session.begin():
        await factories.make_homestead(session, world.gouxi_household)
        await factories.make_homestead(session, world.gouxi_household, status=HomesteadStatus.IDLE)

    response = await graphql.execute(HOUSEHOLDS, {"first": 10}, login=world.gouxi_farmer.login)

    homesteads = response.data["households"]["edges"][0]["node"]["homesteads"]
    assert [item["status"] for item in homesteads] == ["HELD", "IDLE"]
    assert homesteads[0]["areaM2"] == "110.00"


async def test_household_page_statement_count(
    graphql: GraphQLClient, world: World, sessions: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    async with sessions() as session, session.begin():
        for _ in range(12):
            household, _members = await factories.make_household(session, world.gouxi_village.code)
            await factories.make_homestead(session, household)
    counts = []
    # The first request also loads the process-wide holiday calendar.
    await graphql.execute(HOUSEHOLDS, {"first": 1}, login=world.gouxi_staff.login)

    for size in (2, 12):
        with count_statements(graphql.app.state.engine) as statements:
            await graphql.execute(HOUSEHOLDS, {"first": size}, login=world.gouxi_staff.login)
        counts.append(len(statements))

    assert counts[0] == counts[1]
