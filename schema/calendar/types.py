"""Official holidays and make-up working days in the graph."""

from __future__ import annotations

from datetime import date, datetime
from typing import Self

import strawberry

from domain.calendar.models import DayKind, OfficialCalendarDay, OfficialCalendarYear
from domain.calendar.official import CalendarErrorCode
from domain.errors import DomainError
from resolvers.context import Info
from schema.messages import payload_message

DayKindEnum = strawberry.enum(
    DayKind, name="DayKind", description="HOLIDAY (法定节假日) or make-up WORKDAY (调休上班日)."
)
CalendarErrorCodeEnum = strawberry.enum(
    CalendarErrorCode, name="CalendarErrorCode", description="Stable codes of calendar errors."
)


@strawberry.type(description="A day whose kind the State Council announced; it overrides the calendar library.")
class OfficialDay:
    day: date
    kind: DayKindEnum  # type: ignore[valid-type]
    name: str

    @classmethod
    def from_model(cls, row: OfficialCalendarDay) -> Self:
        return cls(day=row.day, kind=row.kind, name=row.name)


@strawberry.type(description="A year whose complete official schedule is loaded; its deadlines are confirmed.")
class ConfirmedYear:
    year: int
    loaded_at: datetime
    source: str

    @classmethod
    def from_model(cls, row: OfficialCalendarYear) -> Self:
        return cls(year=row.year, loaded_at=row.loaded_at, source=row.source)


@strawberry.type(description="An expected failure of a calendar edit.")
class CalendarError:
    field: str | None
    code: CalendarErrorCodeEnum  # type: ignore[valid-type]
    message: str

    @classmethod
    def from_domain(cls, error: DomainError, info: Info) -> Self:
        return cls(
            field=error.field,
            code=error.code,
            message=payload_message(error.code, info.context.locale, error.field, **error.params),
        )
