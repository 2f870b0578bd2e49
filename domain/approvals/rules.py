"""Checks on an application: input numbers and text, area, house dimensions, zoning, one household one homestead.

Caps: Zhejiang land administration regulation (2021) for homestead area per household;
Quzhou rural housing regulation (2020) for storeys, eave height and enclosing walls.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import String, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.database import Base
from domain.approvals.errors import ApprovalErrorCode as Code
from domain.approvals.forms import BuildingSpec
from domain.approvals.models import Application, BuildType, Objection
from domain.approvals.numbers import DecimalInput
from domain.errors import DomainError
from domain.land.models import (
    CountyHomesteadLimit,
    Homestead,
    HomesteadStatus,
    House,
    LandType,
    Zone,
)
from domain.text import find_invalid_character

# Provincial caps on homestead area (including ancillary rooms and courtyard), m² per household.
PROVINCIAL_AREA_CAPS_M2 = {
    LandType.CULTIVATED: Decimal(125),
    LandType.OTHER: Decimal(140),
    LandType.MOUNTAIN_WASTELAND: Decimal(160),
}
MAX_STOREYS = 3
MAX_EAVE_HEIGHT_M = Decimal(10)
# A stilt storey (架空层) higher than this counts as a storey.
STILT_STOREY_COUNTS_ABOVE_M = Decimal("2.2")
MAX_ENCLOSING_WALL_HEIGHT_M = Decimal("1.5")

FORBIDDEN_ZONES = frozenset(
    {
        Zone.PERMANENT_BASIC_FARMLAND,
        Zone.GEOLOGICAL_HAZARD,
        Zone.DRINKING_WATER_LEVEL_1,
        Zone.CORE_SCENIC_AREA,
        Zone.RIVER_MANAGEMENT,
    }
)
# In restricted zones only these build types are allowed.
RESTRICTED_ZONE_BUILD_TYPES = frozenset({BuildType.REBUILD_IN_PLACE, BuildType.IDLE_HOMESTEAD_REUSE})

# Plausibility bounds of input numbers, checked before the statutory caps. They also keep
# every value inside its column: areas are NUMERIC(8, 2), heights NUMERIC(5, 2).
DECIMAL_PLACES = 2
SMALLEST_POSITIVE = Decimal("0.01")
MAX_AREA_M2 = Decimal(10000)
MAX_HEIGHT_M = Decimal(100)
MIN_STOREYS_INPUT = 1
MAX_STOREYS_INPUT = 99

# Limits of free text stored in TEXT columns, which have no length of their own: opinions,
# withdrawal reasons, objection contents and resolutions, and of attachment references,
# stored as a JSON list.
MAX_FREE_TEXT_LENGTH = 2000
MAX_ATTACHMENT_REFERENCE_LENGTH = 200
MAX_ATTACHMENTS = 20

# Maximum length of an input value quoted in a message, so that a huge input gives a short message.
_SHOWN_VALUE_MAX_LENGTH = 40


async def area_limit_for(session: AsyncSession, county_code: str, land_type: LandType) -> Decimal:
    """Return the county's limit for ``land_type``, never above the provincial cap."""
    cap = PROVINCIAL_AREA_CAPS_M2[land_type]
    county_limit = await session.scalar(
        select(CountyHomesteadLimit.max_area_m2).where(
            CountyHomesteadLimit.county_code == county_code,
            CountyHomesteadLimit.land_type == land_type,
        )
    )
    if county_limit is None:
        return cap
    return min(cap, county_limit)


def effective_storeys(spec: BuildingSpec) -> int:
    stilt = spec.stilt_storey_height_m
    if stilt is not None and stilt > STILT_STOREY_COUNTS_ABOVE_M:
        return spec.storeys + 1
    return spec.storeys


def _column_length(model: type[Base], column: str) -> int:
    """Return the declared length of a VARCHAR column, so the checks follow the schema."""
    column_type = model.__table__.c[column].type
    if not isinstance(column_type, String) or column_type.length is None:
        raise TypeError(f"{model.__name__}.{column} is not a VARCHAR column with a length")
    return column_type.length


