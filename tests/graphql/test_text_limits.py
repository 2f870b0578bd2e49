"""Limits on free text and lists of step actions, withdrawals and objections, and stray survey findings.

Opinions, reasons and objection contents are TEXT columns and attachments a JSON list, so
the database stores any size: the limits come from the domain rules.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.settings import Settings
from domain.approvals.models import Application, Objection, Step, StepTransition
from domain.clock import utc_now
from tests import factories
from tests.graphql.conftest import World
from tests.graphql.support import count_rows, global_id
from tests.graphql_client import GraphQLClient

RETURN = """
mutation Return($input: StepActionInput!) {
  applicationReturn(input: $input) { application { status } errors { field code message } }
}
"""

PASS = """
mutation Pass($input: StepPassInput!) {
  applicationPass(input: $input) { application { currentStep } errors { field code message } }
}
"""

WITHDRAW = """
mutation Withdraw($input: ApplicationWithdrawInput!) {
  applicationWithdraw(input: $input) { application { status } errors { field code } }
}
"""

RECORD_OBJECTION = """
mutation Record($input: ObjectionRecordInput!) {
  objectionRecord(input: $input) { objection { id } errors { field code } }
}
"""


@pytest.fixture
async def filed(sessions: async_sessionmaker[AsyncSession], settings: Settings, world: World) -> str:
    """A Gouxi application at village publicity; returns its global ID."""
    async with sessions() as session, session.begin():
        application = await factories.make_application(
            session, settings, world.gouxi_farmer, world.gouxi_household, world.gouxi_members[0]
        )
    return global_id("Application", application.id)


def fields_and_codes(payload: dict[str, Any]) -> list[tuple[str, str]]:
    return [(error["field"], error["code"]) for error in payload["errors"]]


async def return_with(graphql: GraphQLClient, world: World, data: dict[str, Any]) -> dict[str, Any]:
    response = await graphql.execute(RETURN, {"input": data}, login=world.gouxi_committee.login, language="en")
    payload = response.data["applicationReturn"]
    assert isinstance(payload, dict)
    return payload


async def test_long_opinion_rejected(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], world: World, filed: str
) -> None:
    payload = await return_with(graphql, world, {"applicationId": filed, "opinion": "材" * 100_000})

    assert fields_and_codes(payload) == [("input.opinion", "TOO_LONG")]
    assert "at most 2000" in payload["errors"][0]["message"]
    assert await count_rows(sessions, StepTransition) == 1


async def test_opinion_at_limit_stored(graphql: GraphQLClient, world: World, filed: str) -> None:
    payload = await return_with(graphql, world, {"applicationId": filed, "opinion": "材" * 2000})

    assert payload == {"application": {"status": "RETURNED"}, "errors": []}


async def test_long_attachment_reference_rejected(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], world: World, filed: str
) -> None:
    attachments = ["a.pdf", "b.pdf", "c.pdf", "d" * 5000]

    payload = await return_with(
        graphql, world, {"applicationId": filed, "opinion": "材料不全", "attachments": attachments}
    )

    assert fields_and_codes(payload) == [("input.attachments[3]", "TOO_LONG")]
    assert await count_rows(sessions, StepTransition) == 1


async def test_too_many_attachments_rejected(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], world: World, filed: str
) -> None:
    attachments = [f"{index}.pdf" for index in range(10_000)]

    payload = await return_with(
        graphql, world, {"applicationId": filed, "opinion": "材料不全", "attachments": attachments}
    )

    assert fields_and_codes(payload) == [("input.attachments", "TOO_MANY_ITEMS")]
    assert payload["errors"][0]["message"] == (
        "input.attachments: 10000 items were given, at most 20 are allowed; remove some."
    )
    assert await count_rows(sessions, StepTransition) == 1


async def test_twenty_attachments_stored(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], world: World, filed: str
) -> None:
    attachments = [f"{index:03}-{'x' * 190}.pdf" for index in range(20)]

    payload = await return_with(
        graphql, world, {"applicationId": filed, "opinion": "材料不全", "attachments": attachments}
    )

    assert payload["errors"] == []
    async with sessions() as session:
        stored = await session.scalar(select(StepTransition.attachments).order_by(StepTransition.id.desc()).limit(1))
    assert stored == attachments


async def test_long_withdraw_reason_rejected(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], world: World, filed: str
) -> None:
    data = {"applicationId": filed, "reason": "改" * 2001}

    response = await graphql.execute(WITHDRAW, {"input": data}, login=world.gouxi_farmer.login)

    assert fields_and_codes(response.data["applicationWithdraw"]) == [("input.reason", "TOO_LONG")]
    assert await count_rows(sessions, StepTransition) == 1


async def test_long_objection_content_rejected(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], world: World, filed: str
) -> None:
    data = {"applicationId": filed, "raisedBy": "邻居", "content": "界" * 2001}

    response = await graphql.execute(RECORD_OBJECTION, {"input": data}, login=world.gouxi_committee.login)

    assert fields_and_codes(response.data["objectionRecord"]) == [("input.content", "TOO_LONG")]
    assert await count_rows(sessions, Objection) == 0


@pytest.fixture
async def at_village_review(sessions: async_sessionmaker[AsyncSession], settings: Settings, world: World) -> int:
    """A Gouxi application filed a month ago whose publicity has passed, now at village review; returns its key."""
    async with sessions() as session, session.begin():
        application = await factories.make_application(
            session,
            settings,
            world.gouxi_farmer,
            world.gouxi_household,
            world.gouxi_members[0],
            now=utc_now() - timedelta(days=30),
        )
        await factories.pass_current_step(session, settings, world.gouxi_committee, application)
    return application.id


@pytest.mark.parametrize("area", ["NaN", "120"])
async def test_survey_outside_site_survey_rejected(
    graphql: GraphQLClient,
    sessions: async_sessionmaker[AsyncSession],
    world: World,
    at_village_review: int,
    area: str,
) -> None:
    data = {
        "applicationId": global_id("Application", at_village_review),
        "survey": {"zone": "BUILDABLE", "siteAreaM2": area},
    }

    transitions_before = await count_rows(sessions, StepTransition)

    response = await graphql.execute(PASS, {"input": data}, login=world.gouxi_committee.login)

    payload = response.data["applicationPass"]
    assert payload["application"] is None
    assert fields_and_codes(payload) == [("input.survey", "SURVEY_NOT_EXPECTED")]
    assert "当前环节为“村级初审”" in payload["errors"][0]["message"]
    assert await count_rows(sessions, StepTransition) == transitions_before
    async with sessions() as session:
        application = await session.get(Application, at_village_review)
    assert application is not None
    assert application.current_step is Step.VILLAGE_REVIEW
    assert application.site_area_m2 == Decimal("120.00")
