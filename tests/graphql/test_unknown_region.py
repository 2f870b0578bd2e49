"""A region filter with a code that no region has fails with UNKNOWN_REGION instead of matching nothing."""

from __future__ import annotations

import pytest

from tests.graphql.conftest import World
from tests.graphql_client import GraphQLClient

APPLICATIONS = """
query Applications($regionCode: String) {
  applications(filter: {regionCode: $regionCode}) { totalCount }
}
"""

HOUSEHOLDS = """
query Households($regionCode: String) {
  households(regionCode: $regionCode) { totalCount }
}
"""

UNKNOWN_CODES = [
    pytest.param("abc", id="letters"),
    pytest.param("33080%", id="like-wildcard"),
    pytest.param("330899", id="no-such-county"),
    pytest.param("330802211999", id="no-such-village"),
    pytest.param("3308022", id="partial-code"),
]


@pytest.mark.parametrize("code", UNKNOWN_CODES)
async def test_applications_unknown_region_rejected(graphql: GraphQLClient, world: World, code: str) -> None:
    response = await graphql.execute(APPLICATIONS, {"regionCode": code}, login=world.kecheng_county.login)

    assert response.body["data"] is None
    assert response.errors[0]["extensions"] == {"code": "UNKNOWN_REGION", "field": "filter.regionCode"}
    assert response.errors[0]["path"] == ["applications"]


@pytest.mark.parametrize("code", UNKNOWN_CODES)
async def test_households_unknown_region_rejected(graphql: GraphQLClient, world: World, code: str) -> None:
    response = await graphql.execute(HOUSEHOLDS, {"regionCode": code}, login=world.kecheng_county.login)

    assert response.body["data"] is None
    assert response.errors[0]["extensions"] == {"code": "UNKNOWN_REGION", "field": "regionCode"}
    assert response.errors[0]["path"] == ["households"]


async def test_unknown_region_message_in_chinese(graphql: GraphQLClient, world: World) -> None:
    response = await graphql.execute(APPLICATIONS, {"regionCode": " abc "}, login=world.kecheng_county.login)

    assert response.errors[0]["message"] == ("filter.regionCode：行政区划代码“abc”不存在，请使用衢州市的统计区划代码。")


async def test_unknown_region_message_in_english(graphql: GraphQLClient, world: World) -> None:
    response = await graphql.execute(HOUSEHOLDS, {"regionCode": "abc"}, login=world.kecheng_county.login, language="en")

    assert response.errors[0]["message"] == (
        'regionCode: region code "abc" does not exist; use a Quzhou statistical division code.'
    )


@pytest.mark.parametrize("code", ["330802", "330824", "330800", "330000"])
async def test_known_region_without_rows_lists_nothing(graphql: GraphQLClient, world: World, code: str) -> None:
    response = await graphql.execute(APPLICATIONS, {"regionCode": code}, login=world.kecheng_county.login)

    assert response.data["applications"]["totalCount"] == 0


@pytest.mark.parametrize("code", ["", "  "])
async def test_blank_region_code_ignored(graphql: GraphQLClient, world: World, code: str) -> None:
    applications = await graphql.execute(APPLICATIONS, {"regionCode": code}, login=world.kecheng_county.login)
    households = await graphql.execute(HOUSEHOLDS, {"regionCode": code}, login=world.kecheng_county.login)

    assert applications.data["applications"]["totalCount"] == 0
    assert households.data["households"]["totalCount"] == 1


async def test_demo_village_code_accepted(graphql: GraphQLClient, world: World) -> None:
    response = await graphql.execute(
        HOUSEHOLDS, {"regionCode": world.gouxi_village.code}, login=world.kecheng_county.login
    )

    assert response.data["households"]["totalCount"] == 1
