"""Household lookups limited to the caller's household or jurisdiction."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, exists, false, select

from domain.accounts.actor import Actor
from domain.accounts.models import Role
from domain.households.models import Household, Member
from domain.regions.models import scope_prefix
from resolvers.approvals.queries import require_printable_filter
from resolvers.context import Info
from resolvers.ids import require_known_region
from resolvers.pagination import Page, PageRequest, paginate


def visible_households(actor: Actor) -> ColumnElement[bool]:
    """Rows of ``household`` the actor may see; mirrors ``Actor.can_see_household``."""
    if actor.role is Role.FARMER:
        return Household.id == (actor.household_id or -1)
    if not actor.can_see_personal_data:
        return false()
    return Household.village_code.startswith(actor.region_prefix, autoescape=True)


def filtered_households(actor: Actor, region_code: str | None, member_name: str | None) -> Select[Any]:
    query = select(Household).where(visible_households(actor))
    if region_code and region_code.strip():
        # A city or province code (330800, 330000) is no prefix of its villages' codes.
        prefix = scope_prefix(region_code.strip())
        query = query.where(Household.village_code.startswith(prefix, autoescape=True))
    if member_name and member_name.strip():
        query = query.where(
            exists().where(
                Member.household_id == Household.id,
                Member.name.contains(member_name.strip(), autoescape=True),
            )
        )
    return query


async def list_households(
    info: Info, actor: Actor, region_code: str | None, member_name: str | None, page: PageRequest
) -> Page[Household]:
    """Return one page of the households that match; an unknown region code or a control character is an error."""
    context = info.context
    if member_name:
        require_printable_filter(info, member_name, "memberName")
    if region_code and region_code.strip():
        await require_known_region(info, region_code.strip(), "regionCode")
    query = filtered_households(actor, region_code, member_name)
    async with context.sessions() as session:
        return await paginate(session, query, Household.id, page, context.settings.max_page_size, context.locale)
