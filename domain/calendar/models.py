"""Administrator-maintained official holidays and make-up working days."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from core.database import Base, UTCDateTime, string_enum


class DayKind(StrEnum):
    HOLIDAY = "holiday"
    WORKDAY = "workday"


class OfficialCalendarDay(Base):
    """A day whose kind the State Council announced; it overrides the calendar library."""

    __tablename__ = "official_calendar_day"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    kind: Mapped[DayKind] = mapped_column(string_enum(DayKind))
    name: Mapped[str] = mapped_column(String(32), default="")


class OfficialCalendarYear(Base):
    """A year whose complete official schedule an administrator has loaded."""

    __tablename__ = "official_calendar_year"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    loaded_at: Mapped[datetime] = mapped_column(UTCDateTime())
    source: Mapped[str] = mapped_column(String(200), default="")