# Text fields of the building spec: GraphQL name, attribute and column of ``application``.
SPEC_TEXT_FIELDS = (
    ("location", "location"),
    ("boundaryEast", "boundary_east"),
    ("boundarySouth", "boundary_south"),
    ("boundaryWest", "boundary_west"),
    ("boundaryNorth", "boundary_north"),
    ("structure", "structure"),
    ("roofColour", "roof_colour"),
    ("wallColour", "wall_colour"),
    ("oldHouseTreatment", "old_house_treatment"),
)
# The treatment of the old house may be left empty; every other text field is required.
OPTIONAL_SPEC_TEXT = frozenset({"old_house_treatment"})
SPEC_TEXT_MAX_LENGTHS = {attribute: _column_length(Application, attribute) for _, attribute in SPEC_TEXT_FIELDS}
DESIGN_CODE_MAX_LENGTH = _column_length(Application, "design_code")
RAISED_BY_MAX_LENGTH = _column_length(Objection, "raised_by")


def _shown(value: object) -> str:
    text = str(value)
    if len(text) <= _SHOWN_VALUE_MAX_LENGTH:
        return text
    return text[:_SHOWN_VALUE_MAX_LENGTH] + "…"


def _decimal_places(value: Decimal) -> int:
    """Return the decimal places that ``value`` needs, ignoring trailing zeros: 1.50 needs 1.

    Works on the digit tuple, because quantize() fails on values beyond the context precision.
    """
    _, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int) or not any(digits):
        return 0
    places = -exponent
    for digit in reversed(digits):
        if places <= 0 or digit != 0:
            break
        places -= 1
    return max(places, 0)


def check_decimal(value: Decimal, field: str, minimum: Decimal, maximum: Decimal) -> DomainError | None:
    """Check that ``value`` is finite, has at most two decimal places and lies in [minimum, maximum].

    A value parsed from client text must also be written in plain form, see
    ``domain.approvals.numbers``. Runs before any comparison with ``value``, because
    comparing a NaN raises ``decimal.InvalidOperation``.
    """
    if isinstance(value, DecimalInput) and not value.is_plain():
        return DomainError(Code.INVALID_NUMBER, field, value=_shown(value.text), decimals=DECIMAL_PLACES)
    if not value.is_finite() or _decimal_places(value) > DECIMAL_PLACES:
        return DomainError(Code.INVALID_NUMBER, field, value=_shown(value), decimals=DECIMAL_PLACES)
    if not minimum <= value <= maximum:
        return DomainError(Code.VALUE_OUT_OF_RANGE, field, value=_shown(value), minimum=minimum, maximum=maximum)
    return None


def with_two_places(value: Decimal) -> Decimal:
    """Return a value that passed ``check_decimal`` with exactly two decimal places, as its column stores it."""
    return value.quantize(SMALLEST_POSITIVE)


def check_area(value: Decimal, field: str) -> DomainError | None:
    """Check an area in m²: more than 0, at most 10,000, two decimal places."""
    return check_decimal(value, field, SMALLEST_POSITIVE, MAX_AREA_M2)


def check_height(value: Decimal, field: str) -> DomainError | None:
    """Check a height in metres: more than 0, at most 100, two decimal places."""
    return check_decimal(value, field, SMALLEST_POSITIVE, MAX_HEIGHT_M)


def check_text(
    text: str,
    field: str,
    *,
    max_length: int | None = None,
    required: bool = True,
    multiline: bool = False,
) -> list[DomainError]:
    """Check free text as it will be stored, after stripping surrounding whitespace.

    Returns at most one error. REQUIRED: the text is blank but required.
    INVALID_CHARACTERS: it contains a control character, a lone surrogate or a
    bidirectional control, except tab, line feed and carriage return when ``multiline``.
    TOO_LONG: it has more than ``max_length`` characters, the column length.
    """
    stripped = text.strip()
    if not stripped:
        return [DomainError(Code.REQUIRED, field)] if required else []

    invalid = find_invalid_character(stripped, multiline)
    if invalid is not None:
        leading = len(text) - len(text.lstrip())
        return [
            DomainError(
                Code.INVALID_CHARACTERS,
                field,
                position=leading + invalid.position,
                character=invalid.character,
            )
        ]

    if max_length is not None and len(stripped) > max_length:
        return [DomainError(Code.TOO_LONG, field, length=len(stripped), maximum=max_length)]
    return []


