"""Benchmark a page of applications through GraphQL against plain SQLAlchemy Core.

Seeds the demo data with 1,000 applications into a fresh database, then prints, for a page
of 100 applications with applicant, household members and step history:

- the median time of the GraphQL execution (schema.execute, no HTTP),
- the median time of the same data fetched with Core SELECTs and serialised to JSON,
- their ratio, and the SQL statement count per page size (10, 50, 100).

Usage: python benchmarks/approvals_page.py [--database-url URL] [--rounds N]
Without --database-url a temporary SQLite file is used.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from core.calendar_cache import CalendarCache
from core.database import create_engine, create_session_factory
from core.i18n import Locale
from core.migrations import upgrade_to_head
from core.seed import seed_demo
from core.settings import Environment, Settings
from domain.accounts.actor import Actor
from domain.accounts.models import Account
from domain.approvals.models import Application, StepTransition
from domain.clock import utc_now
from domain.households.models import Member
from resolvers.context import HubContext
from resolvers.loaders import build_loaders
from schema.graph import build_schema

PAGE_QUERY = """
query Page($first: Int!) {
  applications(first: $first) {
    totalCount
    edges {
      node {
        id number status currentStep submittedAt
        applicant { name residentId }
        household { householdNumber members { name relation gender birthDate } }
        history { step action occurredAt opinion }
      }
    }
  }
}
"""


class StatementCounter:
    def __init__(self, engine: AsyncEngine) -> None:
        self.count = 0
        event.listen(engine.sync_engine, "before_cursor_execute", self._count)

    def _count(self, *_args: Any) -> None:
        self.count += 1


async def graphql_page(
    schema: Any,
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
    calendars: CalendarCache,
    actor: Actor,
    size: int,
) -> dict[str, Any]:
    """Execute the page query with a fresh context, as the app does for each request."""
    context = HubContext(
        request=None,  # type: ignore[arg-type]
        response=None,
        settings=settings,
        sessions=sessions,
        calendar=await calendars.get(),
        actor=actor,
        locale=Locale.ZH_CN,
        loaders=build_loaders(sessions, utc_now),
        now=utc_now(),
    )
    result = await schema.execute(PAGE_QUERY, variable_values={"first": size}, context_value=context)
    if result.errors:
        raise RuntimeError(result.errors)
    return dict(result.data or {})


async def core_page(engine: AsyncEngine, size: int) -> str:
    """Fetch the same fields with three Core SELECTs and serialise them, as the floor to compare with."""
    async with engine.connect() as connection:
        apps = (
            await connection.execute(
                select(
                    Application.id,
                    Application.number,
                    Application.status,
                    Application.current_step,
                    Application.submitted_at,
                    Application.applicant_id,
                    Application.household_id,
                )
                .order_by(Application.id.desc())
                .limit(size)
            )
        ).all()
        app_ids = [row.id for row in apps]
        household_ids = {row.household_id for row in apps}
        members = (
            await connection.execute(
                select(
                    Member.id,
                    Member.household_id,
                    Member.name,
                    Member.resident_id,
                    Member.relation,
                    Member.gender,
                    Member.birth_date,
                ).where(Member.household_id.in_(household_ids))
            )
        ).all()
        transitions = (
            await connection.execute(
                select(
                    StepTransition.application_id,
                    StepTransition.step,
                    StepTransition.action,
                    StepTransition.occurred_at,
                    StepTransition.opinion,
                )
                .where(StepTransition.application_id.in_(app_ids))
                .order_by(StepTransition.id)
            )
        ).all()

    by_household: dict[int, list[dict[str, Any]]] = defaultdict(list)
    by_id: dict[int, Any] = {}
    for member in members:
        by_id[member.id] = member
        by_household[member.household_id].append(
            {
                "name": member.name,
                "relation": member.relation,
                "gender": member.gender,
                "birthDate": member.birth_date.isoformat(),
            }
        )
    history: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in transitions:
        history[row.application_id].append(
            {
                "step": int(row.step),
                "action": row.action,
                "occurredAt": row.occurred_at.isoformat(),
                "opinion": row.opinion,
            }
        )
    page = [
        {
            "id": row.id,
            "number": row.number,
            "status": row.status,
            "currentStep": int(row.current_step),
            "submittedAt": row.submitted_at.isoformat(),
            "applicant": {"name": by_id[row.applicant_id].name, "residentId": by_id[row.applicant_id].resident_id},
            "household": {"members": by_household[row.household_id]},
            "history": history[row.id],
        }
        for row in apps
    ]
    return json.dumps(page, ensure_ascii=False)


async def median_seconds(rounds: int, action: Any) -> float:
    timings = []
    for _ in range(rounds):
        started = time.perf_counter()
        await action()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


async def run(database_url: str, rounds: int) -> None:
    settings = Settings(environment=Environment.TEST, database_url=database_url)
    engine = create_engine(database_url)
    sessions = create_session_factory(engine)

    started = time.perf_counter()
    summary = await seed_demo(sessions, settings, households=1500, applications=1000)
    print(f"seeded in {time.perf_counter() - started:.1f} s: {summary}")

    async with sessions() as session:
        admin = (await session.scalars(select(Account).where(Account.login == "admin"))).one()
    actor = Actor(admin.id, admin.login, admin.role, admin.jurisdiction_code)
    schema = build_schema(settings)
    calendars = CalendarCache(sessions)
    await calendars.get()
    counter = StatementCounter(engine)

    print("page size | SQL statements (GraphQL)")
    for size in (10, 50, 100):
        before = counter.count
        await graphql_page(schema, settings, sessions, calendars, actor, size)
        print(f"{size:9d} | {counter.count - before}")

    await graphql_page(schema, settings, sessions, calendars, actor, 100)  # warm caches
    graphql_median = await median_seconds(
        rounds, lambda: graphql_page(schema, settings, sessions, calendars, actor, 100)
    )
    core_median = await median_seconds(rounds, lambda: core_page(engine, 100))
    print(f"GraphQL page of 100: median {graphql_median * 1000:.1f} ms over {rounds} rounds")
    print(f"Core SELECT + JSON floor: median {core_median * 1000:.1f} ms over {rounds} rounds")
    print(f"ratio: {graphql_median / core_median:.2f} (target: at most 4)")
    await engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--database-url", help="An empty database to seed; default: a temporary SQLite file.")
    parser.add_argument("--rounds", type=int, default=30, help="Timed executions per variant.")
    args = parser.parse_args()

    if args.database_url:
        # Alembic's env.py runs its own event loop, so migrate before entering ours.
        upgrade_to_head(args.database_url)
        asyncio.run(run(args.database_url, args.rounds))
        return
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
        upgrade_to_head(url)
        asyncio.run(run(url, args.rounds))


if __name__ == "__main__":
    main()
