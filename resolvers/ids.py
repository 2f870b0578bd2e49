"""Decoding of Relay global IDs passed in mutation inputs."""

from __future__ import annotations

from strawberry.relay import GlobalID

from domain.approvals.errors import ApprovalErrorCode
from domain.errors import DomainError


def decode_id(value: str, type_name: str, field: str) -> int:
    """Return the integer key of a global ID of ``type_name``; raise INVALID_ID otherwise."""
    try:
        global_id = GlobalID.from_id(value)
    except ValueError:  # strawberry raises GlobalIDValueError, a ValueError
        raise DomainError(ApprovalErrorCode.INVALID_ID, field, value=value[:40]) from None

    if global_id.type_name != type_name or not global_id.node_id.isdigit():
        raise DomainError(ApprovalErrorCode.INVALID_ID, field, value=value[:40])
    return int(global_id.node_id)
