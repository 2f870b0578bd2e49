"""zh-CN and English messages for calendar error codes."""

from __future__ import annotations

from core.i18n import Locale
from domain.calendar.official import CalendarErrorCode as Code

ZH, EN = Locale.ZH_CN, Locale.EN

CALENDAR_MESSAGES: dict[str, dict[Locale, str]] = {
    Code.YEAR_OUT_OF_RANGE: {
        ZH: "{field}：年份 {value} 超出范围，请填写 {minimum} 至 {maximum} 年之间的日期。",
        EN: "{field}: year {value} is out of range; use a date between {minimum} and {maximum}.",
    },
    Code.NAME_TOO_LONG: {
        ZH: "{field}：名称长度为 {length} 个字符，最多 {maximum} 个，请缩短。",
        EN: "{field}: the name has {length} characters, at most {maximum} are allowed; shorten it.",
    },
    Code.DAY_NOT_FOUND: {
        ZH: "{field}：{value} 没有官方节假日记录，无需删除。",
        EN: "{field}: {value} has no official calendar entry to delete.",
    },
    Code.INVALID_CHARACTERS: {
        ZH: "{field}：第 {position} 个字符（{character}）是控制字符或无效字符，请删除后重新提交。",
        EN: "{field}: character {position} ({character}) is a control or invalid character; remove it and submit again.",
    },
    Code.TOO_LONG: {
        ZH: "{field}：内容长度为 {length} 个字符，最多 {maximum} 个，请缩短。",
        EN: "{field}: the text has {length} characters, at most {maximum} are allowed; shorten it.",
    },
}
