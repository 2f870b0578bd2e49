"""Approval mutations: run one workflow action in one transaction and report its outcome."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, TypeVar

from sqlalchemy.exc import IntegrityError, OperationalError

from core.database import transaction
from domain.approvals.errors import ApprovalErrorCode
from domain.approvals.models import Application, Objection
from domain.approvals.objections import ObjectionBook
from domain.approvals.workflow import ApprovalWorkflow, StepAction
from domain.calendar.working_days import load_calendar
from domain.errors import DomainError, DomainErrors
from resolvers.approvals.forms import to_form, to_survey
from resolvers.context import Info, require_actor
from resolvers.ids import decode_id, parse_key

if TYPE_CHECKING:
    from schema.approvals.inputs import (
        ApplicationResubmitInput,
        ApplicationSubmitInput,
        ApplicationWithdrawInput,
        ObjectionRecordInput,
        ObjectionResolveInput,
        StepActionInput,
        StepPassInput,
    )

logger = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass
class Outcome(Generic[T]):
    """The record a mutation produced, or the expected errors that prevented it."""

    result: T | None = None
    errors: list[DomainError] = field(default_factory=list)


async def _run(info: Info, action: Callable[[ApprovalWorkflow], Awaitable[T]]) -> Outcome[T]:
    """Run ``action`` in one transaction; an expected error rolls everything back."""
    context = info.context
    actor = require_actor(info)
    try:
        async with transaction(context.sessions) as session:
            calendar = await load_calendar(session)
            workflow = ApprovalWorkflow(session, context.settings, calendar, context.now)
            result = await action(workflow)
    except DomainError as error:
        return Outcome(errors=[error])
    except DomainErrors as errors:
        return Outcome(errors=errors.errors)
    except (IntegrityError, OperationalError) as error:
        if not _is_concurrency_failure(error):
            raise
        logger.info("approval_conflict actor_id=%s error=%s", actor.account_id, type(error).__name__)
        return Outcome(errors=[DomainError(ApprovalErrorCode.VERSION_CONFLICT, "input.applicationId")])
    return Outcome(result=result)


def _is_concurrency_failure(error: IntegrityError | OperationalError) -> bool:
    """Tell a lost race from a real fault.

    A concurrent pass of the same step can surface as a unique violation on
    (application_id, step), and on SQLite as a locked database when two writers overlap.
    """
    text = str(error.orig).lower()
    return "approval_step" in text or "unique" in text or "database is locked" in text


def _step_action(data: StepActionInput) -> StepAction:
    return StepAction(
        application_id=decode_id(data.application_id, "Application", "input.applicationId"),
        expected_step=data.expected_step,
        expected_version=data.expected_version,
        opinion=data.opinion,
        attachments=tuple(data.attachments),
    )


async def submit_application(info: Info, data: ApplicationSubmitInput) -> Outcome[Application]:
    actor = require_actor(info)
    try:
        form = to_form(data)
    except DomainError as error:
        return Outcome(errors=[error])
    return await _run(info, lambda workflow: workflow.submit(actor, form))


async def resubmit_application(info: Info, data: ApplicationResubmitInput) -> Outcome[Application]:
    actor = require_actor(info)
    try:
        application_id = decode_id(data.application_id, "Application", "input.applicationId")
        form = to_form(data)
    except DomainError as error:
        return Outcome(errors=[error])
    return await _run(info, lambda workflow: workflow.resubmit(actor, application_id, form, data.expected_version))


async def pass_step(info: Info, data: StepPassInput) -> Outcome[Application]:
    actor = require_actor(info)
    try:
        action = _step_action(data)
    except DomainError as error:
        return Outcome(errors=[error])
    survey = to_survey(data.survey)
    return await _run(info, lambda workflow: workflow.pass_step(actor, action, survey))


async def return_application(info: Info, data: StepActionInput) -> Outcome[Application]:
    actor = require_actor(info)
    try:
        action = _step_action(data)
    except DomainError as error:
        return Outcome(errors=[error])
    return await _run(info, lambda workflow: workflow.return_for_correction(actor, action))


async def reject_application(info: Info, data: StepActionInput) -> Outcome[Application]:
    actor = require_actor(info)
    try:
        action = _step_action(data)
    except DomainError as error:
        return Outcome(errors=[error])
    return await _run(info, lambda workflow: workflow.reject(actor, action))


async def withdraw_application(info: Info, data: ApplicationWithdrawInput) -> Outcome[Application]:
    actor = require_actor(info)
    try:
        application_id = decode_id(data.application_id, "Application", "input.applicationId")
    except DomainError as error:
        return Outcome(errors=[error])
    return await _run(
        info,
        lambda workflow: workflow.withdraw(actor, application_id, data.reason, data.expected_version),
    )


async def record_objection(info: Info, data: ObjectionRecordInput) -> Outcome[Objection]:
    actor = require_actor(info)
    try:
        application_id = decode_id(data.application_id, "Application", "input.applicationId")
    except DomainError as error:
        return Outcome(errors=[error])

    async def action(workflow: ApprovalWorkflow) -> Objection:
        book = ObjectionBook(workflow.session, workflow.settings, workflow.calendar, workflow.now)
        return await book.record_objection(actor, application_id, data.raised_by, data.content)

    return await _run(info, action)


async def resolve_objection(info: Info, data: ObjectionResolveInput) -> Outcome[Objection]:
    actor = require_actor(info)
    objection_id = parse_key(data.objection_id)
    if objection_id is None:
        return Outcome(
            errors=[DomainError(ApprovalErrorCode.INVALID_ID, "input.objectionId", value=data.objection_id[:40])]
        )

    async def action(workflow: ApprovalWorkflow) -> Objection:
        book = ObjectionBook(workflow.session, workflow.settings, workflow.calendar, workflow.now)
        return await book.resolve_objection(actor, objection_id, data.resolution)

    return await _run(info, action)
