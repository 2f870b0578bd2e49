"""Banks see no application, household or member; dashboard viewers see applications without personal data."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from core.settings import Settings
from domain.accounts.actor import Actor
from domain.accounts.models import Role
from tests import factories
from tests.graphql.conftest import World
from tests.graphql.support import file_application, global_id
from tests.graphql_client import GraphQLClient

APPLICATION_NODE = """
query Application($id: ID!) {
  node(id: $id) {
    ... on Application {
      id number status currentStep submittedAt
      steps { step outcome dueDate }
      spec { location boundaryEast }
      household { address members { name } }
      applicant { name birthDate }
      objections { raisedBy content }
      permit { applicant }
      history { action occurredAt opinion attachments actor { displayName } }
    }
  }
}
"""

PERSON_NODES = """
query People($ids: [ID!]!) {
  nodes(ids: $ids) {
    ... on Household { address members { name } }
    ... on Member { name birthDate }
  }
}
"""

APPLICATION_PAGE = """
query Page($first: Int!) {
  applications(first: $first) {
    totalCount
    edges { node { id status household { address } applicant { name } spec { location } history { opinion } } }
  }
}
"""

HOUSEHOLDS = "query Households { households { totalCount } }"


@pytest.fixture
async def application_id(sessions: async_sessionmaker[AsyncSession], settings: Settings, world: World) -> str:
    """A Gouxi application filed by the household's farmer; returns its global ID."""
    application = await file_application(
        sessions, settings, world.gouxi_farmer, world.gouxi_household, world.gouxi_members[0]
    )
    return global_id("Application", application.id)


def person_ids(world: World) -> list[str]:
    return [
        global_id("Household", world.gouxi_household.id),
        global_id("Member", world.gouxi_members[0].id),
        global_id("Member", world.gouxi_members[1].id),
    ]


# --- banks --------------------------------------------------------------------------------


async def test_bank_gets_no_application_node(graphql: GraphQLClient, world: World, application_id: str) -> None:
    response = await graphql.execute(APPLICATION_NODE, {"id": application_id}, login=world.bank.login)

    assert response.data["node"] is None


async def test_bank_gets_no_household_or_member(graphql: GraphQLClient, world: World) -> None:
    response = await graphql.execute(PERSON_NODES, {"ids": person_ids(world)}, login=world.bank.login)

    assert response.data["nodes"] == [None, None, None]


async def test_bank_cannot_list_households(graphql: GraphQLClient, world: World) -> None:
    response = await graphql.execute(HOUSEHOLDS, login=world.bank.login)

    assert response.errors[0]["extensions"]["code"] == "FORBIDDEN"


# --- dashboard viewers --------------------------------------------------------------------


async def test_dashboard_sees_application_progress(graphql: GraphQLClient, world: World, application_id: str) -> None:
    response = await graphql.execute(APPLICATION_NODE, {"id": application_id}, login=world.dashboard_viewer.login)

    node = response.data["node"]
    assert node["id"] == application_id
    assert node["status"] == "IN_PROGRESS"
    assert node["currentStep"] == "VILLAGE_PUBLICITY"
    assert [step["step"] for step in node["steps"]] == ["ONLINE_APPLICATION", "VILLAGE_PUBLICITY"]
    assert [entry["action"] for entry in node["history"]] == ["SUBMIT"]


async def test_dashboard_application_hides_personal_fields(
    graphql: GraphQLClient, world: World, application_id: str
) -> None:
    response = await graphql.execute(APPLICATION_NODE, {"id": application_id}, login=world.dashboard_viewer.login)

    node = response.data["node"]
    assert node["household"] is None
    assert node["applicant"] is None
    assert node["spec"] is None
    assert node["objections"] is None
    assert node["permit"] is None
    assert node["history"][0]["opinion"] is None
    assert node["history"][0]["attachments"] is None
    assert node["history"][0]["actor"] is None


