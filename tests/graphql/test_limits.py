"""Request limits: depth, aliases, tokens, estimated cost, id lists, GET rules and production hardening."""

from __future__ import annotations

import json
import time
from collections.abc import Callable

import pytest
from graphql import parse
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.settings import Environment, Settings
from domain.approvals.models import Application
from domain.audit.models import AuditEntry
from schema.cost import estimate_cost
from tests.graphql.conftest import World
from tests.graphql.support import count_rows, global_id, send, submit_input
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


def fragment_fan_out(levels: int) -> str:
    """Fragments F0 to F{levels - 1}, each spreading the next one twice, and F{levels} with one field.

    Expanding every spread gives 2 ** levels copies of F{levels}.
    """
    fragments = " ".join(
        f"fragment F{index} on Region {{ code ...F{index + 1} ...F{index + 1} }}" for index in range(levels)
    )
    return f"query FanOut {{ regions {{ ...F0 }} }} {fragments} fragment F{levels} on Region {{ code }}"


def fragment_chain(length: int) -> str:
    """Fragments C0 to C{length - 1}, each spreading the next one, and the last selecting one field."""
    fragments = " ".join(f"fragment C{index} on Region {{ ...C{index + 1} }}" for index in range(length - 1))
    return f"query Chain {{ regions {{ ...C0 }} }} {fragments} fragment C{length - 1} on Region {{ code }}"


# Cost of fragment_fan_out(25): F25 costs 1 and each F(i) costs 1 + 2 * (1 + F(i+1)), so F0 costs 2 ** 27 - 3;
# regions and the spread of F0 add 2.
FAN_OUT_COST = 2**27 - 1

# fragment_fan_out(25) held the event loop for about 2.5 minutes in strawberry's depth and alias limiters
# before the cost check ran ahead of them. This bound guards against that; it is not a speed target.
FAN_OUT_SECONDS_LIMIT = 2.0

NODES = "query Nodes($ids: [ID!]!) { nodes(ids: $ids) { id } }"


def region_ids(count: int) -> list[str]:
    """Global IDs of regions that do not exist, so that every node resolves to null."""
    return [global_id("Region", f"9999{index:08d}") for index in range(count)]


# --- depth, aliases, tokens ---------------------------------------------------------------


async def test_depth_twelve_is_accepted(graphql: GraphQLClient, world: World) -> None:
    response = await graphql.execute(nested_parents(10), login=world.gouxi_staff.login)

    assert response.errors == []
    assert response.data["me"]["jurisdiction"]["parent"] is not None


async def test_depth_thirteen_is_rejected(graphql: GraphQLClient, world: World) -> None:
    response = await graphql.execute(nested_parents(11), login=world.gouxi_staff.login)

    assert response.body.get("data") is None
    assert response.errors[0]["extensions"] == {"code": "QUERY_TOO_DEEP"}
    assert response.errors[0]["message"] == "操作“Deep”的嵌套层数超过上限 12（在字段 code 处），请减少嵌套字段。"


async def test_depth_message_in_english(graphql: GraphQLClient, world: World) -> None:
    response = await graphql.execute(nested_parents(11), login=world.gouxi_staff.login, language="en")

    assert response.errors[0]["message"] == (
        'Operation "Deep" is nested more than 12 levels deep (at field code); select fewer nested fields.'
    )


async def test_depth_counted_through_fragments(graphql: GraphQLClient, world: World) -> None:
    fragments = (
        "".join(f"fragment F{index} on Region {{ parent {{ ...F{index + 1} }} }} " for index in range(11))
        + "fragment F11 on Region { code }"
    )
    query = "query Deep { me { jurisdiction { ...F0 } } } " + fragments

    response = await graphql.execute(query, login=world.gouxi_staff.login)

    assert response.body.get("data") is None
    assert response.errors[0]["extensions"]["code"] == "QUERY_TOO_DEEP"
    assert response.errors[0]["message"].startswith("操作“Deep”的嵌套层数超过上限 12")


async def test_thirty_aliases_are_accepted(graphql: GraphQLClient, world: World) -> None:
    response = await graphql.execute(aliased_me(30), login=world.gouxi_staff.login)

    assert len(response.data) == 30


