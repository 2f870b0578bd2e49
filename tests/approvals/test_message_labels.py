"""Error messages show steps, roles, zones and rejection reasons by their labels, never by machine values."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

import pytest

from core.i18n import Locale
from domain.accounts.models import Role
from domain.approvals.errors import ApprovalErrorCode as Code
from domain.approvals.models import ApplicationStatus, BuildType, Step
from domain.approvals.workflow import StepAction
from domain.identity import RejectionReason
from domain.land.models import LandType, Zone
from schema.labels import PARAM_LABELS, localize_params
from schema.messages import PAYLOAD_MESSAGES, payload_message
from tests.approvals.scenario import PASS_TIMES, Scenario, error_pairs

# Two or more ASCII letters in a row: an English word or a machine value such as "SITE_SURVEY".
ASCII_WORD = re.compile(r"[A-Za-z]{2,}")
# A machine value that leaked into an English message: "VILLAGE_REVIEW" or "permanent_basic_farmland".
MACHINE_VALUE = re.compile(r"[A-Za-z]+_[A-Za-z_]+")

FIELD = "申请表"

# Typical params of every payload error, in the forms the domain sends them.
TYPICAL_PARAMS: dict[str, Any] = {
    "id": 12,
    "value": "123",
    "reason": RejectionReason.CHECKSUM,
    "zone": Zone.PERMANENT_BASIC_FARMLAND.value,
    "land_type": LandType.OTHER.value,
    "build_type": BuildType.NEW_SITE.value,
    "current": Step.VILLAGE_REVIEW.name,
    "expected": Step.SITE_SURVEY.name,
    "step": Step.SITE_SURVEY.name,
    "role": Role.VILLAGE_COMMITTEE.value,
    "owner": Role.TOWNSHIP_STAFF.value,
    "status": ApplicationStatus.IN_PROGRESS.value,
    "limit": Decimal(140),
    "minimum": Decimal("0.01"),
    "maximum": Decimal(100),
    "decimals": 2,
    "length": 201,
    "position": 4,
    "character": "U+0000",
    "held": 1,
    "count": 2,
    "days": 7,
    "until": "2026-09-08",
    "household_id": 5,
    "max_length": 64,
}

PAYLOAD_CODES: list[StrEnum] = [code for enum_type in PAYLOAD_MESSAGES for code in enum_type]
ENUM_PARAMS: list[tuple[str, str]] = [
    *(("reason", reason.value) for reason in RejectionReason),
    *(("zone", zone.value) for zone in Zone),
    *(("land_type", land_type.value) for land_type in LandType),
    *(("build_type", build_type.value) for build_type in BuildType),
    *(("step", step.name) for step in Step),
    *(("role", role.value) for role in Role),
    *(("status", status.value) for status in ApplicationStatus),
]


@pytest.mark.parametrize("code", PAYLOAD_CODES, ids=str)
def test_chinese_message_has_no_ascii_words(code: StrEnum) -> None:
    message = payload_message(code, Locale.ZH_CN, FIELD, **TYPICAL_PARAMS)

    assert ASCII_WORD.findall(message) == [], message
    assert "{" not in message, message


@pytest.mark.parametrize("code", PAYLOAD_CODES, ids=str)
def test_english_message_has_no_machine_values(code: StrEnum) -> None:
    message = payload_message(code, Locale.EN, "input", **TYPICAL_PARAMS)

    assert MACHINE_VALUE.findall(message) == [], message
    assert "{" not in message, message


@pytest.mark.parametrize(("param", "value"), ENUM_PARAMS, ids=[f"{p}={v}" for p, v in ENUM_PARAMS])
@pytest.mark.parametrize("locale", list(Locale), ids=str)
def test_every_enum_value_has_label(param: str, value: str, locale: Locale) -> None:
    label = localize_params({param: value}, locale)[param]

    assert value in PARAM_LABELS[param]
    if locale is Locale.ZH_CN:
        assert ASCII_WORD.findall(label) == [], label
    else:
        assert MACHINE_VALUE.findall(label) == [], label


def test_unknown_param_value_kept() -> None:
    params = localize_params({"zone": "moon_base", "expected": 3, "other": "SITE_SURVEY"}, Locale.ZH_CN)

    assert params == {"zone": "moon_base", "expected": 3, "other": "SITE_SURVEY"}


def test_labelled_params_listed() -> None:
    assert set(PARAM_LABELS) >= {"reason", "zone", "land_type", "build_type", "current", "expected", "step", "role"}


def test_resident_id_reason_in_chinese() -> None:
    message = payload_message(
        Code.INVALID_RESIDENT_ID, Locale.ZH_CN, "input.applicantResidentId", value="1", reason=RejectionReason.CHECKSUM
    )

    assert message == "input.applicantResidentId：身份证号“1”无效（校验码错误），请核对 18 位号码及最后一位校验码。"


def test_step_out_of_order_names_steps() -> None:
    message = payload_message(
        Code.STEP_OUT_OF_ORDER, Locale.ZH_CN, "input.expectedStep", current="VILLAGE_REVIEW", expected="SITE_SURVEY"
    )

    assert message == (
        "input.expectedStep：申请当前处于“村级初审”环节，不能办理“乡镇联合踏勘”环节，环节不可跳过或回退。"
    )


def test_zone_forbidden_names_zone() -> None:
    message = payload_message(Code.ZONE_FORBIDDEN, Locale.ZH_CN, "input.zone", zone="permanent_basic_farmland")

    assert message == "input.zone：选址位于禁止建设区域（永久基本农田），请另行选址。"


def test_forbidden_names_step_owner() -> None:
    message = payload_message(
        Code.FORBIDDEN,
        Locale.ZH_CN,
        "input.applicationId",
        role="village_committee",
        step="SITE_SURVEY",
        owner="township_staff",
    )

    assert message == "input.applicationId：当前环节“乡镇联合踏勘”由乡镇审批人员办理，您的角色（村委会）不能办理。"


def test_forbidden_without_owner_generic() -> None:
    message = payload_message(Code.FORBIDDEN, Locale.EN, "input.applicationId", id=3)

    assert message == (
        "input.applicationId: the record is outside your jurisdiction or the current step is not handled by your role."
    )


@pytest.mark.parametrize(
    ("step", "acting_role", "owner"),
    [
        (Step.VILLAGE_PUBLICITY, Role.TOWNSHIP_STAFF, Role.VILLAGE_COMMITTEE),
        (Step.SITE_SURVEY, Role.VILLAGE_COMMITTEE, Role.TOWNSHIP_STAFF),
        (Step.JOINT_MEETING, Role.TOWNSHIP_STAFF, Role.TOWNSHIP_LEADER),
    ],
)
async def test_wrong_officer_told_step_owner(scenario: Scenario, step: Step, acting_role: Role, owner: Role) -> None:
    application_id = await scenario.submit_and_advance_to(step)
    actors = {
        Role.VILLAGE_COMMITTEE: scenario.cast.village_committee,
        Role.TOWNSHIP_STAFF: scenario.cast.township_staff,
        Role.TOWNSHIP_LEADER: scenario.cast.township_leader,
    }
    action = StepAction(application_id)
    now: datetime = PASS_TIMES[step]

    errors = await scenario.rejected(now, lambda workflow: workflow.pass_step(actors[acting_role], action))

    assert error_pairs(errors) == [(Code.FORBIDDEN, "input.applicationId")]
    assert errors[0].params == {"role": acting_role.value, "step": step.name, "owner": owner.value}
