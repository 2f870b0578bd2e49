"""Root fields of the official calendar: read by staff, edited by administrators."""

from __future__ import annotations

from datetime import date

import strawberry

from domain.accounts.models import Role
from resolvers.calendar import official
from resolvers.context import Info
from schema.calendar.types import CalendarError, ConfirmedYear, DayKindEnum, OfficialDay
from schema.permissions import STAFF, allow, roles_note


@strawberry.input(description="The official kind of one day.")
class CalendarDaySetInput:
    day: date
    kind: DayKindEnum  # type: ignore[valid-type]
    name: str = strawberry.field(default="", description="Holiday name, e.g. 春节.")


@strawberry.input(description="A year whose complete official schedule has been entered.")
class CalendarYearConfirmInput:
    year: int
    source: str = strawberry.field(default="", description="The notice the schedule comes from.")


@strawberry.type
class CalendarDaySetPayload:
    day: OfficialDay | None
    errors: list[CalendarError]


@strawberry.type
class CalendarDayDeletePayload:
    deleted_day: date | None
    errors: list[CalendarError]


@strawberry.type
class CalendarYearConfirmPayload:
    year: ConfirmedYear | None
    errors: list[CalendarError]


@strawberry.type
class CalendarQueries:
    @strawberry.field(
        description="Official holidays and make-up working days entered for a year." + roles_note(STAFF),
        permission_classes=[allow(STAFF)],
    )
    async def official_days(self, info: Info, year: int) -> list[OfficialDay]:
        return [OfficialDay.from_model(row) for row in await official.list_official_days(info, year)]

    @strawberry.field(
        description="Years whose complete official schedule is loaded." + roles_note(STAFF),
        permission_classes=[allow(STAFF)],
    )
    async def confirmed_years(self, info: Info) -> list[ConfirmedYear]:
        return [ConfirmedYear.from_model(row) for row in await official.list_confirmed_years(info)]


@strawberry.type
class CalendarMutations:
    @strawberry.mutation(
        description="Set the official kind of a day (节假日或调休上班日)." + roles_note({Role.ADMINISTRATOR}),
        permission_classes=[allow(Role.ADMINISTRATOR)],
    )
    async def calendar_day_set(self, info: Info, input: CalendarDaySetInput) -> CalendarDaySetPayload:
        outcome = await official.set_day(info, input.day, input.kind, input.name)
        return CalendarDaySetPayload(
            day=OfficialDay.from_model(outcome.result) if outcome.result else None,
            errors=[CalendarError.from_domain(error, info) for error in outcome.errors],
        )

    @strawberry.mutation(
        description="Delete the official entry of a day." + roles_note({Role.ADMINISTRATOR}),
        permission_classes=[allow(Role.ADMINISTRATOR)],
    )
    async def calendar_day_delete(self, info: Info, day: date) -> CalendarDayDeletePayload:
        outcome = await official.delete_day(info, day)
        return CalendarDayDeletePayload(
            deleted_day=outcome.result,
            errors=[CalendarError.from_domain(error, info) for error in outcome.errors],
        )

    @strawberry.mutation(
        description="Mark a year's official schedule as completely loaded." + roles_note({Role.ADMINISTRATOR}),
        permission_classes=[allow(Role.ADMINISTRATOR)],
    )
    async def calendar_year_confirm(self, info: Info, input: CalendarYearConfirmInput) -> CalendarYearConfirmPayload:
        outcome = await official.confirm_year(info, input.year, input.source)
        return CalendarYearConfirmPayload(
            year=ConfirmedYear.from_model(outcome.result) if outcome.result else None,
            errors=[CalendarError.from_domain(error, info) for error in outcome.errors],
        )
