"""Fetching objects by global ID through node and nodes, including malformed and unknown IDs."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.settings import Environment, Settings
from tests.graphql.conftest import World
from tests.graphql.support import file_application, global_id
from tests.graphql_client import GraphQLClient

NODE = """
query Node($id: ID!) {
  node(id: $id) {
    __typename
    id
    ... on Application { number household { id } applicant { id } }
    ... on Household { householdNumber members { id } }
    ... on Member { name }
    ... on Region { code name }
  }
}
"""

NODES = "query Nodes($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }"


async def fetch(graphql: GraphQLClient, login: str, node_id: str) -> dict[str, object] | None:
    response = await graphql.execute(NODE, {"id": node_id}, login=login)
    node = response.data["node"]
    assert node is None or isinstance(node, dict)
    return node


async def test_application_node_round_trip(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], settings: Settings, world: World
) -> None:
    application = await file_application(
        sessions, settings, world.gouxi_farmer, world.gouxi_household, world.gouxi_members[0]
    )
    node_id = global_id("Application", application.id)

    node = await fetch(graphql, world.gouxi_staff.login, node_id)

    assert node == {
        "__typename": "Application",
        "id": node_id,
        "number": application.number,
        "household": {"id": global_id("Household", world.gouxi_household.id)},
        "applicant": {"id": global_id("Member", world.gouxi_members[0].id)},
    }


async def test_household_node_lists_members(graphql: GraphQLClient, world: World) -> None:
    node = await fetch(graphql, world.gouxi_staff.login, global_id("Household", world.gouxi_household.id))

    assert node is not None
    assert node["householdNumber"] == world.gouxi_household.household_number
    assert node["members"] == [{"id": global_id("Member", member.id)} for member in world.gouxi_members]


async def test_member_node_by_id(graphql: GraphQLClient, world: World) -> None:
    member = world.gouxi_members[1]

    node = await fetch(graphql, world.gouxi_farmer.login, global_id("Member", member.id))

    assert node == {"__typename": "Member", "id": global_id("Member", member.id), "name": member.name}


async def test_region_node_visible_to_bank(graphql: GraphQLClient, world: World) -> None:
    node = await fetch(graphql, world.bank.login, global_id("Region", "330802211"))

    assert node == {
        "__typename": "Region",
        "id": global_id("Region", "330802211"),
        "code": "330802211",
        "name": "沟溪乡",
    }


@pytest.mark.parametrize(
    "node_id",
    [
        pytest.param(global_id("Application", 999999), id="missing-application"),
        pytest.param(global_id("Household", 999999), id="missing-household"),
        pytest.param(global_id("Member", 999999), id="missing-member"),
        pytest.param(global_id("Region", "999999"), id="missing-region"),
        pytest.param(global_id("Permit", 1), id="unknown-type"),
        pytest.param(global_id("Application", "abc"), id="application-key-not-a-number"),
        pytest.param(global_id("Household", "abc"), id="household-key-not-a-number"),
        pytest.param(global_id("Member", "abc"), id="member-key-not-a-number"),
        pytest.param(global_id("Member", ""), id="member-key-empty"),
        pytest.param(global_id("Application", "²"), id="application-key-superscript-digit"),
        pytest.param(global_id("Household", "-1"), id="household-key-negative"),
        pytest.param(global_id("Household", "99999999999999999999"), id="household-key-too-large"),
    ],
)
async def test_unresolvable_id_gives_null(graphql: GraphQLClient, world: World, node_id: str) -> None:
    response = await graphql.execute(NODE, {"id": node_id}, login=world.kecheng_county.login)

    assert response.errors == []
    assert response.data["node"] is None


async def test_malformed_global_id_is_rejected(graphql: GraphQLClient, world: World) -> None:
    response = await graphql.execute(NODE, {"id": "not base64 at all"}, login=world.gouxi_staff.login)

    assert response.body["data"] == {"node": None}
    assert response.errors[0]["extensions"]["code"] == "INVALID_ID"
    assert response.errors[0]["message"].startswith("ID 无效")
    assert response.errors[0]["message"].endswith('Value cannot represent a GlobalID: "not base64 at all".')


async def test_malformed_id_readable_in_production(
    make_client: Callable[[Settings], GraphQLClient], settings: Settings, world: World
) -> None:
    production = make_client(settings.model_copy(update={"environment": Environment.PRODUCTION}))

    response = await production.execute(NODE, {"id": "not base64 at all"}, login=world.gouxi_staff.login)

    assert response.errors[0]["extensions"]["code"] == "INVALID_ID"
    assert response.errors[0]["message"].endswith('Value cannot represent a GlobalID: "not base64 at all".')


async def test_nodes_keep_request_order(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], settings: Settings, world: World
) -> None:
    application = await file_application(
        sessions, settings, world.gouxi_farmer, world.gouxi_household, world.gouxi_members[0]
    )
    ids = [
        global_id("Region", "330802"),
        global_id("Application", 999999),
        global_id("Application", application.id),
        global_id("Member", world.gouxi_members[0].id),
        global_id("Household", world.gouxi_household.id),
    ]

    response = await graphql.execute(NODES, {"ids": ids}, login=world.gouxi_staff.login)

    assert response.data["nodes"] == [
        {"__typename": "Region", "id": ids[0]},
        None,
        {"__typename": "Application", "id": ids[2]},
        {"__typename": "Member", "id": ids[3]},
        {"__typename": "Household", "id": ids[4]},
    ]


async def test_anonymous_node_is_unauthenticated(graphql: GraphQLClient, world: World) -> None:
    response = await graphql.execute(NODE, {"id": global_id("Household", world.gouxi_household.id)})

    assert response.body["data"] == {"node": None}
    assert response.errors[0]["extensions"]["code"] == "UNAUTHENTICATED"
