"""The per-request GraphQL context: caller, locale, database sessions and loaders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TypeAlias

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket

from core.i18n import Locale
from core.settings import Settings
from domain.accounts.actor import Actor
from domain.calendar.working_days import WorkingDayCalendar
from resolvers.loaders import Loaders


@dataclass
class HubContext:
    request: Request | WebSocket
    response: Response | None
    settings: Settings
    sessions: async_sessionmaker[AsyncSession]
    calendar: WorkingDayCalendar
    actor: Actor | None
    locale: Locale
    loaders: Loaders
    now: datetime


Info: TypeAlias = strawberry.Info[HubContext, None]


def require_actor(info: Info) -> Actor:
    """Return the caller of a field whose permission class already required a valid token."""
    actor = info.context.actor
    if actor is None:
        raise RuntimeError(f"{info.field_name} reached without an actor; check its permission class")
    return actor
