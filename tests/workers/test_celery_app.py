"""Celery configuration: the beat schedule and failing fast when Redis is down."""

from __future__ import annotations

import socket

import pytest
from kombu.exceptions import OperationalError

from core.settings import Settings
from workers.app import BEAT_SCHEDULE, create_celery


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_beat_schedules_outbox_relay() -> None:
    app = create_celery(Settings(redis_url="redis://127.0.0.1:6379/0"))

    assert app.conf.beat_schedule == BEAT_SCHEDULE
    assert BEAT_SCHEDULE["relay-outbox-events"]["task"] == "workers.relay_outbox_events"


def test_dead_redis_raises_operational_error() -> None:
    app = create_celery(Settings(redis_url=f"redis://127.0.0.1:{_closed_port()}/0"))

    with pytest.raises(OperationalError):
        app.send_task("workers.relay_outbox_events")


def test_embedded_mode_runs_tasks_eagerly() -> None:
    app = create_celery(Settings(redis_url=None))

    assert app.conf.task_always_eager is True
    assert app.conf.broker_url == "memory://"
