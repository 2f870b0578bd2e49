"""ASGI middleware that verifies the bearer token before GraphQL runs.

A request without an Authorization header proceeds anonymously (root fields then reject
it with UNAUTHENTICATED). A header with a bad, expired or unknown token gets an immediate response
with HTTP 401 and a GraphQL-shaped error body, so no resolver runs with a forged identity.
"""

from __future__ import annotations

import logging

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from core.auth import TokenError, TokenErrorCode, authenticate
from core.i18n import negotiate_locale
from core.settings import Settings
from schema.messages import request_message

logger = logging.getLogger(__name__)


class BearerAuthMiddleware:
    def __init__(self, app: ASGIApp, settings: Settings, sessions: async_sessionmaker[AsyncSession]) -> None:
        self.app = app
        self.settings = settings
        self.sessions = sessions

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in {"http", "websocket"}:
            await self.app(scope, receive, send)
            return

        headers = Headers(scope=scope)
        scope.setdefault("state", {})
        scope["state"]["actor"] = None
        authorization = headers.get("authorization")
        if not authorization:
            await self.app(scope, receive, send)
            return

        scheme, _, token = authorization.partition(" ")
        locale = negotiate_locale(headers.get("accept-language"))
        try:
            if scheme.lower() != "bearer" or not token.strip():
                raise TokenError(TokenErrorCode.TOKEN_INVALID, "Authorization is not a bearer token")
            async with self.sessions() as session:
                scope["state"]["actor"] = await authenticate(session, self.settings, token.strip())
        except TokenError as error:
            logger.info(
                "token_rejected code=%s path=%s detail=%s",
                error.code,
                scope.get("path"),
                error.detail,
            )
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 4401})
                return
            body = {"errors": [{"message": request_message(error.code, locale), "extensions": {"code": error.code}}]}
            response = JSONResponse(body, status_code=401, headers={"WWW-Authenticate": "Bearer"})
            await response(scope, receive, send)
            return

        await self.app(scope, receive, send)
