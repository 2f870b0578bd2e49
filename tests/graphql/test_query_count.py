"""The application list runs a fixed number of SQL statements, whatever the page size (no N+1)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from core.settings import Settings
from domain.approvals.forms import SiteSurvey
from domain.clock import utc_now
from domain.land.models import Zone
from tests import factories
from tests.graphql.conftest import World
from tests.graphql_client import GraphQLClient

DEEP_PAGE = """
query DeepPage($first: Int!) {
  applications(first: $first) {
    totalCount
    edges {
      node {
        id number stage overdue
        applicant { name residentId phone }
        household { householdNumber village { name parent { name } } members { name residentId } }
        village { code }
        currentStepDetail { step dueDate overdue remainingWorkingDays }
        steps { step outcome dueDate }
        history { action occurredAt actor { displayName jurisdiction { name } } }
        objections { content }
        permit { permitNumber }
      }
    }
  }
}
"""

PAGE_SIZES = (2, 10, 30)


@contextmanager
def count_statements(engine: AsyncEngine) -> Iterator[list[str]]:
    """Collect every SQL statement sent through ``engine`` while the block runs."""
    statements: list[str] = []

    def record(_connection: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)


@pytest.fixture
async def thirty_applications(sessions: async_sessionmaker[AsyncSession], settings: Settings, world: World) -> None:
    """File 30 Gouxi applications with two members each.

    Every other one has passed publicity, and the newest has gone through all seven steps to
    its permit, so that every field of the page has rows to load.
    """
    month_ago = utc_now() - timedelta(days=30)
    async with sessions() as session, session.begin():
        for index in range(29):
            household, members = await factories.make_household(session, world.gouxi_village.code)
            application = await factories.make_application(
                session, settings, world.gouxi_grid_worker, household, members[0], now=month_ago
            )
            if index % 2 == 0:
                await factories.pass_current_step(session, settings, world.gouxi_committee, application)
        await issue_permit(session, settings, world)


async def issue_permit(session: AsyncSession, settings: Settings, world: World) -> None:
    """File an application 60 days ago and pass each step as its owner, publicity periods included."""
    start = utc_now() - timedelta(days=60)
    application = await factories.make_application(
        session, settings, world.gouxi_farmer, world.gouxi_household, world.gouxi_members[0], now=start
    )
    survey = SiteSurvey(zone=Zone.BUILDABLE, site_area_m2=Decimal(120))
    passes = [
        (world.gouxi_committee, 10, None),
        (world.gouxi_committee, 11, None),
        (world.gouxi_staff, 12, survey),
        (world.gouxi_leader, 13, None),
        (world.gouxi_staff, 30, None),
        (world.gouxi_leader, 31, None),
    ]
    for account, days_after_start, findings in passes:
        now = start + timedelta(days=days_after_start)
        await factories.pass_current_step(session, settings, account, application, now=now, survey=findings)


async def statements_for_page(graphql: GraphQLClient, login: str, size: int) -> list[str]:
    engine: AsyncEngine = graphql.app.state.engine
    with count_statements(engine) as statements:
        response = await graphql.execute(DEEP_PAGE, {"first": size}, login=login)
    edges = response.data["applications"]["edges"]
    assert len(edges) == size
    assert edges[0]["node"]["permit"] is not None, "the newest application should carry its permit"
    return statements


async def test_statement_count_independent_of_page_size(
    graphql: GraphQLClient, world: World, thirty_applications: None
) -> None:
    login = world.gouxi_staff.login
    # The first request also loads the working-day calendar, which is then cached for a minute.
    await statements_for_page(graphql, login, 1)

    counts = {size: len(await statements_for_page(graphql, login, size)) for size in PAGE_SIZES}

    assert len(set(counts.values())) == 1, f"statements per page size: {counts}"


async def test_statement_count_stays_small(graphql: GraphQLClient, world: World, thirty_applications: None) -> None:
    login = world.gouxi_staff.login
    await statements_for_page(graphql, login, 1)

    statements = await statements_for_page(graphql, login, 30)

    # One account lookup for the token, count and page, then one batch per loader level.
    assert len(statements) <= 16, "\n".join(statements)
