"""ASGI middleware that rejects HTTP request bodies above a size limit with HTTP 413.

A request whose Content-Length is above the limit is rejected before any of its body is read.
A body without a Content-Length (chunked transfer encoding) is counted as it streams in, and
the request is rejected once the count passes the limit. The response is a GraphQL-shaped JSON
error with code REQUEST_BODY_TOO_LARGE, in the language of the Accept-Language header.
"""

from __future__ import annotations

import logging
import re

from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from core.i18n import negotiate_locale
from schema.messages import request_message

logger = logging.getLogger(__name__)

_DIGITS = re.compile(r"[0-9]+")


class BodyTooLargeError(Exception):
    """Raised from ``receive`` when the streamed body passes the limit."""


class BodySizeLimitMiddleware:
    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        # A Content-Length that is not a number is left to the server; the streamed count still applies.
        content_length = Headers(scope=scope).get("content-length", "")
        declared = int(content_length) if _DIGITS.fullmatch(content_length) else 0
        if declared > self.max_body_bytes:
            await self._reject(scope, receive, send, declared)
            return

        received = 0
        response_started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    raise BodyTooLargeError
            return message

        async def tracked_send(message: Message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracked_send)
        except BodyTooLargeError:
            if response_started:
                raise
            await self._reject(scope, receive, send, received)

    async def _reject(self, scope: Scope, receive: Receive, send: Send, body_bytes: int) -> None:
        logger.info(
            "request_body_too_large path=%s bytes=%d limit=%d", scope.get("path"), body_bytes, self.max_body_bytes
        )
        headers = Headers(scope=scope)
        locale = negotiate_locale(headers.get("accept-language"))
        code = "REQUEST_BODY_TOO_LARGE"
        body = {
            "errors": [
                {
                    "message": request_message(code, locale, limit=self.max_body_bytes),
                    "extensions": {"code": code, "limit": self.max_body_bytes},
                }
            ]
        }
        # No "Connection: close": uvicorn (0.55) discards the unread rest of the body and keeps the
        # connection. Closing it with the body unread makes the kernel reset the connection, and
        # clients that are still sending then lose this response.
        response = JSONResponse(body, status_code=413)
        await response(scope, receive, send)
