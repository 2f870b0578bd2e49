"""Decoding of Relay global IDs passed in mutation inputs, and of node keys."""

from __future__ import annotations

from strawberry.relay import GlobalID

from domain.approvals.errors import ApprovalErrorCode
from domain.errors import DomainError

# Primary keys are 32-bit INTEGER columns on PostgreSQL (and SQLite rejects integers above
# 64 bits), so a larger key can only come from a forged ID and must not reach the database.
MAX_KEY = 2**31 - 1
# No row has this key, so a lookup by it finds nothing.
MISSING_KEY = -1


def parse_key(text: str) -> int | None:
    """Return the primary key written in ``text``, or None unless it is ASCII digits up to MAX_KEY.

    ``str.isdigit`` alone is not enough: it accepts "²" and full-width digits, and ``int``
    rejects the first.
    """
    if not text.isascii() or not text.isdigit() or len(text) > len(str(MAX_KEY)):
        return None
    key = int(text)
    return key if key <= MAX_KEY else None


def lookup_key(text: str) -> int:
    """Return the primary key in ``text``, or MISSING_KEY so that the lookup yields null."""
    key = parse_key(text)
    return MISSING_KEY if key is None else key


def decode_id(value: str, type_name: str, field: str) -> int:
    """Return the integer key of a global ID of ``type_name``; raise INVALID_ID otherwise."""
    try:
        global_id = GlobalID.from_id(value)
    except ValueError:  # strawberry raises GlobalIDValueError, a ValueError
        raise DomainError(ApprovalErrorCode.INVALID_ID, field, value=value[:40]) from None

    key = parse_key(global_id.node_id)
    if global_id.type_name != type_name or key is None:
        raise DomainError(ApprovalErrorCode.INVALID_ID, field, value=value[:40])
    return key
