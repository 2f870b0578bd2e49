"""/healthz reports the database and, when configured, Redis."""

from __future__ import annotations

import os
import socket

import httpx
from redis import Redis
from redis.exceptions import RedisError

from core.app import create_app
from core.settings import Settings
from tests.conftest import skip_or_fail

REDIS_URL = os.environ.get("NONGFANG_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def _healthz(settings: Settings) -> httpx.Response:
    app = create_app(settings)
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://hub.test") as client:
            return await client.get("/healthz")
    finally:
        await app.state.engine.dispose()


async def test_healthz_without_redis_configured(settings: Settings) -> None:
    response = await _healthz(settings.model_copy(update={"redis_url": None}))

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


async def test_healthz_reports_live_redis(settings: Settings) -> None:
    try:
        Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except (RedisError, OSError) as error:
        skip_or_fail(f"Redis at {REDIS_URL} is unreachable: {error}")

    response = await _healthz(settings.model_copy(update={"redis_url": REDIS_URL}))

    assert response.status_code == 200
    assert response.json()["redis"] == "ok"


async def test_healthz_degraded_without_redis(settings: Settings) -> None:
    response = await _healthz(settings.model_copy(update={"redis_url": f"redis://127.0.0.1:{_closed_port()}/0"}))

    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "redis": "unreachable"}


async def test_healthz_unavailable_without_database(settings: Settings) -> None:
    unreachable = "postgresql+asyncpg://postgres@127.0.0.1:" + str(_closed_port()) + "/none"

    response = await _healthz(settings.model_copy(update={"database_url": unreachable}))

    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"
