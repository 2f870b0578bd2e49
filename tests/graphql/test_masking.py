"""Personal data masked by default, shown whole on reveal to allowed roles, each full view audited."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.audit.models import AuditEntry
from domain.households.models import Member
from tests.graphql.conftest import World
from tests.graphql.support import count_full_views, file_application, global_id
from tests.graphql_client import GraphQLClient

MEMBER = """
query Member($id: ID!, $reveal: Boolean!) {
  node(id: $id) { ... on Member { name residentId(reveal: $reveal) phone(reveal: $reveal) } }
}
"""

HOUSEHOLD_MEMBERS = """
query Household($id: ID!) {
  node(id: $id) {
    ... on Household { members { masked: residentId full: residentId(reveal: true) again: residentId(reveal: true) } }
  }
}
"""

REVEALED_PHONE = "query Phone($id: ID!) { node(id: $id) { ... on Member { phone(reveal: true) } } }"

REVEALED_APPLICANTS = "query Applicants { applications { edges { node { applicant { residentId(reveal: true) } } } } }"

PHONE = "13812345678"


@pytest.fixture
async def member(sessions: async_sessionmaker[AsyncSession], world: World) -> Member:
    """The head of the Gouxi household, with a mobile number that shows the mask's shape."""
    member = world.gouxi_members[0]
    async with sessions() as session, session.begin():
        await session.execute(update(Member).where(Member.id == member.id).values(phone=PHONE))
    return member


async def fetch_member(graphql: GraphQLClient, member: Member, login: str, *, reveal: bool) -> dict[str, Any]:
    response = await graphql.execute(MEMBER, {"id": global_id("Member", member.id), "reveal": reveal}, login=login)
    node = response.data["node"]
    assert isinstance(node, dict), f"member {member.id} is not visible to {login}"
    return node


async def full_view_entries(sessions: async_sessionmaker[AsyncSession]) -> list[AuditEntry]:
    async with sessions() as session:
        query = select(AuditEntry).where(AuditEntry.action == "personal_data.full_view").order_by(AuditEntry.id)
        return list((await session.scalars(query)).all())


async def test_resident_id_masked_by_default(graphql: GraphQLClient, world: World, member: Member) -> None:
    node = await fetch_member(graphql, member, world.gouxi_staff.login, reveal=False)

    assert node["residentId"] == member.resident_id[0] + "*" * 16 + member.resident_id[-1]


async def test_phone_masked_by_default(graphql: GraphQLClient, world: World, member: Member) -> None:
    node = await fetch_member(graphql, member, world.gouxi_staff.login, reveal=False)

    assert node["phone"] == "138****5678"


async def test_masked_read_writes_no_audit(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], world: World, member: Member
) -> None:
    await fetch_member(graphql, member, world.gouxi_staff.login, reveal=False)

    assert await count_full_views(sessions) == 0


async def test_allowed_role_reveals_full_values(graphql: GraphQLClient, world: World, member: Member) -> None:
    node = await fetch_member(graphql, member, world.gouxi_staff.login, reveal=True)

    assert node["residentId"] == member.resident_id
    assert node["phone"] == PHONE


async def test_reveal_audits_each_field(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], world: World, member: Member
) -> None:
    await fetch_member(graphql, member, world.gouxi_staff.login, reveal=True)

    entries = await full_view_entries(sessions)
    assert sorted(entry.detail["field"] for entry in entries) == ["phone", "residentId"]
    assert {entry.actor_id for entry in entries} == {world.gouxi_staff.id}
    assert {(entry.entity_type, entry.entity_id) for entry in entries} == {("member", member.id)}


async def test_farmer_reveals_own_member(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], world: World, member: Member
) -> None:
    node = await fetch_member(graphql, member, world.gouxi_farmer.login, reveal=True)

    assert node["residentId"] == member.resident_id
    assert await count_full_views(sessions) == 2


async def test_dashboard_viewer_gets_no_member(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], world: World, member: Member
) -> None:
    response = await graphql.execute(
        MEMBER, {"id": global_id("Member", member.id), "reveal": True}, login=world.dashboard_viewer.login
    )

    assert response.data["node"] is None
    assert await count_full_views(sessions) == 0


async def test_missing_phone_reveal_not_audited(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], world: World
) -> None:
    member = world.gouxi_members[1]
    async with sessions() as session, session.begin():
        await session.execute(update(Member).where(Member.id == member.id).values(phone=None))

    response = await graphql.execute(
        REVEALED_PHONE,
        {"id": global_id("Member", member.id)},
        login=world.gouxi_staff.login,
    )

    assert response.data["node"] == {"phone": None}
    assert await count_full_views(sessions) == 0


async def test_repeated_reveal_audited_once(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], world: World
) -> None:
    response = await graphql.execute(
        HOUSEHOLD_MEMBERS, {"id": global_id("Household", world.gouxi_household.id)}, login=world.gouxi_staff.login
    )

    members = response.data["node"]["members"]
    assert [m["full"] for m in members] == [m.resident_id for m in world.gouxi_members]
    assert all(m["again"] == m["full"] for m in members)
    assert all(m["masked"] != m["full"] for m in members)
    assert await count_full_views(sessions) == len(world.gouxi_members)


async def test_reveal_through_application_list(
    graphql: GraphQLClient, sessions: async_sessionmaker[AsyncSession], world: World, member: Member
) -> None:
    await file_application(sessions, graphql.settings, world.gouxi_farmer, world.gouxi_household, member)
    response = await graphql.execute(REVEALED_APPLICANTS, login=world.kecheng_county.login)

    applicant = response.data["applications"]["edges"][0]["node"]["applicant"]
    assert applicant == {"residentId": member.resident_id}
    assert await count_full_views(sessions) == 1


async def test_bank_cannot_fetch_member(graphql: GraphQLClient, world: World, member: Member) -> None:
    response = await graphql.execute(
        MEMBER, {"id": global_id("Member", member.id), "reveal": True}, login=world.bank.login
    )

    assert response.data["node"] is None
