"""Filters of the application list: region, step, status, overdue and applicant name."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.settings import Settings
from domain.accounts.models import Account, Role
from domain.approvals.models import ApprovalStep, Step
from domain.clock import utc_now
from domain.households.models import Member
from tests import factories
from tests.graphql.conftest import KECHENG, World
from tests.graphql.support import global_id
from tests.graphql_client import GraphQLClient

APPLICATIONS = """
query Applications($filter: ApplicationFilterInput) {
  applications(filter: $filter, first: 100) {
    totalCount
    edges { node { id } }
  }
}
"""

LATE = """
query Late($id: ID!) {
  node(id: $id) { ... on Application { overdue currentStepDetail { step overdue remainingWorkingDays } } }
}
"""

KECHENG_PAGE = """
query KechengPage($after: String) {
  applications(filter: {regionCode: "330802"}, first: 2, after: $after) {
    totalCount edges { node { id } } pageInfo { hasNextPage endCursor }
  }
}
"""

HOUSEHOLDS = """
query Households($regionCode: String) {
  households(regionCode: $regionCode, first: 100) { totalCount }
}
"""


@dataclass
class Scene:
    """Four applications and a city-wide reader.

    ``review``: Gouxi, filed 30 days ago, publicity passed, at VILLAGE_REVIEW and on time.
    ``late``: Gouxi, filed 30 days ago, still at VILLAGE_PUBLICITY and overdue.
    ``fresh``: Huashu (Kecheng), filed today, at VILLAGE_PUBLICITY.
    ``withdrawn``: Yunxi (Qujiang), filed today and withdrawn.
    """

    review: str
    late: str
    fresh: str
    withdrawn: str
    city_reader: Account


# Applicant names per application, chosen so that partial matches overlap.
NAMES = {"review": "王建国", "late": "李建华", "fresh": "张三", "withdrawn": "王小明"}


@pytest.fixture
async def scene(sessions: async_sessionmaker[AsyncSession], settings: Settings, world: World) -> Scene:
    month_ago = utc_now() - timedelta(days=30)
    async with sessions() as session, session.begin():
        late_household, late_members = await factories.make_household(session, world.gouxi_village.code)
        fresh_household, fresh_members = await factories.make_household(session, world.huashu_village.code)
        city_reader = await factories.make_account(session, Role.ADMINISTRATOR, "330800")

        review = await factories.make_application(
            session, settings, world.gouxi_farmer, world.gouxi_household, world.gouxi_members[0], now=month_ago
        )
        await factories.pass_current_step(session, settings, world.gouxi_committee, review)
        late = await factories.make_application(
            session, settings, world.gouxi_grid_worker, late_household, late_members[0], now=month_ago
        )
        fresh = await factories.make_application(
            session, settings, world.huashu_grid_worker, fresh_household, fresh_members[0]
        )
        withdrawn = await factories.make_application(
            session, settings, world.yunxi_farmer, world.yunxi_household, world.yunxi_members[0]
        )
        await factories.withdraw_application(session, settings, world.yunxi_farmer, withdrawn)

        applicants = {
            "review": world.gouxi_members[0],
            "late": late_members[0],
            "fresh": fresh_members[0],
            "withdrawn": world.yunxi_members[0],
        }
        for key, member in applicants.items():
            await session.execute(update(Member).where(Member.id == member.id).values(name=NAMES[key]))

    return Scene(
        review=global_id("Application", review.id),
        late=global_id("Application", late.id),
        fresh=global_id("Application", fresh.id),
        withdrawn=global_id("Application", withdrawn.id),
        city_reader=city_reader,
    )


async def listed(graphql: GraphQLClient, login: str, **filters: Any) -> set[str]:
    response = await graphql.execute(APPLICATIONS, {"filter": filters}, login=login)
    connection = response.data["applications"]
    ids = {edge["node"]["id"] for edge in connection["edges"]}
    assert connection["totalCount"] == len(ids)
    return ids


def pick(scene: Scene, *names: str) -> set[str]:
    return {getattr(scene, name) for name in names}


async def test_no_filter_lists_everything(graphql: GraphQLClient, scene: Scene) -> None:
    assert await listed(graphql, scene.city_reader.login) == pick(scene, "review", "late", "fresh", "withdrawn")


@pytest.mark.parametrize(
    ("region_code", "expected"),
    [
        pytest.param(factories.GOUXI, ("review", "late"), id="township"),
        pytest.param(KECHENG, ("review", "late", "fresh"), id="county"),
        pytest.param("330803", ("withdrawn",), id="other-county"),
        pytest.param(" 330802211 ", ("review", "late"), id="surrounding-spaces"),
        pytest.param("330800", ("review", "late", "fresh", "withdrawn"), id="city"),
        pytest.param("330000", ("review", "late", "fresh", "withdrawn"), id="province"),
        pytest.param("330824", (), id="county-without-applications"),
    ],
)
async def test_region_code_filter(
    graphql: GraphQLClient, scene: Scene, region_code: str, expected: tuple[str, ...]
) -> None:
    assert await listed(graphql, scene.city_reader.login, regionCode=region_code) == pick(scene, *expected)


async def test_region_code_of_village(graphql: GraphQLClient, scene: Scene, world: World) -> None:
    ids = await listed(graphql, scene.city_reader.login, regionCode=world.huashu_village.code)

    assert ids == pick(scene, "fresh")


async def test_region_code_cannot_widen_jurisdiction(graphql: GraphQLClient, scene: Scene, world: World) -> None:
    assert await listed(graphql, world.gouxi_staff.login, regionCode="330803") == set()
    assert await listed(graphql, world.gouxi_staff.login, regionCode="330800") == pick(scene, "review", "late")


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        pytest.param("VILLAGE_REVIEW", ("review",), id="review"),
        pytest.param("VILLAGE_PUBLICITY", ("late", "fresh", "withdrawn"), id="publicity"),
        pytest.param("PERMIT_ISSUANCE", (), id="issuance"),
    ],
)
async def test_step_filter(graphql: GraphQLClient, scene: Scene, step: str, expected: tuple[str, ...]) -> None:
    assert await listed(graphql, scene.city_reader.login, step=step) == pick(scene, *expected)


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        pytest.param("WITHDRAWN", ("withdrawn",), id="withdrawn"),
        pytest.param("IN_PROGRESS", ("review", "late", "fresh"), id="in-progress"),
        pytest.param("REJECTED", (), id="rejected"),
    ],
)
async def test_status_filter(graphql: GraphQLClient, scene: Scene, status: str, expected: tuple[str, ...]) -> None:
    assert await listed(graphql, scene.city_reader.login, status=status) == pick(scene, *expected)


async def test_overdue_filter(graphql: GraphQLClient, scene: Scene) -> None:
    assert await listed(graphql, scene.city_reader.login, overdue=True) == pick(scene, "late")
    assert await listed(graphql, scene.city_reader.login, overdue=False) == pick(scene, "review", "fresh", "withdrawn")


async def test_overdue_fields_of_late_application(graphql: GraphQLClient, scene: Scene) -> None:

    response = await graphql.execute(LATE, {"id": scene.late}, login=scene.city_reader.login)

    node = response.data["node"]
    assert node["overdue"] is True
    assert node["currentStepDetail"]["step"] == "VILLAGE_PUBLICITY"
    assert node["currentStepDetail"]["overdue"] is True
    assert node["currentStepDetail"]["remainingWorkingDays"] < 0


async def test_overdue_follows_due_date_row(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], scene: Scene
) -> None:
    async with sessions() as session, session.begin():
        await session.execute(
            update(ApprovalStep)
            .where(ApprovalStep.step == Step.VILLAGE_PUBLICITY)
            .values(due_date=(utc_now() - timedelta(days=3)).date())
        )

    assert await listed(graphql, scene.city_reader.login, overdue=True) == pick(scene, "late", "fresh")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("建", ("review", "late"), id="shared-character"),
        pytest.param("王", ("review", "withdrawn"), id="surname"),
        pytest.param("王建国", ("review",), id="full-name"),
        pytest.param(" 张三 ", ("fresh",), id="surrounding-spaces"),
        pytest.param("赵", (), id="no-match"),
        pytest.param("%", (), id="like-percent"),
        pytest.param("_", (), id="like-underscore"),
    ],
)
async def test_applicant_name_filter(
    graphql: GraphQLClient, scene: Scene, name: str, expected: tuple[str, ...]
) -> None:
    assert await listed(graphql, scene.city_reader.login, applicantName=name) == pick(scene, *expected)


async def test_filters_combine_with_and(graphql: GraphQLClient, scene: Scene) -> None:
    reader = scene.city_reader.login

    by_region_and_step = await listed(graphql, reader, regionCode=KECHENG, step="VILLAGE_PUBLICITY")
    by_all = await listed(graphql, reader, regionCode=KECHENG, step="VILLAGE_PUBLICITY", overdue=False)
    by_name_and_status = await listed(graphql, reader, applicantName="王", status="IN_PROGRESS")

    assert by_region_and_step == pick(scene, "late", "fresh")
    assert by_all == pick(scene, "fresh")
    assert by_name_and_status == pick(scene, "review")


async def test_filtered_pages_keep_total(graphql: GraphQLClient, scene: Scene) -> None:

    first = (await graphql.execute(KECHENG_PAGE, login=scene.city_reader.login)).data["applications"]
    cursor = first["pageInfo"]["endCursor"]
    second = (await graphql.execute(KECHENG_PAGE, {"after": cursor}, login=scene.city_reader.login)).data[
        "applications"
    ]

    assert [first["totalCount"], second["totalCount"]] == [3, 3]
    assert [len(first["edges"]), len(second["edges"])] == [2, 1]
    assert [first["pageInfo"]["hasNextPage"], second["pageInfo"]["hasNextPage"]] == [True, False]


@pytest.mark.parametrize(
    ("region_code", "expected"),
    [
        pytest.param("330800", 4, id="city"),
        pytest.param(KECHENG, 3, id="county"),
        pytest.param(" 330803 ", 1, id="surrounding-spaces"),
    ],
)
async def test_household_region_code_filter(
    graphql: GraphQLClient, scene: Scene, region_code: str, expected: int
) -> None:
    # Households: Gouxi has the world's and the late one, Huashu the fresh one, Yunxi one.
    response = await graphql.execute(HOUSEHOLDS, {"regionCode": region_code}, login=scene.city_reader.login)

    assert response.data["households"]["totalCount"] == expected
