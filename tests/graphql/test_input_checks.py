"""Numbers and text that would crash the workflow or overflow a column come back as coded payload errors.

Runs on SQLite and PostgreSQL: PostgreSQL enforces NUMERIC precision, VARCHAR lengths and
rejects NUL characters, so an unchecked value there fails with a database error.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.settings import Settings
from domain.approvals.models import Application, Objection, StepTransition
from domain.clock import utc_now
from tests import factories
from tests.graphql.conftest import World
from tests.graphql.support import count_rows, global_id, spec_input, submit_input
from tests.graphql_client import GraphQLClient

SUBMIT = """
mutation Submit($input: ApplicationSubmitInput!) {
  applicationSubmit(input: $input) {
    application { spec { siteAreaM2 location } designCode }
    errors { field code message }
  }
}
"""

PASS = """
mutation Pass($input: StepPassInput!) {
  applicationPass(input: $input) { application { currentStep } errors { field code message } }
}
"""

RETURN = """
mutation Return($input: StepActionInput!) {
  applicationReturn(input: $input) { application { status } errors { field code } }
}
"""

WITHDRAW = """
mutation Withdraw($input: ApplicationWithdrawInput!) {
  applicationWithdraw(input: $input) { application { status } errors { field code } }
}
"""

RECORD_OBJECTION = """
mutation Record($input: ObjectionRecordInput!) {
  objectionRecord(input: $input) { objection { raisedBy } errors { field code message } }
}
"""

NOT_A_NUMBER = ["NaN", "-NaN", "sNaN", "Infinity", "-Infinity"]
DECIMAL_FIELDS = ["siteAreaM2", "footprintAreaM2", "floorAreaM2", "eaveHeightM", "totalHeightM"]


async def submit(graphql: GraphQLClient, world: World, **spec_overrides: Any) -> dict[str, Any]:
    data = submit_input(world.gouxi_household.id, world.gouxi_members[0].resident_id, spec=spec_input(**spec_overrides))
    return await submit_data(graphql, world, data)


async def submit_data(graphql: GraphQLClient, world: World, data: dict[str, Any]) -> dict[str, Any]:
    response = await graphql.execute(SUBMIT, {"input": data}, login=world.gouxi_farmer.login)
    payload = response.data["applicationSubmit"]
    assert isinstance(payload, dict)
    return payload


def fields_and_codes(payload: dict[str, Any]) -> list[tuple[str, str]]:
    return [(error["field"], error["code"]) for error in payload["errors"]]


# --- numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize("field", DECIMAL_FIELDS)
@pytest.mark.parametrize("value", NOT_A_NUMBER)
async def test_non_finite_number_rejected(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], world: World, field: str, value: str
) -> None:
    payload = await submit(graphql, world, **{field: value})

    assert fields_and_codes(payload) == [(f"input.spec.{field}", "INVALID_NUMBER")]
    assert await count_rows(sessions, Application) == 0


@pytest.mark.parametrize("value", ["1e-30", "0.001", "120.005"])
async def test_third_decimal_place_rejected(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], world: World, value: str
) -> None:
    payload = await submit(graphql, world, siteAreaM2=value)

    assert fields_and_codes(payload) == [("input.spec.siteAreaM2", "INVALID_NUMBER")]
    assert await count_rows(sessions, Application) == 0


async def test_trailing_zeros_accepted(graphql: GraphQLClient, world: World) -> None:
    payload = await submit(graphql, world, siteAreaM2="120.5000")

    assert payload["errors"] == []
    assert payload["application"]["spec"]["siteAreaM2"] == "120.50"


@pytest.mark.parametrize(
    ("field", "value", "maximum"),
    [
        pytest.param("totalHeightM", "1000", "100", id="total-height"),
        pytest.param("eaveHeightM", "-1", "100", id="negative-eave"),
        pytest.param("siteAreaM2", "1000000", "10000", id="site-area-above-numeric-8-2"),
        pytest.param("stiltStoreyHeightM", "1000", "100", id="stilt-storey"),
        pytest.param("enclosingWallHeightM", "0", "100", id="zero-wall"),
    ],
)
async def test_number_out_of_bounds_rejected(
    graphql: GraphQLClient,
    sessions: async_sessionmaker[AsyncSession],
    world: World,
    field: str,
    value: str,
    maximum: str,
) -> None:
    payload = await submit(graphql, world, **{field: value})

    assert fields_and_codes(payload) == [(f"input.spec.{field}", "VALUE_OUT_OF_RANGE")]
    assert f"0.01 至 {maximum}" in payload["errors"][0]["message"]
    assert await count_rows(sessions, Application) == 0


@pytest.mark.parametrize("value", ["1e30", "1_20", "１２０", "١٢٠", "१२०", " 120"])
async def test_unplain_number_spelling_rejected(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], world: World, value: str
) -> None:
    payload = await submit(graphql, world, floorAreaM2=value)

    assert fields_and_codes(payload) == [("input.spec.floorAreaM2", "INVALID_NUMBER")]
    assert await count_rows(sessions, Application) == 0


@pytest.mark.parametrize("storeys", [0, 100, 2147483647])
async def test_storeys_out_of_bounds_rejected(graphql: GraphQLClient, world: World, storeys: int) -> None:
    payload = await submit(graphql, world, storeys=storeys)

    assert fields_and_codes(payload) == [("input.spec.storeys", "VALUE_OUT_OF_RANGE")]


# --- text ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "maximum"),
    [
        ("location", 200),
        ("boundaryEast", 100),
        ("boundarySouth", 100),
        ("boundaryWest", 100),
        ("boundaryNorth", 100),
        ("structure", 50),
        ("roofColour", 50),
        ("wallColour", 50),
        ("oldHouseTreatment", 200),
    ],
)
async def test_text_over_column_length_rejected(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], world: World, field: str, maximum: int
) -> None:
    payload = await submit(graphql, world, **{field: "宅" * (maximum + 1)})

    assert fields_and_codes(payload) == [(f"input.spec.{field}", "TOO_LONG")]
    assert f"最多 {maximum} 个" in payload["errors"][0]["message"]
    assert await count_rows(sessions, Application) == 0


async def test_location_at_column_length_stored(graphql: GraphQLClient, world: World) -> None:
    # Characters outside the Basic Multilingual Plane count once, as PostgreSQL counts them.
    location = "𠀾" * 200

    payload = await submit(graphql, world, location=location)

    assert payload["errors"] == []
    assert payload["application"]["spec"]["location"] == location


async def test_design_code_over_length_rejected(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], world: World
) -> None:
    data = submit_input(world.gouxi_household.id, world.gouxi_members[0].resident_id, designCode="D" * 33)

    payload = await submit_data(graphql, world, data)

    assert fields_and_codes(payload) == [("input.designCode", "TOO_LONG")]
    assert await count_rows(sessions, Application) == 0


async def test_design_code_at_length_stored(graphql: GraphQLClient, world: World) -> None:
    data = submit_input(world.gouxi_household.id, world.gouxi_members[0].resident_id, designCode="D" * 32)

    payload = await submit_data(graphql, world, data)

    assert payload["application"]["designCode"] == "D" * 32


@pytest.mark.parametrize(
    "location",
    [
        pytest.param("测试村\x0012号", id="nul"),
        pytest.param("测试村\n12号", id="line-feed"),
        pytest.param("测试村\x1b12号", id="escape"),
        pytest.param("测试村\u202e12号", id="right-to-left-override"),
    ],
)
async def test_control_character_in_location_rejected(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], world: World, location: str
) -> None:
    payload = await submit(graphql, world, location=location)

    assert fields_and_codes(payload) == [("input.spec.location", "INVALID_CHARACTERS")]
    assert "第 4 个字符" in payload["errors"][0]["message"]
    assert await count_rows(sessions, Application) == 0


async def test_lone_surrogate_rejected(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], world: World
) -> None:
    data = submit_input(
        world.gouxi_household.id, world.gouxi_members[0].resident_id, spec=spec_input(location="测试村\ud80012号")
    )
    # json.dumps escapes the lone surrogate as \ud800, which a JSON request may carry but UTF-8 cannot.
    body = json.dumps({"query": SUBMIT, "variables": {"input": data}})
    headers = {
        "Content-Type": "application/json",
        "Authorization": f"Bearer {graphql.token_for(world.gouxi_farmer.login)}",
    }

    transport = httpx.ASGITransport(app=graphql.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://hub.test") as client:
        response = await client.post("/graphql", content=body, headers=headers)

    payload = response.json()["data"]["applicationSubmit"]
    assert fields_and_codes(payload) == [("input.spec.location", "INVALID_CHARACTERS")]
    assert await count_rows(sessions, Application) == 0


async def test_surrounding_newlines_stripped(graphql: GraphQLClient, world: World) -> None:
    payload = await submit(graphql, world, location="\n 测试村12号\r\n")

    assert payload["errors"] == []
    assert payload["application"]["spec"]["location"] == "测试村12号"


# --- step actions, withdrawal and objections ----------------------------------------------


@pytest.fixture
async def filed(sessions: async_sessionmaker[AsyncSession], settings: Settings, world: World) -> str:
    """A Gouxi application at village publicity; returns its global ID."""
    async with sessions() as session, session.begin():
        application = await factories.make_application(
            session, settings, world.gouxi_farmer, world.gouxi_household, world.gouxi_members[0]
        )
    return global_id("Application", application.id)


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


@pytest.mark.parametrize(
    ("area", "code"),
    [
        pytest.param("NaN", "INVALID_NUMBER", id="nan"),
        pytest.param("sNaN", "INVALID_NUMBER", id="signaling-nan"),
        pytest.param("Infinity", "INVALID_NUMBER", id="infinity"),
        pytest.param("1e-30", "INVALID_NUMBER", id="tiny"),
        pytest.param("0", "VALUE_OUT_OF_RANGE", id="zero"),
        pytest.param("99999999", "VALUE_OUT_OF_RANGE", id="above-numeric-8-2"),
    ],
)
async def test_survey_area_checked(
    graphql: GraphQLClient, world: World, at_site_survey: str, area: str, code: str
) -> None:
    data = {"applicationId": at_site_survey, "survey": {"zone": "BUILDABLE", "siteAreaM2": area}}

    response = await graphql.execute(PASS, {"input": data}, login=world.gouxi_staff.login)

    payload = response.data["applicationPass"]
    assert payload["application"] is None
    assert fields_and_codes(payload) == [("input.survey.siteAreaM2", code)]


async def test_nul_in_opinion_rejected(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], world: World, filed: str
) -> None:
    data = {"applicationId": filed, "opinion": "材料\x00不全"}

    response = await graphql.execute(RETURN, {"input": data}, login=world.gouxi_committee.login)

    assert fields_and_codes(response.data["applicationReturn"]) == [("input.opinion", "INVALID_CHARACTERS")]
    assert await count_rows(sessions, StepTransition) == 1


async def test_multiline_opinion_accepted(graphql: GraphQLClient, world: World, filed: str) -> None:
    data = {"applicationId": filed, "opinion": "材料不全：\n\t1. 缺少四邻意见\r\n\t2. 缺少户口簿"}

    response = await graphql.execute(RETURN, {"input": data}, login=world.gouxi_committee.login)

    assert response.data["applicationReturn"] == {"application": {"status": "RETURNED"}, "errors": []}


async def test_nul_in_attachment_rejected(graphql: GraphQLClient, world: World, filed: str) -> None:
    data = {"applicationId": filed, "opinion": "材料不全", "attachments": ["a.pdf", "b\x00.pdf"]}

    response = await graphql.execute(RETURN, {"input": data}, login=world.gouxi_committee.login)

    assert fields_and_codes(response.data["applicationReturn"]) == [("input.attachments[1]", "INVALID_CHARACTERS")]


async def test_nul_in_withdraw_reason_rejected(graphql: GraphQLClient, world: World, filed: str) -> None:
    data = {"applicationId": filed, "reason": "改期\x00建房"}

    response = await graphql.execute(WITHDRAW, {"input": data}, login=world.gouxi_farmer.login)

    assert fields_and_codes(response.data["applicationWithdraw"]) == [("input.reason", "INVALID_CHARACTERS")]


async def test_blank_objection_reports_both_fields(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], world: World, filed: str
) -> None:
    data = {"applicationId": filed, "raisedBy": "", "content": "  \n "}

    response = await graphql.execute(RECORD_OBJECTION, {"input": data}, login=world.gouxi_committee.login)

    assert fields_and_codes(response.data["objectionRecord"]) == [
        ("input.raisedBy", "REQUIRED"),
        ("input.content", "REQUIRED"),
    ]
    assert await count_rows(sessions, Objection) == 0


async def test_long_objection_raiser_rejected(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], world: World, filed: str
) -> None:
    data = {"applicationId": filed, "raisedBy": "邻" * 65, "content": "界址有争议"}

    response = await graphql.execute(RECORD_OBJECTION, {"input": data}, login=world.gouxi_committee.login)

    payload = response.data["objectionRecord"]
    assert fields_and_codes(payload) == [("input.raisedBy", "TOO_LONG")]
    assert "最多 64 个" in payload["errors"][0]["message"]
    assert await count_rows(sessions, Objection) == 0


async def test_objection_raiser_at_length_stored(graphql: GraphQLClient, world: World, filed: str) -> None:
    data = {"applicationId": filed, "raisedBy": "邻" * 64, "content": "界址有争议"}

    response = await graphql.execute(RECORD_OBJECTION, {"input": data}, login=world.gouxi_committee.login)

    assert response.data["objectionRecord"] == {"objection": {"raisedBy": "邻" * 64}, "errors": []}


async def test_nul_in_objection_content_rejected(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], world: World, filed: str
) -> None:
    data = {"applicationId": filed, "raisedBy": "邻居", "content": "界址\x00有争议"}

    response = await graphql.execute(RECORD_OBJECTION, {"input": data}, login=world.gouxi_committee.login)

    assert fields_and_codes(response.data["objectionRecord"]) == [("input.content", "INVALID_CHARACTERS")]
    assert await count_rows(sessions, Objection) == 0
