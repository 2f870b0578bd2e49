"""The Celery application, configured from the hub's settings.

With ``NONGFANG_REDIS_URL`` set, Redis is the broker, a worker
runs the tasks (``celery -A workers.app worker``) and beat schedules the periodic ones
(``celery -A workers.app beat``). Without it, tasks run eagerly in the calling process on an
in-memory broker, so a laptop or a test needs no Redis.
"""

from __future__ import annotations

from datetime import timedelta

from celery import Celery

from core.settings import Settings, get_settings

REDIS_TIMEOUT_SECONDS = 5.0

# Periodic tasks; beat sends them only when a broker (Redis) is configured.
BEAT_SCHEDULE = {
    "relay-outbox-events": {
        "task": "workers.relay_outbox_events",
        "schedule": timedelta(seconds=10),
        # A relay that waited longer than its interval is dropped; the next one covers it.
        "options": {"expires": 10},
    },
}


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
        beat_schedule=BEAT_SCHEDULE,
        # A task that hangs is killed rather than holding a worker slot for ever.
        task_soft_time_limit=240,
        task_time_limit=300,
    )
    if settings.redis_url:
        app.conf.update(
            broker_url=settings.redis_url,
            # Tasks report through the database and logs; no result backend to wait on.
            task_ignore_result=True,
            # Fail within seconds when Redis is down, instead of blocking the caller.
            broker_connection_timeout=REDIS_TIMEOUT_SECONDS,
            broker_transport_options={"socket_connect_timeout": REDIS_TIMEOUT_SECONDS},
            redis_socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
            redis_socket_timeout=REDIS_TIMEOUT_SECONDS,
            task_publish_retry_policy={"max_retries": 2, "interval_start": 0, "interval_step": 1, "interval_max": 2},
        )
    else:
        app.conf.update(
            broker_url="memory://",
            result_backend="cache+memory://",
            task_always_eager=True,
            task_eager_propagates=True,
        )
    return app


celery_app = create_celery(get_settings())
