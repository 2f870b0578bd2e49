"""Decoding of Relay global IDs passed in mutation inputs, of node keys and of region code filters."""

from __future__ import annotations

from graphql import GraphQLError
from strawberry.relay import GlobalID

from domain.approvals.errors import ApprovalErrorCode
from domain.errors import DomainError
from resolvers.context import Info
from schema.messages import request_message

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


async def require_known_region(info: Info, code: str, field: str) -> str:
    """Return ``code`` when a region has it; raise a top-level UNKNOWN_REGION error otherwise.

    A filter by a code that no region has would otherwise match nothing and look like an
    empty result. The lookup goes through the request's region loader, so a later
    ``village`` field of the same code costs no second query.
    """
    if await info.context.loaders.regions_by_code.load(code) is None:
        raise GraphQLError(
            request_message("UNKNOWN_REGION", info.context.locale, field=field, value=code[:40]),
            extensions={"code": "UNKNOWN_REGION", "field": field},
        )
    return code
