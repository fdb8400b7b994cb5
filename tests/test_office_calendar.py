"""The days the windows are open: weekdays, less national holidays and 年末年始."""

from datetime import date

import pytest

from counter_app.office_calendar import (
    after_holiday,
    holiday_name,
    is_open,
    next_open_day,
    open_days,
    previous_open_day,
)


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2026, 11, 3), "文化の日"),
        (date(2026, 5, 6), "振替休日"),  # 憲法記念日 fell on a Sunday
        (date(2026, 9, 22), "国民の休日"),  # between 敬老の日 and 秋分の日
        (date(2026, 12, 29), "年末年始"),  # a Tuesday, closed by the 休日条例
        (date(2027, 1, 1), "元日"),
        (date(2027, 1, 3), "年末年始"),
    ],
)
def test_holidays_and_the_year_end_are_closed(day, name):
    assert holiday_name(day) == name
    assert not is_open(day)


def test_weekends_are_closed_and_an_ordinary_weekday_is_open():
    assert not is_open(date(2026, 12, 5)) and not is_open(date(2026, 12, 6))
    assert is_open(date(2026, 12, 4)) and holiday_name(date(2026, 12, 4)) is None
    assert is_open(date(2026, 12, 28)) and is_open(date(2027, 1, 4))


def test_open_days_leave_out_every_closed_day():
    november = open_days(date(2026, 11, 30), 19)
    assert november[0] == date(2026, 11, 2)
    assert date(2026, 11, 3) not in november and date(2026, 11, 23) not in november
    assert all(is_open(day) for day in november)
    assert previous_open_day(date(2026, 11, 24)) == date(2026, 11, 20)
    assert next_open_day(date(2026, 12, 28)) == date(2027, 1, 4)
    assert next_open_day(date(2026, 11, 20), 2) == date(2026, 11, 25)


@pytest.mark.parametrize(
    ("day", "after"),
    [
        (date(2026, 11, 24), True),  # Tuesday after 勤労感謝の日 (Monday)
        (date(2026, 11, 4), True),  # Wednesday after 文化の日 (Tuesday)
        (date(2027, 1, 4), True),  # after 年末年始
        (date(2026, 11, 30), False),  # an ordinary Monday
        (date(2026, 11, 26), False),
    ],
)
def test_the_first_open_day_after_a_holiday(day, after):
    assert after_holiday(day) is after
