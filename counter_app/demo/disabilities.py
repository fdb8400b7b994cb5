"""障害者手帳: who holds one (more common with age) and its grade (Tokyo's 愛の手帳 uses 度)."""

from __future__ import annotations

from .context import DemoContext
from .model import Household, Person
from .randomness import Dice, WeightedTable

PHYSICAL, INTELLECTUAL, MENTAL = "physical", "intellectual", "mental"
GRADES = {
    PHYSICAL: WeightedTable(
        [("1級", 26), ("2級", 15), ("3級", 19), ("4級", 27), ("5級", 6), ("6級", 7)]
    ),
    INTELLECTUAL: WeightedTable([("1度", 4), ("2度", 25), ("3度", 26), ("4度", 45)]),
    MENTAL: WeightedTable([("1級", 10), ("2級", 55), ("3級", 35)]),
}
# Grades that allow 後期高齢者医療 from 65 by 障害認定.
SEVERE = {
    (PHYSICAL, "1級"),
    (PHYSICAL, "2級"),
    (PHYSICAL, "3級"),
    (INTELLECTUAL, "1度"),
    (INTELLECTUAL, "2度"),
    (MENTAL, "1級"),
    (MENTAL, "2級"),
}


def _rates(age: int) -> tuple[tuple[str, float], ...]:
    if age < 18:
        return (PHYSICAL, 0.003), (INTELLECTUAL, 0.012)
    if age < 65:
        return (PHYSICAL, 0.015), (INTELLECTUAL, 0.007), (MENTAL, 0.025)
    return (PHYSICAL, 0.09), (INTELLECTUAL, 0.002), (MENTAL, 0.01)


def assign_handbooks(household: Household, dice: Dice) -> None:
    for person in household.members:
        roll = dice.random()
        for handbook_type, rate in _rates(person.age):
            if roll < rate:
                person.handbook = (handbook_type, GRADES[handbook_type].pick(dice))
                break
            roll -= rate


def is_severe(person: Person) -> bool:
    return person.handbook in SEVERE


def add_handbook_rows(household: Household, rows: dict[str, list[dict]], ctx: DemoContext) -> None:
    out = rows["disability_handbooks"]
    for person in household.members:
        if person.handbook is not None:
            handbook_type, grade = person.handbook
            out.append(
                {
                    "id": next(ctx.ids.handbook_ids),
                    "resident_id": person.id,
                    "handbook_type": handbook_type,
                    "grade": grade,
                    "handbook_number": ctx.ids.certificate_no("handbook"),
                }
            )
