"""The ASGI application: Starlette routes, GraphQL view, authentication and lifespan."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

from cross_web import AsyncHTTPRequestAdapter, HTTPException
from graphql import GraphQLError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.http.types import QueryParams
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types import ExecutionResult

from core.authentication import BearerAuthMiddleware
from core.body_limit import BodySizeLimitMiddleware
from core.calendar_cache import CalendarCache
from core.database import create_engine, create_session_factory
from core.health import healthz_endpoint
from core.i18n import Locale, negotiate_locale
from core.settings import Environment, Settings, get_settings
from domain.clock import utc_now
from resolvers.context import HubContext
from resolvers.loaders import build_loaders
from schema.graph import OperationNameRequiredError, build_schema, classify_error
from schema.messages import MASKED_ERROR_MESSAGE, request_message

logger = logging.getLogger(__name__)

# Response media types from the GraphQL over HTTP specification. The newer type lets a client
# tell a GraphQL response from a proxy's JSON error page, and lets the status code carry meaning.
GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
LEGACY_JSON = "application/json"


def negotiate_media_type(accept: str | None) -> str:
    """Choose the GraphQL response media type for an Accept header.

    application/graphql-response+json is chosen only when the client names it and gives it a
    quality at least as high as application/json's. A missing header, a bare wildcard such as
    */*, or a header naming neither type yields application/json, which the specification
    recommends for clients that predate the newer type.
    """
    if not accept:
        return LEGACY_JSON

    graphql_quality = 0.0
    json_quality = 0.0
    json_specificity = -1
    for media_range in accept.split(","):
        name, *parameters = media_range.split(";")
        name = name.strip().lower()
        quality = _quality(parameters)
        if name == GRAPHQL_RESPONSE_JSON:
            graphql_quality = max(graphql_quality, quality)
            continue
        # RFC 9110 section 12.5.1: the most specific range that matches a type sets its quality.
        specificity = {LEGACY_JSON: 2, "application/*": 1, "*/*": 0}.get(name, -1)
        if specificity > json_specificity:
            json_specificity = specificity
            json_quality = quality

    if graphql_quality > 0 and graphql_quality >= json_quality:
        return GRAPHQL_RESPONSE_JSON
    return LEGACY_JSON


def _quality(parameters: list[str]) -> float:
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "q":
            try:
                return min(max(float(value.strip()), 0.0), 1.0)
            except ValueError:
                return 0.0
    return 1.0


def is_request_error(result: ExecutionResult) -> bool:
    """Tell whether the operation failed before execution began.

    Parse, validation and variable coercion errors carry no path and leave data empty. A field
    error always has a path, even when null propagation empties data to the root.
    """
    # NOTE: an unexpected exception in a schema extension also arrives as a pathless error,
    # so it is classed as a request error (HTTP 400) rather than a server error (HTTP 500).
    return result.data is None and bool(result.errors) and all(error.path is None for error in result.errors or [])


