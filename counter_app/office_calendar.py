"""The days a Japanese city hall's windows are open: Monday to Friday, except the
national holidays (国民の祝日, 振替休日 and 国民の休日, from the `holidays` package, which
follows the 祝日法 and the Cabinet Office's published dates) and the year-end closure
(年末年始, 29 December to 3 January, as the 行政機関の休日に関する法律 and cities' 休日条例
set it).

    is_open(date(2026, 11, 3))          # False: 文化の日
    open_days(date(2026, 12, 4), 20)    # the 20 open days up to 4 December, oldest first
    after_holiday(date(2027, 1, 4))     # True: the first open day after 年末年始
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays

__all__ = [
    "after_holiday",
    "holiday_name",
    "is_open",
    "next_open_day",
    "open_days",
    "previous_open_day",
]

ONE_DAY = timedelta(days=1)


@lru_cache(maxsize=64)
def _national_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("JP", years=year, language="ja")


def holiday_name(day: date) -> str | None:
    """The national holiday's Japanese name (元日, 振替休日, …), or the year-end closure's."""
    if (day.month, day.day) >= (12, 29) or (day.month, day.day) <= (1, 3):
        return _national_holidays(day.year).get(day) or "年末年始"
    return _national_holidays(day.year).get(day)


def is_open(day: date) -> bool:
    return day.weekday() < 5 and holiday_name(day) is None


def open_days(last: date, count: int) -> list[date]:
    """The `count` open days up to and including `last` (if open), oldest first."""
    days: list[date] = []
    day = last
    while len(days) < count:
        if is_open(day):
            days.append(day)
        day -= ONE_DAY
    return days[::-1]


def previous_open_day(day: date) -> date:
    day -= ONE_DAY
    while not is_open(day):
        day -= ONE_DAY
    return day


def next_open_day(day: date, count: int = 1) -> date:
    """The `count`-th open day after `day`."""
    while count > 0:
        day += ONE_DAY
        count -= is_open(day)
    return day


def after_holiday(day: date) -> bool:
    """Whether the weekday before `day` was a holiday: the first open day after one
    (a Tuesday after a Monday holiday, 4 January) brings the residents who could not
    come, as a Monday does after a weekend."""
    day -= ONE_DAY
    while day.weekday() >= 5:
        day -= ONE_DAY
    return not is_open(day)
