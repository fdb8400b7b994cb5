"""支援措置 (DV・ストーカー・児童虐待): about 0.1 % of residents, mostly mothers and children."""

from __future__ import annotations

from datetime import timedelta

from .batch import Row
from .context import DemoContext
from .dates import anniversary
from .model import FEMALE, Household, Person
from .randomness import WeightedTable

SINGLE_MOTHER_SHARE = 0.012
LONE_WOMAN_SHARE = 0.004  # women under 50 living alone
FAMILY_KINDS = WeightedTable([("dv", 75), ("stalking", 10), ("abuse", 15)])
LONE_KINDS = WeightedTable([("dv", 60), ("stalking", 40)])
GUARANTEED_FROM_RESIDENTS = 1000  # a city this size always shows at least one
LONGEST_RUNNING_YEARS = 3


class SupportMeasures:
    def __init__(self, ctx: DemoContext) -> None:
        self._ctx = ctx
        self.count = 0
        self._fallback: list[Person] | None = None

    def consider(self, household: Household, rows: dict[str, list[Row]]) -> None:
        head = household.head
        if head.sex != FEMALE or head.spouse is not None or head.nationality is not None:
            return
        minors = household.minors()
        if minors:
            share, kinds, protected = SINGLE_MOTHER_SHARE, FAMILY_KINDS, [head, *minors]
        elif len(household.members) == 1 and 18 <= head.age < 50:
            share, kinds, protected = LONE_WOMAN_SHARE, LONE_KINDS, [head]
        else:
            return
        if self._fallback is None:
            self._fallback = protected
        if self._ctx.dice.chance(share):
            self._add(protected, kinds, rows)

    def ensure_one(self, rows: dict[str, list[Row]], residents: int) -> None:
        if self.count == 0 and residents >= GUARANTEED_FROM_RESIDENTS and self._fallback:
            self._add(self._fallback, FAMILY_KINDS, rows)

    def _add(
        self, protected: list[Person], kinds: WeightedTable[str], rows: dict[str, list[Row]]
    ) -> None:
        ctx = self._ctx
        kind = kinds.pick(ctx.dice)
        started_on = ctx.calendar.between(ctx.dice, ctx.calendar.years_ago(LONGEST_RUNNING_YEARS))
        years = 1
        while anniversary(started_on, years) <= ctx.calendar.reference:
            years += 1  # renewed every year while the danger lasts
        ends_on = anniversary(started_on, years) - timedelta(days=1)
        for person in protected:
            rows["support_measures"].append(
                {
                    "id": next(ctx.ids.support_measure_ids),
                    "resident_id": person.id,
                    "kind": kind,
                    "started_on": max(started_on, person.birth),
                    "ends_on": ends_on,
                }
            )
            self.count += 1
