"""Application lookups for the graph, limited to what the caller may see."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphql import GraphQLError
from sqlalchemy import ColumnElement, Select, and_, exists, false, select

from domain.accounts.actor import Actor
from domain.accounts.models import Role
from domain.approvals.models import Application, ApplicationStatus, ApprovalStep, Step, StepOutcome
from domain.clock import local_date
from domain.households.models import Member
from domain.regions.models import scope_prefix
from domain.text import find_invalid_character
from resolvers.context import Info
from resolvers.ids import require_known_region
from resolvers.pagination import Page, PageRequest, paginate
from schema.messages import request_message


@dataclass(frozen=True)
class ApplicationFilter:
    region_code: str | None = None
    step: Step | None = None
    status: ApplicationStatus | None = None
    overdue: bool | None = None
    applicant_name: str | None = None


def visible_to(actor: Actor) -> ColumnElement[bool]:
    """Rows of ``application`` the actor may see: its household's, those in its jurisdiction, or none.

    Mirrors ``Actor.can_see_application``, which checks one loaded row.
    """
    if actor.role is Role.FARMER:
        return Application.household_id == (actor.household_id or -1)
    if not actor.can_see_applications:
        return false()
    return Application.village_code.startswith(actor.region_prefix, autoescape=True)


def require_printable_filter(info: Info, text: str, field: str) -> None:
    """Raise a top-level INVALID_CHARACTERS error when a text filter contains a control character.

    Without the check a filter of one NUL character matched every row on SQLite.
    """
    invalid = find_invalid_character(text)
    if invalid is not None:
        raise GraphQLError(
            request_message(
                "INVALID_CHARACTERS",
                info.context.locale,
                field=field,
                position=invalid.position,
                character=invalid.character,
            ),
            extensions={"code": "INVALID_CHARACTERS", "field": field},
        )


def _require_personal_data_filter_allowed(info: Info, actor: Actor, field: str) -> None:
    """Raise a top-level error when a role that may not see personal data filters by a person's name.

    The filter would otherwise tell a dashboard viewer which applications a named person filed.
    """
    if not actor.can_see_personal_data:
        raise GraphQLError(
            request_message("PERSONAL_DATA_FILTER_FORBIDDEN", info.context.locale, field=field),
            extensions={"code": "PERSONAL_DATA_FILTER_FORBIDDEN", "field": field},
        )


def overdue_condition(info: Info) -> ColumnElement[bool]:
    today = local_date(info.context.now)
    return and_(
        Application.status == ApplicationStatus.IN_PROGRESS,
        exists().where(
            ApprovalStep.application_id == Application.id,
            ApprovalStep.step == Application.current_step,
            ApprovalStep.outcome == StepOutcome.OPEN,
            ApprovalStep.due_date < today,
        ),
    )


def filtered_applications(info: Info, actor: Actor, where: ApplicationFilter) -> Select[Any]:
    query = select(Application).where(visible_to(actor))

    if where.region_code:
        # A city or province code (330800, 330000) is no prefix of its villages' codes.
        prefix = scope_prefix(where.region_code)
        query = query.where(Application.village_code.startswith(prefix, autoescape=True))
    if where.step is not None:
        query = query.where(Application.current_step == where.step)
    if where.status is not None:
        query = query.where(Application.status == where.status)
    if where.overdue is not None:
        condition = overdue_condition(info)
        query = query.where(condition if where.overdue else ~condition)
    if where.applicant_name:
        name = where.applicant_name.strip()
        query = query.where(
            exists().where(
                Member.id == Application.applicant_id,
                Member.name.contains(name, autoescape=True),
            )
        )
    return query


async def list_applications(info: Info, actor: Actor, where: ApplicationFilter, page: PageRequest) -> Page[Application]:
    """Return one page of the applications that match ``where``.

    An unknown region code, a name filter with a control character and a name filter from a
    role that may not see personal data fail with a top-level error.
    """
    context = info.context
    if where.applicant_name:
        _require_personal_data_filter_allowed(info, actor, "filter.applicantName")
        require_printable_filter(info, where.applicant_name, "filter.applicantName")
    if where.region_code:
        await require_known_region(info, where.region_code, "filter.regionCode")
    query = filtered_applications(info, actor, where)
    async with context.sessions() as session:
        return await paginate(session, query, Application.id, page, context.settings.max_page_size, context.locale)


async def get_applications(info: Info, actor: Actor, ids: list[int]) -> list[Application]:
    """Load the visible applications among ``ids`` (in no particular order)."""
    async with info.context.sessions() as session:
        rows = await session.scalars(select(Application).where(Application.id.in_(ids), visible_to(actor)))
        return list(rows.all())
