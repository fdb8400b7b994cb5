"""What the certificate desk reads: 住民税 assessments for three 年度, 印鑑登録 that were
abolished, and a few residents struck off the register (除票: moved away).

Drawn with dice of their own (DemoContext.desk_dice), so the rest of the city is the same
city it was before these records existed: the same seed gives the same people.
"""

from __future__ import annotations

from .batch import Row
from .context import DemoContext
from .model import Household, Occupation, Person

TAX_YEARS = 3  # the reference 年度 and the two before it
ADULT_AGE = 18
SEAL_ABOLISHED_SHARE = 0.08
STRUCK_OFF_SHARE = 0.03  # of grown children still on a household's register
STRUCK_OFF_AGES = (18, 40)
INCOME_BY_OCCUPATION = {  # (low, high) yearly income in yen
    Occupation.EMPLOYEE: (2_800_000, 7_500_000),
    Occupation.SELF_EMPLOYED: (1_500_000, 8_000_000),
    Occupation.RETIRED: (600_000, 3_000_000),
    Occupation.HOMEMAKER: (0, 1_000_000),
    Occupation.UNEMPLOYED: (0, 800_000),
    Occupation.STUDENT: (0, 1_000_000),
}
DEDUCTION_SHARE = 0.3  # 給与所得控除 etc., roughly
BASIC_DEDUCTION = 430_000
MUNICIPAL_RATE, PREFECTURAL_RATE = 6, 4  # percent
UNPAID_SHARE = 0.04  # of past years left partly unpaid


def add_desk_rows(household: Household, rows: dict[str, list[Row]], ctx: DemoContext) -> None:
    for person in household.members:
        if person.age >= ADULT_AGE:
            rows["tax_assessments"].extend(_assessments(person, ctx))
    _abolish_some_seals(household, rows, ctx)
    _strike_off_some(household, rows, ctx)


def _assessments(person: Person, ctx: DemoContext) -> list[Row]:
    dice = ctx.desk_dice
    low, high = INCOME_BY_OCCUPATION.get(person.occupation or Occupation.UNEMPLOYED, (0, 0))
    income = _thousands(dice.between(low, high))
    current = ctx.calendar.fiscal_year_start.year
    out = []
    for year in range(current - TAX_YEARS + 1, current + 1):
        grown = _thousands(income * (100 + dice.between(-3, 5)) // 100)
        taxable = _thousands(
            max(grown * (100 - int(DEDUCTION_SHARE * 100)) // 100 - BASIC_DEDUCTION, 0)
        )
        municipal = taxable * MUNICIPAL_RATE // 100 // 100 * 100
        prefectural = taxable * PREFECTURAL_RATE // 100 // 100 * 100
        assessed = municipal + prefectural
        if year == current:  # paid in quarters: some of them by now
            paid = assessed * dice.between(1, 4) // 4 // 100 * 100
        elif dice.chance(UNPAID_SHARE):
            paid = assessed // 2 // 100 * 100
        else:
            paid = assessed
        out.append(
            {
                "resident_id": person.id,
                "fiscal_year": year,
                "income_yen": grown,
                "taxable_income_yen": taxable,
                "municipal_tax_yen": municipal,
                "prefectural_tax_yen": prefectural,
                "paid_yen": paid,
            }
        )
    return out


def _abolish_some_seals(household: Household, rows: dict[str, list[Row]], ctx: DemoContext) -> None:
    members = {person.id for person in household.members}
    for row in reversed(rows["seal_registrations"]):
        if row["resident_id"] not in members:
            break
        abolished = None
        if ctx.desk_dice.chance(SEAL_ABOLISHED_SHARE):
            abolished = ctx.calendar.between(ctx.desk_dice, row["registered_on"])  # type: ignore[arg-type]
        row["abolished_on"] = abolished


def _strike_off_some(household: Household, rows: dict[str, list[Row]], ctx: DemoContext) -> None:
    low, high = STRUCK_OFF_AGES
    for person in household.members[1:]:
        if person.relationship != "子" or not low <= person.age <= high:
            continue
        if not ctx.desk_dice.chance(STRUCK_OFF_SHARE):
            continue
        row = next(r for r in reversed(rows["residents"]) if r["id"] == person.id)
        row["status"] = "removed"
        row["last_change_reason"] = "転出"
        since = max(row["address_since"], ctx.calendar.years_ago(1))  # type: ignore[type-var]
        row["last_change_on"] = row["notified_on"] = ctx.calendar.between(ctx.desk_dice, since)


def _thousands(amount: int) -> int:
    return amount // 1000 * 1000
