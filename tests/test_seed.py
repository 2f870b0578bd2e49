"""The demo seed on SQLite and PostgreSQL: coverage of roles and states, valid data, reruns."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.database import Base
from core.seed import DEMO_ACCOUNTS, SeedSummary, seed_demo
from core.seed.accounts import FARMER_DEMO_LOGIN
from core.seed.filings import plan_chains
from core.seed.people import plan_households
from core.seed.places import (
    GOUXI_DEMO_VILLAGE,
    SEEDED_COUNTIES,
    TownshipRef,
    plan_villages,
)
from core.settings import Settings
from domain.accounts.models import Account, Role
from domain.approvals.models import (
    Application,
    ApplicationStatus,
    ApprovalStep,
    Objection,
    Step,
    StepOutcome,
)
from domain.approvals.rules import PROVINCIAL_AREA_CAPS_M2
from domain.audit.models import OutboxEvent
from domain.clock import local_date
from domain.households.models import Household, Member
from domain.identity import (
    birth_date_of_resident_id,
    gender_of_resident_id,
    normalize_mobile,
    normalize_name,
    normalize_resident_id,
)
from domain.land.models import CountyHomesteadLimit, Homestead, HomesteadStatus, House
from domain.regions.models import Region, RegionLevel

# A fixed moment in a year that chinesecalendar 1.11 covers, so due dates are confirmed.
NOW = datetime(2026, 11, 2, 2, 0, tzinfo=UTC)
TODAY = local_date(NOW)
HOUSEHOLDS = 60
APPLICATIONS = 40


@pytest.fixture
async def seeded(sessions: async_sessionmaker[AsyncSession], settings: Settings) -> SeedSummary:
    return await seed_demo(sessions, settings, households=HOUSEHOLDS, applications=APPLICATIONS, now=NOW)


def test_demo_accounts_cover_every_role() -> None:
    roles = {account.role for account in DEMO_ACCOUNTS}
    logins = [account.login for account in DEMO_ACCOUNTS]

    assert roles == set(Role)
    assert len(logins) == len(set(logins))


async def test_seed_creates_listed_accounts(seeded: SeedSummary, sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        rows = {row.login: row for row in await session.scalars(select(Account))}

    assert {row.role for row in rows.values()} == set(Role)
    for account in DEMO_ACCOUNTS:
        assert account.login in rows
        assert rows[account.login].role is account.role
        assert rows[account.login].jurisdiction_code == account.jurisdiction_code
    assert seeded.accounts == len(rows)


async def test_seed_covers_steps_and_statuses(seeded: SeedSummary, sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        applications = list(await session.scalars(select(Application)))
        opened_steps = set(await session.scalars(select(ApprovalStep.step).distinct()))
        overdue = await session.scalar(
            select(func.count())
            .select_from(Application)
            .join(
                ApprovalStep,
                (ApprovalStep.application_id == Application.id) & (ApprovalStep.step == Application.current_step),
            )
            .where(
                Application.status == ApplicationStatus.IN_PROGRESS,
                ApprovalStep.outcome == StepOutcome.OPEN,
                ApprovalStep.due_date < TODAY,
            )
        )

    statuses = {application.status for application in applications}
    current_steps = {
        application.current_step for application in applications if application.status is ApplicationStatus.IN_PROGRESS
    }
    assert seeded.failed_chains == 0
    assert len(applications) == APPLICATIONS
    assert statuses == set(ApplicationStatus)
    assert current_steps == set(Step) - {Step.ONLINE_APPLICATION}
    assert opened_steps == set(Step)
    assert overdue
    assert overdue == seeded.overdue_applications


async def test_seed_history_lies_in_past(seeded: SeedSummary, sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        first, last = (
            await session.execute(select(func.min(Application.submitted_at), func.max(Application.submitted_at)))
        ).one()
        unpublished = await session.scalar(
            select(func.count()).select_from(OutboxEvent).where(OutboxEvent.published_at.is_(None))
        )

    assert seeded.applications == APPLICATIONS
    assert local_date(_as_utc(first)) >= TODAY - timedelta(days=200)
    assert _as_utc(last) < NOW
    assert unpublished == 0


async def test_seed_records_objections_and_invalid_submissions(
    seeded: SeedSummary, sessions: async_sessionmaker[AsyncSession]
) -> None:
    async with sessions() as session:
        objections = list(await session.scalars(select(Objection)))

    assert any(objection.resolved_at is None for objection in objections)
    assert any(objection.resolved_at is not None for objection in objections)
    assert seeded.open_objections == sum(o.resolved_at is None for o in objections)
    assert seeded.invalid_submissions_rejected >= 4


async def test_seed_members_have_valid_identifiers(
    seeded: SeedSummary, sessions: async_sessionmaker[AsyncSession]
) -> None:
    async with sessions() as session:
        rows = (await session.execute(select(Member, Household).join(Household))).all()

    assert len(rows) == seeded.members
    for member, household in rows:
        assert normalize_resident_id(member.resident_id, "residentId") == member.resident_id
        assert member.resident_id[:6] == household.village_code[:6]
        assert gender_of_resident_id(member.resident_id) == member.gender.value
        assert birth_date_of_resident_id(member.resident_id) == member.birth_date
        assert normalize_name(member.name, "name") == member.name
        if member.phone is not None:
            assert normalize_mobile(member.phone, "phone") == member.phone
    assert any(ord(character) > 0xFFFF for member, _ in rows for character in member.name)


async def test_seed_marks_villages_as_demo(seeded: SeedSummary, sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        villages = list(await session.scalars(select(Region).where(Region.level == RegionLevel.VILLAGE)))
        townships = set(
            await session.scalars(
                select(Region.code).where(Region.parent_code.in_(SEEDED_COUNTIES), Region.is_demo.is_(False))
            )
        )

    assert len(villages) == seeded.villages
    for village in villages:
        assert village.is_demo
        assert len(village.code) == 12
        assert village.code[9] == "9"
        assert village.name.endswith("（演示）")
        assert village.parent_code in townships
    assert {village.parent_code for village in villages} == townships


async def test_seed_land_has_irregular_cases(seeded: SeedSummary, sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        per_household = await session.execute(
            select(Homestead.household_id, func.count()).group_by(Homestead.household_id)
        )
        idle = await session.scalar(
            select(func.count()).select_from(Homestead).where(Homestead.status == HomesteadStatus.IDLE)
        )
        transferred = await session.scalar(select(func.count()).select_from(House).where(House.transferred.is_(True)))
        limits = list(await session.scalars(select(CountyHomesteadLimit)))

    assert any(count > 1 for _, count in per_household)
    assert idle
    assert transferred
    assert limits
    for limit in limits:
        assert limit.max_area_m2 <= PROVINCIAL_AREA_CAPS_M2[limit.land_type]


async def test_farmer_demo_has_open_application(
    seeded: SeedSummary, sessions: async_sessionmaker[AsyncSession]
) -> None:
    async with sessions() as session:
        farmer = await session.scalar(select(Account).where(Account.login == FARMER_DEMO_LOGIN))
        assert farmer is not None
        application = await session.scalar(select(Application).where(Application.household_id == farmer.household_id))
        household = await session.get(Household, farmer.household_id)

    assert household is not None
    assert household.village_code == GOUXI_DEMO_VILLAGE
    assert farmer.jurisdiction_code == GOUXI_DEMO_VILLAGE
    assert application is not None
    assert application.status is ApplicationStatus.IN_PROGRESS
    assert application.submitted_by_id == farmer.id


async def test_seed_twice_adds_nothing(
    seeded: SeedSummary,
    sessions: async_sessionmaker[AsyncSession],
    settings: Settings,
) -> None:
    before = await _row_counts(sessions)

    again = await seed_demo(sessions, settings, households=HOUSEHOLDS, applications=APPLICATIONS, now=NOW)

    assert not seeded.already_seeded
    assert again.already_seeded
    assert again.households == 0
    assert await _row_counts(sessions) == before


def test_seed_plan_is_deterministic() -> None:
    townships = [
        TownshipRef("330802211", "沟溪乡", RegionLevel.TOWNSHIP),
        TownshipRef("330803207", "云溪乡", RegionLevel.TOWNSHIP),
        TownshipRef("330802009", "白云街道", RegionLevel.SUBDISTRICT),
    ]

    first = _plan(townships, seed=7)
    second = _plan(townships, seed=7)
    other = _plan(townships, seed=8)

    assert first == second
    assert first != other


def _plan(townships: list[TownshipRef], seed: int) -> tuple[object, ...]:
    villages = plan_villages(townships, random.Random(f"{seed}:villages"))
    households = plan_households(random.Random(f"{seed}:households"), villages, 50, TODAY)
    chains = plan_chains(random.Random(f"{seed}:applications"), households, 30, TODAY)
    return tuple(villages), tuple(households), tuple(chains)


async def _row_counts(sessions: async_sessionmaker[AsyncSession]) -> dict[str, int]:
    async with sessions() as session:
        counts: dict[str, int] = {}
        for table in Base.metadata.sorted_tables:
            counts[table.name] = await session.scalar(select(func.count()).select_from(table)) or 0
        return counts


def _as_utc(moment: datetime) -> datetime:
    # SQLite returns the stored UTC wall time without an offset.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
