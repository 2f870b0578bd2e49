"""zh-CN and English labels of the enum values that error messages interpolate.

Domain errors carry machine values in their params, such as ``reason="checksum"``,
``zone="permanent_basic_farmland"`` and ``step="SITE_SURVEY"``. ``localize_params``
replaces them with these labels before a message is rendered, so a zh-CN message
contains no English words.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.i18n import Locale
from domain.accounts.models import Role
from domain.approvals.models import ApplicationStatus, BuildType
from domain.identity import RejectionReason
from domain.land.models import LandType, Zone
from schema.approvals.labels import STATUS_LABELS, STEP_LABELS

ZH, EN = Locale.ZH_CN, Locale.EN

Labels = dict[str, dict[Locale, str]]

# Rejection reasons of identifiers, phone numbers and names (domain.identity).
REASON_LABELS: Labels = {
    RejectionReason.EMPTY: {ZH: "未填写", EN: "empty"},
    RejectionReason.LENGTH: {ZH: "长度不符", EN: "wrong length"},
    RejectionReason.CHARACTERS: {ZH: "含有无效字符", EN: "invalid characters"},
    RejectionReason.CHECKSUM: {ZH: "校验码错误", EN: "wrong check character"},
    RejectionReason.BIRTH_DATE: {ZH: "出生日期无效", EN: "invalid birth date"},
    RejectionReason.COUNTRY_CODE: {ZH: "国家代码不是 +86", EN: "country code is not +86"},
    RejectionReason.PREFIX: {ZH: "号段不是 13 至 19 开头", EN: "does not start with 13 to 19"},
    RejectionReason.DIGITS: {ZH: "含有数字", EN: "contains digits"},
    RejectionReason.CONTROL_CHARACTER: {ZH: "含有控制字符", EN: "contains a control character"},
    RejectionReason.PRIVATE_USE: {ZH: "含有私用区字符", EN: "contains a private-use character"},
    RejectionReason.MIDDLE_DOT: {ZH: "间隔号“·”位置不当", EN: "misplaced middle dot"},
}

ZONE_LABELS: Labels = {
    Zone.BUILDABLE: {ZH: "可建设区域", EN: "buildable area"},
    Zone.RESTRICTED: {ZH: "限制建设区域", EN: "restricted zone"},
    Zone.PERMANENT_BASIC_FARMLAND: {ZH: "永久基本农田", EN: "permanent basic farmland"},
    Zone.GEOLOGICAL_HAZARD: {ZH: "地质灾害区", EN: "geological hazard zone"},
    Zone.DRINKING_WATER_LEVEL_1: {ZH: "饮用水一级保护区", EN: "first-level drinking-water protection zone"},
    Zone.CORE_SCENIC_AREA: {ZH: "风景名胜核心区", EN: "core scenic area"},
    Zone.RIVER_MANAGEMENT: {ZH: "河道管理范围", EN: "river management area"},
}

LAND_TYPE_LABELS: Labels = {
    LandType.CULTIVATED: {ZH: "耕地", EN: "cultivated land"},
    LandType.OTHER: {ZH: "其他土地", EN: "other land"},
    LandType.MOUNTAIN_WASTELAND: {ZH: "山坡荒地", EN: "mountain wasteland"},
}

BUILD_TYPE_LABELS: Labels = {
    BuildType.NEW_SITE: {ZH: "新址新建", EN: "new site"},
    BuildType.REBUILD_IN_PLACE: {ZH: "原址翻建", EN: "rebuild in place"},
    BuildType.NEW_BUILD_DEMOLISH_OLD: {ZH: "拆旧建新", EN: "build new and demolish old"},
    BuildType.IDLE_HOMESTEAD_REUSE: {ZH: "利用闲置宅基地", EN: "reuse of an idle homestead"},
}

ROLE_LABELS: Labels = {
    Role.FARMER: {ZH: "农户", EN: "farmer"},
    Role.GRID_WORKER: {ZH: "村网格员", EN: "village grid worker"},
    Role.VILLAGE_COMMITTEE: {ZH: "村委会", EN: "village committee"},
    Role.TOWNSHIP_STAFF: {ZH: "乡镇审批人员", EN: "township staff"},
    Role.TOWNSHIP_LEADER: {ZH: "乡镇领导", EN: "township leader"},
    Role.COUNTY_AGRICULTURE: {ZH: "县农业农村部门", EN: "county agriculture and rural affairs bureau"},
    Role.COUNTY_NATURAL_RESOURCES: {ZH: "县自然资源和规划部门", EN: "county natural resources and planning bureau"},
    Role.COUNTY_HOUSING: {ZH: "县住房和城乡建设部门", EN: "county housing and construction bureau"},
    Role.ENFORCEMENT_OFFICER: {ZH: "执法人员", EN: "law-enforcement officer"},
    Role.BANK: {ZH: "银行", EN: "bank"},
    Role.DASHBOARD_VIEWER: {ZH: "数据看板用户", EN: "dashboard viewer"},
    Role.ADMINISTRATOR: {ZH: "系统管理员", EN: "administrator"},
}

# Domain errors name a step by its enum name, e.g. "SITE_SURVEY".
STEP_NAME_LABELS: Labels = {step.name: labels for step, labels in STEP_LABELS.items()}

STATUS_VALUE_LABELS: Labels = {status.value: STATUS_LABELS[status] for status in ApplicationStatus}

# The label table of each message param that contains an enum value.
PARAM_LABELS: dict[str, Labels] = {
    "reason": REASON_LABELS,
    "zone": ZONE_LABELS,
    "land_type": LAND_TYPE_LABELS,
    "build_type": BUILD_TYPE_LABELS,
    "current": STEP_NAME_LABELS,
    "expected": STEP_NAME_LABELS,
    "step": STEP_NAME_LABELS,
    "role": ROLE_LABELS,
    "owner": ROLE_LABELS,
    "status": STATUS_VALUE_LABELS,
}


def localize_params(params: Mapping[str, Any], locale: Locale) -> dict[str, Any]:
    """Return a copy of ``params`` with each known enum value replaced by its label in ``locale``.

    A param without a label table, or a value missing from its table, is kept as it is.
    """
    localized = dict(params)
    for name, value in params.items():
        table = PARAM_LABELS.get(name)
        if table is None or not isinstance(value, str):
            continue
        labels = table.get(value)
        if labels is not None:
            localized[name] = labels[locale]
    return localized
