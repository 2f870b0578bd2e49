"""Logging set-up: structlog renders stdlib records, as JSON in production."""

from __future__ import annotations

import logging

import structlog

from core.settings import Settings


def configure_logging(settings: Settings) -> None:
    """Route every stdlib logger through one structlog formatter on stderr."""
    renderer: structlog.types.Processor = (
        structlog.processors.JSONRenderer() if settings.is_production else structlog.dev.ConsoleRenderer(colors=False)
    )
    formatter = structlog.stdlib.ProcessorFormatter(
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, renderer],
        foreign_pre_chain=[
            structlog.stdlib.add_log_level,
            structlog.stdlib.add_logger_name,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
        ],
    )
    handler = logging.StreamHandler()
    handler.setFormatter(formatter)

    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
