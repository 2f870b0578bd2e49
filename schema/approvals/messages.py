"""zh-CN and English messages for approval error codes; ``{field}`` is the input path.

Params that hold enum values (steps, roles, zones, reasons) reach the templates as labels
in the message's language, see ``schema.labels``. The key "CODE+param" maps to the message
for errors of CODE that carry that param.
"""

from __future__ import annotations

from core.i18n import Locale
from domain.approvals.errors import ApprovalErrorCode as Code

ZH, EN = Locale.ZH_CN, Locale.EN

APPROVAL_MESSAGES: dict[str, dict[Locale, str]] = {
    Code.NOT_FOUND: {
        ZH: "{field}：记录 {id} 不存在，请检查编号。",
        EN: "{field}: record {id} was not found; check the ID.",
    },
    Code.FORBIDDEN: {
        ZH: "{field}：该记录不在您的管辖范围内，或当前环节不由您的角色办理。",
        EN: "{field}: the record is outside your jurisdiction or the current step is not handled by your role.",
    },
    # FORBIDDEN because another role owns the current step.
    f"{Code.FORBIDDEN}+owner": {
        ZH: "{field}：当前环节“{step}”由{owner}办理，您的角色（{role}）不能办理。",
        EN: '{field}: the current step "{step}" is handled by the {owner}, not by your role ({role}).',
    },
    Code.VERSION_CONFLICT: {
        ZH: "{field}：申请已被他人更新，请刷新后重试。",
        EN: "{field}: the application was changed by someone else; reload it and try again.",
    },
    Code.INVALID_STATE: {
        ZH: "{field}：申请当前状态不允许此操作。",
        EN: "{field}: the application's current state does not allow this action.",
    },
    Code.STEP_OUT_OF_ORDER: {
        ZH: "{field}：申请当前处于“{current}”环节，不能办理“{expected}”环节，环节不可跳过或回退。",
        EN: '{field}: the application is at step "{current}", not "{expected}"; steps cannot be skipped or reversed.',
    },
    Code.INVALID_ID: {
        ZH: "{field}：编号“{value}”无效，请使用查询结果中的编号。",
        EN: '{field}: "{value}" is not a valid ID; use an ID returned by a query.',
    },
    Code.INVALID_RESIDENT_ID: {
        ZH: "{field}：身份证号“{value}”无效（{reason}），请核对 18 位号码及最后一位校验码。",
        EN: '{field}: resident ID "{value}" is invalid ({reason}); check the 18 characters and the final check character.',
    },
    Code.INVALID_CREDIT_CODE: {
        ZH: "{field}：统一社会信用代码“{value}”无效（{reason}），请核对 18 位代码。",
        EN: '{field}: unified social credit code "{value}" is invalid ({reason}); check the 18 characters.',
    },
    Code.INVALID_MOBILE: {
        ZH: "{field}：手机号“{value}”无效（{reason}），请填写 11 位大陆手机号。",
        EN: '{field}: mobile number "{value}" is invalid ({reason}); enter an 11-digit mainland mobile number.',
    },
    Code.INVALID_NAME: {
        ZH: "{field}：姓名“{value}”无效（{reason}），请填写户籍登记的姓名。",
        EN: '{field}: name "{value}" is invalid ({reason}); enter the name as registered.',
    },
    Code.UNKNOWN_REGION: {
        ZH: "{field}：行政区划代码“{value}”不存在，请使用衢州市的统计区划代码。",
        EN: '{field}: region code "{value}" does not exist; use a Quzhou statistical division code.',
    },
    Code.APPLICANT_NOT_IN_HOUSEHOLD: {
        ZH: "{field}：申请人不是该户的户籍成员，请填写本户成员的身份证号。",
        EN: "{field}: the applicant is not a registered member of this household; enter a member's resident ID.",
    },
    Code.VALUE_OUT_OF_RANGE: {
        ZH: "{field}：数值 {value} 超出允许范围，请填写 {minimum} 至 {maximum} 之间的数值。",
        EN: "{field}: value {value} is out of range; enter a value from {minimum} to {maximum}.",
    },
    Code.INVALID_NUMBER: {
        ZH: "{field}：数值“{value}”无效，请填写最多 {decimals} 位小数的有限数值。",
        EN: '{field}: "{value}" is not a valid number; enter a finite number with at most {decimals} decimal places.',
    },
    Code.TOO_LONG: {
        ZH: "{field}：内容长度为 {length} 个字符，最多 {maximum} 个，请缩短。",
        EN: "{field}: the text has {length} characters, at most {maximum} are allowed; shorten it.",
    },
    Code.TOO_MANY_ITEMS: {
        ZH: "{field}：共 {count} 项，最多 {maximum} 项，请删减。",
        EN: "{field}: {count} items were given, at most {maximum} are allowed; remove some.",
    },
    Code.INVALID_CHARACTERS: {
        ZH: "{field}：第 {position} 个字符（{character}）是控制字符或无效字符，请删除后重新提交。",
        EN: "{field}: character {position} ({character}) is a control or invalid character; remove it and submit again.",
    },
    Code.REQUIRED: {
        ZH: "{field}：此项为必填项。",
        EN: "{field}: this field is required.",
    },
    Code.PLEDGE_REQUIRED: {
        ZH: "{field}：须签署宅基地使用承诺书后才能提交申请。",
        EN: "{field}: the homestead-use pledge must be signed before the application is submitted.",
    },
    Code.AREA_OVER_LIMIT: {
        ZH: "{field}：宅基地面积 {value} 平方米超过{land_type}的上限 {limit} 平方米，请缩小用地面积。",
        EN: "{field}: homestead area {value} m² exceeds the limit of {limit} m² on {land_type}; reduce the site area.",
    },
    Code.TOO_MANY_STOREYS: {
        ZH: "{field}：层数 {value} 超过上限 {limit} 层（高于 2.2 米的架空层计入层数），请减少层数。",
        EN: "{field}: {value} storeys exceed the limit of {limit} (a stilt storey above 2.2 m counts); reduce the storeys.",
    },
    Code.EAVE_TOO_HIGH: {
        ZH: "{field}：檐口高度 {value} 米超过上限 {limit} 米，请降低檐口高度。",
        EN: "{field}: eave height {value} m exceeds the limit of {limit} m; lower the eave.",
    },
    Code.WALL_TOO_HIGH: {
        ZH: "{field}：围墙高度 {value} 米超过上限 {limit} 米，请改为 1.5 米以下的通透式或绿篱围墙。",
        EN: "{field}: enclosing wall height {value} m exceeds {limit} m; use a see-through or hedge wall of at most 1.5 m.",
    },
    Code.ZONE_FORBIDDEN: {
        ZH: "{field}：选址位于禁止建设区域（{zone}），请另行选址。",
        EN: "{field}: the site lies in a zone where building is forbidden ({zone}); choose another site.",
    },
    Code.ZONE_RESTRICTED: {
        ZH: "{field}：选址位于限制建设区域，只允许原址翻建或利用闲置宅基地，本申请为“{build_type}”。",
        EN: "{field}: the site lies in a restricted zone, where only a rebuild in place or reuse of an idle homestead is allowed, not {build_type}.",
    },
    Code.SECOND_HOMESTEAD: {
        ZH: "{field}：该户已有 {held} 处宅基地，不符合“一户一宅”规定；如符合分户条件请勾选分户，或选择拆旧建新。",
        EN: "{field}: the household already holds {held} homestead(s), which breaks one household, one homestead; declare a qualifying household split or build new and demolish old.",
    },
    Code.HOUSE_TRANSFERRED: {
        ZH: "{field}：该户已出卖、出租或赠与住房，不得再申请宅基地。",
        EN: "{field}: the household sold, rented out or gave away its house and may not apply for a homestead.",
    },
    Code.DEMOLITION_COMMITMENT_REQUIRED: {
        ZH: "{field}：原址翻建或拆旧建新须承诺拆除旧房。",
        EN: "{field}: a rebuild or build-new-demolish-old application needs a commitment to demolish the old house.",
    },
    Code.APPLICATION_ALREADY_OPEN: {
        ZH: "{field}：该户已有一件办理中的建房申请，请先办结或撤回。",
        EN: "{field}: the household already has an open application; finish or withdraw it first.",
    },
    Code.PUBLICITY_NOT_ELAPSED: {
        ZH: "{field}：公示期为 {days} 天，须至 {until} 期满后方可进入下一环节。",
        EN: "{field}: the publicity period is {days} days and ends on {until}; pass the step after that date.",
    },
    Code.OBJECTIONS_UNRESOLVED: {
        ZH: "{field}：公示期间有 {count} 条异议尚未处理，请先处理异议。",
        EN: "{field}: {count} objection(s) raised during publicity are unresolved; resolve them first.",
    },
    Code.OPINION_REQUIRED: {
        ZH: "{field}：退回或不予批准时须填写理由。",
        EN: "{field}: give the reasons when returning or rejecting an application.",
    },
    Code.SURVEY_NOT_EXPECTED: {
        ZH: "{field}：踏勘结果只能在“乡镇联合踏勘”环节填写，当前环节为“{step}”，请去掉踏勘结果。",
        EN: '{field}: survey findings belong to the joint site survey step, not to the current step "{step}"; '
        "leave them out.",
    },
    Code.OBJECTION_ALREADY_RESOLVED: {
        ZH: "{field}：异议 {id} 已处理，不能再次处理。",
        EN: "{field}: objection {id} is already resolved and cannot be resolved again.",
    },
}
