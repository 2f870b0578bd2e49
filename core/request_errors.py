"""Errors raised before a GraphQL operation runs, and their coded, localized responses."""

from __future__ import annotations

from typing import Any

from cross_web import HTTPException
from graphql import GraphQLError
from starlette.datastructures import Headers
from starlette.responses import JSONResponse, Response
from strawberry.schema.exceptions import CannotGetOperationTypeError
from strawberry.types import ExecutionResult

from core.i18n import Locale, negotiate_locale
from core.media_types import negotiate_media_type
from schema.graph import OperationNameRequiredError, classify_error
from schema.messages import MASKED_ERROR_MESSAGE, request_message


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


def json_kind(value: object) -> str:
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
