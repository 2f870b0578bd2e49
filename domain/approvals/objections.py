"""Objections raised during village publicity (村级公示异议) and their resolution."""

from __future__ import annotations

from sqlalchemy.orm.attributes import flag_modified

from domain.accounts.actor import Actor
from domain.accounts.models import Role
from domain.approvals import rules
from domain.approvals.errors import ApprovalErrorCode as Code
from domain.approvals.models import Application, ApplicationStatus, Objection, Step
from domain.approvals.service import ApprovalService
from domain.errors import DomainError, DomainErrors


class ObjectionBook(ApprovalService):
    async def record_objection(self, actor: Actor, application_id: int, raised_by: str, content: str) -> Objection:
        """Record an objection raised while the application is publicised in the village."""
        application = await self._load_for_update(actor, application_id, None)
        self._require_role(actor, {Role.VILLAGE_COMMITTEE})
        self._require_status(application, {ApplicationStatus.IN_PROGRESS})
        if application.current_step is not Step.VILLAGE_PUBLICITY:
            raise DomainError(Code.INVALID_STATE, "input.applicationId", step=application.current_step.name)
        errors = rules.check_objection(raised_by, content)
        if errors:
            raise DomainErrors(errors)

        # An objection decides whether village publicity may pass, so recording one bumps
        # the application's version. A concurrent pass that counted no open objection then
        # fails with VERSION_CONFLICT instead of passing over this one.
        flag_modified(application, "status")
        await self._flush_versioned()

        objection = Objection(
            application_id=application.id,
            raised_by=raised_by.strip(),
            content=content.strip(),
            recorded_by_id=actor.account_id,
            recorded_at=self.now,
        )
        self.session.add(objection)
        await self.session.flush()
        self._audit(
            actor,
            "objection.recorded",
            "objection",
            objection.id,
            {"application_id": application.id},
        )
        return objection

    async def resolve_objection(self, actor: Actor, objection_id: int, resolution: str) -> Objection:
        """Record how an objection was resolved; each error names ``input.objectionId``, the only ID given."""
        objection = await self.session.get(Objection, objection_id)
        if objection is None:
            raise DomainError(Code.NOT_FOUND, "input.objectionId", id=objection_id)
        application = await self.session.get(Application, objection.application_id)
        assert application is not None  # noqa: S101 - the foreign key guarantees it
        if not actor.can_see_household(application.household_id, application.village_code):
            raise DomainError(Code.FORBIDDEN, "input.objectionId", id=objection_id)
        if actor.role is not Role.VILLAGE_COMMITTEE:
            raise DomainError(Code.FORBIDDEN, "input.objectionId", role=actor.role.value)
        if objection.resolved_at is not None:
            raise DomainError(Code.OBJECTION_ALREADY_RESOLVED, "input.objectionId", id=objection_id)
        errors = rules.check_free_text(resolution, "input.resolution", required=True)
        if errors:
            raise DomainErrors(errors)

        objection.resolution = resolution.strip()
        objection.resolved_by_id = actor.account_id
        objection.resolved_at = self.now
        self._audit(actor, "objection.resolved", "objection", objection.id, {})
        return objection
