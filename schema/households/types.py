"""Households (农户) and members in the graph, with personal data masked by default."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Self

import strawberry
from strawberry import relay

from domain.households.models import Gender, Household, Member, Relation
from domain.identity import mask_phone, mask_resident_id
from resolvers.context import Info
from resolvers.ids import lookup_key
from schema.land.types import HomesteadRecord, HouseRecord
from schema.permissions import FULL_VIEW_ROLES, roles_note
from schema.regions.types import RegionType, load_region

RelationEnum = strawberry.enum(Relation, name="Relation", description="Relation to the head of household (户主).")
GenderEnum = strawberry.enum(Gender, name="Gender", description="Gender as registered.")

REVEAL_NOTE = (
    "Masked by default; pass reveal: true for the full value, which is written to the audit log."
    + roles_note(FULL_VIEW_ROLES).replace("Allowed roles", " Roles that may reveal")
)


@strawberry.type(
    name="Member",
    description=(
        "A person registered in a household (户籍成员). Visible to the household's farmer and to staff "
        "in its jurisdiction; null for banks and dashboard viewers."
    ),
)
class MemberType(relay.Node):
    node_key: relay.NodeID[int]
    name: str
    gender: GenderEnum  # type: ignore[valid-type]
    relation: RelationEnum  # type: ignore[valid-type]
    birth_date: date
    resident_id_value: strawberry.Private[str]
    phone_value: strawberry.Private[str | None]

    @classmethod
    def from_model(cls, member: Member) -> Self:
        return cls(
            node_key=member.id,
            name=member.name,
            gender=member.gender,
            relation=member.relation,
            birth_date=member.birth_date,
            resident_id_value=member.resident_id,
            phone_value=member.phone,
        )

    @strawberry.field(description="Resident ID number (身份证号). " + REVEAL_NOTE)
    async def resident_id(self, info: Info, reveal: bool = False) -> str:
        if await _may_reveal(info, self.node_key, "residentId", reveal):
            return self.resident_id_value
        return mask_resident_id(self.resident_id_value)

    @strawberry.field(description="Mobile number (手机号). " + REVEAL_NOTE)
    async def phone(self, info: Info, reveal: bool = False) -> str | None:
        if self.phone_value is None:
            return None
        if await _may_reveal(info, self.node_key, "phone", reveal):
            return self.phone_value
        return mask_phone(self.phone_value)

    @classmethod
    async def resolve_nodes(  # type: ignore[override] # one coroutine serves strawberry's overloads
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Self | None]:
        members = await info.context.loaders.members_by_id.load_many([lookup_key(i) for i in node_ids])
        households = await info.context.loaders.households_by_id.load_many(
            [member.household_id if member else 0 for member in members]
        )
        return [
            cls.from_model(member) if member and household and _can_see(info, household) else None
            for member, household in zip(members, households, strict=True)
        ]


async def _may_reveal(info: Info, member_id: int, field: str, reveal: bool) -> bool:
    actor = info.context.actor
    if not reveal or actor is None or actor.role not in FULL_VIEW_ROLES:
        return False
    await info.context.loaders.full_view_audits.load((actor.account_id, member_id, field))
    return True


def _can_see(info: Info, household: Household) -> bool:
    actor = info.context.actor
    return actor is not None and actor.can_see_household(household.id, household.village_code)


@strawberry.type(
    name="Household",
    description=(
        "A registered rural household (农户); approvals are per household. Visible to its farmer and to "
        "staff in its jurisdiction; null for banks and dashboard viewers."
    ),
)
class HouseholdType(relay.Node):
    node_key: relay.NodeID[int]
    household_number: str
    address: str
    village_code: str

    @classmethod
    def from_model(cls, household: Household) -> Self:
        return cls(
            node_key=household.id,
            household_number=household.household_number,
            address=household.address,
            village_code=household.village_code,
        )

    @strawberry.field(description="The village (行政村) the household is registered in.")
    async def village(self, info: Info) -> RegionType | None:
        return await load_region(info, self.village_code)

    @strawberry.field(description="Registered members, in registration order.")
    async def members(self, info: Info) -> list[MemberType]:
        members = await info.context.loaders.members_by_household_id.load(self.node_key)
        return [MemberType.from_model(member) for member in members]

    @strawberry.field(description="Homesteads the land registry lists for the household (一户一宅 check).")
    async def homesteads(self, info: Info) -> list[HomesteadRecord]:
        rows = await info.context.loaders.homesteads_by_household_id.load(self.node_key)
        return [HomesteadRecord.from_model(row) for row in rows]

    @strawberry.field(description="Houses the house records list for the household.")
    async def houses(self, info: Info) -> list[HouseRecord]:
        rows = await info.context.loaders.houses_by_household_id.load(self.node_key)
        return [HouseRecord.from_model(row) for row in rows]

    @classmethod
    async def resolve_nodes(  # type: ignore[override] # one coroutine serves strawberry's overloads
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Self | None]:
        households = await info.context.loaders.households_by_id.load_many([lookup_key(i) for i in node_ids])
        return [
            cls.from_model(household) if household and _can_see(info, household) else None for household in households
        ]


def shows_personal_data(info: Info) -> bool:
    """Tell whether the caller's role may see personal data at all; no database access."""
    actor = info.context.actor
    return actor is not None and actor.can_see_personal_data


async def load_household(info: Info, household_id: int) -> HouseholdType | None:
    """Load a household for a field of a visible record; null where the caller may not see it."""
    if not shows_personal_data(info):
        return None
    household = await info.context.loaders.households_by_id.load(household_id)
    return HouseholdType.from_model(household) if household and _can_see(info, household) else None


async def load_member(info: Info, member_id: int) -> MemberType | None:
    """Load a member for a field of a visible application; null for roles without personal data.

    Only the role is checked: the application's visibility already limits its applicant to the
    caller's household or jurisdiction.
    """
    if not shows_personal_data(info):
        return None
    member = await info.context.loaders.members_by_id.load(member_id)
    return MemberType.from_model(member) if member else None
