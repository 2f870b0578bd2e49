"""Root query fields of the approvals area."""

from __future__ import annotations

import strawberry
from strawberry import relay

from domain.accounts.actor import APPLICATION_VIEWER_ROLES
from resolvers.approvals.queries import ApplicationFilter, list_applications
from resolvers.context import Info, require_actor
from resolvers.pagination import PageRequest
from schema.approvals.enums import ApplicationStatusEnum, ApprovalStepEnum
from schema.approvals.types import ApplicationType
from schema.pagination import build_edges, build_page_info
from schema.permissions import allow, roles_note

# Banks see no application; they will get only the fields a farmer consents to share.
APPLICATION_READERS = APPLICATION_VIEWER_ROLES


@strawberry.input(description="Filters of the application list; all given filters must match.")
class ApplicationFilterInput:
    region_code: str | None = strawberry.field(
        default=None, description="Division code of a city, county, township or village (行政区划代码)."
    )
    step: ApprovalStepEnum | None = None  # type: ignore[valid-type]
    status: ApplicationStatusEnum | None = None  # type: ignore[valid-type]
    overdue: bool | None = strawberry.field(default=None, description="Only overdue (逾期) or only on time.")
    applicant_name: str | None = strawberry.field(default=None, description="Part of the applicant's name.")


@strawberry.type(description="A page of applications.")
class ApplicationConnection(relay.Connection[ApplicationType]):
    total_count: int = strawberry.field(description="Applications matching the filter, on all pages.")


@strawberry.type
class ApprovalQueries:
    @strawberry.field(
        description=(
            "Applications the caller may see, newest first: a farmer its household's, staff those in "
            "their jurisdiction. Dashboard viewers get no personal data: the fields that carry it are null. "
            "An unknown filter.regionCode fails with UNKNOWN_REGION. first/last are capped at 100."
        )
        + roles_note(APPLICATION_READERS),
        permission_classes=[allow(APPLICATION_READERS)],
    )
    async def applications(
        self,
        info: Info,
        filter: ApplicationFilterInput | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> ApplicationConnection:
        actor = require_actor(info)
        filters = filter or ApplicationFilterInput()
        where = ApplicationFilter(
            region_code=(filters.region_code or "").strip() or None,
            step=filters.step,
            status=filters.status,
            overdue=filters.overdue,
            applicant_name=filters.applicant_name,
        )
        page = await list_applications(info, actor, where, PageRequest(first, after, last, before))

        return ApplicationConnection(
            edges=build_edges(page, ApplicationType.from_model),
            page_info=build_page_info(page),
            total_count=page.total_count,
        )
