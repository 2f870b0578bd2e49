"""Rural households (农户) and their registered members."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from sqlalchemy import Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from core.database import Base, string_enum


class Relation(StrEnum):
    HEAD = "head"
    SPOUSE = "spouse"
    CHILD = "child"
    PARENT = "parent"
    OTHER = "other"


class Gender(StrEnum):
    MALE = "male"
    FEMALE = "female"


class Household(Base):
    """A registered rural household; approvals are granted per household, not per person."""

    __tablename__ = "household"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    household_number: Mapped[str] = mapped_column(String(32), unique=True)
    village_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    address: Mapped[str] = mapped_column(String(200), default="")


class Member(Base):
    """A person registered in a household (户籍成员)."""

    __tablename__ = "member"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"), index=True)
    # Names may contain characters outside the Basic Multilingual Plane (生僻字).
    name: Mapped[str] = mapped_column(String(64), index=True)
    resident_id: Mapped[str] = mapped_column(String(18), unique=True)
    gender: Mapped[Gender] = mapped_column(string_enum(Gender))
    birth_date: Mapped[date] = mapped_column(Date)
    relation: Mapped[Relation] = mapped_column(string_enum(Relation))
    phone: Mapped[str | None] = mapped_column(String(11))
