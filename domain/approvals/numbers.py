"""Decimal input that keeps the text it was parsed from, so the number checks can see its spelling.

``Decimal(str)`` accepts spellings that no client means as a plain number: underscores
("1_20"), full-width, Arabic-Indic and Devanagari digits ("１２０", "١٢٠", "१२०"),
surrounding whitespace and exponents. Each of them parses to the same value as "120", so
only the original text distinguishes them. The GraphQL Decimal scalar (schema/scalars.py)
parses with ``parse_decimal_input``; values built in Python are plain ``Decimal`` and skip
the spelling check.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# An optional sign, ASCII digits and an optional fraction: the form of a JSON number
# without an exponent. The number of decimal places is checked separately.
PLAIN_DECIMAL = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")


class DecimalInput(Decimal):
    """A Decimal parsed from client input, with the text it was parsed from in ``text``."""

    text: str

    def __new__(cls, text: str) -> DecimalInput:
        value = super().__new__(cls, text)
        value.text = text
        return value

    def is_plain(self) -> bool:
        """Tell whether the input text is in plain form: no underscores, non-ASCII digits, spaces or exponent."""
        return PLAIN_DECIMAL.fullmatch(self.text) is not None


def parse_decimal_input(value: object) -> DecimalInput:
    """Parse a GraphQL Decimal input: a string, or an integer or float sent as a JSON number.

    Raises ``ValueError`` for text that ``Decimal`` cannot parse at all. A value that parses
    but is not written in plain form is kept, so that the domain check reports
    INVALID_NUMBER on the input field instead of the request failing as a whole.
    """
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError(f"expected a string or a number, not {type(value).__name__}")
    text = value if isinstance(value, str) else str(value)
    try:
        return DecimalInput(text)
    except InvalidOperation:
        raise ValueError(f'"{text[:40]}" is not a decimal number') from None
