"""Demo households with synthetic members, and writing them with their land records."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from core.seed.land import HoldingPlan, ParcelNumbering, assign_holdings, plan_holdings
from core.seed.names import RARE_CHARACTERS, make_person_name, pick_surname
from core.seed.places import GOUXI_DEMO_VILLAGE, YUNXI_DEMO_VILLAGE, VillagePlan
from domain.households.models import Gender, Household, Member, Relation
from domain.identity import make_resident_id
from domain.land.models import Homestead, HomesteadStatus, House

HOUSEHOLD_SIZE_WEIGHTS = {1: 8, 2: 22, 3: 25, 4: 25, 5: 13, 6: 7}
ADULT_AGE = 18


@dataclass(frozen=True)
class MemberPlan:
    name: str
    resident_id: str
    gender: Gender
    birth_date: date
    relation: Relation
    phone: str | None


@dataclass(frozen=True)
class HouseholdPlan:
    number: str
    village: VillagePlan
    address: str
    members: tuple[MemberPlan, ...]
    holdings: tuple[HoldingPlan, ...]
    # The household of the "farmer-demo" account.
    featured: bool = False

    @property
    def held_homesteads(self) -> int:
        """Count held and idle plots, as the one-household-one-homestead rule does."""
        active = {HomesteadStatus.HELD, HomesteadStatus.IDLE}
        return sum(1 for holding in self.holdings if holding.status in active)

    @property
    def has_transferred_house(self) -> bool:
        return any(h.house is not None and h.house.transferred for h in self.holdings)


class _PersonFactory:
    """Build members with resident IDs and mobile numbers unique across the whole seed."""

    def __init__(self, rng: random.Random, today: date) -> None:
        self.rng = rng
        self.today = today
        self.resident_ids: set[str] = set()
        self.phones: set[str] = set()

    def make(self, name: str, gender: Gender, age: int, relation: Relation, county_code: str) -> MemberPlan:
        birth = self.today - timedelta(days=age * 365 + self.rng.randint(1, 364))
        resident_id = self._new_resident_id(county_code, birth, gender)
        phone = None
        if age >= ADULT_AGE and (relation is Relation.HEAD or self.rng.random() < 0.85):
            phone = self._new_phone()
        return MemberPlan(name, resident_id, gender, birth, relation, phone)

    def _new_resident_id(self, county_code: str, birth: date, gender: Gender) -> str:
        # The order code is odd for men and even for women (GB 11643).
        first = 1 if gender is Gender.MALE else 2
        while True:
            sequence = self.rng.randrange(first, 1000, 2)
            resident_id = make_resident_id(county_code, birth, sequence)
            if resident_id not in self.resident_ids:
                self.resident_ids.add(resident_id)
                return resident_id

    def _new_phone(self) -> str:
        # Random numbers in the mobile format, not checked against real subscribers.
        while True:
            phone = f"1{self.rng.choice('3456789')}{self.rng.randrange(10**9):09d}"
            if phone not in self.phones:
                self.phones.add(phone)
                return phone


def _plan_members(factory: _PersonFactory, county_code: str, size: int, featured: bool) -> tuple[MemberPlan, ...]:
    """Plan a head, usually a spouse, then parents and children, ``size`` people in all."""
    rng = factory.rng
    head_gender = Gender.MALE if rng.random() < 0.85 else Gender.FEMALE
    spouse_gender = Gender.FEMALE if head_gender is Gender.MALE else Gender.MALE
    head_age = 42 if featured else rng.randint(30, 68)
    head_surname = pick_surname(rng)
    members = [
        factory.make(
            make_person_name(rng, head_surname, head_gender),
            head_gender,
            head_age,
            Relation.HEAD,
            county_code,
        )
    ]
    remaining = size - 1
    children_surname = head_surname
    if remaining and (featured or rng.random() < 0.9):
        spouse_surname = pick_surname(rng)
        spouse_name = make_person_name(rng, spouse_surname, spouse_gender)
        if featured:
            # The featured household always shows a name outside the BMP.
            spouse_name = spouse_name[:-1] + RARE_CHARACTERS[1]
        spouse_age = max(22, head_age + rng.randint(-5, 3))
        members.append(factory.make(spouse_name, spouse_gender, spouse_age, Relation.SPOUSE, county_code))
        if head_gender is Gender.FEMALE:
            children_surname = spouse_surname
        remaining -= 1

    max_parents = 0
    if head_age <= 60:
        max_parents = 2
    elif head_age <= 66:
        max_parents = 1
    parents = min(remaining, max_parents, 1 if featured else rng.randint(0, 2))
    for index in range(parents):
        gender = Gender.MALE if index == 0 else Gender.FEMALE
        surname = head_surname if gender is Gender.MALE else pick_surname(rng)
        age = min(96, head_age + rng.randint(22, 32))
        name = make_person_name(rng, surname, gender)
        members.append(factory.make(name, gender, age, Relation.PARENT, county_code))
    remaining -= parents

    for _ in range(remaining):
        gender = rng.choice([Gender.MALE, Gender.FEMALE])
        age = head_age - rng.randint(22, min(36, head_age - 1))
        name = make_person_name(rng, children_surname, gender)
        members.append(factory.make(name, gender, age, Relation.CHILD, county_code))
    return tuple(members)


def _assign_villages(rng: random.Random, villages: list[VillagePlan], count: int) -> list[VillagePlan]:
    """Spread ``count`` households over villages of uneven size, a few in each featured one."""
    featured = [v for v in villages if v.code in (GOUXI_DEMO_VILLAGE, YUNXI_DEMO_VILLAGE)]
    per_featured = max(3, count // 100)
    assigned = [village for village in featured for _ in range(per_featured)][:count]

    weights = [rng.uniform(0.5, 2.0) for _ in villages]
    assigned += rng.choices(villages, weights=weights, k=count - len(assigned))
    return sorted(assigned, key=lambda village: village.code)


def plan_households(rng: random.Random, villages: list[VillagePlan], count: int, today: date) -> list[HouseholdPlan]:
    """Plan ``count`` households. The first one in the Gouxi demo village is the featured one."""
    factory = _PersonFactory(rng, today)
    numbering = ParcelNumbering()
    sizes = list(HOUSEHOLD_SIZE_WEIGHTS)
    size_weights = list(HOUSEHOLD_SIZE_WEIGHTS.values())
    assigned = _assign_villages(rng, villages, count)
    gouxi = [index for index, village in enumerate(assigned) if village.code == GOUXI_DEMO_VILLAGE]
    featured_index = gouxi[0] if gouxi else None
    kinds = assign_holdings(rng, count, featured_index)
    serial_in_village: dict[str, int] = {}
    households = []

    for index, village in enumerate(assigned):
        serial = serial_in_village.get(village.code, 0) + 1
        serial_in_village[village.code] = serial
        featured = index == featured_index
        size = 4 if featured else rng.choices(sizes, weights=size_weights)[0]

        members = _plan_members(factory, village.county_code, size, featured)
        holdings = plan_holdings(rng, numbering, village.code, kinds[index])
        households.append(
            HouseholdPlan(
                number=f"{village.code}-{serial:04d}",
                village=village,
                address=f"{village.full_address}{serial}号",
                members=members,
                holdings=holdings,
                featured=featured,
            )
        )
    return households


async def write_households(session: AsyncSession, plans: list[HouseholdPlan]) -> list[Household]:
    """Insert the households with their members, homesteads and houses, in plan order."""
    households = [
        Household(household_number=plan.number, village_code=plan.village.code, address=plan.address) for plan in plans
    ]
    session.add_all(households)
    await session.flush()

    session.add_all(
        Member(
            household_id=household.id,
            name=member.name,
            resident_id=member.resident_id,
            gender=member.gender,
            birth_date=member.birth_date,
            relation=member.relation,
            phone=member.phone,
        )
        for household, plan in zip(households, plans, strict=True)
        for member in plan.members
    )

    pairs: list[tuple[Homestead, HoldingPlan]] = []
    for household, plan in zip(households, plans, strict=True):
        for holding in plan.holdings:
            homestead = Homestead(
                parcel_code=holding.parcel_code,
                household_id=household.id,
                village_code=plan.village.code,
                land_type=holding.land_type,
                area_m2=holding.area_m2,
                status=holding.status,
            )
            pairs.append((homestead, holding))
    session.add_all(homestead for homestead, _ in pairs)
    await session.flush()

    session.add_all(
        House(
            household_id=homestead.household_id,
            homestead_id=homestead.id,
            floor_area_m2=holding.house.floor_area_m2,
            storeys=holding.house.storeys,
            transferred=holding.house.transferred,
            demolished=False,
        )
        for homestead, holding in pairs
        if holding.house is not None
    )
    await session.flush()
    return households
