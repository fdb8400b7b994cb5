"""Ages as the law counts them (residents-schema.md §2.1), and the era text shown beside them."""

from __future__ import annotations

from datetime import MAXYEAR, MINYEAR, date


def birthday(birth: date, years: int) -> date:
    """The day the person turns `years` (a 29 February birth has its birthday on 1 March);
    beyond the calendar's years (a stored birth date of 9999), its last or first day."""
    year = birth.year + years
    if year > MAXYEAR:
        return date.max
    if year < MINYEAR:
        return date.min
    try:
        return birth.replace(year=year)
    except ValueError:
        return date(year, 3, 1)


def age_on(birth: date, day: date) -> int:
    """Full years on `day`, counted from the birthday (ordinary counting)."""
    years = day.year - birth.year
    if birthday(birth, years) > day:
        years -= 1
    return max(years, 0)


def fiscal_year_start(day: date) -> date:
    """1 April of the fiscal year `day` falls in."""
    return date(day.year if day.month >= 4 else day.year - 1, 4, 1)


def fy_age(birth: date, day: date) -> int:
    """`person.fy_age`: full years on 1 April of `day`'s fiscal year (born after it: 0)."""
    start = fiscal_year_start(day)
    return age_on(birth, start) if birth <= start else 0


def wareki(day: date) -> str:
    """The date in the Japanese era, as the search shows it (`昭和60年8月22日`); a stored
    date before 明治 has no era and is shown in 西暦 (`1850-01-01`)."""
    from ..search.wareki import ERAS, format_wareki

    return format_wareki(day) if day >= ERAS[0].first_day else day.isoformat()
