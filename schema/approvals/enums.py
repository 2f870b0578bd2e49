"""GraphQL enums of the approvals area, backed by the domain enums."""

from __future__ import annotations

import strawberry

from domain.accounts.models import Role
from domain.approvals.errors import ApprovalErrorCode
from domain.approvals.models import (
    ApplicationStatus,
    BuildType,
    Step,
    StepOutcome,
    TransitionAction,
)
from domain.land.models import LandType, Zone

ApprovalStepEnum = strawberry.enum(
    Step,
    name="ApprovalStep",
    description=(
        "The seven approval steps in order: ONLINE_APPLICATION (网上申请), VILLAGE_PUBLICITY "
        "(村级公示), VILLAGE_REVIEW (村级初审), SITE_SURVEY (乡镇联合踏勘), JOINT_MEETING "
        "(乡镇联审会议), CONSTRUCTION_PUBLICITY (建房公告), PERMIT_ISSUANCE (发放乡村建设规划许可证"
        "和农村宅基地批准书)."
    ),
)
ApplicationStatusEnum = strawberry.enum(
    ApplicationStatus,
    name="ApplicationStatus",
    description=(
        "IN_PROGRESS (办理中), RETURNED for correction (退回补正), REJECTED (不予批准), "
        "WITHDRAWN (已撤回), PERMIT_ISSUED (已发证)."
    ),
)
StepOutcomeEnum = strawberry.enum(StepOutcome, name="StepOutcome", description="Outcome of one step.")
TransitionActionEnum = strawberry.enum(
    TransitionAction, name="TransitionAction", description="A recorded workflow action."
)
BuildTypeEnum = strawberry.enum(
    BuildType,
    name="BuildType",
    description=(
        "NEW_SITE (新址新建), REBUILD_IN_PLACE (原址翻建), NEW_BUILD_DEMOLISH_OLD (拆旧建新), "
        "IDLE_HOMESTEAD_REUSE (利用闲置宅基地)."
    ),
)
LandTypeEnum = strawberry.enum(
    LandType,
    name="LandType",
    description=(
        "Land class of the site: CULTIVATED (耕地, cap 125 m²), OTHER (其他土地, cap 140 m²), "
        "MOUNTAIN_WASTELAND (山坡荒地, cap 160 m²)."
    ),
)
ZoneEnum = strawberry.enum(
    Zone,
    name="Zone",
    description=(
        "Planning zone of the site. Building is forbidden in PERMANENT_BASIC_FARMLAND (永久基本农田), "
        "GEOLOGICAL_HAZARD (地质灾害区), DRINKING_WATER_LEVEL_1 (饮用水一级保护区), "
        "CORE_SCENIC_AREA (风景名胜核心区) and RIVER_MANAGEMENT (河道管理范围); RESTRICTED "
        "(限建区) allows only a rebuild in place or an idle homestead reuse."
    ),
)
RoleEnum = strawberry.enum(Role, name="Role", description="Account role.")
ApprovalErrorCodeEnum = strawberry.enum(
    ApprovalErrorCode, name="ApprovalErrorCode", description="Stable codes of approval errors."
)
