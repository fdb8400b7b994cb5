"""Health cover (国保・後期・社保の推定・生活保護) and 介護保険, consistent with age and household."""

from __future__ import annotations

from datetime import date, timedelta

from .batch import Row
from .context import DemoContext
from .dates import anniversary
from .disabilities import is_severe
from .model import Cover, Household, Occupation, Person
from .randomness import Dice, WeightedTable

KOUKI_BY_DISABILITY_SHARE = 0.4
PARENT_DEPENDENT_SHARE = 0.4  # retired parents of an employed head carried on his insurance
KOUKI_BURDEN = WeightedTable([(1, 72), (2, 20), (3, 8)])
CARE_LEVELS = WeightedTable(
    [
        ("要支援1", 14),
        ("要支援2", 14),
        ("要介護1", 21),
        ("要介護2", 17),
        ("要介護3", 13),
        ("要介護4", 12),
        ("要介護5", 9),
    ]
)
# (lowest age, share certified as needing care or support) — 介護保険事業状況報告
CERTIFIED_BY_AGE = ((90, 0.72), (85, 0.48), (80, 0.26), (75, 0.12), (70, 0.06), (65, 0.03))
SECOND_CATEGORY_CERTIFIED = 0.004
SPECIAL_COLLECTION_SHARE = 0.88
DEPENDENT_OCCUPATIONS = (Occupation.HOMEMAKER, Occupation.UNEMPLOYED, Occupation.RETIRED)


def decide_cover(household: Household, dice: Dice) -> None:
    for person in household.members:
        person.cover = _own_cover(person, household, dice)
    uninsured = Cover.PUBLIC_ASSISTANCE if household.public_assistance else Cover.NHI
    for person in household.members:
        if person.cover is None:
            supporter = _supporter(person, household, dice)
            person.cover = uninsured if supporter is None else Cover.EMPLOYER_DEPENDENT
            person.insured_via = supporter


def _own_cover(person: Person, household: Household, dice: Dice) -> Cover | None:
    # 生活保護 recipients are outside 国保 and 後期 (医療扶助 pays instead); an employee keeps
    # the employer's insurance.
    if person.age >= 75:
        return Cover.PUBLIC_ASSISTANCE if household.public_assistance else Cover.KOUKI
    if (
        person.age >= 65
        and not household.public_assistance
        and person.occupation is not Occupation.EMPLOYEE  # employees keep their own cover
        and is_severe(person)
        and dice.chance(KOUKI_BY_DISABILITY_SHARE)
    ):
        person.kouki_by_disability = True
        return Cover.KOUKI
    if person.occupation is Occupation.EMPLOYEE:
        return Cover.EMPLOYER_INSURED
    return None


def _supporter(person: Person, household: Household, dice: Dice) -> Person | None:
    """The employee whose insurance carries this person as a dependant, if any."""
    spouse = person.spouse
    if (
        spouse is not None
        and spouse.cover is Cover.EMPLOYER_INSURED
        and person.occupation in DEPENDENT_OCCUPATIONS
    ):
        return spouse
    if person.occupation in (Occupation.CHILD, Occupation.STUDENT) or (
        person.occupation is Occupation.UNEMPLOYED and person.age < 23
    ):
        for parent in (person.father, person.mother):
            if parent is not None and parent.cover is Cover.EMPLOYER_INSURED:
                return parent
    head = household.head
    if (
        person.relationship in ("父", "母")
        and person.age >= 60
        and head.cover is Cover.EMPLOYER_INSURED
        and dice.chance(PARENT_DEPENDENT_SHARE)
    ):
        return head
    return None


def add_insurance_rows(household: Household, rows: dict[str, list[Row]], ctx: DemoContext) -> None:
    health_cover = rows["health_cover"]
    for person in household.members:
        via = person.insured_via
        health_cover.append(
            {
                "resident_id": person.id,
                "kind": person.cover.value,
                "insured_via_id": None if via is None else via.id,
                "public_assistance": household.public_assistance,
            }
        )
    _add_nhi_rows(household, rows["nhi_records"], ctx)
    _add_kouki_rows(household, rows["kouki_records"], ctx)
    _add_ltc_rows(household, rows["ltc_records"], ctx)


