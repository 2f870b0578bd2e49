"""Filter arguments that leaked personal data or matched everything now fail with a top-level coded error."""

from __future__ import annotations

import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.settings import Settings
from domain.households.models import Member
from tests import factories
from tests.graphql.conftest import World
from tests.graphql_client import GraphQLClient

APPLICATIONS = """
query Applications($name: String) {
  applications(filter: {applicantName: $name}) { totalCount }
}
"""

HOUSEHOLDS = """
query Households($name: String) {
  households(memberName: $name) { totalCount }
}
"""

REGIONS = """
query Regions($parentCode: String) {
  regions(parentCode: $parentCode) { code }
}
"""

INVALID_NAMES = [
    pytest.param("\x00", id="nul"),
    pytest.param("王\x00", id="nul-after-name"),
    pytest.param("\x1f", id="unit-separator"),
    pytest.param("\u202e", id="right-to-left-override"),
]


@pytest.fixture
async def named_application(sessions: async_sessionmaker[AsyncSession], settings: Settings, world: World) -> None:
    """A Gouxi application filed by 王军睿."""
    applicant = world.gouxi_members[0]
    async with sessions() as session, session.begin():
        await session.execute(update(Member).where(Member.id == applicant.id).values(name="王军睿"))
        await factories.make_application(session, settings, world.gouxi_farmer, world.gouxi_household, applicant)


async def test_dashboard_viewer_name_filter_rejected(
    graphql: GraphQLClient, world: World, named_application: None
) -> None:
    response = await graphql.execute(APPLICATIONS, {"name": "王军睿"}, login=world.dashboard_viewer.login)

    assert response.body["data"] is None
    assert response.errors[0]["extensions"] == {
        "code": "PERSONAL_DATA_FILTER_FORBIDDEN",
        "field": "filter.applicantName",
    }
    assert response.errors[0]["message"].startswith("filter.applicantName：您的角色不能查看个人信息")


async def test_dashboard_viewer_message_in_english(
    graphql: GraphQLClient, world: World, named_application: None
) -> None:
    response = await graphql.execute(
        APPLICATIONS, {"name": "王军睿"}, login=world.dashboard_viewer.login, language="en"
    )

    assert response.errors[0]["message"] == (
        "filter.applicantName: your role may not see personal data, so it cannot filter by name; remove this filter."
    )


async def test_staff_name_filter_still_works(graphql: GraphQLClient, world: World, named_application: None) -> None:
    response = await graphql.execute(APPLICATIONS, {"name": "王军睿"}, login=world.gouxi_staff.login)

    assert response.data["applications"]["totalCount"] == 1


async def test_dashboard_viewer_unfiltered_list_allowed(
    graphql: GraphQLClient, world: World, named_application: None
) -> None:
    response = await graphql.execute(APPLICATIONS, login=world.dashboard_viewer.login)

    assert response.data["applications"]["totalCount"] == 1


@pytest.mark.parametrize("name", INVALID_NAMES)
async def test_control_character_in_applicant_name_rejected(
    graphql: GraphQLClient, world: World, named_application: None, name: str
) -> None:
    response = await graphql.execute(APPLICATIONS, {"name": name}, login=world.gouxi_staff.login)

    assert response.body["data"] is None
    assert response.errors[0]["extensions"] == {"code": "INVALID_CHARACTERS", "field": "filter.applicantName"}


@pytest.mark.parametrize("name", INVALID_NAMES)
async def test_control_character_in_member_name_rejected(graphql: GraphQLClient, world: World, name: str) -> None:
    response = await graphql.execute(HOUSEHOLDS, {"name": name}, login=world.kecheng_county.login)

    assert response.body["data"] is None
    assert response.errors[0]["extensions"] == {"code": "INVALID_CHARACTERS", "field": "memberName"}


async def test_invalid_character_message_names_position(graphql: GraphQLClient, world: World) -> None:
    response = await graphql.execute(HOUSEHOLDS, {"name": "王\x00"}, login=world.kecheng_county.login, language="en")

    assert response.errors[0]["message"] == (
        "memberName: character 2 (U+0000) is a control or invalid character; remove it and try again."
    )


@pytest.mark.parametrize("code", ["abc", "330899", "3308022", ""])
async def test_unknown_parent_code_rejected(graphql: GraphQLClient, world: World, code: str) -> None:
    response = await graphql.execute(REGIONS, {"parentCode": code}, login=world.gouxi_staff.login)

    assert response.body["data"] is None
    assert response.errors[0]["extensions"] == {"code": "UNKNOWN_REGION", "field": "parentCode"}


async def test_known_parent_code_lists_children(graphql: GraphQLClient, world: World) -> None:
    response = await graphql.execute(REGIONS, {"parentCode": factories.GOUXI}, login=world.gouxi_staff.login)

    assert {"code": world.gouxi_village.code} in response.data["regions"]
