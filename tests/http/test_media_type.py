"""Choice of the GraphQL response media type from the Accept header."""

from __future__ import annotations

import pytest

from core.media_types import GRAPHQL_RESPONSE_JSON, LEGACY_JSON, negotiate_media_type

CASES = [
    (None, LEGACY_JSON),
    ("", LEGACY_JSON),
    ("*/*", LEGACY_JSON),
    ("text/html", LEGACY_JSON),
    ("application/json", LEGACY_JSON),
    ("application/graphql-response+json", GRAPHQL_RESPONSE_JSON),
    ("APPLICATION/GRAPHQL-RESPONSE+JSON", GRAPHQL_RESPONSE_JSON),
    ("application/graphql-response+json; charset=utf-8", GRAPHQL_RESPONSE_JSON),
    ("application/graphql-response+json, application/json", GRAPHQL_RESPONSE_JSON),
    ("application/graphql-response+json, */*", GRAPHQL_RESPONSE_JSON),
    ("application/json, application/graphql-response+json;q=0.5", LEGACY_JSON),
    ("application/graphql-response+json;q=0", LEGACY_JSON),
    ("application/graphql-response+json;q=oops", LEGACY_JSON),
    ("application/graphql-response+json;q=0.8, */*;q=0.9", LEGACY_JSON),
    ("application/graphql-response+json;q=0.8, application/*;q=0.1, */*", GRAPHQL_RESPONSE_JSON),
]


@pytest.mark.parametrize(("accept", "expected"), CASES)
def test_accept_header_selects_media_type(accept: str | None, expected: str) -> None:
    assert negotiate_media_type(accept) == expected
