"""国民年金: category 1 / 2 / 3 for the working ages, benefits from 65."""

from __future__ import annotations

from .batch import Row
from .context import DemoContext
from .model import Cover, Household, Occupation, Person

MYNUMBER_LINKED_SHARE = 0.96
EARLY_CLAIM_SHARE = 0.03  # 繰上げ受給 before 65
NO_PENSION_SHARE = 0.03  # 65+ without a pension (too few months)
FULL_CAREER_MONTHS = 480


def add_pension_rows(household: Household, rows: dict[str, list[Row]], ctx: DemoContext) -> None:
    out = rows["pension_records"]
    dice = ctx.dice
    for person in household.members:
        age = person.age_tomorrow  # 20 is reached the day before the birthday
        employee = person.occupation is Occupation.EMPLOYEE
        if age < 18 or (age < 20 and not employee):
            continue
        category = _category(person, age)
        if age >= 65:
            receiving = not dice.chance(NO_PENSION_SHARE)
        else:
            receiving = age >= 60 and dice.chance(EARLY_CLAIM_SHARE)
        basic_only = receiving and (
            person.occupation is Occupation.SELF_EMPLOYED or (not employee and dice.chance(0.2))
        )
        out.append(
            {
                "resident_id": person.id,
                "category": category,
                "basic_pension_no": ctx.ids.basic_pension_no(person.id),
                "mynumber_linked": dice.chance(MYNUMBER_LINKED_SHARE),
                "receiving": receiving,
                "basic_only": basic_only,
                "only_type1_periods": basic_only and dice.chance(0.7),
                "qualifying_months": _qualifying_months(person, receiving, ctx),
            }
        )


def _category(person: Person, age: int) -> str:
    employee = person.occupation is Occupation.EMPLOYEE
    if employee and age < 70:
        return "2"  # 厚生年金 members are category 2 until 70
    if age >= 60:
        return "none"
    if person.cover is Cover.EMPLOYER_DEPENDENT and person.insured_via is person.spouse:
        return "3"
    return "1"


def _qualifying_months(person: Person, receiving: bool, ctx: DemoContext) -> int:
    dice = ctx.dice
    if receiving:
        return FULL_CAREER_MONTHS - int(dice.triangular(0.0, 360.0, 30.0))
    years_since_20 = max(0.0, ctx.make.age_in_years(person) - 20.0)
    months = int(years_since_20 * 12 * dice.uniform(0.85, 1.0))
    return max(1, min(FULL_CAREER_MONTHS, months))
