"""Audit of unmasked personal data: every full view becomes one audit entry."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.audit.record import record_audit
from resolvers.loader import BatchLoader

logger = logging.getLogger(__name__)

# (actor account id, member id, field name)
FullViewKey = tuple[int, int, str]


def full_view_auditor(
    sessions: async_sessionmaker[AsyncSession], clock: Callable[[], datetime]
) -> BatchLoader[FullViewKey, bool]:
    """Write the audit entries of one request's full views in a single transaction."""

    async def batch(keys: list[FullViewKey]) -> list[bool]:
        now = clock()
        async with sessions() as session, session.begin():
            for actor_id, member_id, field in keys:
                record_audit(
                    session,
                    actor_id=actor_id,
                    action="personal_data.full_view",
                    entity_type="member",
                    entity_id=member_id,
                    occurred_at=now,
                    detail={"field": field},
                )
        logger.info("personal_data_full_view actor_id=%s count=%s", keys[0][0], len(keys))
        return [True] * len(keys)

    return BatchLoader(batch)
