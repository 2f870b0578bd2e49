"""Every error has extensions.code and a message in zh-CN by default, in English on request.

Requests the view cannot read (a body that is not JSON, an unsupported content type, a batch)
get a GraphQL-shaped JSON error, not plain text or HTTP 500. GraphQL errors without a code of
their own (syntax, validation, variable coercion, malformed global IDs) keep their original
text after the localized message.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.accounts.models import Account, Role
from tests import factories
from tests.graphql_client import GraphQLClient

TYPENAME = json.dumps({"query": "query Name { __typename }"}).encode()
SYNTAX_ERROR = "query Broken { me { "
UNKNOWN_FIELD = "query Unknown { me { logn } }"
PAGE_SIZE = "query Page($size: Int!) { applications(first: $size) { totalCount } }"
NODE = "query Node($id: ID!) { node(id: $id) { id } }"
CONFIRM_YEAR = 'mutation { calendarYearConfirm(input: {year: 2031, source: "test"}) { errors { code } } }'
JSON = {"Content-Type": "application/json"}


@pytest.fixture
async def staff(sessions: async_sessionmaker[AsyncSession]) -> Account:
    async with sessions() as session, session.begin():
        return await factories.make_account(session, Role.TOWNSHIP_STAFF, factories.GOUXI)


async def request(
    graphql: GraphQLClient,
    method: str,
    *,
    content: bytes | None = None,
    headers: dict[str, str] | None = None,
    params: dict[str, str] | None = None,
) -> httpx.Response:
    transport = httpx.ASGITransport(app=graphql.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://hub.test") as client:
        return await client.request(method, "/graphql", content=content, headers=headers, params=params)


def only_error(response: httpx.Response) -> dict[str, Any]:
    body = response.json()
    assert list(body) == ["errors"], body
    assert len(body["errors"]) == 1, body
    error: dict[str, Any] = body["errors"][0]
    return error


# --- requests the view cannot read ----------------------------------------------------------


async def test_invalid_utf8_body_rejected(graphql: GraphQLClient) -> None:
    response = await request(graphql, "POST", content=b'{"query": "\xff"}', headers=JSON)

    assert response.status_code == 400
    assert only_error(response)["extensions"] == {"code": "INVALID_REQUEST_BODY"}


async def test_deeply_nested_json_rejected(graphql: GraphQLClient) -> None:
    response = await request(graphql, "POST", content=b"[" * 100_000, headers=JSON)

    assert response.status_code == 400
    assert only_error(response)["extensions"] == {"code": "INVALID_REQUEST_BODY"}


async def test_overlong_json_integer_rejected(graphql: GraphQLClient) -> None:
    body = b'{"query": "query Name { __typename }", "variables": {"n": ' + b"9" * 5000 + b"}}"

    response = await request(graphql, "POST", content=body, headers=JSON)

    assert response.status_code == 400
    assert only_error(response)["extensions"] == {"code": "INVALID_REQUEST_BODY"}


async def test_malformed_json_message_in_chinese(graphql: GraphQLClient) -> None:
    response = await request(graphql, "POST", content=b'{"query": ', headers=JSON)

    assert response.status_code == 400
    assert only_error(response)["message"].startswith(
        "请求体无效，请发送 UTF-8 编码的 JSON 对象：The JSON text is invalid:"
    )


async def test_malformed_json_message_in_english(graphql: GraphQLClient) -> None:
    headers = {**JSON, "Accept-Language": "en"}

    response = await request(graphql, "POST", content=b'{"query": ', headers=headers)

    assert only_error(response)["message"].startswith(
        "The request body is invalid; send a JSON object encoded in UTF-8: The JSON text is invalid:"
    )


async def test_request_error_is_json(graphql: GraphQLClient) -> None:
    response = await request(graphql, "POST", content=b"{", headers=JSON)

    assert response.headers["content-type"] == "application/json; charset=utf-8"


async def test_request_error_negotiates_media_type(graphql: GraphQLClient) -> None:
    headers = {**JSON, "Accept": "application/graphql-response+json"}

    response = await request(graphql, "POST", content=b"{", headers=headers)

    assert response.headers["content-type"] == "application/graphql-response+json; charset=utf-8"


async def test_variables_must_be_object(graphql: GraphQLClient) -> None:
    body = json.dumps({"query": "query Name { __typename }", "variables": [1]}).encode()

    response = await request(graphql, "POST", content=body, headers=JSON)

    assert response.status_code == 400
    assert only_error(response)["extensions"] == {"code": "INVALID_REQUEST_BODY"}


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        pytest.param(b'"hi"', "a string", id="string"),
        pytest.param(b"5", "a number", id="integer"),
        pytest.param(b"1.5", "a number", id="float"),
        pytest.param(b"true", "a boolean", id="boolean"),
        pytest.param(b"null", "null", id="null"),
    ],
)
async def test_scalar_json_body_rejected(graphql: GraphQLClient, body: bytes, kind: str) -> None:
    response = await request(graphql, "POST", content=body, headers={**JSON, "Accept-Language": "en"})

    assert response.status_code == 400
    assert only_error(response) == {
        "message": "The request body is invalid; send a JSON object encoded in UTF-8: "
        f"The JSON text must be an object, not {kind}.",
        "extensions": {"code": "INVALID_REQUEST_BODY"},
    }


async def test_scalar_json_body_message_in_chinese(graphql: GraphQLClient) -> None:
    response = await request(graphql, "POST", content=b"5", headers=JSON)

    assert only_error(response)["message"] == (
        "请求体无效，请发送 UTF-8 编码的 JSON 对象：The JSON text must be an object, not a number."
    )


@pytest.mark.parametrize(
    "operation_name",
    [5, True, ["Name"], {"name": "Name"}],
    ids=["number", "boolean", "array", "object"],
)
async def test_operation_name_must_be_string(graphql: GraphQLClient, operation_name: object) -> None:
    body = json.dumps({"query": "query Name { __typename }", "operationName": operation_name}).encode()

    response = await request(graphql, "POST", content=body, headers={**JSON, "Accept-Language": "en"})

    assert response.status_code == 400
    assert only_error(response)["extensions"] == {"code": "INVALID_REQUEST_BODY"}
    assert "`operationName` must be a string or null" in only_error(response)["message"]


async def test_null_operation_name_runs(graphql: GraphQLClient) -> None:
    body = json.dumps({"query": "query Name { __typename }", "operationName": None}).encode()

    response = await request(graphql, "POST", content=body, headers=JSON)

    assert response.status_code == 200
    assert response.json()["data"] == {"__typename": "Query"}


@pytest.mark.parametrize("field", ["variables", "extensions"])
@pytest.mark.parametrize("value", ["hi", 5, True, [1]], ids=["string", "number", "boolean", "array"])
async def test_wrong_json_type_rejected(graphql: GraphQLClient, field: str, value: object) -> None:
    body = json.dumps({"query": "query Name { __typename }", field: value}).encode()

    response = await request(graphql, "POST", content=body, headers=JSON)

    assert response.status_code == 400
    assert only_error(response)["extensions"] == {"code": "INVALID_REQUEST_BODY"}


@pytest.mark.parametrize("field", ["variables", "extensions"])
@pytest.mark.parametrize("value", ['"hi"', "5", "true", "[1]"])
async def test_get_parameter_wrong_json_type_rejected(graphql: GraphQLClient, field: str, value: str) -> None:
    params = {"query": "query Name { __typename }", field: value}

    response = await request(graphql, "GET", params=params)

    assert response.status_code == 400
    assert only_error(response)["extensions"] == {"code": "INVALID_REQUEST_BODY"}


@pytest.mark.parametrize("field", ["variables", "extensions"])
async def test_get_parameter_null_accepted(graphql: GraphQLClient, field: str) -> None:
    params = {"query": "query Name { __typename }", field: "null"}

    response = await request(graphql, "GET", params=params)

    assert response.status_code == 200
    assert response.json()["data"] == {"__typename": "Query"}


async def test_unsupported_content_type_rejected(graphql: GraphQLClient) -> None:
    response = await request(graphql, "POST", content=TYPENAME, headers={"Content-Type": "text/plain"})

    assert response.status_code == 415
    assert only_error(response) == {
        "message": "不支持该请求内容类型，POST 请求请使用 Content-Type: application/json。",
        "extensions": {"code": "UNSUPPORTED_MEDIA_TYPE"},
    }


async def test_batch_request_rejected(graphql: GraphQLClient) -> None:
    body = json.dumps([{"query": "query Name { __typename }"}]).encode()

    response = await request(graphql, "POST", content=body, headers={**JSON, "Accept-Language": "en"})

    assert response.status_code == 400
    assert only_error(response) == {
        "message": "Batched requests are not supported; send one operation per request.",
        "extensions": {"code": "BATCHING_NOT_ENABLED"},
    }


async def test_missing_query_rejected(graphql: GraphQLClient) -> None:
    response = await request(graphql, "POST", content=b"{}", headers=JSON)

    assert response.status_code == 400
    assert only_error(response)["extensions"] == {"code": "MISSING_QUERY"}


async def test_unknown_operation_name_rejected(graphql: GraphQLClient) -> None:
    body = json.dumps({"query": "query Name { __typename }", "operationName": "Other"}).encode()

    response = await request(graphql, "POST", content=body, headers=JSON)

    assert response.status_code == 400
    assert only_error(response) == {
        "message": '无法确定要执行的操作，请检查 operationName：Unknown operation named "Other".',
        "extensions": {"code": "OPERATION_RESOLUTION_FAILURE"},
    }


@pytest.mark.parametrize(
    ("document", "names"),
    [
        pytest.param("query A { __typename } query B { __typename }", "A, B", id="two-queries"),
        pytest.param(
            f"{CONFIRM_YEAR.replace('mutation', 'mutation B', 1)} query A {{ __typename }}", "B, A", id="mutation-first"
        ),
    ],
)
async def test_several_operations_need_name(graphql: GraphQLClient, document: str, names: str) -> None:
    body = json.dumps({"query": document}).encode()

    response = await request(graphql, "POST", content=body, headers={**JSON, "Accept-Language": "en"})

    assert response.status_code == 400
    assert only_error(response) == {
        "message": f"The document contains several operations ({names}); name the one to run in operationName.",
        "extensions": {"code": "OPERATION_NAME_REQUIRED"},
    }


async def test_operation_name_required_in_chinese(graphql: GraphQLClient) -> None:
    body = json.dumps({"query": "query A { __typename } query B { __typename }"}).encode()

    response = await request(graphql, "POST", content=body, headers=JSON)

    assert only_error(response)["message"] == "文档包含多个操作（A, B），请在 operationName 中指定要执行的操作。"


async def test_operation_name_required_with_get(graphql: GraphQLClient) -> None:
    document = f"{CONFIRM_YEAR.replace('mutation', 'mutation B', 1)} query A {{ __typename }}"

    response = await request(graphql, "GET", params={"query": document})

    assert response.status_code == 400
    assert only_error(response)["extensions"] == {"code": "OPERATION_NAME_REQUIRED"}


async def test_operation_name_required_for_new_media_type(graphql: GraphQLClient) -> None:
    body = json.dumps({"query": "query A { __typename } query B { __typename }"}).encode()
    headers = {**JSON, "Accept": "application/graphql-response+json"}

    response = await request(graphql, "POST", content=body, headers=headers)

    assert response.status_code == 400
    assert only_error(response)["extensions"] == {"code": "OPERATION_NAME_REQUIRED"}


async def test_named_operation_among_several_runs(graphql: GraphQLClient) -> None:
    body = json.dumps({"query": "query A { a: __typename } query B { b: __typename }", "operationName": "B"}).encode()

    response = await request(graphql, "POST", content=body, headers=JSON)

    assert response.status_code == 200
    assert response.json()["data"] == {"b": "Query"}


async def test_single_operation_needs_no_name(graphql: GraphQLClient) -> None:
    body = json.dumps({"query": "query A { ...F } fragment F on Query { __typename }"}).encode()

    response = await request(graphql, "POST", content=body, headers=JSON)

    assert response.status_code == 200
    assert response.json()["data"] == {"__typename": "Query"}


PERSISTED_QUERY = {
    "persistedQuery": {"version": 1, "sha256Hash": "ecf4edb46db40b5132295c0291d62fb65d6759a9eedfa4d5d612dd5ec54a6b38"}
}


async def test_persisted_query_not_supported(graphql: GraphQLClient) -> None:
    body = json.dumps({"extensions": PERSISTED_QUERY}).encode()

    response = await request(graphql, "POST", content=body, headers={**JSON, "Accept-Language": "en"})

    assert response.status_code == 400
    assert only_error(response) == {
        "message": "Persisted queries (extensions.persistedQuery) are not supported; send the full GraphQL "
        "document in the query field.",
        "extensions": {"code": "PERSISTED_QUERY_NOT_SUPPORTED"},
    }


async def test_persisted_query_message_in_chinese(graphql: GraphQLClient) -> None:
    body = json.dumps({"extensions": PERSISTED_QUERY}).encode()

    response = await request(graphql, "POST", content=body, headers=JSON)

    assert only_error(response)["message"] == (
        "不支持持久化查询（extensions.persistedQuery），请在 query 字段中发送完整的 GraphQL 文档。"
    )


async def test_persisted_query_get_not_supported(graphql: GraphQLClient) -> None:
    params = {"extensions": json.dumps(PERSISTED_QUERY)}

    response = await request(graphql, "GET", params=params, headers={"Accept": "application/json"})

    assert response.status_code == 400
    assert only_error(response)["extensions"] == {"code": "PERSISTED_QUERY_NOT_SUPPORTED"}


async def test_persisted_query_with_query_runs(graphql: GraphQLClient) -> None:
    body = json.dumps({"query": "query Name { __typename }", "extensions": PERSISTED_QUERY}).encode()

    response = await request(graphql, "POST", content=body, headers=JSON)

    # The hash is ignored: the query runs as if the extension were not there.
    assert response.status_code == 200
    assert response.json()["data"] == {"__typename": "Query"}


async def test_put_request_rejected(graphql: GraphQLClient) -> None:
    response = await request(graphql, "PUT", content=TYPENAME, headers=JSON)

    assert response.status_code == 405
    assert response.headers["allow"] == "GET, POST"
    assert only_error(response)["extensions"] == {"code": "METHOD_NOT_ALLOWED"}


async def test_get_mutation_has_code(graphql: GraphQLClient) -> None:
    response = await request(graphql, "GET", params={"query": CONFIRM_YEAR}, headers={"Accept-Language": "en"})

    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert only_error(response)["message"].endswith(": mutations are not allowed when using GET")
    assert only_error(response)["extensions"] == {"code": "METHOD_NOT_ALLOWED"}


# --- GraphQL errors without a code of their own ---------------------------------------------


async def test_syntax_error_has_code(graphql: GraphQLClient) -> None:
    response = await graphql.execute(SYNTAX_ERROR)

    assert response.status_code == 200
    assert response.errors == [
        {
            "message": "GraphQL 文档有语法错误：Expected Name, found <EOF>.",
            "locations": [{"line": 1, "column": 21}],
            "extensions": {"code": "GRAPHQL_PARSE_FAILED"},
        }
    ]


async def test_syntax_error_message_in_english(graphql: GraphQLClient) -> None:
    response = await graphql.execute(SYNTAX_ERROR, language="en")

    assert response.errors[0]["message"] == "The GraphQL document has a syntax error: Expected Name, found <EOF>."


async def test_validation_error_has_code(graphql: GraphQLClient) -> None:
    response = await graphql.execute(UNKNOWN_FIELD)

    assert response.errors[0]["extensions"] == {"code": "GRAPHQL_VALIDATION_FAILED"}
    assert response.errors[0]["locations"] == [{"line": 1, "column": 22}]
    assert response.errors[0]["message"].startswith(
        "GraphQL 文档与接口定义不符：Cannot query field 'logn' on type 'Account'."
    )


async def test_validation_message_in_english(graphql: GraphQLClient) -> None:
    response = await graphql.execute(UNKNOWN_FIELD, language="en")

    assert response.errors[0]["message"].startswith(
        "The GraphQL document is invalid against the schema: Cannot query field 'logn' on type 'Account'."
    )


async def test_variable_coercion_error_has_code(graphql: GraphQLClient, staff: Account) -> None:
    response = await graphql.execute(PAGE_SIZE, {"size": "ten"}, login=staff.login)

    assert response.errors[0]["extensions"] == {"code": "BAD_USER_INPUT"}
    assert response.errors[0]["message"] == (
        "变量值无效：Variable '$size' has invalid value: Int cannot represent non-integer value: 'ten'"
    )


async def test_invalid_global_id_has_code(graphql: GraphQLClient, staff: Account) -> None:
    response = await graphql.execute(NODE, {"id": "not base64 at all"}, login=staff.login, language="en")

    assert response.errors[0]["path"] == ["node"]
    assert response.errors[0]["extensions"] == {"code": "INVALID_ID"}
    assert response.errors[0]["message"] == (
        'The ID is invalid; use an ID returned by a query: Value cannot represent a GlobalID: "not base64 at all".'
    )


async def test_coded_errors_keep_their_message(graphql: GraphQLClient) -> None:
    response = await graphql.execute("query Me { me { login } }", language="en")

    assert response.errors[0]["extensions"] == {"code": "UNAUTHENTICATED"}
    assert response.errors[0]["message"] == "Sign in first: the request has no valid bearer token."