def _add_nhi_rows(household: Household, out: list[Row], ctx: DemoContext) -> None:
    insured = [person for person in household.members if person.cover is Cover.NHI]
    if not insured:
        return
    dice = ctx.dice
    head = household.head
    symbol_number = ctx.ids.nhi_symbol_number(household.address.town_number)
    for branch, person in enumerate(insured, 1):
        ratio = None
        if person.age >= 70:
            ratio = 3 if dice.chance(0.12) else 2
        out.append(
            {
                "resident_id": person.id,
                "enrolled": True,
                "symbol_number": symbol_number,
                "branch_number": f"{branch:02d}",
                "acquired_on": _nhi_acquired_on(person, ctx),
                "lost_on": None,
                "nhi_head_id": head.id,
                # 擬制世帯: the 世帯主 is not insured but is the one who pays.
                "pseudo_head": head.cover is not Cover.NHI,
                "elderly_recipient_ratio": ratio,
            }
        )


def _nhi_acquired_on(person: Person, ctx: DemoContext) -> date:
    acquired = person.became_resident_on
    if person.occupation is Occupation.RETIRED and person.age >= 60:
        retired_at = ctx.dice.between(60, min(person.age, 65))
        acquired = max(acquired, anniversary(person.birth, retired_at))
    spouse = person.spouse
    if (
        spouse is not None
        and spouse.cover is Cover.KOUKI
        and spouse.occupation is Occupation.EMPLOYEE
    ):
        # A dependant loses employer cover when the insured spouse turns 75.
        acquired = max(acquired, anniversary(spouse.birth, 75))
    return acquired


def _add_kouki_rows(household: Household, out: list[Row], ctx: DemoContext) -> None:
    dice, calendar = ctx.dice, ctx.calendar
    for person in household.members:
        if person.cover is not Cover.KOUKI:
            continue
        if person.kouki_by_disability:
            start = calendar.between(dice, anniversary(person.birth, 65))
        else:
            start = anniversary(person.birth, 75)
        out.append(
            {
                "resident_id": person.id,
                "enrolled": True,
                "insured_number": ctx.ids.kouki_insured_no(),
                "acquired_on": max(start, person.became_resident_on),
                "burden_ratio": KOUKI_BURDEN.pick(dice),
                "disability_certified": person.kouki_by_disability,
            }
        )


def _add_ltc_rows(household: Household, out: list[Row], ctx: DemoContext) -> None:
    dice = ctx.dice
    for person in household.members:
        age = person.age_tomorrow  # both categories start the day before the birthday
        if age >= 65:
            category, insured_number = "1", ctx.ids.ltc_insured_no()
            certified_share = next(share for lowest, share in CERTIFIED_BY_AGE if age >= lowest)
            collection = "special" if dice.chance(SPECIAL_COLLECTION_SHARE) else "ordinary"
        elif age >= 40 and person.cover is not Cover.PUBLIC_ASSISTANCE:
            category, insured_number = "2", None
            certified_share = SECOND_CATEGORY_CERTIFIED
            collection = None
        else:
            continue
        certified = dice.chance(certified_share)
        out.append(
            {
                "resident_id": person.id,
                "category": category,
                "insured_number": insured_number,
                "certified": certified,
                "care_level": CARE_LEVELS.pick(dice) if certified else None,
                "cert_valid_until": _certificate_end(ctx) if certified else None,
                "premium_collection": collection,
            }
        )


def _certificate_end(ctx: DemoContext) -> date:
    """認定有効期間 ends on the last day of a month, up to three years ahead."""
    day = ctx.calendar.years_ahead(ctx.dice.uniform(0.05, 3.0))
    next_month = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return next_month - timedelta(days=1)
