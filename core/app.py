"""The ASGI application: Starlette routes, GraphQL view, authentication and lifespan."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

from cross_web import AsyncHTTPRequestAdapter, HTTPException
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.http.types import QueryParams
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.types import ExecutionResult

from core.authentication import BearerAuthMiddleware
from core.body_limit import BodySizeLimitMiddleware
from core.calendar_cache import CalendarCache
from core.database import create_engine, create_session_factory
from core.health import healthz_endpoint
from core.i18n import negotiate_locale
from core.media_types import GRAPHQL_RESPONSE_JSON, LEGACY_JSON, negotiate_media_type
from core.request_errors import (
    RequestError,
    as_request_error,
    is_request_error,
    json_kind,
    localize_error,
    request_error_response,
)
from core.settings import Environment, Settings, get_settings
from domain.clock import utc_now
from resolvers.context import HubContext
from resolvers.loaders import build_loaders
from schema.graph import build_schema

logger = logging.getLogger(__name__)


class HubGraphQL(GraphQL[HubContext, None]):
    """The /graphql endpoint; it builds a fresh context (and loaders) per request.

    On top of strawberry's view it follows the GraphQL over HTTP specification: it responds with
    application/graphql-response+json when the client accepts it (HTTP 400 for request errors),
    leaves out the data entry when an operation fails before execution, and rejects a mutation
    sent with GET with HTTP 405 and ``Allow: POST``. Every error carries ``extensions.code`` and
    a message in the request's language: a request that cannot be read (such as a body that is
    not JSON) gets a GraphQL-shaped JSON error instead of strawberry's plain text.
    """

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

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return

        try:
            response = await self.run(Request(scope=scope, receive=receive))
        except HTTPException as error:
            request_error = as_request_error(error)
            logger.info(
                "graphql_http_error code=%s status=%d reason=%s",
                request_error.code,
                request_error.status_code,
                request_error.reason,
            )
            response = request_error_response(request_error, Headers(scope=scope))
        await response(scope, receive, send)

    def parse_json(self, data: str | bytes) -> dict[str, object] | list[object]:
        """Decode a JSON request body, which must be an object, or an array for a batch.

        strawberry (0.341) reads the body as either and fails with HTTP 500 on a string,
        number, boolean or null.
        """
        value = self.decode_json(data)
        if not isinstance(value, dict | list):
            reason = f"The JSON text must be an object, not {json_kind(value)}."
            raise RequestError(400, "INVALID_REQUEST_BODY", reason)
        return value

    def parse_query_params(self, params: QueryParams) -> dict[str, Any]:
        """Read a GET request's parameters, decoding the JSON of variables and extensions.

        strawberry's own version decodes them with parse_json, which accepts only an object or
        an array. Here a JSON null is also accepted, as it is in a POST body, and strawberry
        then rejects any value that is not an object or null.
        """
        parsed: dict[str, Any] = dict(params)
        for name in ("variables", "extensions"):
            if parsed.get(name):
                parsed[name] = self.decode_json(parsed[name])
        return parsed

    def decode_json(self, data: str | bytes) -> object:
        # json.loads raises more than JSONDecodeError, which is all strawberry (0.341) turns
        # into HTTP 400; anything else would become HTTP 500.
        try:
            return json.loads(data)
        except UnicodeDecodeError as error:
            raise RequestError(400, "INVALID_REQUEST_BODY", f"The JSON text is not valid UTF-8: {error}") from error
        except RecursionError as error:
            raise RequestError(400, "INVALID_REQUEST_BODY", "The JSON text is nested too deeply.") from error
        except json.JSONDecodeError as error:
            raise RequestError(400, "INVALID_REQUEST_BODY", f"The JSON text is invalid: {error}") from error
        except ValueError as error:
            # Python converts integers of at most 4300 digits by default (sys.get_int_max_str_digits).
            reason = "The JSON text contains an integer with too many digits."
            raise RequestError(400, "INVALID_REQUEST_BODY", reason) from error

    async def parse_http_body(self, request: AsyncHTTPRequestAdapter) -> GraphQLRequestData | list[GraphQLRequestData]:
        request_data = await super().parse_http_body(request)
        if isinstance(request_data, list):
            # strawberry has already rejected the batch unless batching is enabled.
            return request_data

        if not isinstance(request_data.operation_name, str | None):
            kind = json_kind(request_data.operation_name)
            reason = f"The GraphQL operation's `operationName` must be a string or null, not {kind}."
            raise RequestError(400, "INVALID_REQUEST_BODY", reason)
        # A client of automatic persisted queries (Apollo's protocol) sends only the query's hash
        # first, and sends the full query once it receives an error with this code.
        if request_data.query is None and "persistedQuery" in (request_data.extensions or {}):
            reason = "The request has extensions.persistedQuery and no query."
            raise RequestError(400, "PERSISTED_QUERY_NOT_SUPPORTED", reason)
        return request_data

    async def get_sub_response(self, request: Request | WebSocket) -> Response:
        sub_response = await super().get_sub_response(request)
        # create_response reads the negotiated type back; no content-type header is set here.
        sub_response.media_type = negotiate_media_type(request.headers.get("accept"))
        return sub_response

    async def execute_single(
        self,
        request: Request,
        request_adapter: AsyncHTTPRequestAdapter,
        sub_response: Response,
        context: HubContext,
        root_value: None,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        try:
            return await super().execute_single(
                request, request_adapter, sub_response, context, root_value, request_data
            )
        except HTTPException as error:
            # GraphQL over HTTP: a mutation in a GET must get 405 and must not execute, and
            # strawberry has already stopped it before execution.
            if isinstance(error.__cause__, InvalidOperationTypeError) and request_adapter.method == "GET":
                allow = {"Allow": "POST"}
                raise RequestError(405, "METHOD_NOT_ALLOWED", error.reason, headers=allow) from error.__cause__
            raise

    async def process_result(self, request: Request, result: ExecutionResult) -> GraphQLHTTPResponse:
        response_data = await super().process_result(request, result)
        if result.errors:
            locale = negotiate_locale(request.headers.get("accept-language"))
            response_data["errors"] = [localize_error(error, locale) for error in result.errors]
        if is_request_error(result):
            # The GraphQL specification leaves out "data" when an error is raised before execution.
            response_data.pop("data", None)
        return response_data

    def create_response(
        self,
        response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse],
        sub_response: Response,
    ) -> Response:
        response = super().create_response(response_data, sub_response)
        media_type = sub_response.media_type or LEGACY_JSON
        response.headers["content-type"] = f"{media_type}; charset=utf-8"
        response.headers.append("vary", "Accept")
        request_failed = isinstance(response_data, dict) and "data" not in response_data
        if media_type == GRAPHQL_RESPONSE_JSON and request_failed and not sub_response.status_code:
            response.status_code = 400
        return response


def create_app(settings: Settings | None = None, clock: Callable[[], datetime] = utc_now) -> Starlette:
    """Build the hub's ASGI app; the engine is disposed when the app shuts down."""
    settings = settings or get_settings()
    engine = create_engine(settings.database_url)
    sessions = create_session_factory(engine)

    healthz = healthz_endpoint(settings, engine)

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
            # Every method reaches the view, which rejects methods other than GET and POST with a coded error.
            Route("/graphql", graphql),
            Route("/healthz", healthz, methods=["GET"]),
        ],
        # The first middleware is the outermost: a body above the limit is rejected before authentication.
        middleware=[
            Middleware(BodySizeLimitMiddleware, max_body_bytes=settings.max_body_bytes),
            Middleware(BearerAuthMiddleware, settings=settings, sessions=sessions),
        ],
        lifespan=lifespan,
    )
    # Exposed so that in-process clients that skip the lifespan can still dispose it.
    app.state.engine = engine
    return app
