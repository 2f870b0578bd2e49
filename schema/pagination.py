"""Relay edges and page info built from a resolver ``Page``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from strawberry import relay

from resolvers.pagination import Page

NodeT = TypeVar("NodeT", bound=relay.Node)


def build_edges(page: Page[Any], convert: Callable[[Any], NodeT]) -> list[relay.Edge[NodeT]]:
    return [
        relay.Edge(node=convert(item), cursor=cursor) for item, cursor in zip(page.items, page.cursors, strict=True)
    ]


def build_page_info(page: Page[Any]) -> relay.PageInfo:
    return relay.PageInfo(
        has_next_page=page.has_next_page,
        has_previous_page=page.has_previous_page,
        start_cursor=page.cursors[0] if page.cursors else None,
        end_cursor=page.cursors[-1] if page.cursors else None,
    )
