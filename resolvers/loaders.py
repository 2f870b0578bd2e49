"""Every data loader of one request, built by the context getter."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.accounts.models import Account
from domain.approvals.models import ApprovalStep, Objection, Permit, StepTransition
from domain.households.models import Household, Member
from domain.land.models import Homestead, House
from domain.regions.models import Region
from resolvers.households.full_view import FullViewKey, full_view_auditor
from resolvers.loader import BatchLoader, many_by_key, one_by_key


@dataclass(frozen=True)
class Loaders:
    accounts_by_id: BatchLoader[int, Account | None]
    households_by_id: BatchLoader[int, Household | None]
    members_by_id: BatchLoader[int, Member | None]
    members_by_household_id: BatchLoader[int, list[Member]]
    homesteads_by_household_id: BatchLoader[int, list[Homestead]]
    houses_by_household_id: BatchLoader[int, list[House]]
    regions_by_code: BatchLoader[str, Region | None]
    steps_by_application_id: BatchLoader[int, list[ApprovalStep]]
    transitions_by_application_id: BatchLoader[int, list[StepTransition]]
    objections_by_application_id: BatchLoader[int, list[Objection]]
    permits_by_application_id: BatchLoader[int, Permit | None]
    full_view_audits: BatchLoader[FullViewKey, bool]


def build_loaders(sessions: async_sessionmaker[AsyncSession], clock: Callable[[], datetime]) -> Loaders:
    return Loaders(
        accounts_by_id=one_by_key(sessions, Account, Account.id),
        households_by_id=one_by_key(sessions, Household, Household.id),
        members_by_id=one_by_key(sessions, Member, Member.id),
        members_by_household_id=many_by_key(sessions, Member, Member.household_id, Member.id),
        homesteads_by_household_id=many_by_key(sessions, Homestead, Homestead.household_id, Homestead.id),
        houses_by_household_id=many_by_key(sessions, House, House.household_id, House.id),
        regions_by_code=one_by_key(sessions, Region, Region.code),
        steps_by_application_id=many_by_key(sessions, ApprovalStep, ApprovalStep.application_id, ApprovalStep.step),
        transitions_by_application_id=many_by_key(
            sessions, StepTransition, StepTransition.application_id, StepTransition.id
        ),
        objections_by_application_id=many_by_key(sessions, Objection, Objection.application_id, Objection.id),
        permits_by_application_id=one_by_key(sessions, Permit, Permit.application_id),
        full_view_audits=full_view_auditor(sessions, clock),
    )
