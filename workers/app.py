"""The Celery application, configured from the hub's settings.

With ``NONGFANG_REDIS_URL`` set, Redis is both the broker and the result backend, and a
worker runs the tasks (``celery -A workers.app worker``). Without it, tasks run eagerly in
the calling process on an in-memory broker, so a laptop or a test needs no Redis.
"""

from __future__ import annotations

from celery import Celery

from core.settings import Settings, get_settings


def create_celery(settings: Settings) -> Celery:
    """Build a Celery app that sends tasks to Redis, or runs them in place when Redis is not set."""
    app = Celery("nongfang", include=["workers.outbox"])
    app.conf.update(
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        enable_utc=True,
        timezone="UTC",
        broker_connection_retry_on_startup=True,
    )
    if settings.redis_url:
        app.conf.update(broker_url=settings.redis_url, result_backend=settings.redis_url)
    else:
        app.conf.update(
            broker_url="memory://",
            result_backend="cache+memory://",
            task_always_eager=True,
            task_eager_propagates=True,
        )
    return app


celery_app = create_celery(get_settings())
