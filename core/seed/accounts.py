"""Demo accounts: fixed logins for every role, plus staff for every demo township and village."""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy.ext.asyncio import AsyncSession

from core.seed.names import DEMO_SUFFIX, township_slug
from core.seed.places import (
    FEATURED_VILLAGE_BASES,
    GOUXI,
    GOUXI_DEMO_VILLAGE,
    KECHENG,
    QUJIANG,
    YUNXI,
    YUNXI_DEMO_VILLAGE,
    TownshipRef,
    VillagePlan,
)
from domain.accounts.actor import Actor
from domain.accounts.models import Account, Role

QUZHOU = "330800"
ADMIN_LOGIN = "admin"
FARMER_DEMO_LOGIN = "farmer-demo"


class DemoAccount(NamedTuple):
    login: str
    role: Role
    jurisdiction_code: str
    display_name: str


def officer_login(role: Role, village_code: str) -> str:
    """Return the demo login that acts for ``role`` on records of the village.

    Village roles log in as e.g. village-330802211901 and township roles as e.g.
    township-gouxi. Raises ValueError for a role that no village or township account has.
    """
    township_code = village_code[:9]
    if role is Role.VILLAGE_COMMITTEE:
        return f"village-{village_code}"
    if role is Role.GRID_WORKER:
        return f"grid-{village_code}"
    if role is Role.TOWNSHIP_STAFF:
        return f"township-{township_slug(township_code)}"
    if role is Role.TOWNSHIP_LEADER:
        return f"leader-{township_slug(township_code)}"
    raise ValueError(f"no village or township demo account has role {role.value}")


def township_accounts(code: str, name: str) -> list[DemoAccount]:
    """Return the staff and leader accounts of a township."""
    return [
        DemoAccount(officer_login(Role.TOWNSHIP_STAFF, code), Role.TOWNSHIP_STAFF, code, f"{name}农房审批员"),
        DemoAccount(officer_login(Role.TOWNSHIP_LEADER, code), Role.TOWNSHIP_LEADER, code, f"{name}分管领导"),
    ]


def village_accounts(code: str, name: str) -> list[DemoAccount]:
    """Return the committee and grid worker accounts of a village."""
    return [
        DemoAccount(officer_login(Role.VILLAGE_COMMITTEE, code), Role.VILLAGE_COMMITTEE, code, f"{name}村委会"),
        DemoAccount(officer_login(Role.GRID_WORKER, code), Role.GRID_WORKER, code, f"{name}网格员"),
    ]


def _county_accounts(code: str, name: str, slug: str) -> list[DemoAccount]:
    return [
        DemoAccount(f"county-{slug}", Role.COUNTY_AGRICULTURE, code, f"{name}农业农村局"),
        DemoAccount(f"county-nr-{slug}", Role.COUNTY_NATURAL_RESOURCES, code, f"{name}自然资源和规划分局"),
        DemoAccount(f"county-housing-{slug}", Role.COUNTY_HOUSING, code, f"{name}住房和城乡建设局"),
        DemoAccount(f"enforcement-{slug}", Role.ENFORCEMENT_OFFICER, code, f"{name}综合行政执法局"),
    ]


# Logins that the README lists. The seed also creates township-<pinyin> and leader-<pinyin>
# for every township, village-<code> and grid-<code> for every demo village, and
# farmer-<household number> for households that file their own application.
DEMO_ACCOUNTS: list[DemoAccount] = [
    DemoAccount(ADMIN_LOGIN, Role.ADMINISTRATOR, QUZHOU, "系统管理员"),
    DemoAccount("dashboard", Role.DASHBOARD_VIEWER, QUZHOU, "衢州市农房驾驶舱"),
    DemoAccount("bank-tailong", Role.BANK, QUZHOU, "泰隆银行（演示）"),
    *_county_accounts(KECHENG, "柯城区", "kecheng"),
    *_county_accounts(QUJIANG, "衢江区", "qujiang"),
    *township_accounts(GOUXI, "沟溪乡"),
    *village_accounts(GOUXI_DEMO_VILLAGE, FEATURED_VILLAGE_BASES[GOUXI] + DEMO_SUFFIX),
    DemoAccount(FARMER_DEMO_LOGIN, Role.FARMER, GOUXI_DEMO_VILLAGE, "演示农户"),
    *township_accounts(YUNXI, "云溪乡"),
    *village_accounts(YUNXI_DEMO_VILLAGE, FEATURED_VILLAGE_BASES[YUNXI] + DEMO_SUFFIX),
]


def farmer_login(household_number: str) -> str:
    return f"farmer-{household_number}"


def plan_staff_accounts(townships: list[TownshipRef], villages: list[VillagePlan]) -> list[DemoAccount]:
    """Return DEMO_ACCOUNTS plus a staff pair for every township and every demo village."""
    accounts = list(DEMO_ACCOUNTS)
    for township in townships:
        accounts += township_accounts(township.code, township.name)
    for village in villages:
        accounts += village_accounts(village.code, village.name)

    unique: dict[str, DemoAccount] = {}
    for account in accounts:
        unique.setdefault(account.login, account)
    return list(unique.values())


async def write_accounts(
    session: AsyncSession, accounts: list[DemoAccount], household_ids: dict[str, int]
) -> dict[str, Actor]:
    """Insert the accounts and return an actor per login for driving the workflow.

    ``household_ids`` maps each farmer login to its household.
    """
    rows = [
        Account(
            login=account.login,
            display_name=account.display_name,
            role=account.role,
            jurisdiction_code=account.jurisdiction_code,
            household_id=household_ids.get(account.login),
        )
        for account in accounts
    ]
    session.add_all(rows)
    await session.flush()
    return {
        row.login: Actor(
            account_id=row.id,
            login=row.login,
            role=row.role,
            jurisdiction_code=row.jurisdiction_code,
            household_id=row.household_id,
        )
        for row in rows
    }
