"""The /healthz endpoint: the database decides availability, Redis is reported when configured."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

import redis.asyncio as redis
from redis.exceptions import RedisError
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.requests import Request
from starlette.responses import JSONResponse

from core.settings import Settings

logger = logging.getLogger(__name__)

REDIS_PING_TIMEOUT_SECONDS = 1.0


def healthz_endpoint(settings: Settings, engine: AsyncEngine) -> Callable[[Request], Awaitable[JSONResponse]]:
    """Build the handler; it returns 503 only when the database is unreachable.

    Without Redis the graph still serves reads and writes, and only Celery tasks wait, so a
    Redis failure reports ``"status": "degraded"`` with HTTP 200.
    """

    async def healthz(_request: Request) -> JSONResponse:
        body = {"status": "ok", "database": "ok"}
        if not await _database_ok(engine):
            return JSONResponse({"status": "unavailable", "database": "unreachable"}, status_code=503)

        if settings.redis_url:
            redis_ok = await _redis_ok(settings.redis_url)
            body["redis"] = "ok" if redis_ok else "unreachable"
            if not redis_ok:
                body["status"] = "degraded"
        return JSONResponse(body)

    return healthz


async def _database_ok(engine: AsyncEngine) -> bool:
    try:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    except (SQLAlchemyError, OSError) as error:
        logger.warning("healthz_database_failed error=%s", type(error).__name__)
        return False
    return True


async def _redis_ok(url: str) -> bool:
    client = redis.from_url(
        url, socket_connect_timeout=REDIS_PING_TIMEOUT_SECONDS, socket_timeout=REDIS_PING_TIMEOUT_SECONDS
    )
    try:
        await client.ping()
    except (RedisError, OSError) as error:
        logger.warning("healthz_redis_failed error=%s", type(error).__name__)
        return False
    finally:
        await client.aclose()
    return True
