"""How one search box is read: each token becomes one criterion."""

from datetime import date

import pytest

from counter_app.errors import CounterAppError, ErrorCode
from counter_app.search.query import Field, parse_query

TODAY = date(2026, 11, 23)


def fields(text: str) -> list[set[Field]]:
    return [set(criterion.fields) for criterion in parse_query(text, TODAY)]


def test_spaces_of_both_widths_split_tokens():
    assert fields("たかはし\u3000S60.8.22 桜町2-14") == [
        {Field.KANA},
        {Field.BIRTH_DATE},
        {Field.ADDRESS},
    ]


def test_two_name_tokens_are_surname_and_given_name():
    [kana] = parse_query("たかはし はな", TODAY)
    assert kana.key == "タカハシハナ" and kana.given == "ハナ"
    [name] = parse_query("髙橋 花子", TODAY)
    assert name.key == "高橋花子" and name.given == "花子" and name.typed == "髙橋花子"


@pytest.mark.parametrize("typed", ["たかはし", "タカハシ", "ﾀｶﾊｼ"])
def test_kana_of_every_width_gives_one_key(typed):
    [criterion] = parse_query(typed, TODAY)
    assert criterion.fields == {Field.KANA} and criterion.key == "タカハシ"


def test_kanji_names_fold_variants():
    [criterion] = parse_query("髙橋", TODAY)
    assert criterion.fields == {Field.NAME} and criterion.key == "高橋"
    assert criterion.typed == "髙橋"


@pytest.mark.parametrize("typed", ["町田", "中村", "木村", "宇都宮", "道下", "健市", "区川"])
def test_a_name_with_a_place_character_stays_a_name(typed):
    assert fields(typed) == [{Field.NAME}]


def test_a_town_is_an_address():
    assert fields("桜町") == [{Field.ADDRESS}]


@pytest.mark.parametrize("typed", ["桜町2丁目", "桜町二丁目14", "桜町2-14", "メゾン桜", "203号室"])
def test_address_fragments(typed):
    assert fields(typed) == [{Field.ADDRESS}]


def test_ten_digits_are_an_atena_number_or_a_phone_only_when_starting_with_0():
    assert fields("1010939055") == [{Field.ATENA_NO}]
    assert fields("0312345678") == [{Field.ATENA_NO, Field.PHONE}]


def test_eleven_digits_are_a_juminhyo_code_or_a_mobile_phone():
    assert fields("31342271513") == [{Field.JUMINHYO_CODE}]
    assert fields("09012345678") == [{Field.JUMINHYO_CODE, Field.PHONE}]


def test_hyphens_make_a_phone_number():
    [criterion] = parse_query("090-1234-5678", TODAY)
    assert criterion.fields == {Field.PHONE} and criterion.key == "09012345678"


def test_eight_digits_are_a_birth_date_when_they_make_one_else_a_household_number():
    assert fields("19850822") == [{Field.BIRTH_DATE}]
    assert fields("10459608") == [{Field.HOUSEHOLD_NO}]
    assert fields("20991231") == [{Field.HOUSEHOLD_NO}], "a birth date is never in the future"


def test_an_impossible_date_is_refused():
    with pytest.raises(CounterAppError) as caught:
        parse_query("たかはし 平成32年1月1日", TODAY)
    assert caught.value.code is ErrorCode.DATE_OUTSIDE_ERA


def test_latin_letters_are_a_foreign_resident_name():
    [name] = parse_query("garcia jose", TODAY)
    assert name.fields == {Field.NAME} and name.key == "GARCIAJOSE" and name.given == "JOSE"
    assert fields("JEAN-PAUL") == [{Field.NAME}]