async def test_staff_application_keeps_personal_fields(
    graphql: GraphQLClient, world: World, application_id: str
) -> None:
    response = await graphql.execute(APPLICATION_NODE, {"id": application_id}, login=world.gouxi_staff.login)

    node = response.data["node"]
    assert node["household"]["address"] == world.gouxi_household.address
    assert node["applicant"]["name"] == world.gouxi_members[0].name
    assert node["spec"]["location"] == "测试村12号"
    assert node["objections"] == []
    assert node["history"][0]["opinion"] == ""
    assert node["history"][0]["actor"] == {"displayName": world.gouxi_farmer.display_name}


async def test_dashboard_gets_no_household_or_member(graphql: GraphQLClient, world: World) -> None:
    response = await graphql.execute(PERSON_NODES, {"ids": person_ids(world)}, login=world.dashboard_viewer.login)

    assert response.data["nodes"] == [None, None, None]


async def test_dashboard_list_hides_personal_fields(graphql: GraphQLClient, world: World, application_id: str) -> None:
    response = await graphql.execute(APPLICATION_PAGE, {"first": 10}, login=world.dashboard_viewer.login)

    edges = response.data["applications"]["edges"]
    assert edges == [
        {
            "node": {
                "id": application_id,
                "status": "IN_PROGRESS",
                "household": None,
                "applicant": None,
                "spec": None,
                "history": [{"opinion": None}],
            }
        }
    ]


async def test_dashboard_cannot_list_households(graphql: GraphQLClient, world: World) -> None:
    response = await graphql.execute(HOUSEHOLDS, login=world.dashboard_viewer.login)

    assert response.errors[0]["extensions"]["code"] == "FORBIDDEN"


@contextmanager
def count_statements(engine: AsyncEngine) -> Iterator[list[str]]:
    statements: list[str] = []

    def record(_connection: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)


async def test_dashboard_statements_independent_of_page_size(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], settings: Settings, world: World
) -> None:
    async with sessions() as session, session.begin():
        for _ in range(10):
            household, members = await factories.make_household(session, world.gouxi_village.code)
            await factories.make_application(session, settings, world.gouxi_grid_worker, household, members[0])
    engine: AsyncEngine = graphql.app.state.engine
    login = world.dashboard_viewer.login
    # The first request also loads the working-day calendar, which is then cached.
    await graphql.execute(APPLICATION_PAGE, {"first": 1}, login=login)

    counts = {}
    for size in (2, 10):
        with count_statements(engine) as statements:
            await graphql.execute(APPLICATION_PAGE, {"first": size}, login=login)
        counts[size] = len(statements)

    assert counts[2] == counts[10], f"statements per page size: {counts}"


# --- the rule in the domain ---------------------------------------------------------------

GOUXI_VILLAGE = "330802211901"
YUNXI_VILLAGE = "330803207901"


def actor_with(role: Role, jurisdiction: str = "330802211", household_id: int | None = None) -> Actor:
    return Actor(account_id=1, login="test", role=role, jurisdiction_code=jurisdiction, household_id=household_id)


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_application_visibility_per_role(role: Role) -> None:
    actor = actor_with(role, household_id=7 if role is Role.FARMER else None)

    visible = actor.can_see_application(7, GOUXI_VILLAGE)

    assert visible is (role is not Role.BANK)


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_household_visibility_per_role(role: Role) -> None:
    actor = actor_with(role, household_id=7 if role is Role.FARMER else None)

    visible = actor.can_see_household(7, GOUXI_VILLAGE)

    assert visible is (role not in {Role.BANK, Role.DASHBOARD_VIEWER})


@pytest.mark.parametrize("role", [Role.TOWNSHIP_STAFF, Role.DASHBOARD_VIEWER], ids=str)
def test_visibility_stops_at_jurisdiction(role: Role) -> None:
    actor = actor_with(role)

    assert actor.can_see_application(7, YUNXI_VILLAGE) is False
    assert actor.can_see_household(7, YUNXI_VILLAGE) is False


def test_farmer_sees_only_own_household() -> None:
    farmer = actor_with(Role.FARMER, household_id=7)

    assert farmer.can_see_application(8, GOUXI_VILLAGE) is False
    assert farmer.can_see_household(8, GOUXI_VILLAGE) is False
