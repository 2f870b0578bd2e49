"""Applications, their steps, history, objections and permits in the graph."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Self

import strawberry
from strawberry import relay

from domain.approvals.models import (
    Application,
    ApplicationStatus,
    ApprovalStep,
    Objection,
    Permit,
    Step,
    StepOutcome,
    StepTransition,
)
from domain.clock import local_date
from resolvers.approvals.queries import get_applications
from resolvers.context import Info
from resolvers.ids import lookup_key
from schema.accounts.types import AccountType
from schema.approvals.enums import (
    ApplicationStatusEnum,
    ApprovalStepEnum,
    BuildTypeEnum,
    LandTypeEnum,
    RoleEnum,
    StepOutcomeEnum,
    TransitionActionEnum,
    ZoneEnum,
)
from schema.approvals.labels import stage_label
from schema.households.types import HouseholdType, MemberType, load_household, load_member, shows_personal_data
from schema.regions.types import RegionType, load_region


@strawberry.type(description="One step of one application (审批环节) with owner, due date and outcome.")
class ApplicationStep:
    step: ApprovalStepEnum  # type: ignore[valid-type]
    owner_role: RoleEnum  # type: ignore[valid-type]
    outcome: StepOutcomeEnum  # type: ignore[valid-type]
    opened_at: datetime
    due_date: date = strawberry.field(description="Due date counted in working days (工作日).")
    schedule_confirmed: bool = strawberry.field(
        description="False when the due date lies in a year whose official holiday schedule is not loaded yet."
    )
    closed_at: datetime | None

    @classmethod
    def from_model(cls, row: ApprovalStep) -> Self:
        return cls(
            step=row.step,
            owner_role=row.owner_role,
            outcome=row.outcome,
            opened_at=row.opened_at,
            due_date=row.due_date,
            schedule_confirmed=row.schedule_confirmed,
            closed_at=row.closed_at,
        )

    @strawberry.field(description="True when the step is open past its due date (逾期).")
    def overdue(self, info: Info) -> bool:
        return self.outcome is StepOutcome.OPEN and self.due_date < local_date(info.context.now)

    @strawberry.field(description="Working days left until the due date; negative when overdue.")
    def remaining_working_days(self, info: Info) -> int | None:
        if self.outcome is not StepOutcome.OPEN:
            return None
        return info.context.calendar.working_days_between(local_date(info.context.now), self.due_date)


@strawberry.type(
    description=(
        "A recorded workflow action: who did what at which step, and why. Opinion, attachments and "
        "actor are null for dashboard viewers, because they may name or identify people."
    )
)
class StepTransitionRecord:
    step: ApprovalStepEnum  # type: ignore[valid-type]
    action: TransitionActionEnum  # type: ignore[valid-type]
    occurred_at: datetime
    opinion: str | None
    attachments: list[str] | None
    actor_id: strawberry.Private[int | None]

    @classmethod
    def from_model(cls, row: StepTransition, *, personal_data: bool) -> Self:
        """Build the record; without ``personal_data`` only the step, action and time are kept."""
        return cls(
            step=row.step,
            action=row.action,
            occurred_at=row.occurred_at,
            opinion=row.opinion if personal_data else None,
            attachments=list(row.attachments) if personal_data else None,
            actor_id=row.actor_id if personal_data else None,
        )

    @strawberry.field(description="The account that acted; null for dashboard viewers.")
    async def actor(self, info: Info) -> AccountType | None:
        if self.actor_id is None:
            return None
        account = await info.context.loaders.accounts_by_id.load(self.actor_id)
        return AccountType.from_model(account) if account else None


@strawberry.type(description="An objection raised during village publicity (公示异议).")
class ObjectionRecord:
    id: strawberry.ID
    raised_by: str
    content: str
    recorded_at: datetime
    resolution: str | None
    resolved_at: datetime | None

    @classmethod
    def from_model(cls, row: Objection) -> Self:
        return cls(
            id=strawberry.ID(str(row.id)),
            raised_by=row.raised_by,
            content=row.content,
            recorded_at=row.recorded_at,
            resolution=row.resolution,
            resolved_at=row.resolved_at,
        )


@strawberry.type(
    description=(
        "The rural building planning permit (乡村建设规划许可证) issued with the homestead "
        "approval (农村宅基地批准书); its fields are frozen at issuance."
    )
)
class PermitRecord:
    permit_number: str
    issued_at: datetime
    applicant: str
    location: str
    boundary_east: str
    boundary_south: str
    boundary_west: str
    boundary_north: str
    land_area_m2: Decimal
    footprint_area_m2: Decimal
    floor_area_m2: Decimal
    storeys: int
    eave_height_m: Decimal
    total_height_m: Decimal
    structure: str
    roof_colour: str
    wall_colour: str
    old_house_treatment: str

    @classmethod
    def from_model(cls, permit: Permit) -> Self:
        fields: dict[str, Any] = permit.fields
        return cls(
            permit_number=permit.permit_number,
            issued_at=permit.issued_at,
            applicant=fields["applicant"],
            location=fields["location"],
            boundary_east=fields["boundaryEast"],
            boundary_south=fields["boundarySouth"],
            boundary_west=fields["boundaryWest"],
            boundary_north=fields["boundaryNorth"],
            land_area_m2=Decimal(fields["landAreaM2"]),
            footprint_area_m2=Decimal(fields["footprintAreaM2"]),
            floor_area_m2=Decimal(fields["floorAreaM2"]),
            storeys=fields["storeys"],
            eave_height_m=Decimal(fields["eaveHeightM"]),
            total_height_m=Decimal(fields["totalHeightM"]),
            structure=fields["structure"],
            roof_colour=fields["roofColour"],
            wall_colour=fields["wallColour"],
            old_house_treatment=fields["oldHouseTreatment"],
        )


@strawberry.type(description="What the household plans to build, as publicised and permitted.")
class BuildingSpecRecord:
    location: str
    boundary_east: str
    boundary_south: str
    boundary_west: str
    boundary_north: str
    site_area_m2: Decimal = strawberry.field(description="Homestead area incl. ancillary rooms and courtyard, m².")
    footprint_area_m2: Decimal
    floor_area_m2: Decimal
    storeys: int
    eave_height_m: Decimal
    total_height_m: Decimal
    stilt_storey_height_m: Decimal | None
    enclosing_wall_height_m: Decimal | None
    structure: str
    roof_colour: str
    wall_colour: str
    old_house_treatment: str


@strawberry.type(
    name="Application",
    description=(
        "A household's application to build a rural house (建房申请). Dashboard viewers see its status, "
        "steps, dates and counts, and null in every field that carries personal data: spec, household, "
        "applicant, objections, permit, and the opinion, attachments and actor of each history entry."
    ),
)
class ApplicationType(relay.Node):
    node_key: relay.NodeID[int]
    number: str = strawberry.field(description="Application number shown to the farmer.")
    status: ApplicationStatusEnum  # type: ignore[valid-type]
    current_step: ApprovalStepEnum  # type: ignore[valid-type]
    version: int = strawberry.field(description="Optimistic-lock version; pass it back as expectedVersion.")
    build_type: BuildTypeEnum  # type: ignore[valid-type]
    land_type: LandTypeEnum  # type: ignore[valid-type]
    zone: ZoneEnum  # type: ignore[valid-type]
    household_split: bool
    demolition_commitment: bool
    design_code: str | None
    submitted_at: datetime
    accepted_at: datetime | None = strawberry.field(description="When the township accepted the application (受理).")
    decision_due_date: date | None = strawberry.field(
        description="Statutory decision deadline: working days after acceptance (configurable)."
    )
    decision_due_confirmed: bool = strawberry.field(
        description="False when the decision deadline lies in a year whose official holiday schedule is not loaded."
    )
    closed_at: datetime | None
    spec_record: strawberry.Private[BuildingSpecRecord]
    household_id: strawberry.Private[int]
    applicant_id: strawberry.Private[int]
    village_code: strawberry.Private[str]

    @classmethod
    def from_model(cls, app: Application) -> Self:
        return cls(
            node_key=app.id,
            number=app.number,
            status=app.status,
            current_step=app.current_step,
            version=app.version,
            build_type=app.build_type,
            land_type=app.land_type,
            zone=app.zone,
            household_split=app.household_split,
            demolition_commitment=app.demolition_commitment,
            design_code=app.design_code,
            submitted_at=app.submitted_at,
            accepted_at=app.accepted_at,
            decision_due_date=app.decision_due_date,
            decision_due_confirmed=app.decision_due_confirmed,
            closed_at=app.closed_at,
            spec_record=BuildingSpecRecord(
                location=app.location,
                boundary_east=app.boundary_east,
                boundary_south=app.boundary_south,
                boundary_west=app.boundary_west,
                boundary_north=app.boundary_north,
                site_area_m2=app.site_area_m2,
                footprint_area_m2=app.footprint_area_m2,
                floor_area_m2=app.floor_area_m2,
                storeys=app.storeys,
                eave_height_m=app.eave_height_m,
                total_height_m=app.total_height_m,
                stilt_storey_height_m=app.stilt_storey_height_m,
                enclosing_wall_height_m=app.enclosing_wall_height_m,
                structure=app.structure,
                roof_colour=app.roof_colour,
                wall_colour=app.wall_colour,
                old_house_treatment=app.old_house_treatment,
            ),
            household_id=app.household_id,
            applicant_id=app.applicant_id,
            village_code=app.village_code,
        )

    @strawberry.field(description="The stage the farmer sees, e.g. 村级公示（办理中）.")
    def stage(self, info: Info) -> str:
        return stage_label(Step(self.current_step), ApplicationStatus(self.status), info.context.locale)

    @strawberry.field(
        description=(
            "What the household plans to build: site address, four boundaries, areas and heights. "
            "Null for dashboard viewers, because the site and its neighbours locate people."
        )
    )
    def spec(self, info: Info) -> BuildingSpecRecord | None:
        return self.spec_record if shows_personal_data(info) else None

    @strawberry.field(description="The applying household; null for dashboard viewers.")
    async def household(self, info: Info) -> HouseholdType | None:
        return await load_household(info, self.household_id)

    @strawberry.field(description="The household member who applies (申请人); null for dashboard viewers.")
    async def applicant(self, info: Info) -> MemberType | None:
        return await load_member(info, self.applicant_id)

    @strawberry.field(description="The village (行政村) of the site.")
    async def village(self, info: Info) -> RegionType | None:
        return await load_region(info, self.village_code)

    @strawberry.field(description="Every step opened so far, in order.")
    async def steps(self, info: Info) -> list[ApplicationStep]:
        rows = await info.context.loaders.steps_by_application_id.load(self.node_key)
        return [ApplicationStep.from_model(row) for row in rows]

    @strawberry.field(description="The step the application is at, with its due date.")
    async def current_step_detail(self, info: Info) -> ApplicationStep | None:
        rows = await info.context.loaders.steps_by_application_id.load(self.node_key)
        current = [row for row in rows if row.step == self.current_step]
        return ApplicationStep.from_model(current[0]) if current else None

    @strawberry.field(description="True when the current step is open past its due date (逾期).")
    async def overdue(self, info: Info) -> bool:
        if self.status is not ApplicationStatus.IN_PROGRESS:
            return False
        detail = await self.current_step_detail(info)
        return detail is not None and detail.overdue(info)

    @strawberry.field(description="Every recorded action, oldest first (办理记录).")
    async def history(self, info: Info) -> list[StepTransitionRecord]:
        rows = await info.context.loaders.transitions_by_application_id.load(self.node_key)
        personal_data = shows_personal_data(info)
        return [StepTransitionRecord.from_model(row, personal_data=personal_data) for row in rows]

    @strawberry.field(
        description=(
            "Objections raised during village publicity; null for dashboard viewers, because each "
            "names the person who raised it."
        )
    )
    async def objections(self, info: Info) -> list[ObjectionRecord] | None:
        if not shows_personal_data(info):
            return None
        rows = await info.context.loaders.objections_by_application_id.load(self.node_key)
        return [ObjectionRecord.from_model(row) for row in rows]

    @strawberry.field(
        description="The permit, once issued; null for dashboard viewers, because it names the applicant."
    )
    async def permit(self, info: Info) -> PermitRecord | None:
        if not shows_personal_data(info):
            return None
        permit = await info.context.loaders.permits_by_application_id.load(self.node_key)
        return PermitRecord.from_model(permit) if permit else None

    @classmethod
    async def resolve_nodes(  # type: ignore[override] # one coroutine serves strawberry's overloads
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Self | None]:
        keys = [lookup_key(node_id) for node_id in node_ids]
        actor = info.context.actor
        if actor is None or not actor.can_see_applications:
            return [None] * len(keys)
        by_id = {app.id: app for app in await get_applications(info, actor, keys)}
        return [cls.from_model(by_id[key]) if key in by_id else None for key in keys]
