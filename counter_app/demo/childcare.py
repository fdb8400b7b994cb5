"""Child-raising records: 児童手当, 子ども医療, 学齢簿, 児童扶養手当, ひとり親医療."""

from __future__ import annotations

from datetime import timedelta

from .batch import Row
from .context import DemoContext
from .model import Cover, Household, Marital, Occupation, Person
from .randomness import WeightedTable

EARNERS = (Occupation.EMPLOYEE, Occupation.SELF_EMPLOYED)
CHILD_SUPPORT_SHARE = 0.55  # single parents under the 児童扶養手当 income limit
SINGLE_PARENT_MEDICAL_WITH_SUPPORT = 0.85
SINGLE_PARENT_MEDICAL_WITHOUT_SUPPORT = 0.15
ELEMENTARY_TYPES = WeightedTable([("public", 98.0), ("private", 1.5), ("national", 0.5)])
JUNIOR_HIGH_TYPES = WeightedTable([("public", 88.0), ("private", 11.0), ("national", 1.0)])
PRIVATE_ELEMENTARY = ("聖みどり学園小学校", "桜花学院初等部", "青葉台学園小学校")
PRIVATE_JUNIOR_HIGH = (
    "みどり学園中学校",
    "桜花学院中学校",
    "青葉女子中学校",
    "多摩緑陵中学校",
    "みどり国際中等教育学校",
)
NATIONAL_ELEMENTARY = "国立みどり教育大学附属小学校"
NATIONAL_JUNIOR_HIGH = "国立みどり教育大学附属中学校"
FIRST_GRADE_FY_AGE, LAST_ELEMENTARY_FY_AGE, LAST_COMPULSORY_FY_AGE = 6, 11, 14
LAST_PRESCHOOL_FY_AGE, LAST_CHILD_FY_AGE = 5, 17


def add_childcare_rows(household: Household, rows: dict[str, list[Row]], ctx: DemoContext) -> None:
    minors = household.minors()
    if not minors:
        return
    children_by_recipient: dict[int, tuple[Person, list[Person]]] = {}
    for child in minors:
        recipient = _allowance_recipient(child)
        if recipient is None:  # the parents live elsewhere and are paid there
            _add_child_medical(child, None, rows, ctx)
        else:
            children_by_recipient.setdefault(recipient.id, (recipient, []))[1].append(child)
    for recipient, children in children_by_recipient.values():
        _add_allowance(recipient, children, rows, ctx)
        for child in children:
            _add_child_medical(child, recipient, rows, ctx)
        if recipient.spouse is None and recipient.marital is not Marital.MARRIED:
            _add_single_parent_benefits(recipient, rows, ctx)
    for child in minors:
        if FIRST_GRADE_FY_AGE <= child.fy_age <= LAST_COMPULSORY_FY_AGE:
            _add_school(child, household, rows, ctx)


def _allowance_recipient(child: Person) -> Person | None:
    """The parent who earns more: the father unless only the mother works."""
    father, mother = child.father, child.mother
    if father is not None and mother is not None:
        if father.occupation in EARNERS or mother.occupation not in EARNERS:
            return father
        return mother
    return father or mother


def _add_allowance(
    recipient: Person, children: list[Person], rows: dict[str, list[Row]], ctx: DemoContext
) -> None:
    eldest = min(children, key=lambda child: child.birth)
    applied = eldest.birth + timedelta(days=ctx.dice.below(15))
    started_on = min(ctx.calendar.reference, max(applied, recipient.became_resident_on))
    rows["child_allowances"].append(
        {
            "recipient_id": recipient.id,
            "recipient_number": ctx.ids.certificate_no("allowance"),
            "started_on": started_on,
        }
    )
    rows["child_allowance_children"].extend(
        {"recipient_id": recipient.id, "child_id": child.id} for child in children
    )


def _add_child_medical(
    child: Person, guardian: Person | None, rows: dict[str, list[Row]], ctx: DemoContext
) -> None:
    """Tokyo issues one certificate per stage: preschool, compulsory school, high school age."""
    if child.cover is Cover.PUBLIC_ASSISTANCE:  # 医療扶助 pays instead
        return
    fy_age = child.fy_age
    if fy_age <= LAST_PRESCHOOL_FY_AGE:
        stage_end = LAST_PRESCHOOL_FY_AGE
    elif fy_age <= LAST_COMPULSORY_FY_AGE:
        stage_end = LAST_COMPULSORY_FY_AGE
    else:
        stage_end = LAST_CHILD_FY_AGE
    rows["child_medical"].append(
        {
            "resident_id": child.id,
            "certificate_number": ctx.ids.certificate_no("medical"),
            "guardian_id": None if guardian is None else guardian.id,
            "insurance_kind": child.cover.value,
            "valid_until": ctx.calendar.end_of_march(stage_end - fy_age),
        }
    )


def _add_single_parent_benefits(
    parent: Person, rows: dict[str, list[Row]], ctx: DemoContext
) -> None:
    dice, ids = ctx.dice, ctx.ids
    supported = dice.chance(CHILD_SUPPORT_SHARE)
    if supported:
        rows["child_support"].append(
            {"resident_id": parent.id, "certificate_number": ids.certificate_no("support")}
        )
    medical_share = (
        SINGLE_PARENT_MEDICAL_WITH_SUPPORT if supported else SINGLE_PARENT_MEDICAL_WITHOUT_SUPPORT
    )
    if dice.chance(medical_share):
        rows["single_parent_medical"].append(
            {"resident_id": parent.id, "certificate_number": ids.certificate_no("single_parent")}
        )


def _add_school(
    child: Person, household: Household, rows: dict[str, list[Row]], ctx: DemoContext
) -> None:
    dice = ctx.dice
    address = household.address
    if child.fy_age <= LAST_ELEMENTARY_FY_AGE:
        grade = f"小{child.fy_age - FIRST_GRADE_FY_AGE + 1}"
        school_type = ELEMENTARY_TYPES.pick(dice)
        district, private, national = (
            address.elementary_school,
            PRIVATE_ELEMENTARY,
            NATIONAL_ELEMENTARY,
        )
    else:
        grade = f"中{child.fy_age - LAST_ELEMENTARY_FY_AGE}"
        school_type = JUNIOR_HIGH_TYPES.pick(dice)
        district, private, national = (
            address.junior_high_school,
            PRIVATE_JUNIOR_HIGH,
            NATIONAL_JUNIOR_HIGH,
        )
    if school_type == "public":
        school_name = district
    elif school_type == "private":
        school_name = dice.pick(private)
    else:
        school_name = national
    rows["school_enrollments"].append(
        {
            "resident_id": child.id,
            "school_type": school_type,
            "school_name": school_name,
            "grade": grade,
        }
    )
