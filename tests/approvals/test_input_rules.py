"""The plausibility checks on numbers and free text that run before the statutory rules."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import String

from domain.approvals import rules
from domain.approvals.errors import ApprovalErrorCode as Code
from domain.approvals.models import Application, Objection
from tests import factories
from tests.approvals.scenario import NOTHING_WRITTEN, SUBMITTED_AT, Scenario, error_pairs


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("NaN", id="nan"),
        pytest.param("sNaN", id="signaling-nan"),
        pytest.param("-Infinity", id="negative-infinity"),
        pytest.param("1e-30", id="tiny"),
        pytest.param("12.345", id="three-places"),
        pytest.param("100.000000000000000000000000001", id="beyond-context-precision"),
    ],
)
def test_invalid_number_detected(value: str) -> None:
    error = rules.check_area(Decimal(value), "input.spec.siteAreaM2")

    assert error is not None
    assert (error.code, error.field) == (Code.INVALID_NUMBER, "input.spec.siteAreaM2")
    assert error.params["decimals"] == 2


@pytest.mark.parametrize("value", ["0.01", "120.5000", "1.2E+2", "10000", "10000.00"])
def test_plausible_area_passes(value: str) -> None:
    assert rules.check_area(Decimal(value), "input.spec.siteAreaM2") is None


@pytest.mark.parametrize("value", ["0", "0E-30", "-0.01", "10000.01", "1E+999999"])
def test_area_outside_bounds_detected(value: str) -> None:
    error = rules.check_area(Decimal(value), "input.spec.siteAreaM2")

    assert error is not None
    assert error.code is Code.VALUE_OUT_OF_RANGE
    assert error.params["minimum"] == Decimal("0.01")
    assert error.params["maximum"] == Decimal(10000)


def test_huge_value_shown_shortened() -> None:
    error = rules.check_height(Decimal("9" * 500), "input.spec.totalHeightM")

    assert error is not None
    assert len(error.params["value"]) == 41


def test_height_bounds() -> None:
    assert rules.check_height(Decimal(100), "input.spec.totalHeightM") is None
    assert rules.check_height(Decimal("100.01"), "input.spec.totalHeightM") is not None


@pytest.mark.parametrize(
    ("text", "position", "character"),
    [
        pytest.param("a\x00b", 2, "U+0000", id="nul"),
        pytest.param("  a\x7f", 4, "U+007F", id="delete-after-spaces"),
        pytest.param("a\u0085b", 2, "U+0085", id="c1-control"),
        pytest.param("a\u2066b", 2, "U+2066", id="bidi-isolate"),
        pytest.param("a\ud800", 2, "U+D800", id="lone-surrogate"),
        pytest.param("a\tb", 2, "U+0009", id="tab"),
    ],
)
def test_invalid_character_located(text: str, position: int, character: str) -> None:
    errors = rules.check_text(text, "input.spec.location", max_length=200)

    assert error_pairs(errors) == [(Code.INVALID_CHARACTERS, "input.spec.location")]
    assert errors[0].params == {"position": position, "character": character}


def test_multiline_text_keeps_line_breaks() -> None:
    assert rules.check_text("第一条\n\t第二条\r\n", "input.opinion", multiline=True) == []


def test_multiline_text_rejects_nul() -> None:
    errors = rules.check_text("第一条\n\x00", "input.opinion", multiline=True)

    assert error_pairs(errors) == [(Code.INVALID_CHARACTERS, "input.opinion")]


def test_length_counts_stripped_text() -> None:
    assert rules.check_text("  " + "宅" * 50 + "  ", "input.spec.structure", max_length=50) == []


def test_too_long_text_reports_lengths() -> None:
    errors = rules.check_text("宅" * 51, "input.spec.structure", max_length=50)

    assert error_pairs(errors) == [(Code.TOO_LONG, "input.spec.structure")]
    assert errors[0].params == {"length": 51, "maximum": 50}


def test_optional_text_may_be_blank() -> None:
    assert rules.check_text("  ", "input.designCode", max_length=32, required=False) == []


@pytest.mark.parametrize(
    ("limit", "model", "column"),
    [
        (rules.SPEC_TEXT_MAX_LENGTHS["location"], Application, "location"),
        (rules.SPEC_TEXT_MAX_LENGTHS["boundary_north"], Application, "boundary_north"),
        (rules.SPEC_TEXT_MAX_LENGTHS["wall_colour"], Application, "wall_colour"),
        (rules.DESIGN_CODE_MAX_LENGTH, Application, "design_code"),
        (rules.RAISED_BY_MAX_LENGTH, Objection, "raised_by"),
    ],
)
def test_lengths_follow_columns(limit: int, model: type[Application | Objection], column: str) -> None:
    column_type = model.__table__.c[column].type

    assert isinstance(column_type, String)
    assert limit == column_type.length


def test_blank_objection_reports_both() -> None:
    errors = rules.check_objection(" ", "\n")

    assert error_pairs(errors) == [(Code.REQUIRED, "input.raisedBy"), (Code.REQUIRED, "input.content")]


async def test_nan_spec_rejected_before_caps(scenario: Scenario) -> None:
    spec = factories.make_spec(
        site_area_m2=Decimal("NaN"), stilt_storey_height_m=Decimal("sNaN"), total_height_m=Decimal(1000)
    )
    form = scenario.cast.form(spec=spec)

    errors = await scenario.rejected(SUBMITTED_AT, lambda workflow: workflow.submit(scenario.cast.farmer, form))

    assert error_pairs(errors) == [
        (Code.INVALID_NUMBER, "input.spec.siteAreaM2"),
        (Code.VALUE_OUT_OF_RANGE, "input.spec.totalHeightM"),
        (Code.INVALID_NUMBER, "input.spec.stiltStoreyHeightM"),
    ]
    assert await scenario.row_counts() == NOTHING_WRITTEN


async def test_spec_numbers_stored_with_two_places(scenario: Scenario) -> None:
    form = scenario.cast.form(spec=factories.make_spec(site_area_m2=Decimal("1.2E+2"), eave_height_m=Decimal("9.5")))

    application_id = await scenario.submit(form)

    application = await scenario.application(application_id)
    assert str(application.site_area_m2) == "120.00"
    assert str(application.eave_height_m) == "9.50"


async def test_long_design_code_rejected(scenario: Scenario) -> None:
    form = scenario.cast.form(design_code="D" * 33)

    errors = await scenario.rejected(SUBMITTED_AT, lambda workflow: workflow.submit(scenario.cast.farmer, form))

    assert error_pairs(errors) == [(Code.TOO_LONG, "input.designCode")]
    assert await scenario.row_counts() == NOTHING_WRITTEN
