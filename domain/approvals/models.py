"""Building needs, applications, the seven approval steps, their history and permits."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import IntEnum, StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    text,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column

from core.database import Base, IntEnumType, UTCDateTime, string_enum
from domain.land.models import LandType, Zone


class Step(IntEnum):
    """The seven approval steps in their fixed order."""

    ONLINE_APPLICATION = 1
    VILLAGE_PUBLICITY = 2
    VILLAGE_REVIEW = 3
    SITE_SURVEY = 4
    JOINT_MEETING = 5
    CONSTRUCTION_PUBLICITY = 6
    PERMIT_ISSUANCE = 7

    def next(self) -> Step | None:
        return Step(self + 1) if self < Step.PERMIT_ISSUANCE else None


class ApplicationStatus(StrEnum):
    IN_PROGRESS = "in_progress"
    RETURNED = "returned"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    PERMIT_ISSUED = "permit_issued"


class BuildType(StrEnum):
    NEW_SITE = "new_site"
    REBUILD_IN_PLACE = "rebuild_in_place"
    NEW_BUILD_DEMOLISH_OLD = "new_build_demolish_old"
    IDLE_HOMESTEAD_REUSE = "idle_homestead_reuse"


class StepOutcome(StrEnum):
    OPEN = "open"
    PASSED = "passed"
    RETURNED = "returned"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class TransitionAction(StrEnum):
    SUBMIT = "submit"
    PASS = "pass"  # noqa: S105 - an action name, not a password
    RETURN = "return"
    RESUBMIT = "resubmit"
    REJECT = "reject"
    WITHDRAW = "withdraw"


class BuildingNeed(Base):
    """A household's registered need to build (建房需求), collected into a half-year plan."""

    __tablename__ = "building_need"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"), index=True)
    village_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    plan_period: Mapped[str] = mapped_column(String(7))  # e.g. "2026-H2"
    reason: Mapped[str] = mapped_column(Text, default="")
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Application(Base):
    """A household's application for a homestead and a building permit."""

    __tablename__ = "application"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"), index=True)
    applicant_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    village_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    submitted_by_id: Mapped[int] = mapped_column(ForeignKey("account.id"))

    build_type: Mapped[BuildType] = mapped_column(string_enum(BuildType))
    household_split: Mapped[bool] = mapped_column(Boolean, default=False)
    demolition_commitment: Mapped[bool] = mapped_column(Boolean, default=False)
    land_type: Mapped[LandType] = mapped_column(string_enum(LandType))
    zone: Mapped[Zone] = mapped_column(string_enum(Zone))
    location: Mapped[str] = mapped_column(String(200))
    boundary_east: Mapped[str] = mapped_column(String(100))
    boundary_south: Mapped[str] = mapped_column(String(100))
    boundary_west: Mapped[str] = mapped_column(String(100))
    boundary_north: Mapped[str] = mapped_column(String(100))
    site_area_m2: Mapped[Decimal] = mapped_column(Numeric(8, 2))
    footprint_area_m2: Mapped[Decimal] = mapped_column(Numeric(8, 2))
    floor_area_m2: Mapped[Decimal] = mapped_column(Numeric(8, 2))
    storeys: Mapped[int] = mapped_column(Integer)
    eave_height_m: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    total_height_m: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    stilt_storey_height_m: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    enclosing_wall_height_m: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    structure: Mapped[str] = mapped_column(String(50))
    roof_colour: Mapped[str] = mapped_column(String(50))
    wall_colour: Mapped[str] = mapped_column(String(50))
    old_house_treatment: Mapped[str] = mapped_column(String(200), default="")
    design_code: Mapped[str | None] = mapped_column(String(32))

    status: Mapped[ApplicationStatus] = mapped_column(string_enum(ApplicationStatus), index=True)
    current_step: Mapped[Step] = mapped_column(IntEnumType(Step), index=True)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime())
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decision_due_date: Mapped[date | None] = mapped_column(Date)
    # False when the decision deadline lies in a year whose official schedule is not loaded.
    decision_due_confirmed: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Optimistic lock: every UPDATE checks and bumps it, so concurrent actions conflict.
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
    __table_args__ = (
        # One open application per household, enforced by the database as well as the workflow.
        Index(
            "uq_application_open_per_household",
            "household_id",
            unique=True,
            sqlite_where=text("status IN ('in_progress', 'returned')"),
            postgresql_where=text("status IN ('in_progress', 'returned')"),
        ),
    )


class ApprovalStep(Base):
    """One step of one application, with its owner role, due date and outcome."""

    __tablename__ = "approval_step"
    __table_args__ = (UniqueConstraint("application_id", "step"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    step: Mapped[Step] = mapped_column(IntEnumType(Step))
    owner_role: Mapped[str] = mapped_column(String(32))
    outcome: Mapped[StepOutcome] = mapped_column(string_enum(StepOutcome), index=True)
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime())
    due_date: Mapped[date] = mapped_column(Date, index=True)
    # False when the due date falls in a year whose official holiday schedule is not loaded.
    schedule_confirmed: Mapped[bool] = mapped_column(Boolean, default=True)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class StepTransition(Base):
    """An append-only record of one workflow action; the farmer's stage view lists these."""

    __tablename__ = "step_transition"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    step: Mapped[Step] = mapped_column(IntEnumType(Step))
    action: Mapped[TransitionAction] = mapped_column(string_enum(TransitionAction))
    actor_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    opinion: Mapped[str] = mapped_column(Text, default="")
    attachments: Mapped[list[str]] = mapped_column(JSON, default=list)


class Objection(Base):
    """An objection raised during village publicity; it must be resolved before the step passes."""

    __tablename__ = "objection"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    raised_by: Mapped[str] = mapped_column(String(64))
    content: Mapped[str] = mapped_column(Text)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())
    resolution: Mapped[str | None] = mapped_column(Text)
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Permit(Base):
    """The rural building planning permit (乡村建设规划许可证) with the homestead approval."""

    __tablename__ = "permit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), unique=True)
    permit_number: Mapped[str] = mapped_column(String(40), unique=True)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime())
    issued_by_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    # The permit repeats the fields of the construction publicity, frozen at issuance.
    fields: Mapped[dict[str, Any]] = mapped_column(JSON)
