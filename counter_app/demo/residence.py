"""Where each household lives and the register dates: 住民となった日, 住定日, 異動事由, 届出日."""

from __future__ import annotations

from datetime import date, timedelta

from .context import DemoContext
from .dates import anniversary
from .foreigners import NATIONALITY_BY_NAME
from .model import FEMALE, Household, Marital, Person

BORN_HERE_SHARE = 0.3  # Japanese heads born in the city
SPECIAL_PERMANENT_BORN_HERE_SHARE = 0.6
STAYED_AT_FIRST_ADDRESS_SHARE = 0.75
FROM_ABROAD_SHARE = 0.04  # Japanese arrivals coming back from abroad (国外転入)
FOREIGN_FROM_ABROAD_SHARE = 0.65  # foreign arrivals registering after entering Japan
HEAD_CHANGE_SHARE = 0.5  # widows who became 世帯主 after moving to the address
VOTER_RESIDENCE = timedelta(days=92)  # registered after three months on the register
SIBLINGS = ("兄", "姉", "弟", "妹")
COUNTRIES_ELSEWHERE = ("アメリカ合衆国", "中華人民共和国", "シンガポール共和国", "タイ王国", "英国")


def settle(household: Household, ctx: DemoContext) -> None:
    dice, calendar = ctx.dice, ctx.calendar
    household.address = ctx.addresses.home(household.apartment)
    head = household.head
    foreign = household.nationality is not None
    if foreign and head.residence_status == "特別永住者":
        born_here = dice.chance(SPECIAL_PERMANENT_BORN_HERE_SHARE)
    else:
        born_here = not foreign and dice.chance(BORN_HERE_SHARE)
    if born_here:
        household.moved_in = head.birth
        household.address_since = calendar.between(dice, anniversary(head.birth, min(head.age, 22)))
    else:
        household.moved_in = max(head.birth, calendar.years_ago(_years_here(household, ctx)))
        household.address_since = (
            household.moved_in
            if dice.chance(STAYED_AT_FIRST_ADDRESS_SHARE)
            else calendar.between(dice, household.moved_in)
        )
    from_abroad = dice.chance(FOREIGN_FROM_ABROAD_SHARE if foreign else FROM_ABROAD_SHARE)
    # Members who moved on the same day moved together: one notification, one old address.
    moves: dict[tuple[str, date], tuple[str | None, date]] = {}
    for person in household.members:
        person.became_resident_on = _became_resident_on(person, household, born_here, ctx)
        _record_last_change(person, household, from_abroad, moves, ctx)
    if head.sex == FEMALE and head.marital == Marital.WIDOWED and dice.chance(HEAD_CHANGE_SHARE):
        _record_head_change(household, ctx)
    for person in household.members:
        person.voter_registered = (
            not foreign
            and person.age >= 18
            and person.became_resident_on <= calendar.reference - VOTER_RESIDENCE
        )


def _years_here(household: Household, ctx: DemoContext) -> float:
    dice = ctx.dice
    adult_years = max(0.05, ctx.make.age_in_years(household.head) - 18.0)
    if household.nationality is None:
        return dice.triangular(0.0, adult_years, adult_years * 0.35)
    if household.head.residence_status in ("永住者", "特別永住者"):
        longest = min(adult_years, 30.0)
        return dice.triangular(0.0, longest, min(longest, 5.0))
    longest = min(adult_years, 6.0)
    return dice.triangular(0.0, longest, min(longest, 1.0))


def _became_resident_on(
    person: Person, household: Household, born_here: bool, ctx: DemoContext
) -> date:
    dice, calendar = ctx.dice, ctx.calendar
    moved_in = household.moved_in
    head = household.head
    if person is head:
        return moved_in
    if born_here and person is head.spouse:
        married = anniversary(max(person.birth, head.birth), 22)
        return min(calendar.reference, calendar.between(dice, married))
    if person.relationship in ("父", "母"):
        if born_here:
            return min(head.birth, anniversary(person.birth, 20))
        if person.spouse is not None and person.spouse.became_resident_on != date.min:
            return person.spouse.became_resident_on  # the head's parents moved in together
        return calendar.between(dice, moved_in)
    if born_here and person.relationship in SIBLINGS:
        return person.birth
    if person.relationship in ("子の妻", "子の夫"):
        return calendar.between(dice, max(moved_in, anniversary(person.birth, 20)))
    return max(person.birth, moved_in)


def _record_last_change(
    person: Person,
    household: Household,
    from_abroad: bool,
    moves: dict[tuple[str, date], tuple[str | None, date]],
    ctx: DemoContext,
) -> None:
    became = person.became_resident_on
    if became >= household.address_since:
        person.address_since = became
        if became == person.birth:
            reason = "出生"
        elif household.nationality is not None and from_abroad:
            reason = "法30条の46転入"
        else:
            reason = "国外転入" if from_abroad else "転入"
    else:
        person.address_since = household.address_since
        reason = "転居"
    person.last_change_reason = reason
    person.last_change_on = person.address_since
    key = (reason, person.address_since)
    if key not in moves:
        moves[key] = (
            _previous_address(reason, household, ctx),
            _notified(person.address_since, ctx),
        )
    person.previous_address, person.notified_on = moves[key]


def _previous_address(reason: str, household: Household, ctx: DemoContext) -> str | None:
    if reason == "転居":
        return ctx.addresses.somewhere_in_city()
    if reason == "転入":
        return ctx.addresses.somewhere_else()
    if reason == "法30条の46転入":
        return NATIONALITY_BY_NAME[household.nationality].country
    if reason == "国外転入":
        return ctx.dice.pick(COUNTRIES_ELSEWHERE)
    return None


def _record_head_change(household: Household, ctx: DemoContext) -> None:
    """A widow became 世帯主 when her husband died; the change shows on every member."""
    changed_on = ctx.calendar.between(ctx.dice, household.head.address_since)
    notified_on = _notified(changed_on, ctx)
    for person in household.members:
        if person.last_change_on < changed_on:
            person.last_change_reason = "世帯主変更"
            person.last_change_on = changed_on
            person.notified_on = notified_on


def _notified(changed_on: date, ctx: DemoContext) -> date:
    """Notifications are due within 14 days; none is dated after the reference day."""
    return min(ctx.calendar.reference, changed_on + timedelta(days=ctx.dice.below(14)))
