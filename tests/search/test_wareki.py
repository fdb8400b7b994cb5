"""Birth dates typed in 西暦 or 和暦, era boundaries both ways, impossible dates refused."""

from datetime import date

import pytest

from counter_app.errors import CounterAppError, ErrorCode
from counter_app.messages import message_for
from counter_app.search.wareki import age_on, format_wareki, parse_date

BOUNDARIES = [
    (date(1912, 7, 29), "明治45年7月29日"),
    (date(1912, 7, 30), "大正元年7月30日"),
    (date(1926, 12, 24), "大正15年12月24日"),
    (date(1926, 12, 25), "昭和元年12月25日"),
    (date(1989, 1, 7), "昭和64年1月7日"),
    (date(1989, 1, 8), "平成元年1月8日"),
    (date(2019, 4, 30), "平成31年4月30日"),
    (date(2019, 5, 1), "令和元年5月1日"),
]


@pytest.mark.parametrize(("day", "wareki"), BOUNDARIES)
def test_every_era_boundary_formats_and_parses_back(day, wareki):
    assert format_wareki(day) == wareki
    assert parse_date(wareki) == day
    assert parse_date(wareki.replace("元年", "1年")) == day


@pytest.mark.parametrize(
    "typed",
    [
        "1985-08-22",
        "1985/8/22",
        "1985.8.22",
        "19850822",
        "1985年8月22日",
        "S60.8.22",
        "s60/8/22",
        "昭60.8.22",
        "昭和60年8月22日",
        "Ｓ６０．８．２２",
        "１９８５－０８－２２",
        "昭和６０年８月２２日",
    ],
)
def test_one_birth_date_typed_every_way(typed):
    assert parse_date(typed) == date(1985, 8, 22)


def test_short_era_forms():
    assert parse_date("R2/1/1") == date(2020, 1, 1)
    assert parse_date("H1.1.8") == date(1989, 1, 8)
    assert parse_date("R元.5.1") == date(2019, 5, 1)
    assert parse_date("T1.7.30") == date(1912, 7, 30)
    assert parse_date("M45.7.29") == date(1912, 7, 29)


def test_text_that_is_no_date_is_not_parsed():
    assert parse_date("高橋") is None
    assert parse_date("桜町2-14") is None


@pytest.mark.parametrize("typed", ["昭和60年2月30日", "1985-02-30", "S60.13.1", "平成0年1月1日"])
def test_a_day_no_calendar_has_is_refused(typed):
    with pytest.raises(CounterAppError) as caught:
        parse_date(typed)
    assert caught.value.code is ErrorCode.DATE_INVALID
    assert message_for(caught.value) == f"「{typed}」は存在しない日付です。"


@pytest.mark.parametrize(
    ("typed", "actual"),
    [
        ("昭和65年1月1日", "平成2年1月1日"),
        ("昭和64年1月8日", "平成元年1月8日"),
        ("令和元年4月30日", "平成31年4月30日"),
        ("平成31年5月1日", "令和元年5月1日"),
        ("大正元年7月29日", "明治45年7月29日"),
    ],
)
def test_a_date_outside_its_era_is_refused_naming_the_real_date(typed, actual):
    with pytest.raises(CounterAppError) as caught:
        parse_date(typed)
    assert caught.value.code is ErrorCode.DATE_OUTSIDE_ERA
    assert actual in message_for(caught.value)
    assert actual in message_for(caught.value, "en")


def test_heisei_32_is_refused_not_converted():
    with pytest.raises(CounterAppError) as caught:
        parse_date("平成32年1月1日")
    assert message_for(caught.value) == (
        "「平成32年1月1日」はありません（平成の期間は平成元年1月8日〜平成31年4月30日）。"
        "西暦2020-01-01は令和2年1月1日です。"
    )


def test_age_counts_the_birthday_itself():
    born = date(1985, 8, 22)
    assert age_on(born, date(2026, 8, 21)) == 40
    assert age_on(born, date(2026, 8, 22)) == 41