class RequestError(HTTPException):
    """A request rejected before GraphQL runs, with the error code of its response.

    ``reason`` is the English detail that follows the localized message.
    """

    def __init__(self, status_code: int, code: str, reason: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(status_code, reason)
        self.code = code
        self.headers = headers or {}


# Reasons of the HTTPExceptions that strawberry (0.341) raises while it reads a request.
STRAWBERRY_REASON_CODES: dict[str, str] = {
    "Unable to parse request body as JSON": "INVALID_REQUEST_BODY",
    "The GraphQL operation's `query` must be a string or null, if provided.": "INVALID_REQUEST_BODY",
    "The GraphQL operation's `variables` must be an object or null, if provided.": "INVALID_REQUEST_BODY",
    "The GraphQL operation's `extensions` must be an object or null, if provided.": "INVALID_REQUEST_BODY",
    "Unsupported content type": "UNSUPPORTED_MEDIA_TYPE",
    "Batching is not enabled": "BATCHING_NOT_ENABLED",
    "No GraphQL query found in the request": "MISSING_QUERY",
    "GraphQL only supports GET and POST requests.": "METHOD_NOT_ALLOWED",
    # Raised for a browser's GET without a query when GraphiQL is off (outside development).
    "Not Found": "GRAPHIQL_DISABLED",
}


def as_request_error(error: HTTPException) -> RequestError:
    """Give an HTTPException raised by strawberry its error code and the HTTP status for it."""
    if isinstance(error, RequestError):
        return error
    if isinstance(error.__cause__, OperationNameRequiredError):
        # Only the names go into the localized message, because an English sentence around them would not fit it.
        operation_names = ", ".join(error.__cause__.operation_names)
        return RequestError(error.status_code, "OPERATION_NAME_REQUIRED", operation_names)
    if isinstance(error.__cause__, CannotGetOperationTypeError):
        return RequestError(error.status_code, "OPERATION_RESOLUTION_FAILURE", error.reason)
    code = STRAWBERRY_REASON_CODES.get(error.reason)
    if code == "UNSUPPORTED_MEDIA_TYPE":
        # RFC 9110 section 15.5.16: 415 is the status for a body in a media type the server does not accept.
        return RequestError(415, code, error.reason)
    if code == "METHOD_NOT_ALLOWED" or error.status_code == 405:
        return RequestError(405, "METHOD_NOT_ALLOWED", error.reason, headers={"Allow": "GET, POST"})
    return RequestError(error.status_code, code or "BAD_REQUEST", error.reason)


def request_error_response(error: RequestError, headers: Headers) -> Response:
    """Build the GraphQL-shaped JSON response for a request rejected before GraphQL runs."""
    locale = negotiate_locale(headers.get("accept-language"))
    media_type = negotiate_media_type(headers.get("accept"))
    body = {
        "errors": [
            {
                "message": request_message(error.code, locale, detail=error.reason),
                "extensions": {"code": error.code},
            }
        ]
    }
    response = JSONResponse(body, status_code=error.status_code, headers=error.headers, media_type=media_type)
    response.headers["content-type"] = f"{media_type}; charset=utf-8"
    response.headers.append("vary", "Accept")
    return response


def localize_error(error: GraphQLError, locale: Locale) -> dict[str, Any]:
    """Format an error for the response, giving one without a code its code and a localized message.

    A parse or validation error's localized message ends with the error's original text, which
    names the location or field. A limit error's message is built from the limit and names in
    that text instead (see classify_error). Errors of our own resolvers and extensions carry a
    code and a localized message already and are returned unchanged. Outside production
    MaskErrors is off, so an unexpected error keeps its own message, which is what a developer
    needs.
    """
    formatted: dict[str, Any] = dict(error.formatted)
    if (error.extensions or {}).get("code") is not None:
        return formatted

    kind = classify_error(error)
    message = error.message
    if kind.code != "INTERNAL_ERROR":
        message = request_message(kind.message_key, locale, **kind.params)
    elif message == MASKED_ERROR_MESSAGE:
        message = request_message(kind.code, locale)
    return {**formatted, "message": message, "extensions": {**(error.extensions or {}), "code": kind.code}}


class HubGraphQL(GraphQL[HubContext, None]):
    """The /graphql endpoint; it builds a fresh context (and loaders) per request.

    On top of strawberry's view it follows the GraphQL over HTTP specification: it responds with
    application/graphql-response+json when the client accepts it (HTTP 400 for request errors),
    leaves out the data entry when an operation fails before execution, and answers a mutation
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
            reason = f"The JSON text must be an object, not {_json_kind(value)}."
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
            kind = _json_kind(request_data.operation_name)
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


def _json_kind(value: object) -> str:
    """Name a decoded JSON value's type as the JSON specification does, for error messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "an array" if isinstance(value, list) else "an object"


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
