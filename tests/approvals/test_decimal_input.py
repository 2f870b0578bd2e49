"""Decimal input keeps its text, so the number check rejects spellings that Decimal(str) accepts.

These run on the domain check alone. The GraphQL Decimal scalar still parses with
``Decimal(str)`` until ``parse_decimal_input`` is registered as its parser.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.approvals import rules
from domain.approvals.errors import ApprovalErrorCode as Code
from domain.approvals.numbers import DecimalInput, parse_decimal_input


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("1_20", id="underscore"),
        pytest.param("１２０", id="full-width"),
        pytest.param("١٢٠", id="arabic-indic"),
        pytest.param("१२०", id="devanagari"),
        pytest.param(" 120", id="leading-space"),
        pytest.param("1.2e2", id="exponent"),
        pytest.param("+.5", id="no-integer-digit"),
    ],
)
def test_unplain_spelling_rejected(text: str) -> None:
    error = rules.check_area(parse_decimal_input(text), "input.spec.siteAreaM2")

    assert error is not None
    assert (error.code, error.field) == (Code.INVALID_NUMBER, "input.spec.siteAreaM2")
    assert error.params["value"] == text


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("120", id="integer-text"),
        pytest.param("+120.50", id="signed-text"),
        pytest.param("120.5000", id="trailing-zeros"),
        pytest.param(120, id="json-integer"),
        pytest.param(120.5, id="json-float"),
    ],
)
def test_plain_spelling_accepted(value: object) -> None:
    assert rules.check_area(parse_decimal_input(value), "input.spec.siteAreaM2") is None


def test_parsed_value_keeps_text() -> None:
    value = parse_decimal_input("1_20")

    assert isinstance(value, DecimalInput)
    assert value == Decimal(120)
    assert value.text == "1_20"


@pytest.mark.parametrize("value", ["abc", "", True, None, [1]])
def test_unparsable_input_raises(value: object) -> None:
    with pytest.raises(ValueError, match=r"decimal number|string or a number"):
        parse_decimal_input(value)


def test_plain_decimal_still_checked() -> None:
    error = rules.check_area(Decimal("1_20"), "input.spec.siteAreaM2")

    assert error is None
