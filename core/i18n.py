"""Locale negotiation and the message catalog for user-facing text (zh-CN default, English)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class Locale(StrEnum):
    ZH_CN = "zh-CN"
    EN = "en"


DEFAULT_LOCALE = Locale.ZH_CN


def negotiate_locale(accept_language: str | None) -> Locale:
    """Pick zh-CN or English from an Accept-Language header, honouring q-values."""
    if not accept_language:
        return DEFAULT_LOCALE

    ranked: list[tuple[float, int, Locale]] = []
    for position, part in enumerate(accept_language.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        locale = _match(tag.strip().lower())
        if locale is not None and quality > 0:
            ranked.append((-quality, position, locale))

    if not ranked:
        return DEFAULT_LOCALE
    return min(ranked)[2]


def _match(tag: str) -> Locale | None:
    if tag.startswith("zh"):
        return Locale.ZH_CN
    if tag.startswith("en"):
        return Locale.EN
    return None


class _SafeParams(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(templates: dict[Locale, str], locale: Locale, params: dict[str, Any]) -> str:
    """Fill a message template in ``locale``; an unknown placeholder is kept verbatim."""
    template = templates.get(locale) or templates[DEFAULT_LOCALE]
    return template.format_map(_SafeParams(params))
