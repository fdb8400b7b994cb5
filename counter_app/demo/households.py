"""Japanese household shapes with their shares, and a plan of members for each.

Shares follow the 2020 census mix of 一般世帯 (single 38 %, couple only 20 %, couple and
children 25 %, single parent 9 %, the rest mostly three generations), split by age.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .families import (
    AgeBands,
    PersonFactory,
    add_children,
    married_pair,
    single_marital,
    wife_age_for,
)
from .model import FEMALE, HEAD, MALE, Household, Marital, Person, Shape, marry
from .randomness import Dice, WeightedTable

Builder = Callable[[Dice, PersonFactory], list[Person]]


@dataclass(frozen=True, slots=True)
class ShapeTraits:
    share: float
    apartment: float  # share living in a flat rather than a house
    public_assistance: float


SINGLE_PARENT_CHILDREN = WeightedTable([(1, 50), (2, 38), (3, 12)])
# Ages of the head (for couples, the husband) by shape.
# From 18.7: someone still under fy_age 18 (高3) does not head a household of their own.
SINGLE_YOUNG_AGES = AgeBands({(18.7, 25): 40, (25, 30): 30, (30, 35): 18, (35, 40): 12})
SINGLE_MIDDLE_AGES = AgeBands(
    {(40, 45): 18, (45, 50): 20, (50, 55): 22, (55, 60): 20, (60, 65): 20}
)
SINGLE_ELDERLY_AGES = AgeBands(
    {
        (65, 70): 10,
        (70, 75): 16,
        (75, 80): 20,
        (80, 85): 22,
        (85, 90): 18,
        (90, 95): 10,
        (95, 101): 4,
    }
)
COUPLE_YOUNG_AGES = AgeBands({(22, 25): 8, (25, 30): 30, (30, 35): 35, (35, 40): 27})
COUPLE_MIDDLE_AGES = AgeBands({(40, 50): 15, (50, 55): 15, (55, 60): 30, (60, 65): 40})
COUPLE_ELDERLY_AGES = AgeBands(
    {(65, 70): 20, (70, 75): 28, (75, 80): 24, (80, 85): 17, (85, 90): 8, (90, 96): 3}
)
PARENT_AGES = AgeBands(
    {
        (24, 30): 2,
        (30, 35): 5,
        (35, 40): 9,
        (40, 45): 15,
        (45, 50): 16,
        (50, 55): 14,
        (55, 60): 11,
        (60, 65): 8,
        (65, 75): 7,
        (75, 85): 3,
    }
)
SINGLE_PARENT_AGES = AgeBands({(22, 30): 4, (30, 40): 22, (40, 50): 40, (50, 60): 26, (60, 65): 8})
THREE_GENERATION_HEAD_AGES = AgeBands({(30, 40): 30, (40, 50): 45, (50, 56): 25})
GRANDPARENT_HEAD_AGES = AgeBands({(58, 65): 20, (65, 75): 45, (75, 85): 28, (85, 92): 7})
ELDER_WITH_CHILD_AGES = AgeBands({(68, 75): 15, (75, 85): 45, (85, 95): 35, (95, 100): 5})


def _single(dice: Dice, make: PersonFactory, ages: AgeBands, men: float) -> list[Person]:
    head = make(HEAD, MALE if dice.chance(men) else FEMALE, ages.draw(dice))
    head.marital = single_marital(dice, head.age, head.sex)
    return [head]


def single_young(dice: Dice, make: PersonFactory) -> list[Person]:
    return _single(dice, make, SINGLE_YOUNG_AGES, 0.53)


def single_middle(dice: Dice, make: PersonFactory) -> list[Person]:
    return _single(dice, make, SINGLE_MIDDLE_AGES, 0.58)


def single_elderly(dice: Dice, make: PersonFactory) -> list[Person]:
    return _single(dice, make, SINGLE_ELDERLY_AGES, 0.33)


def couple_young(dice: Dice, make: PersonFactory) -> list[Person]:
    return married_pair(dice, make, COUPLE_YOUNG_AGES.draw(dice))


def couple_middle(dice: Dice, make: PersonFactory) -> list[Person]:
    return married_pair(dice, make, COUPLE_MIDDLE_AGES.draw(dice))


def couple_elderly(dice: Dice, make: PersonFactory) -> list[Person]:
    return married_pair(dice, make, COUPLE_ELDERLY_AGES.draw(dice))


def couple_with_children(dice: Dice, make: PersonFactory) -> list[Person]:
    members = married_pair(dice, make, PARENT_AGES.draw(dice))
    husband, wife = (members[0], members[1]) if members[0].sex == MALE else (members[1], members[0])
    add_children(dice, make, members, husband, wife)
    return members


def single_parent(dice: Dice, make: PersonFactory) -> list[Person]:
    sex = FEMALE if dice.chance(0.87) else MALE
    parent = make(HEAD, sex, SINGLE_PARENT_AGES.draw(dice))
    roll = dice.random()
    parent.marital = (
        Marital.DIVORCED if roll < 0.82 else Marital.WIDOWED if roll < 0.9 else Marital.NEVER
    )
    members = [parent]
    father, mother = (parent, None) if sex == MALE else (None, parent)
    add_children(dice, make, members, father, mother, count=SINGLE_PARENT_CHILDREN.pick(dice))
    return members


def three_generations(dice: Dice, make: PersonFactory) -> list[Person]:
    if dice.chance(0.6):
        return _head_with_own_parents(dice, make)
    return _grandparent_head(dice, make)


def _head_with_own_parents(dice: Dice, make: PersonFactory) -> list[Person]:
    """世帯主, 妻, 子 …, then the head's 父 and 母."""
    members = married_pair(dice, make, THREE_GENERATION_HEAD_AGES.draw(dice), wife_may_head=False)
    head, wife = members
    add_children(dice, make, members, head, wife)
    father_age = min(100.0, make.age_in_years(head) + dice.uniform(24.0, 38.0))
    mother_age = max(make.age_in_years(head) + 20.5, wife_age_for(dice, father_age))
    roll = dice.random()
    father = make("父", MALE, father_age) if roll < 0.65 else None
    mother = make("母", FEMALE, mother_age) if roll >= 0.1 else None
    if father and mother:
        marry(father, mother)
    for parent in (father, mother):
        if parent is not None:
            if parent.spouse is None:
                parent.marital = Marital.WIDOWED
            members.append(parent)
    head.father, head.mother = father, mother
    return members


