"""Inputs of the approval mutations."""

from __future__ import annotations

from decimal import Decimal

import strawberry

from schema.approvals.enums import ApprovalStepEnum, BuildTypeEnum, LandTypeEnum, ZoneEnum


@strawberry.input(description="The building as it will be publicised and permitted.")
class BuildingSpecInput:
    location: str = strawberry.field(description="Site address (建房地点).")
    boundary_east: str = strawberry.field(description="East boundary (四至：东).")
    boundary_south: str = strawberry.field(description="South boundary (四至：南).")
    boundary_west: str = strawberry.field(description="West boundary (四至：西).")
    boundary_north: str = strawberry.field(description="North boundary (四至：北).")
    site_area_m2: Decimal = strawberry.field(
        description="Homestead area incl. ancillary rooms and courtyard (宅基地面积), m²."
    )
    footprint_area_m2: Decimal = strawberry.field(description="Building footprint (占地面积), m².")
    floor_area_m2: Decimal = strawberry.field(description="Total floor area (建筑面积), m².")
    storeys: int = strawberry.field(description="Storeys above ground (层数), excluding a stilt storey.")
    eave_height_m: Decimal = strawberry.field(description="Eave height (檐口高度), m; at most 10.")
    total_height_m: Decimal = strawberry.field(description="Total height (总高度), m.")
    structure: str = strawberry.field(description="Structure (结构), e.g. 砖混.")
    roof_colour: str = strawberry.field(description="Roof colour (屋顶颜色).")
    wall_colour: str = strawberry.field(description="Wall colour (外墙颜色).")
    old_house_treatment: str = strawberry.field(default="", description="Treatment of the old house (旧房处置).")
    stilt_storey_height_m: Decimal | None = strawberry.field(
        default=None,
        description="Stilt storey height (架空层高度), m; above 2.2 it counts as a storey.",
    )
    enclosing_wall_height_m: Decimal | None = strawberry.field(
        default=None, description="Enclosing wall height (围墙高度), m; at most 1.5."
    )


@strawberry.input(description="An application filed by the household or its grid worker (代办).")
class ApplicationSubmitInput:
    household_id: strawberry.ID
    applicant_resident_id: str = strawberry.field(
        description="Resident ID (身份证号) of the applying member; full-width digits and a lower-case x are accepted."
    )
    build_type: BuildTypeEnum  # type: ignore[valid-type]
    land_type: LandTypeEnum  # type: ignore[valid-type]
    zone: ZoneEnum  # type: ignore[valid-type]
    spec: BuildingSpecInput
    pledge_signed: bool = strawberry.field(description="The homestead-use pledge (宅基地使用承诺书) is signed.")
    household_split: bool = strawberry.field(
        default=False, description="The household qualifies for a household split (分户)."
    )
    demolition_commitment: bool = strawberry.field(
        default=False, description="Commitment to demolish the old house (拆旧承诺)."
    )
    applicant_phone: str | None = strawberry.field(default=None, description="Mobile number of the applicant.")
    design_code: str | None = strawberry.field(default=None, description="Code of a design from the atlas (通用图集).")


@strawberry.input(description="A corrected application, resumed at the step that returned it.")
class ApplicationResubmitInput(ApplicationSubmitInput):
    application_id: strawberry.ID
    expected_version: int | None = None


@strawberry.input(description="Findings of the joint township site survey (乡镇联合踏勘).")
class SiteSurveyInput:
    zone: ZoneEnum  # type: ignore[valid-type]
    site_area_m2: Decimal = strawberry.field(description="Measured homestead area, m².")


@strawberry.input(description="An official's action on the application's current step.")
class StepActionInput:
    application_id: strawberry.ID
    expected_step: ApprovalStepEnum | None = strawberry.field(  # type: ignore[valid-type]
        default=None,
        description="The step the official acts on; a mismatch fails with STEP_OUT_OF_ORDER.",
    )
    expected_version: int | None = strawberry.field(
        default=None,
        description="The version the official saw; a mismatch fails with VERSION_CONFLICT.",
    )
    opinion: str = strawberry.field(default="", description="Opinion (审批意见); required to return or reject.")
    attachments: list[str] = strawberry.field(default_factory=list, description="Attachment references.")


@strawberry.input(description="Passing the current step; the site survey step needs its findings.")
class StepPassInput(StepActionInput):
    survey: SiteSurveyInput | None = None


@strawberry.input(description="Withdrawal of an application by its household.")
class ApplicationWithdrawInput:
    application_id: strawberry.ID
    reason: str = ""
    expected_version: int | None = None


@strawberry.input(description="An objection raised during village publicity (公示异议).")
class ObjectionRecordInput:
    application_id: strawberry.ID
    raised_by: str
    content: str


@strawberry.input(description="How an objection was resolved.")
class ObjectionResolveInput:
    objection_id: strawberry.ID
    resolution: str