async def test_thirty_one_aliases_rejected(graphql: GraphQLClient, world: World) -> None:
    response = await graphql.execute(aliased_me(31), login=world.gouxi_staff.login)

    assert response.body.get("data") is None
    assert response.errors[0]["extensions"] == {"code": "TOO_MANY_ALIASES"}
    assert response.errors[0]["message"] == "查询使用了 31 个别名，超过上限 30，请减少别名。"


async def test_aliases_counted_through_fragments(graphql: GraphQLClient, world: World) -> None:
    aliases = " ".join(f"a{index}: login" for index in range(31))
    query = f"query Aliases {{ me {{ ...A }} }} fragment A on Account {{ {aliases} }}"

    response = await graphql.execute(query, login=world.gouxi_staff.login, language="en")

    assert response.body.get("data") is None
    assert response.errors[0]["message"] == "The query uses 31 aliases, more than the limit of 30; use fewer aliases."


async def test_token_limit_rejects_long_documents(graphql: GraphQLClient, world: World) -> None:
    query = "query Long { me { " + "login " * 2100 + "} }"

    response = await graphql.execute(query, login=world.gouxi_staff.login)

    assert response.body.get("data") is None
    assert response.errors[0]["extensions"] == {"code": "TOO_MANY_TOKENS"}
    assert response.errors[0]["message"] == "查询文档超过 2000 个词法单元（token）的上限，请缩短查询。"


async def test_token_limit_message_in_english(graphql: GraphQLClient, world: World) -> None:
    query = "query Long { me { " + "login " * 2100 + "} }"

    response = await graphql.execute(query, login=world.gouxi_staff.login, language="en")

    assert (
        response.errors[0]["message"]
        == "The query document has more than 2000 tokens, the limit; send a shorter query."
    )


async def test_anonymous_depth_message_names_no_operation(graphql: GraphQLClient, world: World) -> None:
    query = nested_parents(11).removeprefix("query Deep ")

    response = await graphql.execute(query, login=world.gouxi_staff.login, language="en")

    # strawberry (0.341) calls an operation without a name "anonymous".
    assert response.errors[0]["message"] == (
        'Operation "anonymous" is nested more than 12 levels deep (at field code); select fewer nested fields.'
    )


async def test_depth_at_fragment_spread_names_no_field(graphql: GraphQLClient, world: World) -> None:
    # The selection past the limit is the spread of F, not a field.
    query = "query Deep { me { jurisdiction " + "{ parent " * 11 + "{ ...F }" + " }" * 11 + " } } "
    query += "fragment F on Region { code }"

    response = await graphql.execute(query, login=world.gouxi_staff.login, language="en")

    assert response.errors[0]["extensions"] == {"code": "QUERY_TOO_DEEP"}
    assert response.errors[0]["message"] == (
        'Operation "Deep" is nested more than 12 levels deep; select fewer nested fields.'
    )


async def test_parser_nesting_limit_localized(graphql: GraphQLClient, world: World) -> None:
    query = "query Nested { regions(codes: " + "[" * 900 + "]" * 900 + ") { code } }"

    response = await graphql.execute(query, login=world.gouxi_staff.login)

    assert response.errors[0]["extensions"] == {"code": "QUERY_TOO_DEEP"}
    assert response.errors[0]["message"] == "GraphQL 文档嵌套过深，无法解析，请减少嵌套的选择集、列表或对象。"


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
    assert response.errors[0]["extensions"] == {"code": "QUERY_TOO_COSTLY", "limit": 5000}
    assert response.errors[0]["message"] == "查询的估算成本超过上限 5000，请减少分页大小、嵌套字段或片段展开。"


async def test_cost_under_limit_runs(graphql: GraphQLClient, world: World) -> None:
    response = await graphql.execute(aliased_pages(7), login=world.gouxi_staff.login)

    assert response.errors == []
    assert response.body["extensions"]["cost"] == 7 * HISTORY_PAGE_COST


async def test_too_costly_message_in_english(graphql: GraphQLClient, world: World) -> None:
    response = await graphql.execute(aliased_pages(8), login=world.gouxi_staff.login, language="en")

    assert response.errors[0]["message"].startswith("The estimated query cost exceeds the limit of 5000;")


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