def _grandparent_head(dice: Dice, make: PersonFactory) -> list[Person]:
    """世帯主 (grandparent), 妻, 子, 子の妻 or 子の夫, then 孫."""
    grandfather_age = GRANDPARENT_HEAD_AGES.draw(dice)
    if dice.chance(0.3):
        widowed_sex = FEMALE if dice.chance(0.75) else MALE
        age = grandfather_age if widowed_sex == MALE else wife_age_for(dice, grandfather_age)
        head = make(HEAD, widowed_sex, age)
        head.marital = Marital.WIDOWED
        members = [head]
    else:
        members = married_pair(dice, make, grandfather_age, wife_may_head=False)
    grandparents = list(members)
    ages = [make.age_in_years(person) for person in grandparents]
    low, high = max(25.0, max(ages) - 44.95), min(58.0, min(ages) - 20.05)
    if high < low:
        return members
    child_sex = MALE if dice.chance(0.75) else FEMALE
    child = make("子", child_sex, dice.uniform(low, high))
    _set_parents(child, grandparents)
    child_age = make.age_in_years(child)
    if child_sex == MALE:
        partner = make("子の妻", FEMALE, wife_age_for(dice, child_age))
        husband, wife = child, partner
    else:
        partner = make("子の夫", MALE, max(20.5, child_age + dice.triangular(-4.0, 9.0, 2.0)))
        husband, wife = partner, child
    marry(husband, wife)
    members += [child, partner]
    add_children(dice, make, members, husband, wife, relationship="孫")
    return members


