"""Keyset pagination over integer primary keys, newest first, for Relay connections."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from graphql import GraphQLError
from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from core.i18n import Locale
from resolvers.ids import parse_key
from schema.messages import request_message

T = TypeVar("T")

CURSOR_PREFIX = "cursor:"
DEFAULT_PAGE_SIZE = 20


@dataclass(frozen=True)
class PageRequest:
    first: int | None = None
    after: str | None = None
    last: int | None = None
    before: str | None = None


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    cursors: list[str]
    has_next_page: bool
    has_previous_page: bool
    total_count: int


def encode_cursor(key: int) -> str:
    return base64.b64encode(f"{CURSOR_PREFIX}{key}".encode()).decode()


def decode_cursor(cursor: str, field: str, locale: Locale) -> int:
    """Return the key in a cursor of ``encode_cursor``; raise a top-level INVALID_CURSOR error otherwise.

    The key must be ASCII digits up to ``MAX_KEY``, as ``parse_key`` checks: ``int`` alone
    accepts spaces, underscores and non-ASCII digits, and a larger key overflows the
    INTEGER column in the query.
    """
    try:
        text = base64.b64decode(cursor, validate=True).decode()
        if not text.startswith(CURSOR_PREFIX):
            raise ValueError(text)
        key = parse_key(text.removeprefix(CURSOR_PREFIX))
        if key is None:
            raise ValueError(text)
        return key
    except (binascii.Error, UnicodeDecodeError, ValueError) as error:
        raise GraphQLError(
            request_message("INVALID_CURSOR", locale, field=field, value=cursor[:40]),
            extensions={"code": "INVALID_CURSOR", "field": field},
        ) from error


def _check_size(value: int | None, field: str, max_size: int, locale: Locale) -> None:
    if value is not None and not 0 <= value <= max_size:
        raise GraphQLError(
            request_message("PAGE_SIZE_INVALID", locale, field=field, value=value, limit=max_size),
            extensions={"code": "PAGE_SIZE_INVALID", "field": field},
        )


async def paginate(
    session: AsyncSession,
    query: Select[Any],
    key: InstrumentedAttribute[int],
    page: PageRequest,
    max_size: int,
    locale: Locale,
) -> Page[Any]:
    """Run ``query`` for one page, newest key first; ``query`` selects one ORM entity."""
    _check_size(page.first, "first", max_size, locale)
    _check_size(page.last, "last", max_size, locale)

    total = await session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))

    if page.after is not None:
        query = query.where(key < decode_cursor(page.after, "after", locale))
    if page.before is not None:
        query = query.where(key > decode_cursor(page.before, "before", locale))

    backwards = page.last is not None and page.first is None
    size = page.last if backwards else page.first
    size = DEFAULT_PAGE_SIZE if size is None else size

    ordered = query.order_by(key.asc() if backwards else key.desc()).limit(size + 1)
    rows = list((await session.scalars(ordered)).all())
    has_more = len(rows) > size
    rows = rows[:size]
    if backwards:
        rows.reverse()

    return Page(
        items=rows,
        cursors=[encode_cursor(getattr(row, key.key)) for row in rows],
        has_next_page=has_more if not backwards else page.before is not None,
        has_previous_page=has_more if backwards else page.after is not None,
        total_count=total or 0,
    )
