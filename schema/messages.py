"""Localized text for request-level errors (authentication, permissions, limits)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from core.i18n import Locale, render
from domain.approvals.errors import ApprovalErrorCode
from domain.calendar.official import CalendarErrorCode
from schema.approvals.messages import APPROVAL_MESSAGES
from schema.calendar.messages import CALENDAR_MESSAGES
from schema.labels import localize_params

ZH, EN = Locale.ZH_CN, Locale.EN

REQUEST_MESSAGES: dict[str, dict[Locale, str]] = {
    "UNAUTHENTICATED": {
        ZH: "请先登录：请求缺少有效的 Bearer 令牌。",
        EN: "Sign in first: the request has no valid bearer token.",
    },
    "TOKEN_EXPIRED": {
        ZH: "登录令牌已过期，请重新登录。",
        EN: "The token has expired; sign in again.",
    },
    "TOKEN_INVALID": {
        ZH: "登录令牌无效（签名、签发方或格式不符），请重新登录。",
        EN: "The token is invalid (signature, issuer or format); sign in again.",
    },
    "ACCOUNT_NOT_FOUND": {
        ZH: "令牌对应的账号不存在，请联系管理员。",
        EN: "The token's account does not exist; contact the administrator.",
    },
    "FORBIDDEN": {
        ZH: "无权访问 {field}：仅限 {roles} 角色。",
        EN: "Access to {field} is denied: it is limited to the roles {roles}.",
    },
    "PAGE_SIZE_INVALID": {
        ZH: "{field}：分页大小须在 0 到 {limit} 之间，当前为 {value}。",
        EN: "{field}: the page size must be between 0 and {limit}, not {value}.",
    },
    "INVALID_CURSOR": {
        ZH: "{field}：分页游标“{value}”无效，请使用上一页返回的游标。",
        EN: '{field}: cursor "{value}" is invalid; use a cursor returned by the previous page.',
    },
    "UNKNOWN_REGION": {
        ZH: "{field}：行政区划代码“{value}”不存在，请使用衢州市的统计区划代码。",
        EN: '{field}: region code "{value}" does not exist; use a Quzhou statistical division code.',
    },
    "PERSONAL_DATA_FILTER_FORBIDDEN": {
        ZH: "{field}：您的角色不能查看个人信息，不能按姓名筛选，请去掉此筛选条件。",
        EN: "{field}: your role may not see personal data, so it cannot filter by name; remove this filter.",
    },
    "INVALID_CHARACTERS": {
        ZH: "{field}：第 {position} 个字符（{character}）是控制字符或无效字符，请删除后重试。",
        EN: "{field}: character {position} ({character}) is a control or invalid character; remove it and try again.",
    },
    "INTERNAL_ERROR": {
        ZH: "服务器内部错误，请稍后重试。",
        EN: "Internal server error; try again later.",
    },
    # QUERY_TOO_COSTLY's message: the estimate stops counting at the limit, so it names only the limit.
    "QUERY_TOO_COSTLY": {
        ZH: "查询的估算成本超过上限 {limit}，请减少分页大小、嵌套字段或片段展开。",
        EN: "The estimated query cost exceeds the limit of {limit}; request smaller pages, fewer nested fields "
        "or fewer fragment spreads.",
    },
    "TOO_MANY_IDS": {
        ZH: "{field}：一次最多查询 {limit} 个 ID，当前为 {count} 个，请分批查询。",
        EN: "{field}: at most {limit} IDs can be fetched at once, not {count}; split them into several requests.",
    },
    # Errors of graphql-core, strawberry and the HTTP layer; {detail} is their original English text.
    "GRAPHQL_PARSE_FAILED": {
        ZH: "GraphQL 文档有语法错误：{detail}",
        EN: "The GraphQL document has a syntax error: {detail}",
    },
    "GRAPHQL_VALIDATION_FAILED": {
        ZH: "GraphQL 文档与接口定义不符：{detail}",
        EN: "The GraphQL document is invalid against the schema: {detail}",
    },
    "BAD_USER_INPUT": {
        ZH: "变量值无效：{detail}",
        EN: "A variable value is invalid: {detail}",
    },
    # The limit errors' messages are built from the limit and names in the original text, which they leave out.
    "QUERY_TOO_DEEP": {
        ZH: "操作“{operation}”的嵌套层数超过上限 {limit}，请减少嵌套字段。",
        EN: 'Operation "{operation}" is nested more than {limit} levels deep; select fewer nested fields.',
    },
    "QUERY_TOO_DEEP+field": {
        ZH: "操作“{operation}”的嵌套层数超过上限 {limit}（在字段 {field} 处），请减少嵌套字段。",
        EN: 'Operation "{operation}" is nested more than {limit} levels deep (at field {field}); '
        "select fewer nested fields.",
    },
    "QUERY_TOO_DEEP+fragments": {
        ZH: "片段展开的嵌套层数超过上限 {limit}，请减少片段之间的嵌套展开。",
        EN: "Fragment spreads are nested more than {limit} levels deep; spread fewer fragments within fragments.",
    },
    "QUERY_TOO_DEEP+parser": {
        ZH: "GraphQL 文档嵌套过深，无法解析，请减少嵌套的选择集、列表或对象。",
        EN: "The GraphQL document is nested too deeply to parse; nest fewer selection sets, lists or objects.",
    },
    "TOO_MANY_ALIASES": {
        ZH: "查询使用了 {count} 个别名，超过上限 {limit}，请减少别名。",
        EN: "The query uses {count} aliases, more than the limit of {limit}; use fewer aliases.",
    },
    "TOO_MANY_TOKENS": {
        ZH: "查询文档超过 {limit} 个词法单元（token）的上限，请缩短查询。",
        EN: "The query document has more than {limit} tokens, the limit; send a shorter query.",
    },
    "INTROSPECTION_DISABLED": {
        ZH: "生产环境不提供内省查询（__schema、__type），请使用发布的 SDL 文件：{detail}",
        EN: "Introspection (__schema, __type) is disabled in production; use the published SDL file: {detail}",
    },
    "INVALID_ID": {
        ZH: "ID 无效，请使用查询返回的 ID：{detail}",
        EN: "The ID is invalid; use an ID returned by a query: {detail}",
    },
    "INVALID_REQUEST_BODY": {
        ZH: "请求体无效，请发送 UTF-8 编码的 JSON 对象：{detail}",
        EN: "The request body is invalid; send a JSON object encoded in UTF-8: {detail}",
    },
    "REQUEST_BODY_TOO_LARGE": {
        ZH: "请求体超过 {limit} 字节的上限，请缩小请求。",
        EN: "The request body exceeds the limit of {limit} bytes; send a smaller request.",
    },
    "UNSUPPORTED_MEDIA_TYPE": {
        ZH: "不支持该请求内容类型，POST 请求请使用 Content-Type: application/json。",
        EN: "The request content type is not supported; send POST requests with Content-Type: application/json.",
    },
    "BATCHING_NOT_ENABLED": {
        ZH: "不支持批量请求，请每个请求只发送一个操作。",
        EN: "Batched requests are not supported; send one operation per request.",
    },
    "MISSING_QUERY": {
        ZH: "请求中没有 GraphQL 查询，GET 请求请在 query 参数中发送，POST 请求请在 JSON 请求体的 query 字段中发送。",
        EN: "The request contains no GraphQL query; send it in the query parameter of a GET request or the query "
        "field of a POST request's JSON body.",
    },
    "PERSISTED_QUERY_NOT_SUPPORTED": {
        ZH: "不支持持久化查询（extensions.persistedQuery），请在 query 字段中发送完整的 GraphQL 文档。",
        EN: "Persisted queries (extensions.persistedQuery) are not supported; send the full GraphQL document "
        "in the query field.",
    },
    # {detail} lists the names of the document's operations.
    "OPERATION_NAME_REQUIRED": {
        ZH: "文档包含多个操作（{detail}），请在 operationName 中指定要执行的操作。",
        EN: "The document contains several operations ({detail}); name the one to run in operationName.",
    },
    "OPERATION_RESOLUTION_FAILURE": {
        ZH: "无法确定要执行的操作，请检查 operationName：{detail}",
        EN: "The operation to run cannot be determined; check operationName: {detail}",
    },
    "METHOD_NOT_ALLOWED": {
        ZH: "该 HTTP 方法不能用于此请求，查询请用 GET 或 POST，变更请用 POST：{detail}",
        EN: "The HTTP method is not allowed for this request; send queries with GET or POST and mutations "
        "with POST: {detail}",
    },
    "GRAPHIQL_DISABLED": {
        ZH: "GraphiQL 仅在开发环境中提供，请在 query 参数中发送查询。",
        EN: "GraphiQL is available in development only; send the query in the query parameter.",
    },
    "BAD_REQUEST": {
        ZH: "请求无效：{detail}",
        EN: "The request is invalid: {detail}",
    },
}

# Masked errors cannot know the request locale, so the text carries both languages.
MASKED_ERROR_MESSAGE = "服务器内部错误，请稍后重试。Internal server error; try again later."

# Payload error codes per area; codes of different areas may share a name (NOT_FOUND), so
# the catalog is chosen by the code's enum type.
PAYLOAD_MESSAGES: dict[type[StrEnum], dict[str, dict[Locale, str]]] = {
    ApprovalErrorCode: APPROVAL_MESSAGES,
    CalendarErrorCode: CALENDAR_MESSAGES,
}


def request_message(code: str, locale: Locale, **params: Any) -> str:
    """Render a request-level message (authentication, permission, limits)."""
    templates = REQUEST_MESSAGES.get(code) or REQUEST_MESSAGES["INTERNAL_ERROR"]
    return render(templates, locale, {"field": "request", **params})


def payload_message(code: StrEnum, locale: Locale, field: str | None, **params: Any) -> str:
    """Render the message of a mutation payload error; the input path fills ``{field}``.

    A catalog may hold a more specific message, under the key "CODE+param", for an error
    that carries that param (e.g. "FORBIDDEN+owner"). Enum values among the params, such
    as steps, roles, zones and rejection reasons, are shown by their labels in ``locale``.
    """
    catalog = PAYLOAD_MESSAGES[type(code)]
    variants = [catalog[key] for key in (f"{code}+{name}" for name in params) if key in catalog]
    templates = variants[0] if variants else catalog[code]
    return render(templates, locale, {"field": field or "input", **localize_params(params, locale)})
