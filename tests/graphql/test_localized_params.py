"""Payload messages name steps, roles, zones and rejection reasons in the request's language."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.settings import Settings
from domain.clock import utc_now
from tests import factories
from tests.graphql.conftest import World
from tests.graphql.support import global_id, submit_input
from tests.graphql_client import GraphQLClient

SUBMIT = """
mutation Submit($input: ApplicationSubmitInput!) {
  applicationSubmit(input: $input) { errors { field code message } }
}
"""

PASS = """
mutation Pass($input: StepPassInput!) {
  applicationPass(input: $input) { errors { field code message } }
}
"""


async def submit_errors(graphql: GraphQLClient, world: World, language: str | None, **overrides: Any) -> list[Any]:
    data = submit_input(world.gouxi_household.id, world.gouxi_members[0].resident_id, **overrides)
    response = await graphql.execute(SUBMIT, {"input": data}, login=world.gouxi_farmer.login, language=language)
    errors = response.data["applicationSubmit"]["errors"]
    assert isinstance(errors, list)
    return errors


@pytest.fixture
async def at_site_survey(sessions: async_sessionmaker[AsyncSession], settings: Settings, world: World) -> str:
    """A Gouxi application filed a month ago and now at the site survey; returns its global ID."""
    start = utc_now() - timedelta(days=30)
    async with sessions() as session, session.begin():
        application = await factories.make_application(
            session, settings, world.gouxi_farmer, world.gouxi_household, world.gouxi_members[0], now=start
        )
        for days in (10, 11):
            await factories.pass_current_step(
                session, settings, world.gouxi_committee, application, now=start + timedelta(days=days)
            )
    return global_id("Application", application.id)


async def test_checksum_reason_in_chinese(graphql: GraphQLClient, world: World) -> None:
    resident_id = world.gouxi_members[0].resident_id
    wrong = resident_id[:-1] + ("0" if resident_id[-1] != "0" else "1")

    errors = await submit_errors(graphql, world, None, applicantResidentId=wrong)

    assert errors[0]["code"] == "INVALID_RESIDENT_ID"
    assert "（校验码错误）" in errors[0]["message"]
    assert "checksum" not in errors[0]["message"]


async def test_length_reason_in_english(graphql: GraphQLClient, world: World) -> None:
    errors = await submit_errors(graphql, world, "en", applicantResidentId="3308021990")

    assert "(wrong length)" in errors[0]["message"]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        pytest.param(None, "（永久基本农田）", id="zh-CN"),
        pytest.param("en", "(permanent basic farmland)", id="en"),
    ],
)
async def test_forbidden_zone_named(graphql: GraphQLClient, world: World, language: str | None, expected: str) -> None:
    errors = await submit_errors(graphql, world, language, zone="PERMANENT_BASIC_FARMLAND")

    assert errors[0]["code"] == "ZONE_FORBIDDEN"
    assert expected in errors[0]["message"]


async def test_step_out_of_order_in_chinese(graphql: GraphQLClient, world: World, at_site_survey: str) -> None:
    data = {"applicationId": at_site_survey, "expectedStep": "VILLAGE_REVIEW"}

    response = await graphql.execute(PASS, {"input": data}, login=world.gouxi_staff.login)

    error = response.data["applicationPass"]["errors"][0]
    assert error["code"] == "STEP_OUT_OF_ORDER"
    assert error["message"] == (
        "input.expectedStep：申请当前处于“乡镇联合踏勘”环节，不能办理“村级初审”环节，环节不可跳过或回退。"
    )


async def test_forbidden_names_step_owner(graphql: GraphQLClient, world: World, at_site_survey: str) -> None:
    data = {"applicationId": at_site_survey}

    response = await graphql.execute(PASS, {"input": data}, login=world.gouxi_committee.login)

    error = response.data["applicationPass"]["errors"][0]
    assert error["code"] == "FORBIDDEN"
    assert error["message"] == (
        "input.applicationId：当前环节“乡镇联合踏勘”由乡镇审批人员办理，您的角色（村委会）不能办理。"
    )


async def test_forbidden_owner_in_english(graphql: GraphQLClient, world: World, at_site_survey: str) -> None:
    data = {"applicationId": at_site_survey}

    response = await graphql.execute(PASS, {"input": data}, login=world.gouxi_leader.login, language="en")

    assert response.data["applicationPass"]["errors"][0]["message"] == (
        'input.applicationId: the current step "Joint township site survey" is handled by the township staff, '
        "not by your role (township leader)."
    )
