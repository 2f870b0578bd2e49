"""Database set-up steps behind the CLI: migrate, seed the demo, mint demo tokens."""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy import select

from core.auth import mint_token
from core.database import create_engine, create_session_factory, transaction
from core.reference_data import load_quzhou_regions
from core.settings import Settings
from domain.accounts.models import Account
from domain.clock import utc_now

logger = logging.getLogger(__name__)


def migrate_database(settings: Settings) -> None:
    """Apply migrations, then load the official region codes (idempotent)."""
    # Imported here so that other commands do not load Alembic and its log output.
    from core.migrations import upgrade_to_head

    upgrade_to_head(settings.database_url)
    asyncio.run(_load_regions(settings))


async def _load_regions(settings: Settings) -> None:
    engine = create_engine(settings.database_url)
    try:
        async with transaction(create_session_factory(engine)) as session:
            await load_quzhou_regions(session)
    finally:
        await engine.dispose()


async def seed_database(settings: Settings, *, households: int) -> None:
    from core.seed import seed_demo

    engine = create_engine(settings.database_url)
    try:
        summary = await seed_demo(create_session_factory(engine), settings, households=households)
        logger.info("demo_seeded summary=%s", summary)
    finally:
        await engine.dispose()


async def token_for(settings: Settings, login: str) -> str | None:
    engine = create_engine(settings.database_url)
    try:
        async with create_session_factory(engine)() as session:
            account = await session.scalar(select(Account).where(Account.login == login))
    finally:
        await engine.dispose()
    if account is None:
        return None
    return mint_token(settings, account.login, utc_now())
