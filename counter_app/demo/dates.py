"""Calendar arithmetic for the register: ages, fiscal years, anniversaries."""

from __future__ import annotations

from datetime import date, timedelta

from .randomness import Dice

DAYS_PER_YEAR = 365.2425


def age_on(birth: date, day: date) -> int:
    """Full years on `day`, counted from the birthday."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def anniversary(birth: date, years: int) -> date:
    """The date `years` after `birth`; 29 February falls on 1 March in common years."""
    try:
        return birth.replace(year=birth.year + years)
    except ValueError:
        return date(birth.year + years, 3, 1)


def fiscal_year_start(day: date) -> date:
    return date(day.year if day.month >= 4 else day.year - 1, 4, 1)


class Calendar:
    """Dates relative to the reference day the demo city is drawn for."""

    __slots__ = ("fiscal_year_start", "ordinal", "reference", "tomorrow")

    def __init__(self, reference: date) -> None:
        self.reference = reference
        self.tomorrow = reference + timedelta(days=1)
        self.fiscal_year_start = fiscal_year_start(reference)
        self.ordinal = reference.toordinal()

    def years_ago(self, years: float) -> date:
        return date.fromordinal(self.ordinal - int(years * DAYS_PER_YEAR))

    def years_ahead(self, years: float) -> date:
        return date.fromordinal(self.ordinal + int(years * DAYS_PER_YEAR))

    def end_of_march(self, fiscal_years_ahead: int) -> date:
        """31 March closing the fiscal year `fiscal_years_ahead` after the reference one."""
        return date(self.fiscal_year_start.year + 1 + fiscal_years_ahead, 3, 31)

    def between(self, dice: Dice, start: date, end: date | None = None) -> date:
        """A day in start … end (default: the reference day), both included."""
        first = start.toordinal()
        last = (end or self.reference).toordinal()
        if last <= first:
            return start
        return date.fromordinal(first + int(dice.random() * (last - first + 1)))
