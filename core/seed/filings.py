"""Application plans: the households that apply, their buildings and the forms they file."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from core.seed import texts
from core.seed.accounts import FARMER_DEMO_LOGIN, farmer_login, officer_login
from core.seed.land import pick_land_type
from core.seed.names import pick_surname
from core.seed.people import ADULT_AGE, HouseholdPlan, MemberPlan
from core.seed.scenarios import Scenario, pick_scenarios
from domain.accounts.models import Role
from domain.approvals.errors import ApprovalErrorCode
from domain.approvals.forms import ApplicationForm, BuildingSpec
from domain.approvals.models import BuildType, Step
from domain.approvals.rules import RESTRICTED_ZONE_BUILD_TYPES
from domain.land.models import LandType, Zone

DEFAULT_APPLICATIONS = 600
SELF_FILED_SHARE = 0.4
RESTRICTED_ZONE_SHARE = 0.25
KEEPS_SITE = frozenset({BuildType.REBUILD_IN_PLACE, BuildType.NEW_BUILD_DEMOLISH_OLD})
TENTH = Decimal("0.1")
INVALID_FORM_LAND_TYPE = LandType.OTHER


@dataclass(frozen=True)
class SpecDraw:
    """Random proportions of a building. The area follows the county limit at run time."""

    area_share: Decimal
    footprint_share: Decimal
    storeys: int
    floor_factor: Decimal
    storey_height_m: Decimal
    roof_height_m: Decimal
    stilt_storey_height_m: Decimal | None
    enclosing_wall_height_m: Decimal | None
    structure: str
    roof_colour: str
    wall_colour: str
    group: int
    boundaries: tuple[str, str, str, str]


@dataclass(frozen=True)
class ChainPlan:
    """One demo application: the household, its filing, and the scenario it goes through."""

    index: int
    household_index: int
    scenario: Scenario
    applicant: MemberPlan
    submitter_login: str
    build_type: BuildType
    land_type: LandType
    zone: Zone
    household_split: bool
    spec: SpecDraw


@dataclass(frozen=True)
class InvalidSubmission:
    """A submission that breaks a rule. The workflow must reject it with the ``expected`` code."""

    household_index: int
    expected: ApprovalErrorCode
    spec: SpecDraw


def _decimal(rng: random.Random, low: float, high: float, places: int = 2) -> Decimal:
    return Decimal(str(round(rng.uniform(low, high), places)))


def _boundary(rng: random.Random) -> str:
    if rng.random() < 0.4:
        return f"{pick_surname(rng)}某宅"
    return rng.choice(texts.BOUNDARY_FEATURES)


def draw_spec(rng: random.Random) -> SpecDraw:
    storeys = 3 if rng.random() < 0.65 else 2
    return SpecDraw(
        area_share=_decimal(rng, 0.72, 0.98),
        footprint_share=_decimal(rng, 0.55, 0.8),
        storeys=storeys,
        floor_factor=_decimal(rng, 0.92, 1.0),
        # At most 3.3 m a storey keeps three storeys under the 10 m eave limit.
        storey_height_m=_decimal(rng, 3.0, 3.3, 1),
        roof_height_m=_decimal(rng, 1.8, 3.0, 1),
        stilt_storey_height_m=Decimal("2.0") if rng.random() < 0.05 else None,
        enclosing_wall_height_m=Decimal("1.2") if rng.random() < 0.3 else None,
        structure=rng.choice(texts.STRUCTURES),
        roof_colour=rng.choice(texts.ROOF_COLOURS),
        wall_colour=rng.choice(texts.WALL_COLOURS),
        group=rng.randint(1, 9),
        boundaries=(_boundary(rng), _boundary(rng), _boundary(rng), _boundary(rng)),
    )


def _adults(household: HouseholdPlan, today: date) -> list[MemberPlan]:
    cutoff = date(today.year - ADULT_AGE, today.month, 1)
    return [member for member in household.members if member.birth_date < cutoff]


def _pick_build_type(rng: random.Random, household: HouseholdPlan, today: date) -> BuildType:
    if household.featured:
        return BuildType.NEW_BUILD_DEMOLISH_OLD
    if household.held_homesteads == 0:
        return BuildType.NEW_SITE if rng.random() < 0.8 else BuildType.IDLE_HOMESTEAD_REUSE
    draw = rng.random()
    if draw < 0.15 and len(_adults(household, today)) >= 3:
        return BuildType.NEW_SITE  # A grown child's household splits off (分户).
    return BuildType.REBUILD_IN_PLACE if draw < 0.55 else BuildType.NEW_BUILD_DEMOLISH_OLD


def _plan_chain(
    rng: random.Random,
    index: int,
    household_index: int,
    household: HouseholdPlan,
    scenario: Scenario,
    today: date,
) -> ChainPlan:
    build_type = _pick_build_type(rng, household, today)
    land_type = pick_land_type(rng)
    if build_type is BuildType.REBUILD_IN_PLACE:
        land_type = household.holdings[0].land_type
    zone = Zone.BUILDABLE
    if build_type in RESTRICTED_ZONE_BUILD_TYPES and rng.random() < RESTRICTED_ZONE_SHARE:
        zone = Zone.RESTRICTED

    adults = _adults(household, today)
    weights = [3 if member is household.members[0] else 1 for member in adults]
    applicant = rng.choices(adults, weights=weights)[0]
    if household.featured:
        submitter = FARMER_DEMO_LOGIN
    elif rng.random() < SELF_FILED_SHARE:
        submitter = farmer_login(household.number)
    else:
        submitter = officer_login(Role.GRID_WORKER, household.village.code)

    return ChainPlan(
        index=index,
        household_index=household_index,
        scenario=scenario,
        applicant=applicant,
        submitter_login=submitter,
        build_type=build_type,
        land_type=land_type,
        zone=zone,
        household_split=build_type is BuildType.NEW_SITE and household.held_homesteads == 1,
        spec=draw_spec(rng),
    )


def may_apply(household: HouseholdPlan) -> bool:
    """Return whether the household passes the one-household-one-homestead rule at all."""
    return household.held_homesteads <= 1 and not household.has_transferred_house


def plan_chains(rng: random.Random, households: list[HouseholdPlan], count: int, today: date) -> list[ChainPlan]:
    """Pick up to ``count`` households that may apply, the featured one first."""
    eligible = [index for index, household in enumerate(households) if may_apply(household)]
    featured = [index for index in eligible if households[index].featured]
    others = [index for index in eligible if not households[index].featured]
    rng.shuffle(others)
    chosen = (featured + others)[:count]
    scenarios = pick_scenarios(rng, len(chosen), with_featured=bool(featured))
    return [
        _plan_chain(rng, index, household_index, households[household_index], scenario, today)
        for index, (household_index, scenario) in enumerate(zip(chosen, scenarios, strict=True))
    ]


def plan_invalid_submissions(
    rng: random.Random, households: list[HouseholdPlan], count: int
) -> list[InvalidSubmission]:
    """Plan ``count`` rule-breaking submissions, cycling through four broken rules."""
    two_plots = [i for i, h in enumerate(households) if h.held_homesteads > 1]
    transferred = [i for i, h in enumerate(households) if h.has_transferred_house]
    eligible = [i for i, h in enumerate(households) if may_apply(h)]
    kinds = [
        (ApprovalErrorCode.SECOND_HOMESTEAD, two_plots),
        (ApprovalErrorCode.HOUSE_TRANSFERRED, transferred),
        (ApprovalErrorCode.AREA_OVER_LIMIT, eligible),
        (ApprovalErrorCode.TOO_MANY_STOREYS, eligible),
    ]
    submissions = []
    for number in range(count):
        expected, candidates = kinds[number % len(kinds)]
        if not candidates:
            expected, candidates = ApprovalErrorCode.AREA_OVER_LIMIT, eligible
        if not candidates:
            break
        submissions.append(InvalidSubmission(rng.choice(candidates), expected, draw_spec(rng)))
    return submissions


def build_spec(draw: SpecDraw, location: str, limit: Decimal, treatment: str) -> BuildingSpec:
    """Turn proportions into a building that complies with ``limit`` and the house caps."""
    site = (limit * draw.area_share).quantize(TENTH)
    footprint = (site * draw.footprint_share).quantize(TENTH)
    eave = draw.storey_height_m * draw.storeys
    east, south, west, north = draw.boundaries
    return BuildingSpec(
        location=location,
        boundary_east=east,
        boundary_south=south,
        boundary_west=west,
        boundary_north=north,
        site_area_m2=site,
        footprint_area_m2=footprint,
        floor_area_m2=(footprint * draw.storeys * draw.floor_factor).quantize(TENTH),
        storeys=draw.storeys,
        eave_height_m=eave,
        total_height_m=eave + draw.roof_height_m,
        structure=draw.structure,
        roof_colour=draw.roof_colour,
        wall_colour=draw.wall_colour,
        old_house_treatment=treatment,
        stilt_storey_height_m=draw.stilt_storey_height_m,
        enclosing_wall_height_m=draw.enclosing_wall_height_m,
    )


def build_form(chain: ChainPlan, household: HouseholdPlan, household_id: int, limit: Decimal) -> ApplicationForm:
    if chain.household_split:
        treatment = texts.HOUSEHOLD_SPLIT_TREATMENT
    else:
        treatment = texts.OLD_HOUSE_TREATMENTS[chain.build_type]
    location = f"{household.village.name}{chain.spec.group}组"
    return ApplicationForm(
        household_id=household_id,
        applicant_resident_id=chain.applicant.resident_id,
        build_type=chain.build_type,
        land_type=chain.land_type,
        zone=chain.zone,
        spec=build_spec(chain.spec, location, limit, treatment),
        pledge_signed=True,
        household_split=chain.household_split,
        demolition_commitment=chain.build_type in KEEPS_SITE,
        applicant_phone=chain.applicant.phone,
    )


def build_invalid_form(
    submission: InvalidSubmission, household: HouseholdPlan, household_id: int, limit: Decimal
) -> ApplicationForm:
    """Build a new-site form that breaks the rule that ``submission.expected`` names."""
    location = f"{household.village.name}{submission.spec.group}组"
    treatment = texts.OLD_HOUSE_TREATMENTS[BuildType.NEW_SITE]
    spec = build_spec(submission.spec, location, limit, treatment)
    if submission.expected is ApprovalErrorCode.AREA_OVER_LIMIT:
        spec = replace(spec, site_area_m2=limit + 15)
    elif submission.expected is ApprovalErrorCode.TOO_MANY_STOREYS:
        # Four low storeys: the eave stays under 10 m, so only the storey count is at fault.
        spec = replace(
            spec,
            storeys=4,
            floor_area_m2=spec.footprint_area_m2 * 4,
            eave_height_m=Decimal("9.8"),
            total_height_m=Decimal("12.0"),
        )

    applicant = household.members[0]
    return ApplicationForm(
        household_id=household_id,
        applicant_resident_id=applicant.resident_id,
        build_type=BuildType.NEW_SITE,
        land_type=INVALID_FORM_LAND_TYPE,
        zone=Zone.BUILDABLE,
        spec=spec,
        pledge_signed=True,
        applicant_phone=applicant.phone,
    )


def correct_form(form: ApplicationForm, returned_at: Step, rng: random.Random) -> ApplicationForm:
    """Return the form as the applicant corrects it after a return at ``returned_at``."""
    spec = form.spec
    if returned_at is Step.VILLAGE_REVIEW:
        spec = replace(
            spec,
            boundary_east=f"{spec.boundary_east}（四邻已签字）",
            boundary_west=f"{spec.boundary_west}（四邻已签字）",
        )
    elif returned_at is Step.SITE_SURVEY:
        site = spec.site_area_m2 - _decimal(rng, 1.0, 4.0, 1)
        spec = replace(spec, site_area_m2=site, footprint_area_m2=min(spec.footprint_area_m2, site))
    elif returned_at is Step.JOINT_MEETING:
        spec = replace(spec, old_house_treatment=f"{spec.old_house_treatment}，已签订旧房拆除承诺书")
    return replace(form, spec=spec)
