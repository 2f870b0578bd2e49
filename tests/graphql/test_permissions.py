"""Role checks on root fields and mutations, and the jurisdiction limits on what each caller can read."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from strawberry.types.base import get_object_definition

from core.settings import Settings
from domain.accounts.models import Account, Role
from domain.approvals.models import Application, StepTransition
from domain.audit.models import AuditEntry
from schema.graph import Mutation, Query
from tests import factories
from tests.graphql.conftest import World
from tests.graphql.support import count_rows, file_application, global_id, submit_input
from tests.graphql_client import GraphQLClient

APPLICATIONS = """
query Applications {
  applications(first: 50) {
    totalCount
    edges { node { id number village { code } } }
  }
}
"""

NODE = """
query Node($id: ID!) {
  node(id: $id) { id ... on Application { number } ... on Household { householdNumber } ... on Member { name } }
}
"""

NODES = "query Nodes($ids: [ID!]!) { nodes(ids: $ids) { id } }"

ME = "query Me { me { login role jurisdictionCode } }"

APPLICANTS = frozenset({Role.FARMER, Role.GRID_WORKER})
STEP_OFFICERS = frozenset({Role.VILLAGE_COMMITTEE, Role.TOWNSHIP_STAFF, Role.TOWNSHIP_LEADER})

# Every mutation with an input that an allowed role gets back as a payload error (INVALID_ID).
MUTATION_CASES: list[tuple[str, str, dict[str, Any], frozenset[Role]]] = [
    ("applicationSubmit", "ApplicationSubmitInput", submit_input(0, "x") | {"householdId": "abc"}, APPLICANTS),
    (
        "applicationResubmit",
        "ApplicationResubmitInput",
        submit_input(0, "x") | {"applicationId": "abc"},
        APPLICANTS,
    ),
    ("applicationPass", "StepPassInput", {"applicationId": "abc"}, STEP_OFFICERS),
    ("applicationReturn", "StepActionInput", {"applicationId": "abc", "opinion": "材料不全"}, STEP_OFFICERS),
    ("applicationReject", "StepActionInput", {"applicationId": "abc", "opinion": "占用耕地"}, STEP_OFFICERS),
    ("applicationWithdraw", "ApplicationWithdrawInput", {"applicationId": "abc"}, APPLICANTS),
    (
        "objectionRecord",
        "ObjectionRecordInput",
        {"applicationId": "abc", "raisedBy": "邻居", "content": "界址有争议"},
        frozenset({Role.VILLAGE_COMMITTEE}),
    ),
    (
        "objectionResolve",
        "ObjectionResolveInput",
        {"objectionId": "abc", "resolution": "已协商"},
        frozenset({Role.VILLAGE_COMMITTEE}),
    ),
]


def mutation_text(name: str, input_type: str) -> str:
    return f"mutation Run($input: {input_type}!) {{ {name}(input: $input) {{ errors {{ field code }} }} }}"


async def one_account_per_role(sessions: async_sessionmaker[AsyncSession], world: World) -> dict[Role, Account]:
    async with sessions() as session, session.begin():
        accounts = {}
        for role in Role:
            household_id = world.gouxi_household.id if role is Role.FARMER else None
            jurisdiction = world.gouxi_village.code if role is Role.FARMER else factories.GOUXI
            accounts[role] = await factories.make_account(session, role, jurisdiction, household_id=household_id)
        return accounts


def node_ids(response_data: dict[str, Any]) -> set[str]:
    return {edge["node"]["id"] for edge in response_data["applications"]["edges"]}


# --- declared permissions -----------------------------------------------------------------


@pytest.mark.parametrize("root", [Query, Mutation], ids=["Query", "Mutation"])
def test_every_root_field_declares_roles(root: type) -> None:
    definition = get_object_definition(root, strict=True)

    undeclared = [
        field.python_name
        for field in definition.fields
        if not any(hasattr(permission, "allowed_roles") for permission in field.permission_classes)
    ]

    assert definition.fields, f"{definition.name} has no fields"
    assert undeclared == [], f"root fields without allow(...): {undeclared}"


@pytest.mark.parametrize("root", [Query, Mutation], ids=["Query", "Mutation"])
def test_descriptions_list_allowed_roles(root: type) -> None:
    definition = get_object_definition(root, strict=True)

    mismatched = {}
    for field in definition.fields:
        allowed = next(p.allowed_roles for p in field.permission_classes if hasattr(p, "allowed_roles"))
        declared = re.search(r"Allowed roles: ([a-z_, ]+)\.", field.description or "")
        listed = set(declared.group(1).split(", ")) if declared else set()
        if listed != {role.value for role in allowed}:
            mismatched[field.python_name] = (sorted(listed), sorted(role.value for role in allowed))

    assert mismatched == {}, "description differs from the permission class (listed, enforced)"


# --- role checks at the endpoint ----------------------------------------------------------


async def test_bank_cannot_list_applications(graphql: GraphQLClient, world: World) -> None:
    response = await graphql.execute(APPLICATIONS, login=world.bank.login)

    assert response.body["data"] is None
    assert response.errors[0]["extensions"]["code"] == "FORBIDDEN"
    assert response.errors[0]["path"] == ["applications"]
    assert "applications" in response.errors[0]["message"]


async def test_bank_reads_own_account(graphql: GraphQLClient, world: World) -> None:
    response = await graphql.execute(ME, login=world.bank.login)

    assert response.data["me"] == {"login": world.bank.login, "role": "BANK", "jurisdictionCode": "330800"}


async def test_anonymous_cannot_list_applications(graphql: GraphQLClient) -> None:
    response = await graphql.execute(APPLICATIONS)

    assert response.errors[0]["extensions"]["code"] == "UNAUTHENTICATED"


@pytest.mark.parametrize(("name", "input_type", "data", "allowed"), MUTATION_CASES, ids=[c[0] for c in MUTATION_CASES])
async def test_mutation_rejects_other_roles(
    graphql: GraphQLClient,
    sessions: async_sessionmaker[AsyncSession],
    world: World,
    name: str,
    input_type: str,
    data: dict[str, Any],
    allowed: frozenset[Role],
) -> None:
    accounts = await one_account_per_role(sessions, world)
    expected = {role: "INVALID_ID" if role in allowed else "FORBIDDEN" for role in Role}

    outcomes = {}
    for role, account in accounts.items():
        response = await graphql.execute(mutation_text(name, input_type), {"input": data}, login=account.login)
        if response.errors:
            outcomes[role] = response.errors[0]["extensions"]["code"]
        else:
            outcomes[role] = response.data[name]["errors"][0]["code"]

    assert outcomes == expected
    assert await count_rows(sessions, AuditEntry) == 0


@pytest.mark.parametrize(("name", "input_type", "data", "allowed"), MUTATION_CASES, ids=[c[0] for c in MUTATION_CASES])
async def test_anonymous_mutation_unauthenticated(
    graphql: GraphQLClient, name: str, input_type: str, data: dict[str, Any], allowed: frozenset[Role]
) -> None:
    response = await graphql.execute(mutation_text(name, input_type), {"input": data})

    assert response.body["data"] is None
    assert response.errors[0]["extensions"]["code"] == "UNAUTHENTICATED"


# --- jurisdiction -------------------------------------------------------------------------


async def test_farmer_sees_own_household_only(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], settings: Settings, world: World
) -> None:
    own = await file_application(sessions, settings, world.gouxi_farmer, world.gouxi_household, world.gouxi_members[0])
    async with sessions() as session, session.begin():
        neighbour, neighbour_members = await factories.make_household(session, world.gouxi_village.code)
    await file_application(sessions, settings, world.gouxi_grid_worker, neighbour, neighbour_members[0])

    response = await graphql.execute(APPLICATIONS, login=world.gouxi_farmer.login)

    assert response.data["applications"]["totalCount"] == 1
    assert node_ids(response.data) == {global_id("Application", own.id)}


async def test_farmer_cannot_fetch_neighbour_node(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], settings: Settings, world: World
) -> None:
    async with sessions() as session, session.begin():
        neighbour, neighbour_members = await factories.make_household(session, world.gouxi_village.code)
    other = await file_application(sessions, settings, world.gouxi_grid_worker, neighbour, neighbour_members[0])

    application = await graphql.execute(
        NODE, {"id": global_id("Application", other.id)}, login=world.gouxi_farmer.login
    )
    household = await graphql.execute(
        NODE, {"id": global_id("Household", neighbour.id)}, login=world.gouxi_farmer.login
    )
    member = await graphql.execute(
        NODE, {"id": global_id("Member", neighbour_members[0].id)}, login=world.gouxi_farmer.login
    )

    assert application.data["node"] is None
    assert household.data["node"] is None
    assert member.data["node"] is None


async def test_township_staff_sees_own_township(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], settings: Settings, world: World
) -> None:
    gouxi = await file_application(
        sessions, settings, world.gouxi_farmer, world.gouxi_household, world.gouxi_members[0]
    )
    yunxi = await file_application(
        sessions, settings, world.yunxi_farmer, world.yunxi_household, world.yunxi_members[0]
    )

    listed = await graphql.execute(APPLICATIONS, login=world.gouxi_staff.login)
    own_node = await graphql.execute(NODE, {"id": global_id("Application", gouxi.id)}, login=world.gouxi_staff.login)
    other_node = await graphql.execute(NODE, {"id": global_id("Application", yunxi.id)}, login=world.gouxi_staff.login)

    assert node_ids(listed.data) == {global_id("Application", gouxi.id)}
    assert listed.data["applications"]["totalCount"] == 1
    assert own_node.data["node"] == {"id": global_id("Application", gouxi.id), "number": gouxi.number}
    assert other_node.data["node"] is None


async def test_township_staff_cannot_fetch_other_household(graphql: GraphQLClient, world: World) -> None:
    household = await graphql.execute(
        NODE, {"id": global_id("Household", world.yunxi_household.id)}, login=world.gouxi_staff.login
    )
    member = await graphql.execute(
        NODE, {"id": global_id("Member", world.yunxi_members[0].id)}, login=world.gouxi_staff.login
    )

    assert household.data["node"] is None
    assert member.data["node"] is None


async def test_nodes_hides_invisible_entries(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], settings: Settings, world: World
) -> None:
    gouxi = await file_application(
        sessions, settings, world.gouxi_farmer, world.gouxi_household, world.gouxi_members[0]
    )
    yunxi = await file_application(
        sessions, settings, world.yunxi_farmer, world.yunxi_household, world.yunxi_members[0]
    )
    ids = [global_id("Application", yunxi.id), global_id("Application", gouxi.id)]

    response = await graphql.execute(NODES, {"ids": ids}, login=world.gouxi_staff.login)

    assert response.data["nodes"] == [None, {"id": ids[1]}]


async def test_county_sees_all_its_townships(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], settings: Settings, world: World
) -> None:
    async with sessions() as session, session.begin():
        huashu_household, huashu_members = await factories.make_household(session, world.huashu_village.code)
    gouxi = await file_application(
        sessions, settings, world.gouxi_farmer, world.gouxi_household, world.gouxi_members[0]
    )
    huashu = await file_application(sessions, settings, world.huashu_grid_worker, huashu_household, huashu_members[0])
    await file_application(sessions, settings, world.yunxi_farmer, world.yunxi_household, world.yunxi_members[0])

    response = await graphql.execute(APPLICATIONS, login=world.kecheng_county.login)

    assert node_ids(response.data) == {global_id("Application", gouxi.id), global_id("Application", huashu.id)}
    assert response.data["applications"]["totalCount"] == 2


async def test_dashboard_viewer_lists_jurisdiction(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], settings: Settings, world: World
) -> None:
    gouxi = await file_application(
        sessions, settings, world.gouxi_farmer, world.gouxi_household, world.gouxi_members[0]
    )
    await file_application(sessions, settings, world.yunxi_farmer, world.yunxi_household, world.yunxi_members[0])

    response = await graphql.execute(APPLICATIONS, login=world.dashboard_viewer.login)

    assert node_ids(response.data) == {global_id("Application", gouxi.id)}


async def test_grid_worker_cannot_file_elsewhere(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], world: World
) -> None:
    data = submit_input(world.gouxi_household.id, world.gouxi_members[0].resident_id)

    response = await graphql.execute(
        mutation_text("applicationSubmit", "ApplicationSubmitInput"),
        {"input": data},
        login=world.huashu_grid_worker.login,
    )

    assert response.data["applicationSubmit"]["errors"] == [{"field": "input.householdId", "code": "FORBIDDEN"}]
    assert await count_rows(sessions, Application) == 0


async def test_other_township_cannot_act(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], settings: Settings, world: World
) -> None:
    gouxi = await file_application(
        sessions, settings, world.gouxi_farmer, world.gouxi_household, world.gouxi_members[0]
    )
    data = {"applicationId": global_id("Application", gouxi.id), "opinion": "不符合规划"}

    response = await graphql.execute(
        mutation_text("applicationReject", "StepActionInput"), {"input": data}, login=world.yunxi_staff.login
    )

    assert response.data["applicationReject"]["errors"] == [{"field": "input.applicationId", "code": "FORBIDDEN"}]
    assert await count_rows(sessions, StepTransition) == 1


async def test_only_step_owner_may_pass(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], settings: Settings, world: World
) -> None:
    gouxi = await file_application(
        sessions, settings, world.gouxi_farmer, world.gouxi_household, world.gouxi_members[0]
    )
    data = {"applicationId": global_id("Application", gouxi.id)}

    response = await graphql.execute(
        mutation_text("applicationPass", "StepPassInput"), {"input": data}, login=world.gouxi_staff.login
    )

    assert response.data["applicationPass"]["errors"] == [{"field": "input.applicationId", "code": "FORBIDDEN"}]
    assert await count_rows(sessions, StepTransition) == 1
