"""What each adult does for a living; it decides health cover and pension category.

Rates follow the 労働力調査 picture: most men under 60 employed, about half of married
women employed, work tapering off after 60 and rare after 75.
"""

from __future__ import annotations

from .model import MALE, Household, Occupation, Person
from .randomness import Dice, WeightedTable

EMPLOYEE, SELF_EMPLOYED = Occupation.EMPLOYEE, Occupation.SELF_EMPLOYED
HOMEMAKER, UNEMPLOYED, RETIRED = Occupation.HOMEMAKER, Occupation.UNEMPLOYED, Occupation.RETIRED


def _table(employee: float, self_employed: float, rest: Occupation) -> WeightedTable[Occupation]:
    return WeightedTable(
        [
            (EMPLOYEE, employee),
            (SELF_EMPLOYED, self_employed),
            (rest, 100 - employee - self_employed),
        ]
    )


# (lowest age of the band, table for men, for married women, for unmarried women)
BANDS: list[
    tuple[int, WeightedTable[Occupation], WeightedTable[Occupation], WeightedTable[Occupation]]
] = [
    (75, _table(6, 5, RETIRED), _table(3, 3, RETIRED), _table(3, 3, RETIRED)),
    (70, _table(28, 8, RETIRED), _table(14, 5, HOMEMAKER), _table(16, 5, RETIRED)),
    (65, _table(45, 10, RETIRED), _table(28, 6, HOMEMAKER), _table(30, 6, RETIRED)),
    (60, _table(72, 12, RETIRED), _table(45, 5, HOMEMAKER), _table(55, 5, RETIRED)),
    (23, _table(83, 10, UNEMPLOYED), _table(56, 5, HOMEMAKER), _table(78, 7, UNEMPLOYED)),
]


def assign_occupations(household: Household, dice: Dice) -> None:
    for person in household.members:
        if person.occupation is None:
            person.occupation = _occupation(person, dice)


def _occupation(person: Person, dice: Dice) -> Occupation:
    age = person.age
    if age < 15:
        return Occupation.CHILD
    if age < 18:
        return EMPLOYEE if dice.chance(0.02) else Occupation.STUDENT
    if age < 23:
        students = 0.6 if person.father or person.mother else 0.45
        roll = dice.random()
        if roll < students:
            return Occupation.STUDENT
        return EMPLOYEE if roll < students + 0.32 else UNEMPLOYED
    for lowest, men, married_women, other_women in BANDS:
        if age >= lowest:
            if person.sex == MALE:
                return men.pick(dice)
            return (married_women if person.spouse is not None else other_women).pick(dice)
    raise AssertionError("unreachable: every age from 23 falls in a band")
