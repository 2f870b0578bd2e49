"""Accounts in the graph: the caller (``me``) and the actors of recorded transitions."""

from __future__ import annotations

import strawberry

from domain.accounts.models import Account
from resolvers.context import Info
from schema.approvals.enums import RoleEnum
from schema.regions.types import RegionType, load_region


@strawberry.type(name="Account", description="A user or machine account with a role and a jurisdiction.")
class AccountType:
    login: str
    display_name: str
    role: RoleEnum  # type: ignore[valid-type]
    jurisdiction_code: str
    household_id: strawberry.Private[int | None]

    @classmethod
    def from_model(cls, account: Account) -> AccountType:
        return cls(
            login=account.login,
            display_name=account.display_name,
            role=account.role,
            jurisdiction_code=account.jurisdiction_code,
            household_id=account.household_id,
        )

    @strawberry.field(description="The region this account may see and act in (管辖范围).")
    async def jurisdiction(self, info: Info) -> RegionType | None:
        return await load_region(info, self.jurisdiction_code)