def _set_parents(child: Person, parents: list[Person]) -> None:
    for parent in parents:
        if parent.sex == MALE:
            child.father = parent
        else:
            child.mother = parent


def elder_with_adult_child(dice: Dice, make: PersonFactory) -> list[Person]:
    sex = FEMALE if dice.chance(0.68) else MALE
    parent = make(HEAD, sex, ELDER_WITH_CHILD_AGES.draw(dice))
    parent.marital = Marital.WIDOWED if dice.chance(0.8) else Marital.DIVORCED
    parent_age = make.age_in_years(parent)
    child_age = dice.uniform(max(35.0, parent_age - 44.95), parent_age - 20.05)
    child = make("子", MALE if dice.chance(0.55) else FEMALE, child_age)
    child.marital = Marital.NEVER if dice.chance(0.8) else Marital.DIVORCED
    _set_parents(child, [parent])
    return [parent, child]


def siblings(dice: Dice, make: PersonFactory) -> list[Person]:
    head = make(HEAD, MALE if dice.chance(0.5) else FEMALE, dice.triangular(30.0, 78.0, 52.0))
    gap = dice.uniform(1.0, 8.0) * (1 if dice.chance(0.5) else -1)
    sibling_sex = MALE if dice.chance(0.5) else FEMALE
    older = gap > 0
    relationship = {
        (True, MALE): "兄",
        (True, FEMALE): "姉",
        (False, MALE): "弟",
        (False, FEMALE): "妹",
    }[(older, sibling_sex)]
    sibling = make(relationship, sibling_sex, make.age_in_years(head) + gap)
    return [head, sibling]


BUILDERS: dict[Shape, Builder] = {
    Shape.SINGLE_YOUNG: single_young,
    Shape.SINGLE_MIDDLE: single_middle,
    Shape.SINGLE_ELDERLY: single_elderly,
    Shape.COUPLE_YOUNG: couple_young,
    Shape.COUPLE_MIDDLE: couple_middle,
    Shape.COUPLE_ELDERLY: couple_elderly,
    Shape.COUPLE_WITH_CHILDREN: couple_with_children,
    Shape.SINGLE_PARENT: single_parent,
    Shape.THREE_GENERATIONS: three_generations,
    Shape.ELDER_WITH_ADULT_CHILD: elder_with_adult_child,
    Shape.SIBLINGS: siblings,
}

TRAITS: dict[Shape, ShapeTraits] = {
    Shape.SINGLE_YOUNG: ShapeTraits(12.5, 0.92, 0.01),
    Shape.SINGLE_MIDDLE: ShapeTraits(9.5, 0.70, 0.05),
    Shape.SINGLE_ELDERLY: ShapeTraits(16.0, 0.40, 0.08),
    Shape.COUPLE_YOUNG: ShapeTraits(3.5, 0.80, 0.003),
    Shape.COUPLE_MIDDLE: ShapeTraits(6.0, 0.40, 0.003),
    Shape.COUPLE_ELDERLY: ShapeTraits(12.0, 0.25, 0.01),
    Shape.COUPLE_WITH_CHILDREN: ShapeTraits(22.0, 0.45, 0.003),
    Shape.SINGLE_PARENT: ShapeTraits(7.0, 0.75, 0.06),
    Shape.THREE_GENERATIONS: ShapeTraits(5.0, 0.08, 0.003),
    Shape.ELDER_WITH_ADULT_CHILD: ShapeTraits(4.0, 0.25, 0.02),
    Shape.SIBLINGS: ShapeTraits(1.0, 0.50, 0.01),
}

_SHAPES = WeightedTable((shape, traits.share) for shape, traits in TRAITS.items())


def plan_japanese_household(dice: Dice, make: PersonFactory) -> Household:
    shape = _SHAPES.pick(dice)
    traits = TRAITS[shape]
    return Household(
        shape=shape,
        members=BUILDERS[shape](dice, make),
        apartment=dice.chance(traits.apartment),
        public_assistance=dice.chance(traits.public_assistance),
    )
