"""Conditions a step must meet before it passes: publicity periods, objections, survey, re-checks."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from domain.approvals import rules
from domain.approvals.errors import ApprovalErrorCode as Code
from domain.approvals.forms import SiteSurvey
from domain.approvals.models import Application, ApprovalStep, Objection, Step
from domain.approvals.service import ApprovalService
from domain.clock import local_date
from domain.errors import DomainError, DomainErrors
from domain.regions.models import county_code_of


class StepExitChecks(ApprovalService):
    """The step-specific checks that ``pass_step`` runs before it opens the next step."""

    async def _check_step_exit(
        self,
        application: Application,
        step: Step,
        step_row: ApprovalStep,
        survey: SiteSurvey | None,
    ) -> None:
        if step is Step.VILLAGE_PUBLICITY:
            self._require_posted_for(step_row, self.settings.village_publicity_days)
            await self._require_objections_resolved(application)
        elif step is Step.SITE_SURVEY:
            await self._apply_survey(application, survey)
        elif step is Step.JOINT_MEETING:
            errors = await rules.check_one_household_one_homestead(
                self.session,
                application.household_id,
                application.build_type,
                application.household_split,
                application.demolition_commitment,
                field="input.applicationId",
            )
            if errors:
                raise DomainErrors(errors)
        elif step is Step.CONSTRUCTION_PUBLICITY:
            self._require_posted_for(step_row, self.settings.construction_publicity_days)

    def _require_posted_for(self, step_row: ApprovalStep, days: int) -> None:
        # As for any period in days under the Civil Code (art. 201), the posting day is not
        # counted: a notice posted on 1 September for 7 days runs until the end of 8 September.
        posted_until = local_date(step_row.opened_at) + timedelta(days=days)
        if local_date(self.now) <= posted_until:
            raise DomainError(
                Code.PUBLICITY_NOT_ELAPSED,
                "input.applicationId",
                until=posted_until.isoformat(),
                days=days,
            )

    async def _require_objections_resolved(self, application: Application) -> None:
        open_count = await self.session.scalar(
            select(func.count())
            .select_from(Objection)
            .where(Objection.application_id == application.id, Objection.resolved_at.is_(None))
        )
        if open_count:
            raise DomainError(Code.OBJECTIONS_UNRESOLVED, "input.applicationId", count=open_count)

    async def _apply_survey(self, application: Application, survey: SiteSurvey | None) -> None:
        if survey is None:
            raise DomainError(Code.REQUIRED, "input.survey")

        limit = await rules.area_limit_for(
            self.session, county_code_of(application.village_code), application.land_type
        )
        errors = rules.check_zone(survey.zone, application.build_type, "input.survey.zone")
        area_error = rules.check_area(survey.site_area_m2, "input.survey.siteAreaM2")
        if area_error is not None:
            errors.append(area_error)
        elif survey.site_area_m2 > limit:
            errors.append(
                DomainError(
                    Code.AREA_OVER_LIMIT,
                    "input.survey.siteAreaM2",
                    value=survey.site_area_m2,
                    limit=limit,
                    land_type=application.land_type.value,
                )
            )
        if errors:
            raise DomainErrors(errors)

        application.zone = survey.zone
        application.site_area_m2 = rules.with_two_places(survey.site_area_m2)
