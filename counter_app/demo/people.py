"""Who the planned people are: names, 本籍 and 筆頭者, telephone numbers."""

from __future__ import annotations

from .context import DemoContext
from .foreigners import NATIONALITY_BY_NAME
from .model import FEMALE, MALE, Household, Marital, Person

OLD_SURNAME_SHARE = 0.03  # married women who had their 旧氏 added to the register
HONSEKI_IN_CITY_SHARE = 0.45
HEAD_PHONE_SHARE = 0.45
MEMBER_PHONE_SHARE = 0.12
MOBILE_PREFIXES = ("090", "090", "080", "080", "070")


def name_household(household: Household, ctx: DemoContext) -> None:
    if household.nationality is None:
        _japanese_names(household, ctx)
    else:
        _foreign_names(household, ctx)


def _japanese_names(household: Household, ctx: DemoContext) -> None:
    dice, names = ctx.dice, ctx.names
    surname, surname_kana = names.surname(dice)
    taken: list[str] = []
    for person in household.members:
        person.surname, person.surname_kana = surname, surname_kana
        given, given_kana = names.given_name(dice, person.sex, person.birth.year)
        if given in taken:  # parents and children rarely share a given name
            given, given_kana = names.given_name(dice, person.sex, person.birth.year)
        taken.append(given)
        person.given_name, person.given_name_kana = given, given_kana
        if person.sex == FEMALE and person.spouse is not None and dice.chance(OLD_SURNAME_SHARE):
            old, old_kana = names.common_surname(dice)
            if old_kana != surname_kana:
                person.old_surname, person.old_surname_kana = old, old_kana


def _foreign_names(household: Household, ctx: DemoContext) -> None:
    dice = ctx.dice
    nationality = NATIONALITY_BY_NAME[household.nationality]
    family_name = dice.pick(nationality.surnames)
    for person in household.members:
        keeps_own = (
            nationality.wife_keeps_surname and person.sex == FEMALE and person.spouse is not None
        )
        person.surname, person.surname_kana = (
            dice.pick(nationality.surnames) if keeps_own else family_name
        )
        given_names = nationality.male_names if person.sex == MALE else nationality.female_names
        person.given_name, person.given_name_kana = dice.pick(given_names)
        person.residence_card_number = ctx.ids.residence_card_no()


def register_koseki(household: Household, ctx: DemoContext) -> None:
    """本籍 and 筆頭者 for Japanese members; foreign residents have no 戸籍."""
    if household.nationality is not None:
        return
    dice = ctx.dice
    if dice.chance(HONSEKI_IN_CITY_SHARE):
        honseki = household.address.lot
    else:
        honseki = ctx.addresses.honseki_elsewhere()
    absent: dict[object, str] = {}
    for person in household.members:
        person.honseki = honseki
        person.hittosha = _hittosha(person, ctx, absent)


def _hittosha(person: Person, ctx: DemoContext, absent: dict[object, str]) -> str:
    """The 戸籍 head: the husband of a married couple, else the parent's, else one's own."""
    if person.spouse is not None:
        return (person if person.sex == MALE else person.spouse).full_name
    parent = person.father or person.mother
    if parent is not None and person.marital == Marital.NEVER:
        return _hittosha(parent, ctx, absent)
    if person.sex == FEMALE and person.marital in (Marital.MARRIED, Marital.WIDOWED):
        return _absent_man(person, ("husband", person.id), person.birth.year - 2, ctx, absent)
    if person.marital == Marital.NEVER:
        return _absent_man(person, "father", person.birth.year - 30, ctx, absent)
    return person.full_name


def _absent_man(
    person: Person, key: object, birth_year: int, ctx: DemoContext, absent: dict[object, str]
) -> str:
    """A husband or father who is not on this register (deceased or living elsewhere)."""
    if key not in absent:
        given, _ = ctx.names.given_name(ctx.dice, MALE, birth_year)
        absent[key] = f"{person.surname}\u3000{given}"
    return absent[key]


def give_phone_numbers(household: Household, ctx: DemoContext) -> None:
    dice = ctx.dice
    for person in household.members:
        share = HEAD_PHONE_SHARE if person is household.head else MEMBER_PHONE_SHARE
        if person.age >= 15 and dice.chance(share):
            if person.age >= 65 and dice.chance(0.5):
                person.contact_phone = f"042-{dice.between(300, 599)}-{dice.digits(4)}"
            else:
                prefix = dice.pick(MOBILE_PREFIXES)
                person.contact_phone = f"{prefix}-{dice.digits(4)}-{dice.digits(4)}"
