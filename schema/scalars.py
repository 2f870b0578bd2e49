"""Scalars that replace strawberry's defaults with stricter input parsing."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from operator import methodcaller

from strawberry.exceptions import StrawberryInputCoercionError
from strawberry.types.scalar import ScalarDefinition

from domain.approvals.numbers import DecimalInput, parse_decimal_input

# ASCII digits only: \d would also match other scripts' digits, such as full-width ones.
_CALENDAR_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

DATE_FORMAT_HINT = "Expected a calendar date in the format YYYY-MM-DD, such as 2026-03-01."


def parse_date(value: object) -> date:
    """Parse a Date input: exactly ``YYYY-MM-DD`` and a valid calendar date.

    Python 3.11's ``date.fromisoformat`` also accepts the basic format (20260101) and ISO
    week dates (2026-W01-1), which clients rarely mean, so the format is checked first.
    """
    if not isinstance(value, str) or _CALENDAR_DATE.fullmatch(value) is None:
        raise StrawberryInputCoercionError(f"Value cannot represent a Date: {_show(value)}. {DATE_FORMAT_HINT}")
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        # The format matched, so the day does not exist, such as 2026-02-30 or 2026-13-01.
        message = f"Value cannot represent a Date: {_show(value)} is not a calendar date ({error})."
        raise StrawberryInputCoercionError(message) from None


def _show(value: object) -> str:
    return f'"{value}"' if isinstance(value, str) else repr(value)


DATE = ScalarDefinition(
    name="Date",
    description="Calendar date in the format YYYY-MM-DD, such as 2026-03-01.",
    specified_by_url=None,
    serialize=methodcaller("isoformat"),
    parse_value=parse_date,
    parse_literal=None,
    origin=date,
)


def parse_decimal(value: object) -> DecimalInput:
    """Parse a Decimal input, keeping its text so the domain can reject unplain spellings."""
    try:
        return parse_decimal_input(value)
    except ValueError as error:
        raise StrawberryInputCoercionError(f"Value cannot represent a Decimal: {error}.") from None


DECIMAL = ScalarDefinition(
    name="Decimal",
    description='Decimal number as a string or JSON number, such as "120.50"; no exponent or digit separators.',
    specified_by_url=None,
    serialize=str,
    parse_value=parse_decimal,
    parse_literal=None,
    origin=Decimal,
)

# Passed to StrawberryConfig.scalar_map: Python type to the scalar that replaces strawberry's.
SCALAR_MAP: dict[object, ScalarDefinition] = {date: DATE, Decimal: DECIMAL}
