"""Builders of valid records for tests; each accepts overrides for the case under test."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from core.reference_data import load_quzhou_regions
from core.settings import Settings
from domain.accounts.actor import Actor
from domain.accounts.models import Account, Role
from domain.approvals.forms import ApplicationForm, BuildingSpec, SiteSurvey
from domain.approvals.models import Application, BuildType
from domain.approvals.workflow import ApprovalWorkflow, StepAction
from domain.calendar.working_days import load_calendar
from domain.clock import utc_now
from domain.households.models import Gender, Household, Member, Relation
from domain.identity import make_resident_id
from domain.land.models import Homestead, HomesteadStatus, LandType, Zone
from domain.regions.models import Region, RegionLevel

# Gouxi township in Kecheng district and Yunxi township in Qujiang district (official codes).
GOUXI = "330802211"
YUNXI = "330803207"

_counter = itertools.count(1)


async def load_reference_regions(session: AsyncSession) -> None:
    await load_quzhou_regions(session)


async def make_village(session: AsyncSession, township_code: str = GOUXI, name: str = "") -> Region:
    number = next(_counter)
    village = Region(
        code=f"{township_code}{900 + number % 100:03d}",
        name=name or f"测试村{number}（演示数据）",
        level=RegionLevel.VILLAGE,
        parent_code=township_code,
        is_demo=True,
    )
    await session.merge(village)
    await session.flush()
    return village


async def make_household(
    session: AsyncSession, village_code: str, *, members: int = 2
) -> tuple[Household, list[Member]]:
    number = next(_counter)
    household = Household(
        household_number=f"T{number:08d}",
        village_code=village_code,
        address=f"测试地址{number}号",
    )
    session.add(household)
    await session.flush()

    people = []
    for index in range(members):
        birth = date(1970 + index, 1 + number % 12, 1 + number % 28)
        people.append(
            Member(
                household_id=household.id,
                name=f"测试{number}-{index}",
                resident_id=make_resident_id(village_code[:6], birth, (number * 10 + index) % 999 + 1),
                gender=Gender.MALE if index % 2 == 0 else Gender.FEMALE,
                birth_date=birth,
                relation=Relation.HEAD if index == 0 else Relation.SPOUSE,
                phone="13800000000",
            )
        )
    session.add_all(people)
    await session.flush()
    return household, people


async def make_homestead(
    session: AsyncSession, household: Household, *, status: HomesteadStatus = HomesteadStatus.HELD
) -> Homestead:
    homestead = Homestead(
        parcel_code=f"P{next(_counter):010d}",
        household_id=household.id,
        village_code=household.village_code,
        land_type=LandType.OTHER,
        area_m2=Decimal(110),
        status=status,
    )
    session.add(homestead)
    await session.flush()
    return homestead


async def make_account(
    session: AsyncSession,
    role: Role,
    jurisdiction_code: str,
    *,
    household_id: int | None = None,
) -> Account:
    number = next(_counter)
    account = Account(
        login=f"{role.value}-{number}",
        display_name=f"{role.value} {number}",
        role=role,
        jurisdiction_code=jurisdiction_code,
        household_id=household_id,
    )
    session.add(account)
    await session.flush()
    return account


def actor_of(account: Account) -> Actor:
    return Actor(
        account_id=account.id,
        login=account.login,
        role=account.role,
        jurisdiction_code=account.jurisdiction_code,
        household_id=account.household_id,
    )


def make_spec(**overrides: Any) -> BuildingSpec:
    spec = BuildingSpec(
        location="测试村12号",
        boundary_east="道路",
        boundary_south="张三宅",
        boundary_west="空地",
        boundary_north="山体",
        site_area_m2=Decimal(120),
        footprint_area_m2=Decimal(90),
        floor_area_m2=Decimal(250),
        storeys=3,
        eave_height_m=Decimal("9.6"),
        total_height_m=Decimal("12.5"),
        structure="砖混",
        roof_colour="青灰",
        wall_colour="白",
        old_house_treatment="无旧房",
    )
    return replace(spec, **overrides)


def make_form(household: Household, applicant: Member, **overrides: Any) -> ApplicationForm:
    form = ApplicationForm(
        household_id=household.id,
        applicant_resident_id=applicant.resident_id,
        build_type=BuildType.NEW_SITE,
        land_type=LandType.OTHER,
        zone=Zone.BUILDABLE,
        spec=make_spec(),
        pledge_signed=True,
    )
    return replace(form, **overrides)


async def make_application(
    session: AsyncSession,
    settings: Settings,
    account: Account,
    household: Household,
    applicant: Member,
    *,
    now: datetime | None = None,
    **form_overrides: Any,
) -> Application:
    """File an application through the workflow, as ``account`` at ``now`` (default: the current time)."""
    workflow = ApprovalWorkflow(session, settings, await load_calendar(session), now or utc_now())
    return await workflow.submit(actor_of(account), make_form(household, applicant, **form_overrides))


async def pass_current_step(
    session: AsyncSession,
    settings: Settings,
    account: Account,
    application: Application,
    *,
    now: datetime | None = None,
    survey: SiteSurvey | None = None,
) -> Application:
    """Pass the application's current step as ``account``, the owner of that step."""
    workflow = ApprovalWorkflow(session, settings, await load_calendar(session), now or utc_now())
    return await workflow.pass_step(actor_of(account), StepAction(application_id=application.id), survey)


async def withdraw_application(
    session: AsyncSession, settings: Settings, account: Account, application: Application
) -> Application:
    """Withdraw the application as ``account``, a farmer or grid worker of its household."""
    workflow = ApprovalWorkflow(session, settings, await load_calendar(session), utc_now())
    return await workflow.withdraw(actor_of(account), application.id, "测试撤回", None)


def resident_id_ending_in_x(address_code: str, birth: date) -> str:
    """Return a synthetic resident ID whose check character is X, to test its lower-case form."""
    for sequence in range(1, 1000):
        resident_id = make_resident_id(address_code, birth, sequence)
        if resident_id.endswith("X"):
            return resident_id
    raise ValueError(f"no sequence gives check character X for {address_code} born {birth}")