def check_free_text(text: str, field: str, *, required: bool) -> list[DomainError]:
    """Check multi-line free text of a TEXT column, up to MAX_FREE_TEXT_LENGTH characters."""
    return check_text(text, field, max_length=MAX_FREE_TEXT_LENGTH, required=required, multiline=True)


def check_action_text(opinion: str, attachments: tuple[str, ...]) -> list[DomainError]:
    """Check an official's opinion and attachment references.

    TOO_MANY_ITEMS: more than MAX_ATTACHMENTS references, reported without checking each one.
    """
    errors = check_free_text(opinion, "input.opinion", required=False)
    if len(attachments) > MAX_ATTACHMENTS:
        errors.append(
            DomainError(Code.TOO_MANY_ITEMS, "input.attachments", count=len(attachments), maximum=MAX_ATTACHMENTS)
        )
        return errors
    for index, attachment in enumerate(attachments):
        errors += check_text(attachment, f"input.attachments[{index}]", max_length=MAX_ATTACHMENT_REFERENCE_LENGTH)
    return errors


def check_objection(raised_by: str, content: str) -> list[DomainError]:
    """Check an objection's text: who raised it (one line, 64 characters) and its content."""
    errors = check_text(raised_by, "input.raisedBy", max_length=RAISED_BY_MAX_LENGTH)
    errors += check_free_text(content, "input.content", required=True)
    return errors


def check_building_spec(
    spec: BuildingSpec, land_type: LandType, area_limit: Decimal, prefix: str = "spec"
) -> list[DomainError]:
    """Return every range and statutory-cap violation of ``spec``; empty when it complies."""
    errors = _check_ranges(spec, prefix)
    if errors:
        return errors

    if spec.site_area_m2 > area_limit:
        errors.append(
            DomainError(
                Code.AREA_OVER_LIMIT,
                f"{prefix}.siteAreaM2",
                value=spec.site_area_m2,
                limit=area_limit,
                land_type=land_type.value,
            )
        )

    storeys = effective_storeys(spec)
    if storeys > MAX_STOREYS:
        errors.append(DomainError(Code.TOO_MANY_STOREYS, f"{prefix}.storeys", value=storeys, limit=MAX_STOREYS))

    if spec.eave_height_m > MAX_EAVE_HEIGHT_M:
        errors.append(
            DomainError(
                Code.EAVE_TOO_HIGH,
                f"{prefix}.eaveHeightM",
                value=spec.eave_height_m,
                limit=MAX_EAVE_HEIGHT_M,
            )
        )

    wall = spec.enclosing_wall_height_m
    if wall is not None and wall > MAX_ENCLOSING_WALL_HEIGHT_M:
        errors.append(
            DomainError(
                Code.WALL_TOO_HIGH,
                f"{prefix}.enclosingWallHeightM",
                value=wall,
                limit=MAX_ENCLOSING_WALL_HEIGHT_M,
            )
        )
    return errors


def _check_ranges(spec: BuildingSpec, prefix: str) -> list[DomainError]:
    """Check each number and text of ``spec`` on its own, then how the numbers relate."""
    errors = _check_numbers(spec, prefix)
    if not errors:
        errors += _check_proportions(spec, prefix)
    for name, attribute in SPEC_TEXT_FIELDS:
        errors += check_text(
            getattr(spec, attribute),
            f"{prefix}.{name}",
            max_length=SPEC_TEXT_MAX_LENGTHS[attribute],
            required=attribute not in OPTIONAL_SPEC_TEXT,
        )
    return errors


