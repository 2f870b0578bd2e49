"""Chinese opinions, reasons and objections that officials and villagers write in the demo."""

from __future__ import annotations

from domain.approvals.models import BuildType, Step
from domain.land.models import Zone

PASS_OPINIONS = {
    Step.VILLAGE_PUBLICITY: ("公示期满，无异议", "公示期满，无人提出异议，同意进入初审"),
    Step.VILLAGE_REVIEW: (
        "经村民代表会议讨论，四邻无异议，同意上报",
        "材料齐全，符合一户一宅规定，同意",
        "同意",
    ),
    Step.SITE_SURVEY: (
        "经联合踏勘，选址符合村庄规划，四至清楚，同意",
        "现场核实无误，面积与申请一致",
        "选址不占耕地，符合规划，同意",
    ),
    Step.JOINT_MEETING: (
        "经乡镇联审会议研究，农业农村、自然资源条线一致同意",
        "联审通过，同意公告",
        "材料齐全，同意公示",
    ),
    Step.CONSTRUCTION_PUBLICITY: ("建房公告期满，无异议", "公告期满，同意发证"),
    Step.PERMIT_ISSUANCE: (
        "准予核发乡村建设规划许可证和农村宅基地批准书",
        "同意发证，请按批准内容建设并落实四到场",
    ),
}

# Each return reason names what the applicant must correct before resubmitting.
RETURN_REASONS = {
    Step.VILLAGE_PUBLICITY: ("公示材料缺少户口簿复印件，请补充", "申请表签字不全，请补充"),
    Step.VILLAGE_REVIEW: ("四至不清，请补充四邻签字意见", "请补充宅基地使用承诺书原件"),
    Step.SITE_SURVEY: ("实测面积与申请不符，请按实测面积修改", "四至与现场不符，请重新确认"),
    Step.JOINT_MEETING: ("旧房拆除承诺书缺失，请补充", "设计图纸层高标注不清，请补充"),
    Step.CONSTRUCTION_PUBLICITY: ("公告内容与图纸不一致，请核对后重新提交",),
}

REJECT_REASONS = {
    Step.VILLAGE_REVIEW: (
        "经村民代表会议讨论，申请户不符合分户条件，不予通过",
        "申请用地权属存在争议，村民代表会议未通过",
    ),
    Step.JOINT_MEETING: (
        "经联审，该户不符合一户一宅规定，不予批准",
        "选址不符合村庄规划，联审会议不予通过",
    ),
}

FORBIDDEN_ZONE_REASONS = {
    Zone.PERMANENT_BASIC_FARMLAND: "经联合踏勘，选址位于永久基本农田保护范围内，不予通过",
    Zone.GEOLOGICAL_HAZARD: "经联合踏勘，选址位于地质灾害隐患区，不予通过",
    Zone.DRINKING_WATER_LEVEL_1: "经联合踏勘，选址位于饮用水水源一级保护区，不予通过",
    Zone.CORE_SCENIC_AREA: "经联合踏勘，选址位于风景名胜区核心景区，不予通过",
    Zone.RIVER_MANAGEMENT: "经联合踏勘，选址位于河道管理范围内，不予通过",
}

WITHDRAW_REASONS = (
    "家庭计划变更，暂不建房",
    "已在城镇购房，自愿撤回申请",
    "资金不足，明年再申请",
    "与邻户协商未果，申请撤回",
)

OBJECTIONS = (
    "申请用地东侧与本人承包地相邻，边界有争议",
    "拟建房屋离本人住房过近，影响采光",
    "申请用地涉及村集体道路，影响通行",
    "对申请户的分户情况有异议",
)

OBJECTION_RESOLUTIONS = (
    "经村委会现场核实并协调，双方确认四至，异议已解决",
    "经测量，拟建房屋与邻房间距符合规定，已向异议人解释",
    "申请户调整房屋朝向，异议人表示同意",
)

BOUNDARY_FEATURES = ("村道", "机耕路", "空地", "山体", "水沟", "农田", "溪边绿化带", "竹林")
STRUCTURES = ("砖混结构", "框架结构")
ROOF_COLOURS = ("青灰色", "深灰色", "黛青色")
WALL_COLOURS = ("白色", "米白色", "浅灰色")

OLD_HOUSE_TREATMENTS = {
    BuildType.REBUILD_IN_PLACE: "拆除旧房，原址翻建",
    BuildType.NEW_BUILD_DEMOLISH_OLD: "新房竣工后三个月内拆除旧房，旧宅基地交还村集体",
    BuildType.NEW_SITE: "无旧房",
    BuildType.IDLE_HOMESTEAD_REUSE: "利用村内闲置宅基地建房，无旧房",
}
HOUSEHOLD_SPLIT_TREATMENT = "分户新建，原住房留父母居住"
