"""Localized text for request-level errors (authentication, permissions, limits)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from core.i18n import Locale, render
from domain.approvals.errors import ApprovalErrorCode
from domain.calendar.official import CalendarErrorCode
from schema.approvals.messages import APPROVAL_MESSAGES
from schema.calendar.messages import CALENDAR_MESSAGES

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
    "QUERY_TOO_COSTLY": {
        ZH: "查询成本 {cost} 超过上限 {limit}，请减少分页大小或嵌套字段。",
        EN: "The query cost {cost} exceeds the limit of {limit}; request smaller pages or fewer nested fields.",
    },
    "PAGE_SIZE_INVALID": {
        ZH: "{field}：分页大小须在 0 到 {limit} 之间，当前为 {value}。",
        EN: "{field}: the page size must be between 0 and {limit}, not {value}.",
    },
    "INVALID_CURSOR": {
        ZH: "{field}：分页游标“{value}”无效，请使用上一页返回的游标。",
        EN: '{field}: cursor "{value}" is invalid; use a cursor returned by the previous page.',
    },
    "INTERNAL_ERROR": {
        ZH: "服务器内部错误，请稍后重试。",
        EN: "Internal server error; try again later.",
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
    """Render the message of a mutation payload error; the input path fills ``{field}``."""
    templates = PAYLOAD_MESSAGES[type(code)][code]
    return render(templates, locale, {"field": field or "input", **params})