def _check_numbers(spec: BuildingSpec, prefix: str) -> list[DomainError]:
    found: list[DomainError | None] = [
        check_area(spec.site_area_m2, f"{prefix}.siteAreaM2"),
        check_area(spec.footprint_area_m2, f"{prefix}.footprintAreaM2"),
        check_area(spec.floor_area_m2, f"{prefix}.floorAreaM2"),
    ]
    if not MIN_STOREYS_INPUT <= spec.storeys <= MAX_STOREYS_INPUT:
        found.append(
            DomainError(
                Code.VALUE_OUT_OF_RANGE,
                f"{prefix}.storeys",
                value=spec.storeys,
                minimum=MIN_STOREYS_INPUT,
                maximum=MAX_STOREYS_INPUT,
            )
        )
    found.append(check_height(spec.eave_height_m, f"{prefix}.eaveHeightM"))
    found.append(check_height(spec.total_height_m, f"{prefix}.totalHeightM"))
    if spec.stilt_storey_height_m is not None:
        found.append(check_height(spec.stilt_storey_height_m, f"{prefix}.stiltStoreyHeightM"))
    if spec.enclosing_wall_height_m is not None:
        found.append(check_height(spec.enclosing_wall_height_m, f"{prefix}.enclosingWallHeightM"))
    return [error for error in found if error is not None]


def _check_proportions(spec: BuildingSpec, prefix: str) -> list[DomainError]:
    """Check that the footprint fits the site and the roof is no lower than the eave."""
    errors: list[DomainError] = []
    if spec.footprint_area_m2 > spec.site_area_m2:
        errors.append(
            DomainError(
                Code.VALUE_OUT_OF_RANGE,
                f"{prefix}.footprintAreaM2",
                value=spec.footprint_area_m2,
                minimum=SMALLEST_POSITIVE,
                maximum=spec.site_area_m2,
            )
        )

    if spec.total_height_m < spec.eave_height_m:
        errors.append(
            DomainError(
                Code.VALUE_OUT_OF_RANGE,
                f"{prefix}.totalHeightM",
                value=spec.total_height_m,
                minimum=spec.eave_height_m,
                maximum=MAX_HEIGHT_M,
            )
        )
    return errors


def check_zone(zone: Zone, build_type: BuildType, field: str) -> list[DomainError]:
    if zone in FORBIDDEN_ZONES:
        return [DomainError(Code.ZONE_FORBIDDEN, field, zone=zone.value)]

    if zone is Zone.RESTRICTED and build_type not in RESTRICTED_ZONE_BUILD_TYPES:
        return [DomainError(Code.ZONE_RESTRICTED, field, build_type=build_type.value)]
    return []


async def check_one_household_one_homestead(
    session: AsyncSession,
    household_id: int,
    build_type: BuildType,
    household_split: bool,
    demolition_commitment: bool,
    field: str = "input.householdId",
) -> list[DomainError]:
    """Apply the one-household-one-homestead rule (一户一宅) against land and house records.

    ``field`` names the input the error points at: the household when filing, the
    application when an official re-checks the rule at a later step.
    """
    transferred = await session.scalar(
        select(func.count()).select_from(House).where(House.household_id == household_id, House.transferred.is_(True))
    )
    if transferred:
        return [DomainError(Code.HOUSE_TRANSFERRED, field, household_id=household_id)]

    held_count = await session.scalar(
        select(func.count())
        .select_from(Homestead)
        .where(
            Homestead.household_id == household_id,
            Homestead.status.in_([HomesteadStatus.HELD, HomesteadStatus.IDLE]),
        )
    )
    held_count = held_count or 0

    keeps_site = build_type in {BuildType.REBUILD_IN_PLACE, BuildType.NEW_BUILD_DEMOLISH_OLD}
    if held_count > 1 or (held_count == 1 and not keeps_site and not household_split):
        return [DomainError(Code.SECOND_HOMESTEAD, field, held=held_count)]

    if keeps_site and not demolition_commitment:
        return [DomainError(Code.DEMOLITION_COMMITMENT_REQUIRED, "input.demolitionCommitment")]
    return []
