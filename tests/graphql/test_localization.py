"""Language of messages: zh-CN by default, English when Accept-Language prefers it."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.settings import Settings
from domain.approvals.models import Application
from tests.graphql.conftest import World
from tests.graphql.support import count_rows, file_application, global_id, spec_input, submit_input
from tests.graphql_client import GraphQLClient

SUBMIT = """
mutation Submit($input: ApplicationSubmitInput!) {
  applicationSubmit(input: $input) {
    application { id }
    errors { field code message }
  }
}
"""

APPLICATION_COUNT = "query Count { applications { totalCount } }"

STAGE = "query Stage($id: ID!) { node(id: $id) { ... on Application { stage } } }"

ZH_STOREYS = "input.spec.storeys：层数 4 超过上限 3 层（高于 2.2 米的架空层计入层数），请减少层数。"
EN_STOREYS = (
    "input.spec.storeys: 4 storeys exceed the limit of 3 (a stilt storey above 2.2 m counts); reduce the storeys."
)


async def submit_four_storeys(graphql: GraphQLClient, world: World, language: str | None) -> dict[str, object]:
    data = submit_input(world.gouxi_household.id, world.gouxi_members[0].resident_id, spec=spec_input(storeys=4))
    response = await graphql.execute(SUBMIT, {"input": data}, login=world.gouxi_farmer.login, language=language)
    payload = response.data["applicationSubmit"]
    assert payload["application"] is None
    assert len(payload["errors"]) == 1
    error = payload["errors"][0]
    assert isinstance(error, dict)
    return error


async def test_rule_error_in_chinese_by_default(graphql: GraphQLClient, world: World) -> None:
    error = await submit_four_storeys(graphql, world, None)

    assert error == {"field": "input.spec.storeys", "code": "TOO_MANY_STOREYS", "message": ZH_STOREYS}


async def test_rule_error_in_english_on_request(graphql: GraphQLClient, world: World) -> None:
    error = await submit_four_storeys(graphql, world, "en")

    assert error == {"field": "input.spec.storeys", "code": "TOO_MANY_STOREYS", "message": EN_STOREYS}


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        pytest.param("en-US,en;q=0.9", EN_STOREYS, id="en-us-first"),
        pytest.param("EN-GB", EN_STOREYS, id="upper-case-tag"),
        pytest.param("fr", ZH_STOREYS, id="unsupported"),
        pytest.param("fr-FR, en;q=0.5", EN_STOREYS, id="unsupported-then-english"),
        pytest.param("zh-CN,zh;q=0.9,en;q=0.8", ZH_STOREYS, id="chinese-first"),
        pytest.param("zh;q=0.5, en;q=0.8", EN_STOREYS, id="english-higher-quality"),
        pytest.param("en;q=0", ZH_STOREYS, id="english-refused"),
        pytest.param("en;q=abc", ZH_STOREYS, id="malformed-quality"),
        pytest.param("*", ZH_STOREYS, id="wildcard"),
        pytest.param("", ZH_STOREYS, id="empty"),
    ],
)
async def test_accept_language_negotiation(
    graphql: GraphQLClient, world: World, accept_language: str, expected: str
) -> None:
    error = await submit_four_storeys(graphql, world, accept_language)

    assert error["message"] == expected


async def test_message_names_field_path(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], world: World
) -> None:
    data = submit_input(
        world.gouxi_household.id,
        world.gouxi_members[0].resident_id,
        spec=spec_input(eaveHeightM="10.5", enclosingWallHeightM="1.8"),
    )

    response = await graphql.execute(SUBMIT, {"input": data}, login=world.gouxi_farmer.login, language="en")

    errors = response.data["applicationSubmit"]["errors"]
    assert [error["field"] for error in errors] == ["input.spec.eaveHeightM", "input.spec.enclosingWallHeightM"]
    assert all(error["message"].startswith(error["field"] + ": ") for error in errors)
    assert await count_rows(sessions, Application) == 0


async def test_forbidden_message_in_english(graphql: GraphQLClient, world: World) -> None:
    response = await graphql.execute(APPLICATION_COUNT, login=world.bank.login, language="en")

    assert response.errors[0]["message"] == (
        "Access to applications is denied: it is limited to the roles administrator, county agriculture and "
        "rural affairs bureau, county housing and construction bureau, county natural resources and planning "
        "bureau, dashboard viewer, law-enforcement officer, farmer, village grid worker, township leader, "
        "township staff, village committee."
    )
    assert "BANK" not in response.errors[0]["extensions"]["allowedRoles"]


async def test_forbidden_message_in_chinese(graphql: GraphQLClient, world: World) -> None:
    response = await graphql.execute(APPLICATION_COUNT, login=world.bank.login)

    assert response.errors[0]["message"].startswith("无权访问 applications：仅限 系统管理员、县农业农村部门")


async def test_stage_label_follows_language(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], settings: Settings, world: World
) -> None:
    application = await file_application(
        sessions, settings, world.gouxi_farmer, world.gouxi_household, world.gouxi_members[0]
    )
    variables = {"id": global_id("Application", application.id)}

    chinese = await graphql.execute(STAGE, variables, login=world.gouxi_farmer.login)
    english = await graphql.execute(STAGE, variables, login=world.gouxi_farmer.login, language="en")

    assert chinese.data["node"]["stage"] == "村级公示（办理中）"
    assert english.data["node"]["stage"] == "Village publicity (in progress)"