async def test_cost_counts_fragment_spreads(graphql: GraphQLClient, world: World) -> None:
    query = "query Me { me { ...Login ...Login } } fragment Login on Account { login }"

    response = await graphql.execute(query, login=world.gouxi_staff.login)

    # me 1, and twice the spread 1 plus the fragment's field 1.
    assert response.errors == []
    assert response.body["extensions"]["cost"] == 1 + 2 * (1 + 1)


async def test_cost_counts_inline_fragments(graphql: GraphQLClient, world: World) -> None:
    query = "query Me { me { ... on Account { login } } }"

    response = await graphql.execute(query, login=world.gouxi_staff.login)

    assert response.body["extensions"]["cost"] == 1 + (1 + 1)


async def test_fragment_fan_out_rejected_quickly(graphql: GraphQLClient, world: World) -> None:
    started = time.perf_counter()

    response = await graphql.execute(fragment_fan_out(25), login=world.gouxi_staff.login)

    elapsed = time.perf_counter() - started
    assert response.errors[0]["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert elapsed < FAN_OUT_SECONDS_LIMIT


async def test_fan_out_to_unknown_fragment_rejected(graphql: GraphQLClient, world: World) -> None:
    started = time.perf_counter()

    # Every spread leads to F26, which does not exist.
    query = "query FanOut { regions { ...F0 } } " + " ".join(
        f"fragment F{index} on Region {{ ...F{index + 1} ...F{index + 1} }}" for index in range(26)
    )
    response = await graphql.execute(query, login=world.gouxi_staff.login, language="en")

    elapsed = time.perf_counter() - started
    assert response.errors[0]["extensions"] == {"code": "GRAPHQL_VALIDATION_FAILED"}
    assert (
        response.errors[0]["message"] == "The GraphQL document is invalid against the schema: Unknown fragment 'F26'."
    )
    assert elapsed < FAN_OUT_SECONDS_LIMIT


async def test_unknown_fragment_is_validation_error(graphql: GraphQLClient, world: World) -> None:
    response = await graphql.execute("query Me { me { ...Missing } }", login=world.gouxi_staff.login)

    assert response.errors[0]["extensions"] == {"code": "GRAPHQL_VALIDATION_FAILED"}
    assert response.errors[0]["message"] == "GraphQL 文档与接口定义不符：Unknown fragment 'Missing'."


async def test_fragment_chain_at_limit_runs(graphql: GraphQLClient, world: World) -> None:
    response = await graphql.execute(fragment_chain(100), login=world.gouxi_staff.login)

    assert response.errors == []
    assert isinstance(response.data["regions"], list)


async def test_long_fragment_chain_rejected(graphql: GraphQLClient, world: World) -> None:
    # 240 nested spreads overflowed the stack of strawberry's depth limiter.
    response = await graphql.execute(fragment_chain(240), login=world.gouxi_staff.login, language="en")

    assert response.errors[0]["extensions"] == {"code": "QUERY_TOO_DEEP"}
    assert response.errors[0]["message"] == (
        "Fragment spreads are nested more than 100 levels deep; spread fewer fragments within fragments."
    )


async def test_fragment_chain_over_limit_rejected(graphql: GraphQLClient, world: World) -> None:
    response = await graphql.execute(fragment_chain(101), login=world.gouxi_staff.login)

    assert response.errors[0]["extensions"] == {"code": "QUERY_TOO_DEEP"}


async def test_costly_document_is_not_validated(graphql: GraphQLClient, world: World) -> None:
    query = aliased_pages(8).removesuffix(" }") + " unknownField }"

    response = await graphql.execute(query, login=world.gouxi_staff.login)

    # Validation would report unknownField; the cost check stops the request before validation.
    assert [error["extensions"]["code"] for error in response.errors] == ["QUERY_TOO_COSTLY"]


async def test_fragment_cycle_reported_by_validation(graphql: GraphQLClient, world: World) -> None:
    query = "query Cycle { regions { ...A } } fragment A on Region { code ...B } fragment B on Region { ...A }"

    response = await graphql.execute(query, login=world.gouxi_staff.login, language="en")

    assert response.errors[0]["extensions"] == {"code": "GRAPHQL_VALIDATION_FAILED"}
    assert response.errors[0]["message"].startswith(
        "The GraphQL document is invalid against the schema: Cannot spread fragment 'A' within itself via 'B'."
    )


async def test_query_runs_after_fan_out(graphql: GraphQLClient, world: World) -> None:
    await graphql.execute(fragment_fan_out(25), login=world.gouxi_staff.login)

    response = await graphql.execute("query Me { me { login } }", login=world.gouxi_staff.login)

    assert response.data == {"me": {"login": world.gouxi_staff.login}}


def test_estimate_costs_each_fragment_once() -> None:
    definitions = parse(fragment_fan_out(25)).definitions
    started = time.perf_counter()

    cost = estimate_cost(definitions, None, {})

    # Expanding every spread would visit 2 ** 26 copies of the fragments.
    assert cost == FAN_OUT_COST
    assert time.perf_counter() - started < FAN_OUT_SECONDS_LIMIT


def test_estimate_stops_at_ceiling() -> None:
    definitions = parse(fragment_fan_out(25)).definitions

    cost = estimate_cost(definitions, None, {}, ceiling=5001)

    assert cost == 5001


# --- id lists -----------------------------------------------------------------------------


async def test_nodes_accepts_page_size_ids(graphql: GraphQLClient, world: World) -> None:
    response = await graphql.execute(NODES, {"ids": region_ids(100)}, login=world.gouxi_staff.login)

    assert response.data["nodes"] == [None] * 100


async def test_nodes_rejects_more_ids(graphql: GraphQLClient, world: World) -> None:
    response = await graphql.execute(NODES, {"ids": region_ids(101)}, login=world.gouxi_staff.login)

    assert response.body["data"] is None
    assert response.errors[0]["extensions"] == {"code": "TOO_MANY_IDS", "count": 101, "limit": 100}
    assert response.errors[0]["message"] == "ids：一次最多查询 100 个 ID，当前为 101 个，请分批查询。"


async def test_too_many_ids_message_in_english(graphql: GraphQLClient, world: World) -> None:
    response = await graphql.execute(NODES, {"ids": region_ids(101)}, login=world.gouxi_staff.login, language="en")

    assert response.errors[0]["message"] == (
        "ids: at most 100 IDs can be fetched at once, not 101; split them into several requests."
    )


async def test_cost_counts_each_id(graphql: GraphQLClient, world: World) -> None:
    response = await graphql.execute(NODES, {"ids": region_ids(40)}, login=world.gouxi_staff.login)

    # nodes 1, and id 1 for each of the 40 ids.
    assert response.body["extensions"]["cost"] == 1 + 40


async def test_cost_counts_literal_ids(graphql: GraphQLClient, world: World) -> None:
    ids = ", ".join(json.dumps(node_id) for node_id in region_ids(3))

    response = await graphql.execute(f"query Nodes {{ nodes(ids: [{ids}]) {{ id }} }}", login=world.gouxi_staff.login)

    assert response.body["extensions"]["cost"] == 1 + 3


async def test_thirty_thousand_ids_rejected_quickly(graphql: GraphQLClient, world: World) -> None:
    ids = region_ids(30_000)
    started = time.perf_counter()

    response = await graphql.execute(NODES, {"ids": ids}, login=world.gouxi_staff.login)

    elapsed = time.perf_counter() - started
    assert response.errors[0]["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert elapsed < FAN_OUT_SECONDS_LIMIT


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
    assert response.errors[0]["extensions"] == {"code": "INTROSPECTION_DISABLED"}
    assert "introspection has been disabled" in response.errors[0]["message"]


async def test_production_allows_typename(production: GraphQLClient, world: World) -> None:
    response = await production.execute("query Name { __typename me { __typename } }", login=world.gouxi_staff.login)

    assert response.data == {"__typename": "Query", "me": {"__typename": "Account"}}


async def test_production_omits_field_suggestions(production: GraphQLClient, world: World) -> None:
    response = await production.execute(TYPO, login=world.gouxi_staff.login)

    assert response.errors[0]["message"] == "GraphQL 文档与接口定义不符：Cannot query field 'logn' on type 'Account'."


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
