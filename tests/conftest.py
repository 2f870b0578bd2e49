"""Shared fixtures: a migrated database per backend, cleaned after every test.

SQLite always runs. PostgreSQL runs against ``NONGFANG_TEST_POSTGRES_URL`` (default: the
local server); each test session creates its own database there and drops it at the end.
When the server is unreachable those tests skip, unless ``NONGFANG_TEST_REQUIRE_SERVICES=1``
turns the skip into a failure (CI sets it).
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

import domain.models  # noqa: F401 - registers every table
from core.app import create_app
from core.database import Base, create_engine, create_session_factory
from core.migrations import upgrade_to_head
from core.settings import Environment, Settings
from tests.factories import load_reference_regions
from tests.graphql_client import GraphQLClient

POSTGRES_ADMIN_URL = os.environ.get(
    "NONGFANG_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
)
REQUIRE_SERVICES = os.environ.get("NONGFANG_TEST_REQUIRE_SERVICES") == "1"


def skip_or_fail(reason: str) -> None:
    """Skip a test whose external service is missing, or fail when CI requires services."""
    if REQUIRE_SERVICES:
        pytest.fail(f"{reason} (NONGFANG_TEST_REQUIRE_SERVICES=1 requires it)")
    pytest.skip(reason)


async def _postgres_reachable() -> str | None:
    engine = create_engine(POSTGRES_ADMIN_URL)
    try:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    except (OSError, Exception) as error:
        return f"PostgreSQL at {POSTGRES_ADMIN_URL} is unreachable: {error}"
    finally:
        await engine.dispose()
    return None


async def _create_postgres_database(name: str) -> str:
    engine = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    async with engine.connect() as connection:
        await connection.execute(text(f'CREATE DATABASE "{name}"'))
    await engine.dispose()
    return POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"


async def _drop_postgres_database(name: str) -> None:
    engine = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    async with engine.connect() as connection:
        await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    await engine.dispose()


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A freshly migrated database with Quzhou's reference regions, one per backend."""
    if request.param == "sqlite":
        path = Path(tmp_path_factory.mktemp("sqlite")) / "hub.db"
        url = f"sqlite+aiosqlite:///{path}"
        upgrade_to_head(url)
        asyncio.run(_load_regions(url))
        yield url
        return

    reason = asyncio.run(_postgres_reachable())
    if reason is not None:
        skip_or_fail(reason)
    name = f"nongfang_test_{uuid.uuid4().hex[:12]}"
    url = asyncio.run(_create_postgres_database(name))
    try:
        upgrade_to_head(url)
        asyncio.run(_load_regions(url))
        yield url
    finally:
        asyncio.run(_drop_postgres_database(name))


async def _load_regions(url: str) -> None:
    engine = create_engine(url)
    sessions = create_session_factory(engine)
    async with sessions() as session, session.begin():
        await load_reference_regions(session)
    await engine.dispose()


@pytest.fixture
def backend(database_url: str) -> str:
    return "postgres" if database_url.startswith("postgresql") else "sqlite"


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(database_url)
    yield engine
    await _delete_test_rows(engine)
    await engine.dispose()


# Reference data that stays for the whole session; every other table is emptied per test.
KEPT_TABLES = frozenset({"region", "alembic_version"})


async def _delete_test_rows(engine: AsyncEngine) -> None:
    async with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            if table.name in KEPT_TABLES:
                continue
            if table.name == "audit_entry" and engine.dialect.name == "postgresql":
                # The append-only trigger rejects DELETE; TRUNCATE bypasses row triggers.
                await connection.execute(text("TRUNCATE audit_entry"))
                continue
            await connection.execute(table.delete())
        await connection.execute(text("DELETE FROM region WHERE is_demo = :demo"), {"demo": True})


@pytest.fixture
def sessions(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return create_session_factory(engine)


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(
        environment=Environment.TEST,
        database_url=database_url,
        secret="test-secret-that-is-long-enough-for-hs256",
    )


@pytest.fixture
async def graphql(settings: Settings, engine: AsyncEngine) -> AsyncIterator[GraphQLClient]:
    """A client of a hub app bound to this test's database."""
    app = create_app(settings)
    yield GraphQLClient(app, settings)
    await app.state.engine.dispose()
