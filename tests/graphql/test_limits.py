"""Request limits: depth, aliases, tokens, estimated cost, GET rules and production hardening."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.settings import Environment, Settings
from domain.approvals.models import Application
from domain.audit.models import AuditEntry
from tests.graphql.conftest import World
from tests.graphql.support import count_rows, send, submit_input
from tests.graphql_client import GraphQLClient

# Cost of one page: edges 1 + node 1 + history (1 + actor (1 + login 1)) + steps (1 + step 1) = 7 per node.
HISTORY_PAGE = "applications(first: 100) { edges { node { history { actor { login } } steps { step } } } }"
HISTORY_PAGE_COST = 1 + 100 * 7

SUBMIT = """
mutation Submit($input: ApplicationSubmitInput!) {
  applicationSubmit(input: $input) { application { id } errors { code } }
}
"""


def nested_parents(levels: int) -> str:
    """``me`` then its jurisdiction and ``levels`` parents: the selection is levels + 2 fields deep."""
    return "query Deep { me { jurisdiction " + "{ parent " * levels + "{ code }" + " }" * levels + " } }"


def aliased_me(count: int) -> str:
    return "query Aliases { " + " ".join(f"a{index}: me {{ login }}" for index in range(count)) + " }"


def aliased_pages(count: int, page: str = HISTORY_PAGE) -> str:
    return "query Pages { " + " ".join(f"p{index}: {page}" for index in range(count)) + " }"


# --- depth, aliases, tokens ---------------------------------------------------------------


async def test_depth_twelve_is_accepted(graphql: GraphQLClient, world: World) -> None:
    response = await graphql.execute(nested_parents(10), login=world.gouxi_staff.login)

    assert response.errors == []
    assert response.data["me"]["jurisdiction"]["parent"] is not None


async def test_depth_thirteen_is_rejected(graphql: GraphQLClient, world: World) -> None:
    response = await graphql.execute(nested_parents(11), login=world.gouxi_staff.login)

    assert response.body.get("data") is None
    assert response.errors[0]["message"] == "'Deep' exceeds maximum operation depth of 12"


async def test_depth_counted_through_fragments(graphql: GraphQLClient, world: World) -> None:
    fragments = (
        "".join(f"fragment F{index} on Region {{ parent {{ ...F{index + 1} }} }} " for index in range(11))
        + "fragment F11 on Region { code }"
    )
    query = "query Deep { me { jurisdiction { ...F0 } } } " + fragments

    response = await graphql.execute(query, login=world.gouxi_staff.login)

    assert response.body.get("data") is None
    assert "exceeds maximum operation depth of 12" in response.errors[0]["message"]


async def test_thirty_aliases_are_accepted(graphql: GraphQLClient, world: World) -> None:
    response = await graphql.execute(aliased_me(30), login=world.gouxi_staff.login)

    assert len(response.data) == 30


async def test_thirty_one_aliases_rejected(graphql: GraphQLClient, world: World) -> None:
    response = await graphql.execute(aliased_me(31), login=world.gouxi_staff.login)

    assert response.body.get("data") is None
    assert response.errors[0]["message"] == "31 aliases found. Allowed: 30"


async def test_aliases_counted_through_fragments(graphql: GraphQLClient, world: World) -> None:
    aliases = " ".join(f"a{index}: login" for index in range(31))
    query = f"query Aliases {{ me {{ ...A }} }} fragment A on Account {{ {aliases} }}"

    response = await graphql.execute(query, login=world.gouxi_staff.login)

    assert response.body.get("data") is None
    assert response.errors[0]["message"] == "31 aliases found. Allowed: 30"


async def test_token_limit_rejects_long_documents(graphql: GraphQLClient, world: World) -> None:
    query = "query Long { me { " + "login " * 2100 + "} }"

    response = await graphql.execute(query, login=world.gouxi_staff.login)

    assert response.body.get("data") is None
    assert "2000" in response.errors[0]["message"]


# --- estimated cost -----------------------------------------------------------------------


async def test_cost_reported_in_extensions(graphql: GraphQLClient, world: World) -> None:
    response = await graphql.execute("query Page { " + HISTORY_PAGE + " }", login=world.gouxi_staff.login)

    assert response.errors == []
    assert response.body["extensions"]["cost"] == HISTORY_PAGE_COST


async def test_cost_uses_default_page_size(graphql: GraphQLClient, world: World) -> None:
    query = "query Page { applications { edges { node { id } } } }"

    response = await graphql.execute(query, login=world.gouxi_staff.login)

    # Without first or last the page contains 20 nodes: 1 + 20 * (edges 1 + node 1 + id 1).
    assert response.body["extensions"]["cost"] == 1 + 20 * 3


async def test_cost_counts_variable_page_size(graphql: GraphQLClient, world: World) -> None:
    query = "query Page($size: Int!) { applications(first: $size) { edges { node { id } } } }"

    response = await graphql.execute(query, {"size": 50}, login=world.gouxi_staff.login)

    assert response.body["extensions"]["cost"] == 1 + 50 * 3


async def test_cost_counts_variable_default(graphql: GraphQLClient, world: World) -> None:
    query = "query Page($size: Int = 100) { applications(first: $size) { edges { node { id } } } }"

    response = await graphql.execute(query, login=world.gouxi_staff.login)

    assert response.body["extensions"]["cost"] == 1 + 100 * 3


async def test_too_costly_query_rejected(graphql: GraphQLClient, world: World) -> None:
    response = await graphql.execute(aliased_pages(8), login=world.gouxi_staff.login)

    assert response.body.get("data") is None
    assert response.errors[0]["extensions"] == {
        "code": "QUERY_TOO_COSTLY",
        "cost": 8 * HISTORY_PAGE_COST,
        "limit": 5000,
    }
    assert (
        response.errors[0]["message"] == f"查询成本 {8 * HISTORY_PAGE_COST} 超过上限 5000，请减少分页大小或嵌套字段。"
    )


async def test_cost_under_limit_runs(graphql: GraphQLClient, world: World) -> None:
    response = await graphql.execute(aliased_pages(7), login=world.gouxi_staff.login)

    assert response.errors == []
    assert response.body["extensions"]["cost"] == 7 * HISTORY_PAGE_COST


async def test_too_costly_message_in_english(graphql: GraphQLClient, world: World) -> None:
    response = await graphql.execute(aliased_pages(8), login=world.gouxi_staff.login, language="en")

    assert response.errors[0]["message"].startswith(f"The query cost {8 * HISTORY_PAGE_COST} exceeds the limit of 5000")


async def test_cost_counted_through_fragments(graphql: GraphQLClient, world: World) -> None:
    spreads = " ".join(f"p{index}: applications(first: 100) {{ ...Page }}" for index in range(8))
    query = (
        f"query Pages {{ {spreads} }} "
        "fragment Page on ApplicationConnection { edges { node { history { actor { login } } steps { step } } } }"
    )

    response = await graphql.execute(query, login=world.gouxi_staff.login)

    assert response.errors[0]["extensions"]["code"] == "QUERY_TOO_COSTLY"


async def test_cost_of_default_pages_limited(graphql: GraphQLClient, world: World) -> None:
    page = (
        "applications { edges { node { history { actor { login } } steps { step } household { members { name } } } } }"
    )

    response = await graphql.execute(aliased_pages(30, page), login=world.gouxi_staff.login)

    # 30 pages of 20 nodes, each node 10 fields: 30 * (1 + 20 * 10) = 6030.
    assert response.errors[0]["extensions"]["code"] == "QUERY_TOO_COSTLY"


# --- GET ----------------------------------------------------------------------------------


async def test_get_query_works(graphql: GraphQLClient, world: World) -> None:
    headers = {"Authorization": f"Bearer {graphql.token_for(world.gouxi_staff.login)}"}

    response = await send(graphql.app, "GET", headers=headers, params={"query": "query Me { me { login } }"})

    assert response.status_code == 200
    assert response.json()["data"] == {"me": {"login": world.gouxi_staff.login}}


async def test_get_mutation_is_refused(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], world: World
) -> None:
    headers = {"Authorization": f"Bearer {graphql.token_for(world.gouxi_farmer.login)}"}
    data = submit_input(world.gouxi_household.id, world.gouxi_members[0].resident_id)
    params = {"query": SUBMIT, "variables": json.dumps({"input": data})}

    response = await send(graphql.app, "GET", headers=headers, params=params)

    assert response.status_code in {400, 405}
    assert await count_rows(sessions, Application) == 0
    assert await count_rows(sessions, AuditEntry) == 0


async def test_post_mutation_control_case(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], world: World
) -> None:
    data = submit_input(world.gouxi_household.id, world.gouxi_members[0].resident_id)

    response = await graphql.execute(SUBMIT, {"input": data}, login=world.gouxi_farmer.login)

    assert response.data["applicationSubmit"]["errors"] == []
    assert await count_rows(sessions, Application) == 1


# --- production hardening -----------------------------------------------------------------

INTROSPECTION = "query Introspect { __schema { queryType { name } } }"
TYPE_INTROSPECTION = 'query TypeInfo { __type(name: "Application") { name } }'
TYPO = "query Typo { me { logn } }"
ALIASED_INTROSPECTION = "query Introspect { schema: __schema { queryType { name } } }"
FRAGMENT_INTROSPECTION = "query Introspect { ...Types } fragment Types on Query { __schema { types { name } } }"


@pytest.fixture
def production(make_client: Callable[[Settings], GraphQLClient], settings: Settings) -> GraphQLClient:
    return make_client(settings.model_copy(update={"environment": Environment.PRODUCTION}))


@pytest.fixture
def development(make_client: Callable[[Settings], GraphQLClient], settings: Settings) -> GraphQLClient:
    return make_client(settings.model_copy(update={"environment": Environment.DEVELOPMENT}))


@pytest.mark.parametrize(
    "query",
    [INTROSPECTION, TYPE_INTROSPECTION, ALIASED_INTROSPECTION, FRAGMENT_INTROSPECTION],
    ids=["schema", "type", "aliased", "in-fragment"],
)
async def test_production_rejects_introspection(production: GraphQLClient, world: World, query: str) -> None:
    response = await production.execute(query, login=world.gouxi_staff.login)

    assert response.body.get("data") is None
    assert "introspection has been disabled" in response.errors[0]["message"]


async def test_production_allows_typename(production: GraphQLClient, world: World) -> None:
    response = await production.execute("query Name { __typename me { __typename } }", login=world.gouxi_staff.login)

    assert response.data == {"__typename": "Query", "me": {"__typename": "Account"}}


async def test_production_omits_field_suggestions(production: GraphQLClient, world: World) -> None:
    response = await production.execute(TYPO, login=world.gouxi_staff.login)

    assert response.errors[0]["message"] == "Cannot query field 'logn' on type 'Account'."


async def test_development_allows_introspection(development: GraphQLClient, world: World) -> None:
    response = await development.execute(INTROSPECTION, login=world.gouxi_staff.login)

    assert response.data == {"__schema": {"queryType": {"name": "Query"}}}


async def test_development_suggests_fields(development: GraphQLClient, world: World) -> None:
    response = await development.execute(TYPO, login=world.gouxi_staff.login)

    assert "Did you mean 'login'?" in response.errors[0]["message"]


async def test_production_keeps_expected_errors_readable(production: GraphQLClient, world: World) -> None:
    response = await production.execute(
        "query Page { applications(first: 101) { totalCount } }", login=world.gouxi_staff.login
    )

    assert response.errors[0]["extensions"]["code"] == "PAGE_SIZE_INVALID"
