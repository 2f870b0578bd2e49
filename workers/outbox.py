"""Relay of the transactional outbox: events committed with a change are published afterwards.

There is no event bus yet, so publishing means logging the event and stamping ``published_at``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.database import create_engine, create_session_factory
from core.settings import get_settings
from domain.audit.models import OutboxEvent
from domain.clock import utc_now
from workers.app import celery_app

logger = logging.getLogger(__name__)

BATCH_SIZE = 100
# Batches per run, so one run stays bounded. Events left over wait for the next run.
MAX_BATCHES = 50


@celery_app.task(name="workers.relay_outbox_events")
def relay_outbox_events(
    database_url: str | None = None, batch_size: int = BATCH_SIZE, max_batches: int = MAX_BATCHES
) -> int:
    """Publish unpublished outbox events, oldest first, and return how many were published.

    The database comes from the hub's settings unless ``database_url`` names another one.
    """
    url = database_url or get_settings().database_url
    return asyncio.run(_relay_from(url, batch_size, max_batches))


async def _relay_from(database_url: str, batch_size: int, max_batches: int) -> int:
    engine = create_engine(database_url)
    try:
        return await relay_pending_events(create_session_factory(engine), utc_now, batch_size, max_batches)
    finally:
        await engine.dispose()


async def relay_pending_events(
    sessions: async_sessionmaker[AsyncSession],
    clock: Callable[[], datetime],
    batch_size: int,
    max_batches: int,
) -> int:
    """Mark events published in batches of ``batch_size``, one transaction per batch.

    On PostgreSQL each batch locks its rows with SKIP LOCKED, so concurrent relays never
    publish the same event twice. SQLite takes no row locks, so run one relay at a time there.
    """
    published = 0
    for _ in range(max_batches):
        async with sessions() as session, session.begin():
            query = (
                select(OutboxEvent)
                .where(OutboxEvent.published_at.is_(None))
                .order_by(OutboxEvent.created_at, OutboxEvent.id)
                .limit(batch_size)
                .with_for_update(skip_locked=True)
            )
            events = list(await session.scalars(query))
            now = clock()
            for event in events:
                # TODO: hand the event to the event bus here once there is one.
                logger.info(
                    "outbox_event_published id=%s type=%s aggregate=%s/%s",
                    event.id,
                    event.event_type,
                    event.aggregate_type,
                    event.aggregate_id,
                )
                event.published_at = now
        published += len(events)
        if len(events) < batch_size:
            return published

    logger.info("outbox_relay_stopped_at_limit published=%s max_batches=%s", published, max_batches)
    return published
