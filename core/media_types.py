"""Response media type negotiation from the GraphQL over HTTP specification."""

from __future__ import annotations

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
