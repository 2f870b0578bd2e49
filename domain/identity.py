"""Normalise, validate and mask personal and organisation identifiers from rural registries.

Check characters come from python-stdnum: ``stdnum.cn.ric`` for the resident identity
number (GB 11643) and ``stdnum.cn.uscc`` for the unified social credit code (GB 32100).
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from enum import StrEnum
from typing import Literal

from stdnum.cn import ric, uscc
from stdnum.exceptions import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    ValidationError,
)
from stdnum.util import clean

from domain.approvals.errors import ApprovalErrorCode
from domain.errors import DomainError

# China Standard Time has had no daylight saving time since 1991, so a fixed offset is exact.
CHINA_STANDARD_TIME = datetime.timezone(datetime.timedelta(hours=8), "CST")

NAME_MAX_LENGTH = 64
MIDDLE_DOT = "\u00b7"
# Separators that registries type in place of the middle dot in minority names.
_MIDDLE_DOT_LOOKALIKES = frozenset(".\u2022\u2027\u2219\u22c5\u30fb\uff0e\uff65")
# U+3007 IDEOGRAPHIC NUMBER ZERO is a number (Nl) in Unicode but a character in Chinese names.
_NAME_EXTRA_CHARACTERS = frozenset("\u3007")

_RESIDENT_ID_PATTERN = re.compile(r"[0-9]{17}[0-9X]")
_MOBILE_PATTERN = re.compile(r"1[3-9][0-9]{9}")
_RAW_VALUE_MAX_LENGTH = 40


class RejectionReason(StrEnum):
    """Machine-readable cause of a rejection, sent as ``DomainError.params["reason"]``."""

    EMPTY = "empty"
    LENGTH = "length"
    CHARACTERS = "characters"
    CHECKSUM = "checksum"
    BIRTH_DATE = "birth_date"
    COUNTRY_CODE = "country_code"
    PREFIX = "prefix"
    DIGITS = "digits"
    CONTROL_CHARACTER = "control_character"
    PRIVATE_USE = "private_use"
    MIDDLE_DOT = "middle_dot"


def _reject(code: ApprovalErrorCode, field: str, raw: str, reason: RejectionReason) -> DomainError:
    return DomainError(code, field, value=raw[:_RAW_VALUE_MAX_LENGTH], reason=reason)


def _strip_width_and_spaces(raw: str) -> str:
    """Fold full-width forms to ASCII (NFKC) and drop all whitespace."""
    folded = unicodedata.normalize("NFKC", raw)
    return "".join(folded.split())


def normalize_resident_id(raw: str, field: str, *, today: datetime.date | None = None) -> str:
    """Validate an 18-character resident identity number and return it in upper case.

    Full-width digits, a lower-case or full-width ``x`` and any whitespace are accepted.
    The birth date must be a calendar date no later than ``today``, which defaults to the
    current date in China Standard Time. Raises ``DomainError`` with code
    ``INVALID_RESIDENT_ID`` and a ``reason`` of empty, length, characters, checksum or
    birth_date.
    """
    # ric.validate() is not called because it also rejects an address code that was
    # created after the birth year. Real numbers carry such codes, for example 330802
    # (Kecheng District, Quzhou), which stdnum 2.2 lists from 1985, on people born earlier.
    code = ApprovalErrorCode.INVALID_RESIDENT_ID
    number = ric.compact(_strip_width_and_spaces(raw))

    if not number:
        raise _reject(code, field, raw, RejectionReason.EMPTY)
    if len(number) != 18:
        raise _reject(code, field, raw, RejectionReason.LENGTH)
    if not _RESIDENT_ID_PATTERN.fullmatch(number):
        raise _reject(code, field, raw, RejectionReason.CHARACTERS)
    if number[-1] != ric.calc_check_digit(number):
        raise _reject(code, field, raw, RejectionReason.CHECKSUM)

    try:
        birth_date = ric.get_birth_date(number)
    except InvalidComponent:
        raise _reject(code, field, raw, RejectionReason.BIRTH_DATE) from None
    if today is None:
        today = datetime.datetime.now(CHINA_STANDARD_TIME).date()
    if birth_date > today:
        raise _reject(code, field, raw, RejectionReason.BIRTH_DATE)

    return number


def normalize_credit_code(raw: str, field: str) -> str:
    """Validate an 18-character unified social credit code and return it in upper case.

    Full-width characters, lower-case letters, whitespace and hyphens are accepted.
    Raises ``DomainError`` with code ``INVALID_CREDIT_CODE`` and a ``reason`` of empty,
    length, characters or checksum.
    """
    code = ApprovalErrorCode.INVALID_CREDIT_CODE
    compact = uscc.compact(_strip_width_and_spaces(raw))
    if not compact:
        raise _reject(code, field, raw, RejectionReason.EMPTY)

    # InvalidLength subclasses InvalidFormat, so it must be caught first.
    try:
        return uscc.validate(compact)
    except InvalidLength:
        raise _reject(code, field, raw, RejectionReason.LENGTH) from None
    except InvalidFormat:
        raise _reject(code, field, raw, RejectionReason.CHARACTERS) from None
    except InvalidChecksum:
        raise _reject(code, field, raw, RejectionReason.CHECKSUM) from None
    except ValidationError:
        raise _reject(code, field, raw, RejectionReason.CHARACTERS) from None


def normalize_mobile(raw: str, field: str) -> str:
    """Validate a mainland China mobile number and return its 11 digits.

    Full-width digits, whitespace, hyphens and a ``+86``, ``0086`` or ``86`` country
    code are accepted. Raises ``DomainError`` with code ``INVALID_MOBILE`` and a
    ``reason`` of empty, characters, country_code, length or prefix (the number does
    not start with 13 to 19).
    """
    code = ApprovalErrorCode.INVALID_MOBILE
    # clean() folds dash look-alikes such as the en dash to "-" before deleting them.
    number = clean(_strip_width_and_spaces(raw), "-")

    if not number:
        raise _reject(code, field, raw, RejectionReason.EMPTY)
    has_plus = number.startswith("+")
    digits = number.removeprefix("+")
    if not digits.isascii() or not digits.isdigit():
        raise _reject(code, field, raw, RejectionReason.CHARACTERS)

    if has_plus:
        if not digits.startswith("86"):
            raise _reject(code, field, raw, RejectionReason.COUNTRY_CODE)
        digits = digits.removeprefix("86")
    elif len(digits) == 15 and digits.startswith("0086"):
        digits = digits.removeprefix("0086")
    elif len(digits) == 13 and digits.startswith("86"):
        digits = digits.removeprefix("86")

    if len(digits) != 11:
        raise _reject(code, field, raw, RejectionReason.LENGTH)
    if not _MOBILE_PATTERN.fullmatch(digits):
        raise _reject(code, field, raw, RejectionReason.PREFIX)
    return digits


def _name_character_reason(character: str) -> RejectionReason | None:
    """Return why ``character`` may not appear in a personal name, or None if it may."""
    if character == " " or character == MIDDLE_DOT or character in _NAME_EXTRA_CHARACTERS:
        return None
    category = unicodedata.category(character)
    if category[0] in ("L", "M"):
        return None
    if category == "Nd":
        return RejectionReason.DIGITS
    if category in ("Cc", "Cf"):
        return RejectionReason.CONTROL_CHARACTER
    if category == "Co":
        return RejectionReason.PRIVATE_USE
    return RejectionReason.CHARACTERS


def normalize_name(raw: str, field: str) -> str:
    """Normalise a personal name to NFC with single spaces and return it.

    Letters of any script are kept, including characters outside the Basic Multilingual
    Plane such as "𠀾". Dot look-alikes ("." "•" "・" and others) become the middle dot
    "·" that separates parts of minority names, and spaces around it are removed.
    Raises ``DomainError`` with code ``INVALID_NAME`` and a ``reason`` of empty, length
    (more than 64 characters), digits, control_character, private_use, middle_dot or
    characters.
    """
    code = ApprovalErrorCode.INVALID_NAME
    text = " ".join(unicodedata.normalize("NFC", raw).split())
    text = "".join(MIDDLE_DOT if c in _MIDDLE_DOT_LOOKALIKES else c for c in text)
    text = text.replace(f" {MIDDLE_DOT}", MIDDLE_DOT).replace(f"{MIDDLE_DOT} ", MIDDLE_DOT)

    if not text:
        raise _reject(code, field, raw, RejectionReason.EMPTY)
    if len(text) > NAME_MAX_LENGTH:
        raise DomainError(
            code,
            field,
            value=raw[:_RAW_VALUE_MAX_LENGTH],
            reason=RejectionReason.LENGTH,
            max_length=NAME_MAX_LENGTH,
        )

    for character in text:
        reason = _name_character_reason(character)
        if reason is not None:
            raise _reject(code, field, raw, reason)

    parts = text.split(MIDDLE_DOT)
    if any(not part for part in parts):
        raise _reject(code, field, raw, RejectionReason.MIDDLE_DOT)
    return text


def mask_resident_id(value: str) -> str:
    """Mask all but the first and last character with ``*``, keeping the length.

    Values of one or two characters are masked completely so that nothing is revealed.
    """
    if len(value) <= 2:
        return "*" * len(value)
    return value[0] + "*" * (len(value) - 2) + value[-1]


def mask_phone(value: str) -> str:
    """Mask all but the first three and last four characters, e.g. ``138****5678``.

    Values shorter than eight characters are masked completely.
    """
    if len(value) < 8:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def make_resident_id(address_code: str, birth: datetime.date, sequence: int) -> str:
    """Build a synthetic resident identity number with a valid check character.

    ``sequence`` (0 to 999) is the order code, odd for men and even for women. The
    address code is not looked up, so the result is demo data, not a real person's number.
    Raises ``ValueError`` when the address code is not 6 digits or the sequence is out
    of range.
    """
    if len(address_code) != 6 or not address_code.isascii() or not address_code.isdigit():
        raise ValueError(f"address_code must be 6 ASCII digits, got {address_code!r}")
    if not 0 <= sequence <= 999:
        raise ValueError(f"sequence must be between 0 and 999, got {sequence}")

    body = f"{address_code}{birth.year:04d}{birth.month:02d}{birth.day:02d}{sequence:03d}"
    # calc_check_digit() expects a full number and ignores its last character.
    return body + ric.calc_check_digit(body + "0")


def _require_resident_id(value: str) -> str:
    number = ric.compact(value)
    if not _RESIDENT_ID_PATTERN.fullmatch(number):
        raise ValueError(
            f"invalid resident identity number {mask_resident_id(value)}: expected 17 digits"
            " and a digit or X, as normalize_resident_id() returns"
        )
    return number


def gender_of_resident_id(value: str) -> Literal["male", "female"]:
    """Return the gender that the order code encodes: odd for male, even for female.

    ``value`` should be the output of ``normalize_resident_id``. Raises ``ValueError``
    when it is not 17 digits followed by a digit or ``X``.
    """
    number = _require_resident_id(value)
    return "male" if int(number[16]) % 2 == 1 else "female"


def birth_date_of_resident_id(value: str) -> datetime.date:
    """Return the birth date encoded in characters 7 to 14 of a resident identity number.

    Raises ``ValueError`` when ``value`` is malformed or the date is not a calendar date.
    """
    number = _require_resident_id(value)
    try:
        birth_date = ric.get_birth_date(number)
    except InvalidComponent:
        raise ValueError(f"resident identity number has an invalid birth date: {mask_resident_id(value)}") from None
    return birth_date
