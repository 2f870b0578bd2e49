"""Request bodies above settings.max_body_bytes get HTTP 413 with a GraphQL-shaped JSON error."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import httpx
import pytest
from starlette.applications import Starlette

from core.app import create_app
from core.settings import Settings
from tests.graphql_client import GraphQLClient

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

LIMIT = 1024
CHUNK_BYTES = 512
CHUNK_COUNT = 64
JSON = {"Content-Type": "application/json"}


@pytest.fixture
async def limited_app(settings: Settings) -> AsyncIterator[Starlette]:
    app = create_app(settings.model_copy(update={"max_body_bytes": LIMIT}))
    yield app
    await app.state.engine.dispose()


async def post(app: Starlette, content: bytes | AsyncIterator[bytes], headers: dict[str, str]) -> httpx.Response:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://hub.test") as client:
        return await client.post("/graphql", content=content, headers=headers)


def padded_query(size: int) -> bytes:
    """A JSON request for ``{ __typename }`` padded with spaces to exactly ``size`` bytes."""
    body = json.dumps({"query": "query Name { __typename }"}).encode()
    return body + b" " * (size - len(body))


class Chunks:
    """A streamed body without Content-Length; counts the chunks the server read."""

    def __init__(self) -> None:
        self.sent = 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for _ in range(CHUNK_COUNT):
            self.sent += 1
            yield b" " * CHUNK_BYTES


async def test_body_at_limit_accepted(limited_app: Starlette) -> None:
    response = await post(limited_app, padded_query(LIMIT), JSON)

    assert response.status_code == 200
    assert response.json()["data"] == {"__typename": "Query"}


async def test_declared_large_body_rejected(limited_app: Starlette) -> None:
    response = await post(limited_app, padded_query(LIMIT + 1), JSON)

    assert response.status_code == 413
    assert response.json() == {
        "errors": [
            {
                "message": "请求体超过 1024 字节的上限，请缩小请求。",
                "extensions": {"code": "REQUEST_BODY_TOO_LARGE", "limit": LIMIT},
            }
        ]
    }


async def test_large_body_message_in_english(limited_app: Starlette) -> None:
    response = await post(limited_app, padded_query(LIMIT + 1), {**JSON, "Accept-Language": "en"})

    assert response.json()["errors"][0]["message"] == (
        "The request body exceeds the limit of 1024 bytes; send a smaller request."
    )


async def test_streamed_large_body_rejected(limited_app: Starlette) -> None:
    chunks = Chunks()

    response = await post(limited_app, chunks.__aiter__(), JSON)

    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "REQUEST_BODY_TOO_LARGE"
    # The third chunk passes the limit of two chunks; the rest is never read.
    assert chunks.sent == 3


async def test_default_limit_is_one_mebibyte(graphql: GraphQLClient) -> None:
    at_limit = await post(graphql.app, padded_query(1_048_576), JSON)
    above_limit = await post(graphql.app, padded_query(1_048_577), JSON)

    assert at_limit.status_code == 200
    assert above_limit.status_code == 413
