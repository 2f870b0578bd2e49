"""Every error code has a zh-CN and an English message that renders with its parameters."""

from __future__ import annotations

from enum import StrEnum

import pytest

from core.i18n import Locale
from schema.messages import PAYLOAD_MESSAGES, REQUEST_MESSAGES, payload_message

PAYLOAD_CODES: list[StrEnum] = [code for enum_type in PAYLOAD_MESSAGES for code in enum_type]


@pytest.mark.parametrize("code", PAYLOAD_CODES, ids=str)
@pytest.mark.parametrize("locale", list(Locale), ids=str)
def test_payload_code_has_message(code: StrEnum, locale: Locale) -> None:
    catalog = PAYLOAD_MESSAGES[type(code)]

    assert code in catalog
    assert catalog[code][locale].strip()


@pytest.mark.parametrize("code", PAYLOAD_CODES, ids=str)
def test_payload_message_names_field(code: StrEnum) -> None:
    message = payload_message(code, Locale.EN, "input.spec.storeys")

    assert "input.spec.storeys" in message


@pytest.mark.parametrize("code", sorted(REQUEST_MESSAGES))
def test_request_code_has_both_languages(code: str) -> None:
    templates = REQUEST_MESSAGES[code]

    assert templates[Locale.ZH_CN].strip()
    assert templates[Locale.EN].strip()
