"""The ASGI application: Starlette routes, GraphQL view, authentication and lifespan."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from core.authentication import BearerAuthMiddleware
from core.calendar_cache import CalendarCache
from core.database import create_engine, create_session_factory
from core.i18n import negotiate_locale
from core.settings import Environment, Settings, get_settings
from domain.clock import utc_now
from resolvers.context import HubContext
from resolvers.loaders import build_loaders
from schema.graph import build_schema

logger = logging.getLogger(__name__)


class HubGraphQL(GraphQL[HubContext, None]):
    """The /graphql endpoint; it builds a fresh context (and loaders) per request."""

    def __init__(
        self,
        settings: Settings,
        sessions: async_sessionmaker[AsyncSession],
        clock: Callable[[], datetime],
    ) -> None:
        super().__init__(
            build_schema(settings),
            graphql_ide="graphiql" if settings.environment is Environment.DEVELOPMENT else None,
            allow_queries_via_get=True,
        )
        self.settings = settings
        self.sessions = sessions
        self.clock = clock
        self.calendars = CalendarCache(sessions)

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket) -> HubContext:
        return HubContext(
            request=request,
            response=response if isinstance(response, Response) else None,
            settings=self.settings,
            sessions=self.sessions,
            calendar=await self.calendars.get(),
            actor=request.scope.get("state", {}).get("actor"),
            locale=negotiate_locale(request.headers.get("accept-language")),
            loaders=build_loaders(self.sessions, self.clock),
            now=self.clock(),
        )


def create_app(settings: Settings | None = None, clock: Callable[[], datetime] = utc_now) -> Starlette:
    """Build the hub's ASGI app; the engine is disposed when the app shuts down."""
    settings = settings or get_settings()
    engine = create_engine(settings.database_url)
    sessions = create_session_factory(engine)

    async def healthz(_request: Request) -> JSONResponse:
        try:
            async with engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
        except (SQLAlchemyError, OSError) as error:
            logger.warning("healthz_database_failed error=%s", type(error).__name__)
            return JSONResponse({"status": "unavailable", "database": "unreachable"}, status_code=503)
        return JSONResponse({"status": "ok", "database": "ok"})

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        logger.info(
            "hub_started environment=%s database=%s",
            settings.environment,
            engine.url.render_as_string(),
        )
        yield
        await engine.dispose()
        logger.info("hub_stopped")

    graphql = HubGraphQL(settings, sessions, clock)
    app = Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"]),
            Route("/healthz", healthz, methods=["GET"]),
        ],
        middleware=[Middleware(BearerAuthMiddleware, settings=settings, sessions=sessions)],
        lifespan=lifespan,
    )
    # Exposed so that in-process clients that skip the lifespan can still dispose it.
    app.state.engine = engine
    return app
