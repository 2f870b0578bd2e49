"""Write audit entries and outbox events inside the caller's transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit.models import AuditEntry, OutboxEvent


def record_audit(
    session: AsyncSession,
    *,
    actor_id: int | None,
    action: str,
    entity_type: str,
    entity_id: int,
    occurred_at: datetime,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    entry = AuditEntry(
        actor_id=actor_id,
        action=action,
        entity_type=entity_type,
        entity_id=entity_id,
        occurred_at=occurred_at,
        detail=detail or {},
    )
    session.add(entry)
    return entry


def record_event(
    session: AsyncSession,
    *,
    event_type: str,
    aggregate_type: str,
    aggregate_id: int,
    created_at: datetime,
    payload: dict[str, Any],
) -> OutboxEvent:
    """Add an outbox row; it commits or rolls back together with the change it describes."""
    event = OutboxEvent(
        event_type=event_type,
        aggregate_type=aggregate_type,
        aggregate_id=aggregate_id,
        created_at=created_at,
        payload=payload,
    )
    session.add(event)
    return event
