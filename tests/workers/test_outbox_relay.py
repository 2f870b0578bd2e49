"""The outbox relay task, run eagerly against the test database, and the Redis broker link."""

from __future__ import annotations

import asyncio
import logging
import os
from datetime import UTC, datetime, timedelta

import pytest
import redis
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.settings import Settings
from domain.audit.models import OutboxEvent
from tests.conftest import skip_or_fail
from workers.app import create_celery
from workers.outbox import relay_outbox_events

REDIS_URL = os.environ.get("NONGFANG_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
CREATED_AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


async def add_events(sessions: async_sessionmaker[AsyncSession], count: int) -> list[OutboxEvent]:
    events = [
        OutboxEvent(
            event_type="ApplicationSubmitted",
            aggregate_type="Application",
            aggregate_id=number,
            payload={"number": number},
            created_at=CREATED_AT + timedelta(minutes=number),
        )
        for number in range(count)
    ]
    async with sessions() as session, session.begin():
        session.add_all(events)
    return events


async def load_events(sessions: async_sessionmaker[AsyncSession]) -> list[OutboxEvent]:
    async with sessions() as session:
        return list(await session.scalars(select(OutboxEvent).order_by(OutboxEvent.created_at)))


async def run_relay(database_url: str, **options: int) -> int:
    """Run the task in a worker thread, because it starts its own event loop as a Celery worker would."""
    result = await asyncio.to_thread(relay_outbox_events.apply, kwargs={"database_url": database_url, **options})
    published = result.get(timeout=30)
    assert isinstance(published, int)
    return published


def as_utc(moment: datetime) -> datetime:
    """Make a stored time aware: SQLite returns naive datetimes for timezone-aware columns, in UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


async def test_relay_publishes_every_pending_event(
    database_url: str, sessions: async_sessionmaker[AsyncSession], caplog: pytest.LogCaptureFixture
) -> None:
    events = await add_events(sessions, 5)
    caplog.set_level(logging.INFO, logger="workers.outbox")

    published = await run_relay(database_url, batch_size=2)

    assert published == 5
    stored = await load_events(sessions)
    assert [event.published_at is not None for event in stored] == [True] * 5
    for event in events:
        assert str(event.id) in caplog.text


async def test_relay_skips_published_events(database_url: str, sessions: async_sessionmaker[AsyncSession]) -> None:
    already_published = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
    [first, _second] = await add_events(sessions, 2)
    async with sessions() as session, session.begin():
        stored_first = await session.get_one(OutboxEvent, first.id)
        stored_first.published_at = already_published

    published = await run_relay(database_url)

    assert published == 1
    stored = {event.id: event for event in await load_events(sessions)}
    published_at = stored[first.id].published_at
    assert published_at is not None
    assert as_utc(published_at) == already_published


async def test_relay_stops_after_max_batches(database_url: str, sessions: async_sessionmaker[AsyncSession]) -> None:
    await add_events(sessions, 5)

    published = await run_relay(database_url, batch_size=2, max_batches=2)

    assert published == 4
    stored = await load_events(sessions)
    assert [event.published_at is None for event in stored] == [False, False, False, False, True]


async def test_relay_with_no_events_publishes_none(
    database_url: str, sessions: async_sessionmaker[AsyncSession]
) -> None:
    published = await run_relay(database_url)

    assert published == 0


@pytest.mark.redis
def test_redis_broker_accepts_connection() -> None:
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        skip_or_fail(f"Redis at {REDIS_URL} is unreachable: {error}")
    finally:
        client.close()
    app = create_celery(Settings(redis_url=REDIS_URL))

    with app.connection_for_write() as connection:
        # Kombu's Redis transport sends PING when it opens the connection's first channel.
        connection.ensure_connection(max_retries=1, timeout=5)
        connected = connection.connected

    assert app.conf.task_always_eager is False
    assert connected is True
