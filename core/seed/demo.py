"""Seed a database with demo villages, households, accounts and applications in every state."""

from __future__ import annotations

import logging
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.database import transaction
from core.reference_data import load_quzhou_regions
from core.seed.accounts import (
    ADMIN_LOGIN,
    FARMER_DEMO_LOGIN,
    DemoAccount,
    farmer_login,
    plan_staff_accounts,
    write_accounts,
)
from core.seed.chains import SeedChainError, SeedContext, run_chain, submit_invalid_form
from core.seed.filings import (
    DEFAULT_APPLICATIONS,
    ChainPlan,
    InvalidSubmission,
    plan_chains,
    plan_invalid_submissions,
)
from core.seed.land import BuildingNeedPlan, plan_building_needs
from core.seed.people import HouseholdPlan, plan_households, write_households
from core.seed.places import load_townships, plan_villages, write_county_limits, write_villages
from core.seed.scenarios import build_actions
from core.seed.timeline import days_since_last_action, draw_timings, place_chain
from core.settings import Settings
from domain.accounts.models import Account, Role
from domain.approvals.models import BuildingNeed
from domain.calendar.working_days import load_calendar
from domain.clock import local_date, utc_now
from domain.errors import DomainError, DomainErrors
from domain.regions.models import Region

logger = logging.getLogger(__name__)

PROGRESS_EVERY = 100
# One invalid submission per this many applications, and at least MIN_INVALID_SUBMISSIONS.
APPLICATIONS_PER_INVALID_SUBMISSION = 60
MIN_INVALID_SUBMISSIONS = 4


@dataclass
class SeedSummary:
    """Counts of what ``seed_demo`` wrote. All are zero when demo data was already present."""

    already_seeded: bool = False
    villages: int = 0
    households: int = 0
    members: int = 0
    homesteads: int = 0
    houses: int = 0
    building_needs: int = 0
    county_limits: int = 0
    accounts: int = 0
    applications: int = 0
    applications_by_status: dict[str, int] = field(default_factory=dict)
    overdue_applications: int = 0
    objections: int = 0
    open_objections: int = 0
    invalid_submissions_rejected: int = 0
    failed_chains: int = 0
    elapsed_seconds: float = 0.0


