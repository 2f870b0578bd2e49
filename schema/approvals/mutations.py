"""Approval mutations, named entity then verb; one per workflow action."""

from __future__ import annotations

import strawberry

from domain.accounts.models import Role
from domain.approvals.steps import APPLICANT_ROLES, STEP_OFFICER_ROLES
from resolvers.approvals import mutations as actions
from resolvers.context import Info
from schema.approvals.inputs import (
    ApplicationResubmitInput,
    ApplicationSubmitInput,
    ApplicationWithdrawInput,
    ObjectionRecordInput,
    ObjectionResolveInput,
    StepActionInput,
    StepPassInput,
)
from schema.approvals.payloads import (
    ApplicationPassPayload,
    ApplicationRejectPayload,
    ApplicationResubmitPayload,
    ApplicationReturnPayload,
    ApplicationSubmitPayload,
    ApplicationWithdrawPayload,
    ObjectionRecordPayload,
    ObjectionResolvePayload,
)
from schema.permissions import allow, roles_note

STEP_OWNER_NOTE = (
    " Only the owner of the current step may act: village committee (VILLAGE_PUBLICITY, "
    "VILLAGE_REVIEW), township staff (SITE_SURVEY, CONSTRUCTION_PUBLICITY), township leader "
    "(JOINT_MEETING, PERMIT_ISSUANCE)."
)


@strawberry.type
class ApprovalMutations:
    @strawberry.mutation(
        description="File an application (网上申请) for a household; it goes to village publicity."
        + roles_note(APPLICANT_ROLES),
        permission_classes=[allow(APPLICANT_ROLES)],
    )
    async def application_submit(self, info: Info, input: ApplicationSubmitInput) -> ApplicationSubmitPayload:
        outcome = await actions.submit_application(info, input)
        return ApplicationSubmitPayload.from_outcome(outcome, info)

    @strawberry.mutation(
        description="Resubmit a returned application with corrections (补正后重新提交)." + roles_note(APPLICANT_ROLES),
        permission_classes=[allow(APPLICANT_ROLES)],
    )
    async def application_resubmit(self, info: Info, input: ApplicationResubmitInput) -> ApplicationResubmitPayload:
        outcome = await actions.resubmit_application(info, input)
        return ApplicationResubmitPayload.from_outcome(outcome, info)

    @strawberry.mutation(
        description="Pass the current step and open the next; passing PERMIT_ISSUANCE issues the permit."
        + STEP_OWNER_NOTE
        + roles_note(STEP_OFFICER_ROLES),
        permission_classes=[allow(STEP_OFFICER_ROLES)],
    )
    async def application_pass(self, info: Info, input: StepPassInput) -> ApplicationPassPayload:
        outcome = await actions.pass_step(info, input)
        return ApplicationPassPayload.from_outcome(outcome, info)

    @strawberry.mutation(
        description="Return the application to the applicant for correction (退回补正), with an opinion."
        + STEP_OWNER_NOTE
        + roles_note(STEP_OFFICER_ROLES),
        permission_classes=[allow(STEP_OFFICER_ROLES)],
    )
    async def application_return(self, info: Info, input: StepActionInput) -> ApplicationReturnPayload:
        outcome = await actions.return_application(info, input)
        return ApplicationReturnPayload.from_outcome(outcome, info)

    @strawberry.mutation(
        description="Reject the application with reasons (不予批准)."
        + STEP_OWNER_NOTE
        + roles_note(STEP_OFFICER_ROLES),
        permission_classes=[allow(STEP_OFFICER_ROLES)],
    )
    async def application_reject(self, info: Info, input: StepActionInput) -> ApplicationRejectPayload:
        outcome = await actions.reject_application(info, input)
        return ApplicationRejectPayload.from_outcome(outcome, info)

    @strawberry.mutation(
        description="Withdraw an application before the permit is issued (撤回)." + roles_note(APPLICANT_ROLES),
        permission_classes=[allow(APPLICANT_ROLES)],
    )
    async def application_withdraw(self, info: Info, input: ApplicationWithdrawInput) -> ApplicationWithdrawPayload:
        outcome = await actions.withdraw_application(info, input)
        return ApplicationWithdrawPayload.from_outcome(outcome, info)

    @strawberry.mutation(
        description="Record an objection raised during village publicity (记录公示异议)."
        + roles_note({Role.VILLAGE_COMMITTEE}),
        permission_classes=[allow(Role.VILLAGE_COMMITTEE)],
    )
    async def objection_record(self, info: Info, input: ObjectionRecordInput) -> ObjectionRecordPayload:
        outcome = await actions.record_objection(info, input)
        return ObjectionRecordPayload.from_outcome(outcome, info)

    @strawberry.mutation(
        description="Record how an objection was resolved (异议处理)." + roles_note({Role.VILLAGE_COMMITTEE}),
        permission_classes=[allow(Role.VILLAGE_COMMITTEE)],
    )
    async def objection_resolve(self, info: Info, input: ObjectionResolveInput) -> ObjectionResolvePayload:
        outcome = await actions.resolve_objection(info, input)
        return ObjectionResolvePayload.from_outcome(outcome, info)
