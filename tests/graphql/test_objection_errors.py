"""Errors of objectionResolve name input.objectionId, the only ID its input has."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.settings import Settings
from domain.accounts.models import Role
from tests import factories
from tests.graphql.conftest import World
from tests.graphql.support import global_id
from tests.graphql_client import GraphQLClient

RECORD = """
mutation Record($input: ObjectionRecordInput!) {
  objectionRecord(input: $input) { objection { id } errors { field code } }
}
"""

RESOLVE = """
mutation Resolve($input: ObjectionResolveInput!) {
  objectionResolve(input: $input) { objection { id } errors { field code message } }
}
"""


@pytest.fixture
async def objection_id(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], settings: Settings, world: World
) -> str:
    """An open objection to a Gouxi application at village publicity; returns the objection's ID."""
    async with sessions() as session, session.begin():
        application = await factories.make_application(
            session, settings, world.gouxi_farmer, world.gouxi_household, world.gouxi_members[0]
        )
    data = {"applicationId": global_id("Application", application.id), "raisedBy": "邻居", "content": "界址有争议"}
    response = await graphql.execute(RECORD, {"input": data}, login=world.gouxi_committee.login)
    identifier = response.data["objectionRecord"]["objection"]["id"]
    assert isinstance(identifier, str)
    return identifier


async def resolve(graphql: GraphQLClient, login: str, objection_id: str) -> dict[str, Any]:
    data = {"objectionId": objection_id, "resolution": "经现场核实，界址无争议"}
    response = await graphql.execute(RESOLVE, {"input": data}, login=login, language="en")
    payload = response.data["objectionResolve"]
    assert isinstance(payload, dict)
    return payload


async def test_second_resolution_rejected(graphql: GraphQLClient, world: World, objection_id: str) -> None:
    await resolve(graphql, world.gouxi_committee.login, objection_id)

    payload = await resolve(graphql, world.gouxi_committee.login, objection_id)

    assert payload["objection"] is None
    error = payload["errors"][0]
    assert (error["field"], error["code"]) == ("input.objectionId", "OBJECTION_ALREADY_RESOLVED")
    assert "already resolved" in error["message"]


async def test_other_village_committee_rejected(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], world: World, objection_id: str
) -> None:
    async with sessions() as session, session.begin():
        yunxi_committee = await factories.make_account(session, Role.VILLAGE_COMMITTEE, world.yunxi_village.code)

    payload = await resolve(graphql, yunxi_committee.login, objection_id)

    assert [(error["field"], error["code"]) for error in payload["errors"]] == [("input.objectionId", "FORBIDDEN")]
    assert payload["errors"][0]["message"].startswith("input.objectionId: ")
