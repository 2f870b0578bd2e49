"""An HTTP client for the hub's /graphql endpoint, driving the real ASGI app in-process."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
from starlette.applications import Starlette

from core.auth import mint_token
from core.settings import Settings
from domain.clock import utc_now


@dataclass
class GraphQLResponse:
    status_code: int
    body: dict[str, Any]

    @property
    def data(self) -> dict[str, Any]:
        assert self.body.get("errors") is None, self.body.get("errors")
        data = self.body["data"]
        assert isinstance(data, dict)
        return data

    @property
    def errors(self) -> list[dict[str, Any]]:
        return list(self.body.get("errors") or [])


class GraphQLClient:
    def __init__(self, app: Starlette, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    def token_for(self, login: str) -> str:
        return mint_token(self.settings, login, utc_now())

    async def execute(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        login: str | None = None,
        token: str | None = None,
        language: str | None = None,
    ) -> GraphQLResponse:
        headers = {"Content-Type": "application/json"}
        if login is not None:
            token = self.token_for(login)
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        if language is not None:
            headers["Accept-Language"] = language

        transport = httpx.ASGITransport(app=self.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://hub.test") as client:
            response = await client.post(
                "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
            )
        return GraphQLResponse(response.status_code, response.json())
