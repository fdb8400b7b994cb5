"""Finding residents from one search box, on SQLite and PostgreSQL."""

from dataclasses import astuple
from datetime import date

import pytest

from counter_app.errors import CounterAppError, ErrorCode
from counter_app.permissions import Actor, RoleCode
from counter_app.search.service import MatchRank
from tests.search.conftest import CLERK, MY_NUMBER


def names(register, text: str) -> list[str]:
    return [hit.name for hit in register.search(CLERK, text)]


@pytest.mark.parametrize("typed", ["たかはし", "タカハシ", "ﾀｶﾊｼ", "高橋", "髙橋"])
def test_every_way_of_typing_takahashi_finds_the_registered_name(register, typed):
    found = names(register, typed)
    assert "髙橋\u3000花子" in found
    assert "高梨\u3000健" not in found


def test_yamazaki_finds_the_variant_and_never_saki(register):
    assert names(register, "山崎") == ["山﨑\u3000太郎"]
    assert names(register, "山埼") == ["山埼\u3000次郎"]


def test_a_hit_shows_what_the_clerk_needs(register):
    [hit] = register.search(CLERK, "たかはし はな")
    assert hit.name == "髙橋\u3000花子" and hit.kana == "タカハシ\u3000ハナコ"
    assert hit.birth_date == date(1985, 8, 22)
    assert hit.birth_date_wareki == "昭和60年8月22日（41歳）"
    assert hit.address == "東京都みどり市桜町二丁目14番3号"
    assert hit.household_no == "10000001"
    assert not hit.support_measure


def test_results_never_hold_the_my_number(register):
    for hit in register.search(CLERK, "たかはし"):
        assert MY_NUMBER not in repr(astuple(hit))


@pytest.mark.parametrize("typed", ["S60.8.22", "昭和60年8月22日", "1985-08-22", "19850822"])
def test_birth_dates_in_wareki_or_seireki(register, typed):
    assert sorted(names(register, typed)) == ["高梨\u3000健", "髙橋\u3000花子"]


def test_era_boundaries_find_the_right_people(register):
    assert names(register, "平成元年1月8日") == ["山﨑\u3000太郎"]
    assert names(register, "昭和64年1月7日") == ["山埼\u3000次郎"]
    assert names(register, "R1.5.1") == ["町田\u3000守"]


def test_an_impossible_date_is_refused(register):
    with pytest.raises(CounterAppError) as caught:
        register.search(CLERK, "平成32年1月1日")
    assert caught.value.code is ErrorCode.DATE_OUTSIDE_ERA


def test_several_criteria_narrow_the_result(register):
    assert len(names(register, "たかはし")) == 3
    assert names(register, "たかはし 1985-08-22") == ["髙橋\u3000花子"]
    assert names(register, "高橋 一郎 S58.1.7") == ["髙橋\u3000一郎"]
    assert names(register, "たかはし 桜町2-14") == ["髙橋\u3000一郎", "髙橋\u3000花子"]


def test_ranking_exact_then_prefix_then_folded(register):
    hits = register.search(CLERK, "高")
    assert [(hit.name, hit.rank) for hit in hits] == [
        ("高\u3000優子", MatchRank.EXACT),
        ("高梨\u3000健", MatchRank.PREFIX),
        ("高橋\u3000一郎", MatchRank.PREFIX),
        ("髙橋\u3000一郎", MatchRank.FOLDED),
        ("髙橋\u3000花子", MatchRank.FOLDED),
    ]


def test_typing_the_variant_puts_the_variant_first(register):
    assert names(register, "髙橋 一郎") == ["髙橋\u3000一郎", "高橋\u3000一郎"]
    assert names(register, "高橋 一郎") == ["高橋\u3000一郎", "髙橋\u3000一郎"]


@pytest.mark.parametrize("typed", ["桜町2丁目", "桜町二丁目14", "桜町2-14", "桜町2丁目14番3号"])
def test_address_fragments_find_the_household(register, typed):
    assert sorted(names(register, typed)) == ["髙橋\u3000一郎", "髙橋\u3000花子"]


def test_a_fragment_inside_the_address_is_found_too(register):
    assert len(names(register, "メゾン本町")) == 3
    assert len(names(register, "14-3")) == 2


def test_numbers_and_phones(register):
    assert names(register, "0000000001") == ["髙橋\u3000花子"]
    assert names(register, "20000000003") == ["高橋\u3000一郎"]
    assert names(register, "090-1234-5678") == ["髙橋\u3000花子"]
    assert names(register, "09012345678") == ["髙橋\u3000花子"], "an 11-digit mobile number"
    assert names(register, "0312345678") == ["高橋\u3000一郎"], "10 digits: phone, not 宛名番号"
    assert len(names(register, "10000002")) == 3


def test_a_support_measure_hit_carries_the_flag_and_no_address(register):
    [hit] = register.search(CLERK, "まちだ")
    assert hit.support_measure
    assert hit.resident_id > 0
    assert hit.address is None and hit.katagaki is None and hit.household_no is None


def test_a_user_without_view_residents_is_refused(register):
    floor = Actor(
        user_id=None,
        login="floor",
        display_name="フロア",
        roles=frozenset({RoleCode.FLOOR_MANAGER}),
    )
    with pytest.raises(CounterAppError) as caught:
        register.search(floor, "たかはし")
    assert caught.value.code is ErrorCode.PERMISSION_DENIED


def test_an_empty_box_finds_nothing(register):
    assert register.search(CLERK, " \u3000") == []
