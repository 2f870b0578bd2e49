"""Async SQLAlchemy engine, session factory and the declarative base."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from enum import IntEnum, StrEnum
from typing import Any

from sqlalchemy import DateTime, Dialect, Enum, Integer, MetaData, TypeDecorator, event
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase

# Stable constraint names let Alembic migrations drop and alter constraints on both backends.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def create_engine(url: str, *, sqlite_foreign_keys: bool = True, **kwargs: Any) -> AsyncEngine:
    """Create an engine; SQLite gets foreign keys and a busy timeout so writers queue.

    Migrations pass ``sqlite_foreign_keys=False``: Alembic's batch mode rebuilds a SQLite
    table by copying and dropping it, which enforced foreign keys of other tables forbid.
    """
    if url.startswith("sqlite"):
        engine = create_async_engine(url, connect_args={"timeout": 30}, **kwargs)
        event.listen(engine.sync_engine, "connect", _configure_sqlite)
        if not sqlite_foreign_keys:
            event.listen(engine.sync_engine, "connect", _disable_sqlite_foreign_keys)
        return engine

    return create_async_engine(url, pool_pre_ping=True, **kwargs)


def _disable_sqlite_foreign_keys(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=OFF")
    cursor.close()


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


@asynccontextmanager
async def transaction(
    sessions: async_sessionmaker[AsyncSession],
) -> AsyncIterator[AsyncSession]:
    """Open a session inside one transaction that commits on success and rolls back on error."""
    async with sessions() as session, session.begin():
        yield session


def string_enum(enum_type: type[StrEnum], length: int = 32) -> Enum:
    """Store a StrEnum by value in a VARCHAR, so new members need no database type change."""
    return Enum(
        enum_type,
        native_enum=False,
        create_constraint=False,
        length=length,
        values_callable=lambda members: [member.value for member in members],
    )


class IntEnumType(TypeDecorator[IntEnum]):
    """Store an IntEnum as its integer value and load it back as the enum member."""

    impl = Integer
    cache_ok = True

    def __init__(self, enum_type: type[IntEnum]) -> None:
        super().__init__()
        self.enum_type = enum_type

    def process_bind_param(self, value: IntEnum | int | None, dialect: Dialect) -> int | None:
        return None if value is None else int(value)

    def process_result_value(self, value: int | None, dialect: Dialect) -> IntEnum | None:
        return None if value is None else self.enum_type(value)


class UTCDateTime(TypeDecorator[datetime]):
    """Store aware datetimes as UTC and always load them back aware.

    SQLite keeps no offset, so without this a loaded value would be naive and be read in
    the server's local time zone.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value.isoformat()} cannot be stored; pass an aware datetime")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None or value.tzinfo is not None:
            return value
        return value.replace(tzinfo=UTC)
