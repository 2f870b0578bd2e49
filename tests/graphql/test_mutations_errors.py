"""Expected mutation failures come back as payload errors with field and code, and write nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.settings import Settings
from domain.approvals.models import Application, StepTransition
from domain.audit.models import AuditEntry, OutboxEvent
from domain.households.models import Member
from tests import factories
from tests.graphql.conftest import World
from tests.graphql.support import count_rows, file_application, global_id, spec_input, submit_input
from tests.graphql_client import GraphQLClient

SUBMIT = """
mutation Submit($input: ApplicationSubmitInput!) {
  applicationSubmit(input: $input) {
    application { id version applicant { id } }
    errors { field code message }
  }
}
"""

RETURN = """
mutation Return($input: StepActionInput!) {
  applicationReturn(input: $input) { application { status version } errors { field code } }
}
"""

PASS = """
mutation Pass($input: StepPassInput!) {
  applicationPass(input: $input) { application { currentStep } errors { field code } }
}
"""

WITHDRAW = """
mutation Withdraw($input: ApplicationWithdrawInput!) {
  applicationWithdraw(input: $input) { application { status } errors { field code } }
}
"""

RESOLVE = """
mutation Resolve($input: ObjectionResolveInput!) {
  objectionResolve(input: $input) { objection { id } errors { field code } }
}
"""


async def written_rows(sessions: async_sessionmaker[AsyncSession]) -> dict[str, int]:
    """Row counts of every table a workflow action writes to."""
    return {
        "application": await count_rows(sessions, Application),
        "step_transition": await count_rows(sessions, StepTransition),
        "audit_entry": await count_rows(sessions, AuditEntry),
        "outbox_event": await count_rows(sessions, OutboxEvent),
    }


async def submit(graphql: GraphQLClient, login: str, data: dict[str, Any]) -> dict[str, Any]:
    response = await graphql.execute(SUBMIT, {"input": data}, login=login)
    payload = response.data["applicationSubmit"]
    assert isinstance(payload, dict)
    return payload


def fields_and_codes(payload: dict[str, Any]) -> list[tuple[str, str]]:
    return [(error["field"], error["code"]) for error in payload["errors"]]


NOTHING_WRITTEN = {"application": 0, "step_transition": 0, "audit_entry": 0, "outbox_event": 0}


# --- identifiers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "household_id",
    [
        pytest.param("abc", id="not-a-global-id"),
        pytest.param("", id="empty"),
        pytest.param(global_id("Member", 1), id="other-type"),
        pytest.param(global_id("Household", "abc"), id="key-not-a-number"),
        pytest.param(global_id("Household", "²"), id="key-superscript-digit"),
        pytest.param(global_id("Household", "99999999999999999999"), id="key-too-large"),
    ],
)
async def test_invalid_household_id(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], world: World, household_id: str
) -> None:
    data = submit_input(world.gouxi_household.id, world.gouxi_members[0].resident_id, householdId=household_id)

    payload = await submit(graphql, world.gouxi_farmer.login, data)

    assert payload["application"] is None
    assert fields_and_codes(payload) == [("input.householdId", "INVALID_ID")]
    assert await written_rows(sessions) == NOTHING_WRITTEN


async def test_missing_household_not_found(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], world: World
) -> None:
    data = submit_input(999999, world.gouxi_members[0].resident_id)

    payload = await submit(graphql, world.gouxi_grid_worker.login, data)

    assert fields_and_codes(payload) == [("input.householdId", "NOT_FOUND")]
    assert await written_rows(sessions) == NOTHING_WRITTEN


async def test_wrong_check_character_rejected(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], world: World
) -> None:
    resident_id = world.gouxi_members[0].resident_id
    wrong_check = "0" if resident_id[-1] != "0" else "1"

    payload = await submit(
        graphql, world.gouxi_farmer.login, submit_input(world.gouxi_household.id, resident_id[:-1] + wrong_check)
    )

    assert fields_and_codes(payload) == [("input.applicantResidentId", "INVALID_RESIDENT_ID")]
    assert "input.applicantResidentId" in payload["errors"][0]["message"]
    assert await written_rows(sessions) == NOTHING_WRITTEN


@pytest.mark.parametrize(
    "resident_id",
    [
        pytest.param("3308021990", id="too-short"),
        pytest.param("33080219900101123A", id="letter-inside"),
        pytest.param("   ", id="blank"),
    ],
)
async def test_malformed_resident_id_rejected(graphql: GraphQLClient, world: World, resident_id: str) -> None:
    payload = await submit(graphql, world.gouxi_farmer.login, submit_input(world.gouxi_household.id, resident_id))

    assert fields_and_codes(payload) == [("input.applicantResidentId", "INVALID_RESIDENT_ID")]


async def test_messy_resident_id_accepted(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], world: World
) -> None:
    applicant = world.gouxi_members[1]
    resident_id = factories.resident_id_ending_in_x("330802", date(1975, 3, 8))
    async with sessions() as session, session.begin():
        await session.execute(update(Member).where(Member.id == applicant.id).values(resident_id=resident_id))
    full_width = resident_id[:-1].translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"})
    messy = f"  {full_width[:6]} {full_width[6:14]} {full_width[14:]}x \t"

    payload = await submit(graphql, world.gouxi_farmer.login, submit_input(world.gouxi_household.id, messy))

    assert payload["errors"] == []
    assert payload["application"]["applicant"] == {"id": global_id("Member", applicant.id)}


async def test_applicant_outside_household_rejected(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], world: World
) -> None:
    data = submit_input(world.gouxi_household.id, world.yunxi_members[0].resident_id)

    payload = await submit(graphql, world.gouxi_farmer.login, data)

    assert fields_and_codes(payload) == [("input.applicantResidentId", "APPLICANT_NOT_IN_HOUSEHOLD")]
    assert await written_rows(sessions) == NOTHING_WRITTEN


@pytest.mark.parametrize(
    "phone",
    [
        pytest.param("12812345678", id="prefix-12"),
        pytest.param("1381234567", id="ten-digits"),
        pytest.param("138-1234-567a", id="letter"),
        pytest.param("+1 138 1234 5678", id="foreign-country-code"),
    ],
)
async def test_bad_mobile_rejected(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], world: World, phone: str
) -> None:
    data = submit_input(world.gouxi_household.id, world.gouxi_members[0].resident_id, applicantPhone=phone)

    payload = await submit(graphql, world.gouxi_farmer.login, data)

    assert fields_and_codes(payload) == [("input.applicantPhone", "INVALID_MOBILE")]
    assert await written_rows(sessions) == NOTHING_WRITTEN


@pytest.mark.parametrize("phone", ["+86 138 1234 5678", "１３８１２３４５６７８", "138-1234-5678", "   "])
async def test_messy_mobile_accepted(graphql: GraphQLClient, world: World, phone: str) -> None:
    data = submit_input(world.gouxi_household.id, world.gouxi_members[0].resident_id, applicantPhone=phone)

    payload = await submit(graphql, world.gouxi_farmer.login, data)

    assert payload["errors"] == []


# --- rules and state ----------------------------------------------------------------------


async def test_rule_errors_reported_together(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], world: World
) -> None:
    data = submit_input(
        world.gouxi_household.id,
        world.gouxi_members[0].resident_id,
        pledgeSigned=False,
        spec=spec_input(storeys=4, eaveHeightM="10.5", siteAreaM2="150"),
    )

    payload = await submit(graphql, world.gouxi_farmer.login, data)

    assert sorted(fields_and_codes(payload)) == [
        ("input.pledgeSigned", "PLEDGE_REQUIRED"),
        ("input.spec.eaveHeightM", "EAVE_TOO_HIGH"),
        ("input.spec.siteAreaM2", "AREA_OVER_LIMIT"),
        ("input.spec.storeys", "TOO_MANY_STOREYS"),
    ]
    assert await written_rows(sessions) == NOTHING_WRITTEN


async def test_second_open_application_rejected(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], settings: Settings, world: World
) -> None:
    await file_application(sessions, settings, world.gouxi_farmer, world.gouxi_household, world.gouxi_members[0])
    before = await written_rows(sessions)

    payload = await submit(
        graphql, world.gouxi_farmer.login, submit_input(world.gouxi_household.id, world.gouxi_members[1].resident_id)
    )

    assert fields_and_codes(payload) == [("input.householdId", "APPLICATION_ALREADY_OPEN")]
    assert await written_rows(sessions) == before


async def test_stale_version_conflicts(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], settings: Settings, world: World
) -> None:
    application = await file_application(
        sessions, settings, world.gouxi_farmer, world.gouxi_household, world.gouxi_members[0]
    )
    application_id = global_id("Application", application.id)
    seen_version = application.version
    returned = await graphql.execute(
        RETURN,
        {"input": {"applicationId": application_id, "expectedVersion": seen_version, "opinion": "缺少四邻意见"}},
        login=world.gouxi_committee.login,
    )
    before = await written_rows(sessions)

    response = await graphql.execute(
        WITHDRAW,
        {"input": {"applicationId": application_id, "expectedVersion": seen_version}},
        login=world.gouxi_farmer.login,
    )

    assert returned.data["applicationReturn"]["application"] == {"status": "RETURNED", "version": seen_version + 1}
    assert response.data["applicationWithdraw"] == {
        "application": None,
        "errors": [{"field": "input.expectedVersion", "code": "VERSION_CONFLICT"}],
    }
    assert await written_rows(sessions) == before


async def test_current_version_withdraws(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], settings: Settings, world: World
) -> None:
    application = await file_application(
        sessions, settings, world.gouxi_farmer, world.gouxi_household, world.gouxi_members[0]
    )

    response = await graphql.execute(
        WITHDRAW,
        {"input": {"applicationId": global_id("Application", application.id), "expectedVersion": application.version}},
        login=world.gouxi_farmer.login,
    )

    assert response.data["applicationWithdraw"] == {"application": {"status": "WITHDRAWN"}, "errors": []}


async def test_expected_step_mismatch_rejected(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], settings: Settings, world: World
) -> None:
    application = await file_application(
        sessions, settings, world.gouxi_farmer, world.gouxi_household, world.gouxi_members[0]
    )
    before = await written_rows(sessions)
    data = {"applicationId": global_id("Application", application.id), "expectedStep": "SITE_SURVEY"}

    response = await graphql.execute(PASS, {"input": data}, login=world.gouxi_committee.login)

    assert response.data["applicationPass"]["errors"] == [{"field": "input.expectedStep", "code": "STEP_OUT_OF_ORDER"}]
    assert await written_rows(sessions) == before


async def test_publicity_not_elapsed_rejected(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], settings: Settings, world: World
) -> None:
    application = await file_application(
        sessions, settings, world.gouxi_farmer, world.gouxi_household, world.gouxi_members[0]
    )
    before = await written_rows(sessions)

    response = await graphql.execute(
        PASS, {"input": {"applicationId": global_id("Application", application.id)}}, login=world.gouxi_committee.login
    )

    assert response.data["applicationPass"]["errors"] == [
        {"field": "input.applicationId", "code": "PUBLICITY_NOT_ELAPSED"}
    ]
    assert await written_rows(sessions) == before


async def test_blank_opinion_rejected(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], settings: Settings, world: World
) -> None:
    application = await file_application(
        sessions, settings, world.gouxi_farmer, world.gouxi_household, world.gouxi_members[0]
    )
    before = await written_rows(sessions)

    response = await graphql.execute(
        RETURN,
        {"input": {"applicationId": global_id("Application", application.id), "opinion": "  "}},
        login=world.gouxi_committee.login,
    )

    assert response.data["applicationReturn"]["errors"] == [{"field": "input.opinion", "code": "OPINION_REQUIRED"}]
    assert await written_rows(sessions) == before


@pytest.mark.parametrize(
    "application_id",
    [
        pytest.param("abc", id="not-a-global-id"),
        pytest.param(global_id("Household", 1), id="other-type"),
        pytest.param(global_id("Application", "-1"), id="negative-key"),
    ],
)
async def test_withdraw_invalid_application_id(graphql: GraphQLClient, world: World, application_id: str) -> None:
    response = await graphql.execute(
        WITHDRAW, {"input": {"applicationId": application_id}}, login=world.gouxi_farmer.login
    )

    assert response.data["applicationWithdraw"]["errors"] == [{"field": "input.applicationId", "code": "INVALID_ID"}]


async def test_withdraw_missing_application(graphql: GraphQLClient, world: World) -> None:
    data = {"applicationId": global_id("Application", 999999)}

    response = await graphql.execute(WITHDRAW, {"input": data}, login=world.gouxi_farmer.login)

    assert response.data["applicationWithdraw"]["errors"] == [{"field": "input.applicationId", "code": "NOT_FOUND"}]


@pytest.mark.parametrize("objection_id", ["abc", "²", "１２", "99999999999999999999", "-3", ""])
async def test_resolve_invalid_objection_id(graphql: GraphQLClient, world: World, objection_id: str) -> None:
    data = {"objectionId": objection_id, "resolution": "已协商一致"}

    response = await graphql.execute(RESOLVE, {"input": data}, login=world.gouxi_committee.login)

    assert response.data["objectionResolve"]["errors"] == [{"field": "input.objectionId", "code": "INVALID_ID"}]


async def test_wrong_input_type_is_top_level(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], world: World
) -> None:
    data = submit_input(world.gouxi_household.id, world.gouxi_members[0].resident_id, spec=spec_input(storeys="three"))

    response = await graphql.execute(SUBMIT, {"input": data}, login=world.gouxi_farmer.login)

    assert response.body.get("data") is None
    assert "storeys" in response.errors[0]["message"]
    assert await written_rows(sessions) == NOTHING_WRITTEN
