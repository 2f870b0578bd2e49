"""Localized names of steps and statuses, shown to the farmer as the stage."""

from __future__ import annotations

from core.i18n import Locale
from domain.approvals.models import ApplicationStatus, Step

STEP_LABELS: dict[Step, dict[Locale, str]] = {
    Step.ONLINE_APPLICATION: {Locale.ZH_CN: "网上申请", Locale.EN: "Online application"},
    Step.VILLAGE_PUBLICITY: {Locale.ZH_CN: "村级公示", Locale.EN: "Village publicity"},
    Step.VILLAGE_REVIEW: {Locale.ZH_CN: "村级初审", Locale.EN: "Village preliminary review"},
    Step.SITE_SURVEY: {Locale.ZH_CN: "乡镇联合踏勘", Locale.EN: "Joint township site survey"},
    Step.JOINT_MEETING: {Locale.ZH_CN: "乡镇联审会议", Locale.EN: "Township joint meeting"},
    Step.CONSTRUCTION_PUBLICITY: {Locale.ZH_CN: "建房公告", Locale.EN: "Construction publicity"},
    Step.PERMIT_ISSUANCE: {Locale.ZH_CN: "发证", Locale.EN: "Permit issuance"},
}

STATUS_LABELS: dict[ApplicationStatus, dict[Locale, str]] = {
    ApplicationStatus.IN_PROGRESS: {Locale.ZH_CN: "办理中", Locale.EN: "in progress"},
    ApplicationStatus.RETURNED: {Locale.ZH_CN: "退回补正", Locale.EN: "returned for correction"},
    ApplicationStatus.REJECTED: {Locale.ZH_CN: "不予批准", Locale.EN: "rejected"},
    ApplicationStatus.WITHDRAWN: {Locale.ZH_CN: "已撤回", Locale.EN: "withdrawn"},
    ApplicationStatus.PERMIT_ISSUED: {Locale.ZH_CN: "已发证", Locale.EN: "permit issued"},
}


def stage_label(step: Step, status: ApplicationStatus, locale: Locale) -> str:
    """Return e.g. "村级公示（办理中）" or "Village publicity (in progress)"."""
    step_text = STEP_LABELS[step][locale]
    status_text = STATUS_LABELS[status][locale]
    if locale is Locale.ZH_CN:
        return f"{step_text}（{status_text}）"
    return f"{step_text} ({status_text})"
