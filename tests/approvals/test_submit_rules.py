"""Statutory and eligibility checks that run when a household submits an application.

Every rejected submission must leave the database as it was: no application, step,
transition, audit entry or outbox event.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.accounts.models import Role
from domain.approvals.errors import ApprovalErrorCode as Code
from domain.approvals.models import ApplicationStatus, BuildType, Step
from domain.land.models import CountyHomesteadLimit, House, LandType, Zone
from domain.regions.models import county_code_of
from tests import factories
from tests.approvals.scenario import NOTHING_WRITTEN, SUBMITTED_AT, Scenario, error_pairs

PROVINCIAL_CAPS = [
    (LandType.CULTIVATED, Decimal(125)),
    (LandType.OTHER, Decimal(140)),
    (LandType.MOUNTAIN_WASTELAND, Decimal(160)),
]

FORBIDDEN_ZONES = [
    Zone.PERMANENT_BASIC_FARMLAND,
    Zone.GEOLOGICAL_HAZARD,
    Zone.DRINKING_WATER_LEVEL_1,
    Zone.CORE_SCENIC_AREA,
    Zone.RIVER_MANAGEMENT,
]


async def test_valid_form_opens_village_publicity(scenario: Scenario) -> None:
    application_id = await scenario.submit()

    application = await scenario.application(application_id)
    assert application.status is ApplicationStatus.IN_PROGRESS
    assert application.current_step is Step.VILLAGE_PUBLICITY
    assert application.version == 1


@pytest.mark.parametrize(("land_type", "cap"), PROVINCIAL_CAPS)
async def test_area_above_provincial_cap_rejected(scenario: Scenario, land_type: LandType, cap: Decimal) -> None:
    form = scenario.cast.form(land_type=land_type, spec=factories.make_spec(site_area_m2=cap + Decimal("0.5")))

    errors = await scenario.rejected(SUBMITTED_AT, lambda workflow: workflow.submit(scenario.cast.farmer, form))

    assert error_pairs(errors) == [(Code.AREA_OVER_LIMIT, "input.spec.siteAreaM2")]
    assert errors[0].params["limit"] == cap
    assert await scenario.row_counts() == NOTHING_WRITTEN


@pytest.mark.parametrize(("land_type", "cap"), PROVINCIAL_CAPS)
async def test_area_at_provincial_cap_accepted(scenario: Scenario, land_type: LandType, cap: Decimal) -> None:
    form = scenario.cast.form(land_type=land_type, spec=factories.make_spec(site_area_m2=cap))

    application_id = await scenario.submit(form)

    application = await scenario.application(application_id)
    assert application.site_area_m2 == cap


async def test_tighter_county_limit_applies(scenario: Scenario) -> None:
    async with scenario.session() as session:
        session.add(
            CountyHomesteadLimit(
                county_code=county_code_of(scenario.cast.village_code),
                land_type=LandType.OTHER,
                max_area_m2=Decimal(120),
            )
        )
    form = scenario.cast.form(spec=factories.make_spec(site_area_m2=Decimal(121)))

    errors = await scenario.rejected(SUBMITTED_AT, lambda workflow: workflow.submit(scenario.cast.farmer, form))

    assert error_pairs(errors) == [(Code.AREA_OVER_LIMIT, "input.spec.siteAreaM2")]
    assert errors[0].params["limit"] == Decimal(120)
    assert await scenario.row_counts() == NOTHING_WRITTEN


async def test_county_limit_above_cap_ignored(scenario: Scenario) -> None:
    async with scenario.session() as session:
        session.add(
            CountyHomesteadLimit(
                county_code=county_code_of(scenario.cast.village_code),
                land_type=LandType.OTHER,
                max_area_m2=Decimal(150),
            )
        )
    form = scenario.cast.form(spec=factories.make_spec(site_area_m2=Decimal(145)))

    errors = await scenario.rejected(SUBMITTED_AT, lambda workflow: workflow.submit(scenario.cast.farmer, form))

    assert error_pairs(errors) == [(Code.AREA_OVER_LIMIT, "input.spec.siteAreaM2")]
    assert errors[0].params["limit"] == Decimal(140)
    assert await scenario.row_counts() == NOTHING_WRITTEN


async def test_four_storeys_rejected(scenario: Scenario) -> None:
    form = scenario.cast.form(spec=factories.make_spec(storeys=4))

    errors = await scenario.rejected(SUBMITTED_AT, lambda workflow: workflow.submit(scenario.cast.farmer, form))

    assert error_pairs(errors) == [(Code.TOO_MANY_STOREYS, "input.spec.storeys")]
    assert await scenario.row_counts() == NOTHING_WRITTEN


async def test_stilt_storey_above_limit_counts(scenario: Scenario) -> None:
    form = scenario.cast.form(spec=factories.make_spec(storeys=3, stilt_storey_height_m=Decimal("2.3")))

    errors = await scenario.rejected(SUBMITTED_AT, lambda workflow: workflow.submit(scenario.cast.farmer, form))

    assert error_pairs(errors) == [(Code.TOO_MANY_STOREYS, "input.spec.storeys")]
    assert errors[0].params["value"] == 4
    assert await scenario.row_counts() == NOTHING_WRITTEN


async def test_stilt_storey_at_limit_ignored(scenario: Scenario) -> None:
    form = scenario.cast.form(spec=factories.make_spec(storeys=3, stilt_storey_height_m=Decimal("2.2")))

    application_id = await scenario.submit(form)

    application = await scenario.application(application_id)
    assert application.stilt_storey_height_m == Decimal("2.2")


async def test_eave_above_ten_metres_rejected(scenario: Scenario) -> None:
    form = scenario.cast.form(spec=factories.make_spec(eave_height_m=Decimal("10.1")))

    errors = await scenario.rejected(SUBMITTED_AT, lambda workflow: workflow.submit(scenario.cast.farmer, form))

    assert error_pairs(errors) == [(Code.EAVE_TOO_HIGH, "input.spec.eaveHeightM")]
    assert await scenario.row_counts() == NOTHING_WRITTEN


async def test_wall_above_limit_rejected(scenario: Scenario) -> None:
    form = scenario.cast.form(spec=factories.make_spec(enclosing_wall_height_m=Decimal("1.6")))

    errors = await scenario.rejected(SUBMITTED_AT, lambda workflow: workflow.submit(scenario.cast.farmer, form))

    assert error_pairs(errors) == [(Code.WALL_TOO_HIGH, "input.spec.enclosingWallHeightM")]
    assert await scenario.row_counts() == NOTHING_WRITTEN


@pytest.mark.parametrize("zone", FORBIDDEN_ZONES)
async def test_forbidden_zone_rejected(scenario: Scenario, zone: Zone) -> None:
    form = scenario.cast.form(zone=zone)

    errors = await scenario.rejected(SUBMITTED_AT, lambda workflow: workflow.submit(scenario.cast.farmer, form))

    assert error_pairs(errors) == [(Code.ZONE_FORBIDDEN, "input.zone")]
    assert await scenario.row_counts() == NOTHING_WRITTEN


async def test_restricted_zone_new_site_rejected(scenario: Scenario) -> None:
    form = scenario.cast.form(zone=Zone.RESTRICTED, build_type=BuildType.NEW_SITE)

    errors = await scenario.rejected(SUBMITTED_AT, lambda workflow: workflow.submit(scenario.cast.farmer, form))

    assert error_pairs(errors) == [(Code.ZONE_RESTRICTED, "input.zone")]
    assert await scenario.row_counts() == NOTHING_WRITTEN


async def test_restricted_zone_rebuild_accepted(scenario: Scenario) -> None:
    async with scenario.session() as session:
        await factories.make_homestead(session, scenario.cast.household)
    form = scenario.cast.form(zone=Zone.RESTRICTED, build_type=BuildType.REBUILD_IN_PLACE, demolition_commitment=True)

    application_id = await scenario.submit(form)

    application = await scenario.application(application_id)
    assert application.zone is Zone.RESTRICTED


async def test_second_homestead_rejected(scenario: Scenario) -> None:
    async with scenario.session() as session:
        await factories.make_homestead(session, scenario.cast.household)
    form = scenario.cast.form(build_type=BuildType.NEW_SITE, household_split=False)

    errors = await scenario.rejected(SUBMITTED_AT, lambda workflow: workflow.submit(scenario.cast.farmer, form))

    assert error_pairs(errors) == [(Code.SECOND_HOMESTEAD, "input.householdId")]
    assert await scenario.row_counts() == NOTHING_WRITTEN


async def test_household_split_allows_new_site(scenario: Scenario) -> None:
    async with scenario.session() as session:
        await factories.make_homestead(session, scenario.cast.household)
    form = scenario.cast.form(build_type=BuildType.NEW_SITE, household_split=True)

    application_id = await scenario.submit(form)

    application = await scenario.application(application_id)
    assert application.household_split is True


async def test_two_homesteads_held_rejected(scenario: Scenario) -> None:
    async with scenario.session() as session:
        await factories.make_homestead(session, scenario.cast.household)
        await factories.make_homestead(session, scenario.cast.household)
    form = scenario.cast.form(build_type=BuildType.REBUILD_IN_PLACE, demolition_commitment=True)

    errors = await scenario.rejected(SUBMITTED_AT, lambda workflow: workflow.submit(scenario.cast.farmer, form))

    assert error_pairs(errors) == [(Code.SECOND_HOMESTEAD, "input.householdId")]
    assert errors[0].params["held"] == 2
    assert await scenario.row_counts() == NOTHING_WRITTEN


async def test_transferred_house_rejected(scenario: Scenario) -> None:
    async with scenario.session() as session:
        session.add(
            House(
                household_id=scenario.cast.household.id,
                floor_area_m2=Decimal(180),
                storeys=2,
                transferred=True,
            )
        )
    form = scenario.cast.form()

    errors = await scenario.rejected(SUBMITTED_AT, lambda workflow: workflow.submit(scenario.cast.farmer, form))

    assert error_pairs(errors) == [(Code.HOUSE_TRANSFERRED, "input.householdId")]
    assert await scenario.row_counts() == NOTHING_WRITTEN


async def test_rebuild_without_demolition_commitment_rejected(scenario: Scenario) -> None:
    async with scenario.session() as session:
        await factories.make_homestead(session, scenario.cast.household)
    form = scenario.cast.form(build_type=BuildType.REBUILD_IN_PLACE, demolition_commitment=False)

    errors = await scenario.rejected(SUBMITTED_AT, lambda workflow: workflow.submit(scenario.cast.farmer, form))

    assert error_pairs(errors) == [(Code.DEMOLITION_COMMITMENT_REQUIRED, "input.demolitionCommitment")]
    assert await scenario.row_counts() == NOTHING_WRITTEN


async def test_unsigned_pledge_rejected(scenario: Scenario) -> None:
    form = scenario.cast.form(pledge_signed=False)

    errors = await scenario.rejected(SUBMITTED_AT, lambda workflow: workflow.submit(scenario.cast.farmer, form))

    assert error_pairs(errors) == [(Code.PLEDGE_REQUIRED, "input.pledgeSigned")]
    assert await scenario.row_counts() == NOTHING_WRITTEN


async def test_applicant_outside_household_rejected(scenario: Scenario) -> None:
    async with scenario.session() as session:
        _, strangers = await factories.make_household(session, scenario.cast.village_code)
    form = scenario.cast.form(applicant_resident_id=strangers[0].resident_id)

    errors = await scenario.rejected(SUBMITTED_AT, lambda workflow: workflow.submit(scenario.cast.farmer, form))

    assert error_pairs(errors) == [(Code.APPLICANT_NOT_IN_HOUSEHOLD, "input.applicantResidentId")]
    assert await scenario.row_counts() == NOTHING_WRITTEN


async def test_grid_worker_files_for_household(scenario: Scenario) -> None:
    application_id = await scenario.submit(actor=scenario.cast.grid_worker)

    application = await scenario.application(application_id)
    assert application.submitted_by_id == scenario.cast.grid_worker.account_id


async def test_grid_worker_of_other_village_forbidden(scenario: Scenario) -> None:
    async with scenario.session() as session:
        other_village = await factories.make_village(session)
        outsider = factories.actor_of(await factories.make_account(session, Role.GRID_WORKER, other_village.code))
    form = scenario.cast.form()

    errors = await scenario.rejected(SUBMITTED_AT, lambda workflow: workflow.submit(outsider, form))

    assert error_pairs(errors) == [(Code.FORBIDDEN, "input.householdId")]
    assert await scenario.row_counts() == NOTHING_WRITTEN


async def test_farmer_of_other_household_forbidden(scenario: Scenario) -> None:
    async with scenario.session() as session:
        neighbour, _ = await factories.make_household(session, scenario.cast.village_code)
        account = await factories.make_account(
            session, Role.FARMER, scenario.cast.village_code, household_id=neighbour.id
        )
    form = scenario.cast.form()

    errors = await scenario.rejected(SUBMITTED_AT, lambda workflow: workflow.submit(factories.actor_of(account), form))

    assert error_pairs(errors) == [(Code.FORBIDDEN, "input.householdId")]
    assert await scenario.row_counts() == NOTHING_WRITTEN


async def test_official_cannot_submit(scenario: Scenario) -> None:
    form = scenario.cast.form()

    errors = await scenario.rejected(
        SUBMITTED_AT, lambda workflow: workflow.submit(scenario.cast.village_committee, form)
    )

    assert error_pairs(errors) == [(Code.FORBIDDEN, None)]
    assert await scenario.row_counts() == NOTHING_WRITTEN


async def test_second_open_application_rejected(scenario: Scenario) -> None:
    await scenario.submit()
    before = await scenario.row_counts()
    form = scenario.cast.form()

    errors = await scenario.rejected(SUBMITTED_AT, lambda workflow: workflow.submit(scenario.cast.farmer, form))

    assert error_pairs(errors) == [(Code.APPLICATION_ALREADY_OPEN, "input.householdId")]
    assert await scenario.row_counts() == before


async def test_withdrawn_application_allows_new_one(scenario: Scenario) -> None:
    first_id = await scenario.submit()
    await scenario.run(
        SUBMITTED_AT,
        lambda workflow: workflow.withdraw(scenario.cast.farmer, first_id, "改期建房", None),
    )

    second_id = await scenario.submit()

    assert second_id != first_id


async def test_several_errors_reported_together(scenario: Scenario) -> None:
    spec = factories.make_spec(
        site_area_m2=Decimal(150),
        storeys=4,
        eave_height_m=Decimal("10.5"),
        total_height_m=Decimal("13"),
        enclosing_wall_height_m=Decimal("2"),
    )
    form = scenario.cast.form(spec=spec, pledge_signed=False, zone=Zone.GEOLOGICAL_HAZARD)

    errors = await scenario.rejected(SUBMITTED_AT, lambda workflow: workflow.submit(scenario.cast.farmer, form))

    assert error_pairs(errors) == [
        (Code.PLEDGE_REQUIRED, "input.pledgeSigned"),
        (Code.AREA_OVER_LIMIT, "input.spec.siteAreaM2"),
        (Code.TOO_MANY_STOREYS, "input.spec.storeys"),
        (Code.EAVE_TOO_HIGH, "input.spec.eaveHeightM"),
        (Code.WALL_TOO_HIGH, "input.spec.enclosingWallHeightM"),
        (Code.ZONE_FORBIDDEN, "input.zone"),
    ]
    assert await scenario.row_counts() == NOTHING_WRITTEN


async def test_spec_range_errors_precede_caps(scenario: Scenario) -> None:
    spec = factories.make_spec(footprint_area_m2=Decimal(0), site_area_m2=Decimal(500), structure=" ")
    form = scenario.cast.form(spec=spec)

    errors = await scenario.rejected(SUBMITTED_AT, lambda workflow: workflow.submit(scenario.cast.farmer, form))

    assert error_pairs(errors) == [
        (Code.VALUE_OUT_OF_RANGE, "input.spec.footprintAreaM2"),
        (Code.REQUIRED, "input.spec.structure"),
    ]
    assert await scenario.row_counts() == NOTHING_WRITTEN
