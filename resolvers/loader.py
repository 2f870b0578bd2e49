"""Typed wrapper around aiodataloader and the two batch shapes the hub needs."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Coroutine, Hashable, Sequence
from typing import Any, Generic, TypeVar

from aiodataloader import DataLoader
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import InstrumentedAttribute

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
M = TypeVar("M")


class BatchLoader(Generic[K, V]):
    """A per-request DataLoader: ``load`` calls made in one tick become one batch call."""

    def __init__(self, batch_load: Callable[[list[K]], Coroutine[Any, Any, list[V]]]) -> None:
        self._loader: DataLoader[K, V] = DataLoader(batch_load_fn=batch_load)

    async def load(self, key: K) -> V:
        return await self._loader.load(key)

    async def load_many(self, keys: Sequence[K]) -> list[V]:
        return await self._loader.load_many(list(keys))


def one_by_key(
    sessions: async_sessionmaker[AsyncSession],
    model: type[M],
    key: InstrumentedAttribute[Any],
) -> BatchLoader[Any, M | None]:
    """Load at most one ``model`` row per key with a single IN query per batch."""

    async def batch(keys: list[Any]) -> list[M | None]:
        async with sessions() as session:
            rows = (await session.scalars(select(model).where(key.in_(keys)))).all()
        by_key = {getattr(row, key.key): row for row in rows}
        return [by_key.get(k) for k in keys]

    return BatchLoader(batch)


def many_by_key(
    sessions: async_sessionmaker[AsyncSession],
    model: type[M],
    key: InstrumentedAttribute[Any],
    order_by: InstrumentedAttribute[Any],
) -> BatchLoader[Any, list[M]]:
    """Load every ``model`` row per key, ordered by ``order_by``, with one query per batch."""

    async def batch(keys: list[Any]) -> list[list[M]]:
        async with sessions() as session:
            rows = (await session.scalars(select(model).where(key.in_(keys)).order_by(order_by))).all()
        grouped: dict[Any, list[M]] = defaultdict(list)
        for row in rows:
            grouped[getattr(row, key.key)].append(row)
        return [grouped.get(k, []) for k in keys]

    return BatchLoader(batch)
