"""The migrations produce exactly the schema the models declare, and keep rows when run."""

from __future__ import annotations

import asyncio

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection, func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from core.database import Base
from core.migrations import alembic_config
from core.settings import Settings
from domain.accounts.models import Role
from domain.approvals.models import Application, ApprovalStep
from tests import factories


def _differences(connection: Connection) -> list[object]:
    context = MigrationContext.configure(connection, opts={"compare_type": False})
    return list(compare_metadata(context, Base.metadata))


async def test_migrations_match_models(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        differences = await connection.run_sync(_differences)

    assert differences == [], "models changed without a migration; generate one with alembic revision --autogenerate"


async def test_migrations_round_trip_keeps_rows(
    database_url: str, engine: AsyncEngine, sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        village = await factories.make_village(session)
        household, members = await factories.make_household(session, village.code)
        farmer = await factories.make_account(session, Role.FARMER, village.code, household_id=household.id)
        await factories.make_application(session, settings, farmer, household, members[0])
    config = alembic_config(database_url)

    # Alembic's env.py runs its own event loop, so it runs in a worker thread here.
    await asyncio.to_thread(command.downgrade, config, "0001")
    await asyncio.to_thread(command.upgrade, config, "head")

    async with sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Application)) == 1
        assert await session.scalar(select(func.count()).select_from(ApprovalStep)) == 2
    async with engine.connect() as connection:
        assert await connection.run_sync(_differences) == []
