"""Fixtures of the approval workflow tests."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.settings import Settings
from tests.approvals.scenario import Scenario


@pytest.fixture
async def scenario(sessions: async_sessionmaker[AsyncSession], settings: Settings) -> Scenario:
    return await Scenario.create(sessions, settings)
