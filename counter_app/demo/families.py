"""Building blocks for household plans: people of a given age, married pairs, their children."""

from __future__ import annotations

from .dates import DAYS_PER_YEAR, Calendar, age_on
from .model import FEMALE, HEAD, MALE, Marital, Person, marry
from .randomness import Dice, WeightedTable

CHILD_COUNTS = WeightedTable([(1, 45), (2, 42), (3, 11), (4, 2)])
WIFE_HEAD_SHARE = 0.06
BOYS_SHARE = 0.512
YOUNGEST_PARENT_GAP = 20.05  # years between a parent's and a child's birth
OLDEST_PARENT_GAP = 44.95
OLDEST_CHILD_AT_HOME = 52.0


class PersonFactory:
    """Makes a Person whose age in years (a float) on the reference day is given."""

    __slots__ = ("calendar",)

    def __init__(self, calendar: Calendar) -> None:
        self.calendar = calendar

    def __call__(self, relationship: str, sex: str, age_years: float) -> Person:
        calendar = self.calendar
        birth = calendar.years_ago(age_years)
        return Person(
            relationship=relationship,
            sex=sex,
            birth=birth,
            age=age_on(birth, calendar.reference),
            fy_age=age_on(birth, calendar.fiscal_year_start),
            age_tomorrow=age_on(birth, calendar.tomorrow),
        )

    def age_in_years(self, person: Person | None) -> float | None:
        if person is None:
            return None
        return (self.calendar.ordinal - person.birth.toordinal()) / DAYS_PER_YEAR


class AgeBands:
    """Ages drawn band by band: {(lowest, highest): weight}, uniform within a band."""

    __slots__ = ("_bands",)

    def __init__(self, bands: dict[tuple[float, float], float]) -> None:
        self._bands = WeightedTable(bands.items())

    def draw(self, dice: Dice) -> float:
        lowest, highest = self._bands.pick(dice)
        return dice.uniform(lowest, highest)


def wife_age_for(dice: Dice, husband_age: float) -> float:
    return max(20.0, husband_age - dice.triangular(-4.0, 9.0, 2.0))


def married_pair(
    dice: Dice, make: PersonFactory, husband_age: float, wife_may_head: bool = True
) -> list[Person]:
    """Husband and wife, the head first (usually the husband)."""
    wife_age = wife_age_for(dice, husband_age)
    if wife_may_head and dice.chance(WIFE_HEAD_SHARE):
        wife = make(HEAD, FEMALE, wife_age)
        husband = make("夫", MALE, husband_age)
        pair = [wife, husband]
    else:
        husband = make(HEAD, MALE, husband_age)
        wife = make("妻", FEMALE, wife_age)
        pair = [husband, wife]
    marry(husband, wife)
    return pair


def child_ages(
    dice: Dice, mother_age: float | None, father_age: float | None, count: int
) -> list[float]:
    """Ages of up to `count` children, eldest first, each 20–45 years younger than both parents."""
    parents = [age for age in (mother_age, father_age) if age is not None]
    youngest_possible = max(0.0, max(parents) - OLDEST_PARENT_GAP)
    eldest_possible = min(min(parents) - YOUNGEST_PARENT_GAP, OLDEST_CHILD_AT_HOME)
    if mother_age is not None:  # a first child by 42
        youngest_for_eldest = max(youngest_possible, mother_age - 42.0)
    else:
        youngest_for_eldest = youngest_possible
    if eldest_possible < youngest_for_eldest:
        return []
    # Mothers have their first child at about 31 (人口動態統計); fathers are a little older.
    first_birth_parent_age = mother_age if mother_age is not None else max(parents) - 2.0
    eldest = first_birth_parent_age - dice.triangular(20.0, 42.0, 31.0)
    if not youngest_for_eldest <= eldest <= eldest_possible:
        eldest = dice.uniform(youngest_for_eldest, eldest_possible)
    ages = [eldest]
    while len(ages) < count:
        next_age = ages[-1] - dice.uniform(1.2, 5.0)
        if next_age < youngest_possible:
            break
        ages.append(next_age)
    return ages


def add_children(
    dice: Dice,
    make: PersonFactory,
    members: list[Person],
    father: Person | None,
    mother: Person | None,
    relationship: str = "子",
    count: int | None = None,
) -> None:
    ages = child_ages(
        dice,
        make.age_in_years(mother),
        make.age_in_years(father),
        count or CHILD_COUNTS.pick(dice),
    )
    for age in ages:
        child = make(relationship, MALE if dice.chance(BOYS_SHARE) else FEMALE, age)
        child.father = father
        child.mother = mother
        members.append(child)


def single_marital(dice: Dice, age: int, sex: str) -> Marital:
    """Marital status of someone living without a spouse."""
    if age < 30:
        return Marital.DIVORCED if dice.chance(0.03) else Marital.NEVER
    widowed = 0.0 if age < 50 else min(0.75, (age - 50) / 40) * (1.0 if sex == FEMALE else 0.5)
    roll = dice.random()
    if roll < widowed:
        return Marital.WIDOWED
    if roll < widowed + 0.3:
        return Marital.DIVORCED
    return Marital.NEVER
