"""The stream of households that make up the city, each fully described, until N residents."""

from __future__ import annotations

from collections.abc import Iterator

from .context import DemoContext
from .disabilities import assign_handbooks
from .foreigners import plan_foreign_household
from .households import plan_japanese_household
from .insurance import decide_cover
from .model import Household
from .occupations import assign_occupations
from .people import give_phone_numbers, name_household, register_koseki
from .residence import settle

# Foreign households are smaller than Japanese ones, so this gives about 2 % of residents.
FOREIGN_HOUSEHOLD_SHARE = 0.024


def households(ctx: DemoContext, residents: int) -> Iterator[Household]:
    next_person_id = 1
    household_id = 0
    while next_person_id <= residents:
        household = _plan(ctx)
        room_left = residents - next_person_id + 1
        if len(household.members) > room_left:
            _truncate(household, room_left)
        household_id += 1
        household.id = household_id
        household.household_no = ctx.ids.household_no()
        for person in household.members:
            person.id = next_person_id
            next_person_id += 1
        _describe(household, ctx)
        yield household


def _plan(ctx: DemoContext) -> Household:
    if ctx.dice.chance(FOREIGN_HOUSEHOLD_SHARE):
        return plan_foreign_household(ctx.dice, ctx.make)
    return plan_japanese_household(ctx.dice, ctx.make)


def _truncate(household: Household, keep: int) -> None:
    """The last household of the city keeps its first members; the head always comes first."""
    kept = household.members[:keep]
    present = {id(person) for person in kept}
    for person in kept:
        if person.spouse is not None and id(person.spouse) not in present:
            person.spouse = None  # still married, living apart
        if person.father is not None and id(person.father) not in present:
            person.father = None
        if person.mother is not None and id(person.mother) not in present:
            person.mother = None
    household.members = kept


def _describe(household: Household, ctx: DemoContext) -> None:
    name_household(household, ctx)
    settle(household, ctx)
    register_koseki(household, ctx)
    give_phone_numbers(household, ctx)
    assign_occupations(household, ctx.dice)
    assign_handbooks(household, ctx.dice)
    decide_cover(household, ctx.dice)