async def seed_demo(
    sessions: async_sessionmaker[AsyncSession],
    settings: Settings,
    *,
    households: int = 2000,
    applications: int | None = None,
    random_seed: int = 20261204,
    now: datetime | None = None,
) -> SeedSummary:
    """Write demo data unless the admin account or a demo village already exists.

    The data is the same for the same arguments on an empty database. Applications run
    through the real workflow with backdated times over the six months before ``now``
    (default: the current time), one transaction per application. ``applications``
    defaults to 600 and is capped by the number of households that may apply.
    Expects a migrated database; loads the official Quzhou regions itself.
    """
    if households < 1:
        raise ValueError(f"households must be at least 1, got {households}")
    if applications is not None and applications < 0:
        raise ValueError(f"applications must be 0 or more, got {applications}")
    now = now or utc_now()
    if now.tzinfo is None:
        raise ValueError(f"now must be timezone-aware, got {now!r}")
    now = now.astimezone(UTC)
    today = local_date(now)
    started = time.perf_counter()
    logger.info(
        "seed_started households=%s applications=%s random_seed=%s today=%s",
        households,
        applications,
        random_seed,
        today,
    )

    async with transaction(sessions) as session:
        if await _demo_data_exists(session):
            logger.info("seed_skipped reason=demo_data_exists")
            return SeedSummary(already_seeded=True)
        summary, context, chains = await _write_base_data(session, settings, households, applications, random_seed, now)

    submissions = plan_invalid_submissions(
        random.Random(f"{random_seed}:invalid-submissions"),
        context.households,
        max(MIN_INVALID_SUBMISSIONS, len(chains) // APPLICATIONS_PER_INVALID_SUBMISSION) if chains else 0,
    )
    summary.invalid_submissions_rejected = await _submit_invalid_forms(sessions, context, submissions, random_seed)
    await _run_chains(sessions, context, chains, random_seed, summary)

    summary.elapsed_seconds = round(time.perf_counter() - started, 2)
    logger.info(
        "seed_finished seconds=%.2f households=%s applications=%s failed_chains=%s by_status=%s",
        summary.elapsed_seconds,
        summary.households,
        summary.applications,
        summary.failed_chains,
        summary.applications_by_status,
    )
    return summary


async def _demo_data_exists(session: AsyncSession) -> bool:
    admin = await session.scalar(select(exists().where(Account.login == ADMIN_LOGIN)))
    demo_region = await session.scalar(select(exists().where(Region.is_demo.is_(True))))
    return bool(admin or demo_region)


async def _write_base_data(
    session: AsyncSession,
    settings: Settings,
    household_count: int,
    applications: int | None,
    random_seed: int,
    now: datetime,
) -> tuple[SeedSummary, SeedContext, list[ChainPlan]]:
    """Write regions, households, land, building needs and accounts in the caller's transaction."""
    today = local_date(now)
    await load_quzhou_regions(session)
    townships = await load_townships(session)
    villages = plan_villages(townships, random.Random(f"{random_seed}:villages"))
    plans = plan_households(random.Random(f"{random_seed}:households"), villages, household_count, today)
    requested = DEFAULT_APPLICATIONS if applications is None else applications
    chains = plan_chains(random.Random(f"{random_seed}:applications"), plans, requested, today)
    if len(chains) < requested and applications is not None:
        logger.warning(
            "seed_applications_capped requested=%s planned=%s reason=too_few_eligible_households",
            requested,
            len(chains),
        )
    needs = plan_building_needs(random.Random(f"{random_seed}:needs"), len(plans), today)

    await write_villages(session, villages)
    county_limits = await write_county_limits(session)
    rows = await write_households(session, plans)
    household_ids = [row.id for row in rows]
    _add_building_needs(session, needs, plans, household_ids)

    accounts = plan_staff_accounts(townships, villages)
    linked = _farmer_links(plans, chains, household_ids)
    accounts += [_farmer_account(plans[index], login) for login, index in linked.items() if login != FARMER_DEMO_LOGIN]
    actors = await write_accounts(session, accounts, {login: household_ids[index] for login, index in linked.items()})
    calendar = await load_calendar(session)

    summary = SeedSummary(
        villages=len(villages),
        households=len(plans),
        members=sum(len(plan.members) for plan in plans),
        homesteads=sum(len(plan.holdings) for plan in plans),
        houses=sum(1 for plan in plans for holding in plan.holdings if holding.house),
        building_needs=len(needs),
        county_limits=county_limits,
        accounts=len(accounts),
    )
    logger.info(
        "seed_base_written villages=%s households=%s members=%s homesteads=%s accounts=%s",
        summary.villages,
        summary.households,
        summary.members,
        summary.homesteads,
        summary.accounts,
    )
    context = SeedContext(settings, calendar, actors, plans, household_ids, now, today)
    return summary, context, chains


def _farmer_links(plans: list[HouseholdPlan], chains: list[ChainPlan], household_ids: list[int]) -> dict[str, int]:
    """Map each farmer login to the index of its household."""
    links = {
        chain.submitter_login: chain.household_index for chain in chains if chain.submitter_login.startswith("farmer-")
    }
    featured = [index for index, plan in enumerate(plans) if plan.featured]
    if featured:
        links[FARMER_DEMO_LOGIN] = featured[0]
    return links


def _farmer_account(plan: HouseholdPlan, login: str) -> DemoAccount:
    if login != farmer_login(plan.number):
        raise AssertionError(f"farmer login {login} does not match household {plan.number}")
    return DemoAccount(login, Role.FARMER, plan.village.code, plan.members[0].name)


def _add_building_needs(
    session: AsyncSession,
    needs: list[BuildingNeedPlan],
    plans: list[HouseholdPlan],
    household_ids: list[int],
) -> None:
    session.add_all(
        BuildingNeed(
            household_id=household_ids[need.household_index],
            village_code=plans[need.household_index].village.code,
            plan_period=need.plan_period,
            reason=need.reason,
            registered_at=need.registered_at,
        )
        for need in needs
    )


async def _submit_invalid_forms(
    sessions: async_sessionmaker[AsyncSession],
    context: SeedContext,
    submissions: list[InvalidSubmission],
    random_seed: int,
) -> int:
    rng = random.Random(f"{random_seed}:invalid-submission-times")
    rejected = 0
    for submission in submissions:
        at = context.now - timedelta(days=rng.randint(1, 180), minutes=rng.randint(0, 600))
        async with sessions() as session:
            try:
                rejected += await submit_invalid_form(session, context, submission, at)
            finally:
                await session.rollback()
    return rejected


async def _run_chains(
    sessions: async_sessionmaker[AsyncSession],
    context: SeedContext,
    chains: list[ChainPlan],
    random_seed: int,
    summary: SeedSummary,
) -> None:
    """Run every chain in its own transaction; a failed chain is logged and rolled back."""
    statuses: Counter[str] = Counter()
    started = time.perf_counter()
    for number, chain in enumerate(chains, start=1):
        rng = random.Random(f"{random_seed}:chain:{chain.index}")
        actions = build_actions(chain.scenario)
        timings = draw_timings(rng, actions)
        last_day = context.today - timedelta(days=days_since_last_action(rng, chain.scenario, context.settings))
        moments = place_chain(actions, timings, last_day, context.calendar, context.settings)
        try:
            async with transaction(sessions) as session:
                result = await run_chain(session, context, chain, actions, moments, rng)
        except (DomainError, DomainErrors, SeedChainError) as error:
            summary.failed_chains += 1
            logger.error(
                "seed_chain_failed chain=%s household_id=%s scenario=%s error=%s",
                chain.index,
                context.household_ids[chain.household_index],
                chain.scenario,
                error,
            )
            continue

        statuses[result.status.value] += 1
        summary.applications += 1
        summary.overdue_applications += result.overdue
        summary.objections += result.objections
        summary.open_objections += result.open_objections
        if number % PROGRESS_EVERY == 0:
            logger.info(
                "seed_applications_progress done=%s total=%s seconds=%.1f",
                number,
                len(chains),
                time.perf_counter() - started,
            )
    summary.applications_by_status = dict(sorted(statuses.items()))
