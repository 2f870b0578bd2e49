"""End-to-end check that a farmer can file an application through /graphql."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from strawberry.relay import to_base64

from domain.accounts.models import Role
from tests import factories
from tests.graphql_client import GraphQLClient

SUBMIT = """
mutation Submit($input: ApplicationSubmitInput!) {
  applicationSubmit(input: $input) {
    application { id status currentStep stage }
    errors { field code message }
  }
}
"""


async def test_farmer_submits_application(graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session, session.begin():
        village = await factories.make_village(session)
        household, members = await factories.make_household(session, village.code)
        farmer = await factories.make_account(session, Role.FARMER, village.code, household_id=household.id)
    variables = {
        "input": {
            "householdId": to_base64("Household", household.id),
            "applicantResidentId": members[0].resident_id,
            "buildType": "NEW_SITE",
            "landType": "OTHER",
            "zone": "BUILDABLE",
            "pledgeSigned": True,
            "spec": {
                "location": "测试村12号",
                "boundaryEast": "道路",
                "boundarySouth": "张宅",
                "boundaryWest": "空地",
                "boundaryNorth": "山体",
                "siteAreaM2": "120",
                "footprintAreaM2": "90",
                "floorAreaM2": "250",
                "storeys": 3,
                "eaveHeightM": "9.5",
                "totalHeightM": "12",
                "structure": "砖混",
                "roofColour": "青灰",
                "wallColour": "白",
            },
        }
    }

    response = await graphql.execute(SUBMIT, variables, login=farmer.login)

    payload = response.data["applicationSubmit"]
    assert payload["errors"] == []
    assert payload["application"]["currentStep"] == "VILLAGE_PUBLICITY"
    assert payload["application"]["stage"] == "村级公示（办理中）"
