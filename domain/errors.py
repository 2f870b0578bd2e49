"""Expected domain failures that mutations report as payload data."""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class DomainError(Exception):
    """A rule broken by the caller's input or the record's state.

    ``code`` is a stable machine-readable code (an ``ErrorCode`` member), ``field`` the
    GraphQL input path at fault (``None`` when the whole request is at fault), and
    ``params`` the values that the localized message template interpolates.
    """

    def __init__(self, code: StrEnum, field: str | None = None, **params: Any) -> None:
        # Params may hold personal data (an ID number), so only code and field reach str().
        super().__init__(f"{code} on {field}")
        self.code = code
        self.field = field
        self.params = params


class DomainErrors(Exception):  # noqa: N818 - the plural names a batch of DomainError
    """Several independent input errors found in one request, reported together."""

    def __init__(self, errors: list[DomainError]) -> None:
        super().__init__("; ".join(str(error) for error in errors))
        self.errors = errors
