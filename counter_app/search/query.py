"""One search box → search criteria, one per space-separated token, all ANDed.

How a token is read (first rule that fits):
- a date in 西暦 or 和暦 (counter_app.search.wareki) → birth date; an impossible date
  raises its CounterAppError so the clerk sees why. Eight bare digits are a date only if
  they make a real day between 明治 and today (19850822), else a 世帯番号 (10459608).
- kana only (hiragana, katakana, half width) → kana: prefix of the whole reading or of
  the given name's reading.
- a phone number written with hyphens (03-1234-5678, 090-1234-5678) → phone.
- 11 digits → 住民票コード; 10 digits → 宛名番号. Phone numbers always start with 0 and
  have 10 (landline) or 11 (mobile) digits, so such a token starting with 0 matches the
  number or the phone, whichever the register holds; one not starting with 0 cannot be
  a phone.
- address words (丁目, 番, 号, digits, 町 at the end or before a number, 村・区・市 before
  a number, building words) → address fragment, matched on the address key, so 桜町2丁目,
  桜町二丁目14 and 桜町2-14 are one fragment. Names such as 町田, 中村, 宇都宮, 健市 stay
  names.
- Latin letters (SHARMA, garcia) → name, upper case as registered for foreign residents.
- kanji (with kana allowed, as in 梅が丘 or 真由美) → name: prefix of surname + given name
  or of the given name, variant characters folded.

Two name tokens in a row (たかはし はな, 髙橋 花子) are one name, surname then given name:
the whole name starts with both together and the given name starts with the second.

Whatever is typed, the result is criteria or a CounterAppError: the box, its words and
their characters are checked first (counter_app.search.limits).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ..errors import CounterAppError
from .keys import address_key, is_kana, kana_key, kanji_key
from .limits import check_query, check_word_count, checked_word
from .wareki import ERAS, parse_date


class Field(StrEnum):
    BIRTH_DATE = "birth_date"
    KANA = "kana"
    NAME = "name"
    JUMINHYO_CODE = "juminhyo_code"
    ATENA_NO = "atena_no"
    PHONE = "phone"
    HOUSEHOLD_NO = "household_no"
    ADDRESS = "address"


@dataclass(frozen=True)
class Criterion:
    """One token: the fields it may match (any of them), the search key, and the text as
    typed (NFKC, spaces removed) for telling literal from folded name matches."""

    fields: frozenset[Field]
    key: str
    typed: str
    birth_date: date | None = None
    given: str = ""  # key of the given name, when two tokens make surname and given name


# The separators Python's \s would also accept (U+001C–U+001F) are control characters,
# refused before splitting.
_SPACES = re.compile(r"[\s\u3000]+")
_PHONE_WITH_HYPHENS = re.compile(r"0\d{1,4}-\d{1,4}-\d{3,4}")
_ADDRESS_WORDS = re.compile(
    r"\d|丁目|番地|番|号|-|町(?=$|[\d〇一二三四五六七八九十])|[村区市](?=[\d〇一二三四五六七八九十])"
    r"|マンション|ハイツ|コーポ|メゾン|アパート|レジデンス|ハイム|荘|ビル|団地|住宅"
)
_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z'.\-]*")
_KANJI = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff々]")


def tokens(text: str) -> list[str]:
    return [token for token in _SPACES.split(text.strip()) if token]


def parse_query(text: str, today: date) -> list[Criterion]:
    """The criteria of one search box; raises CounterAppError for an impossible date or a
    box over the limits of counter_app.search.limits."""
    check_query(text)
    words = tokens(text)
    check_word_count(len(words))
    criteria: list[Criterion] = []
    for criterion in (classify(token, today) for token in words):
        previous = criteria[-1] if criteria else None
        if previous and _is_surname(previous) and criterion.fields == previous.fields:
            criteria[-1] = Criterion(
                previous.fields,
                previous.key + criterion.key,
                previous.typed + criterion.typed,
                given=criterion.key,
            )
        else:
            criteria.append(criterion)
    return criteria


def _is_surname(criterion: Criterion) -> bool:
    return criterion.fields <= {Field.KANA, Field.NAME} and not criterion.given


def classify(token: str, today: date) -> Criterion:
    """The criterion one word makes; raises CounterAppError for an impossible date or a
    word over the limits."""
    typed = checked_word(token)
    digits = typed.replace("-", "")
    if typed.isdigit() and len(typed) == 8:
        return _eight_digits(typed, today)
    if day := parse_date(typed):
        return Criterion(frozenset({Field.BIRTH_DATE}), day.isoformat(), typed, day)
    if is_kana(typed):
        return Criterion(frozenset({Field.KANA}), kana_key(typed), kana_key(typed))
    if _PHONE_WITH_HYPHENS.fullmatch(typed) and len(digits) in (10, 11):
        return Criterion(frozenset({Field.PHONE}), digits, typed)
    if typed.isdigit() and len(typed) in (10, 11):
        number = Field.ATENA_NO if len(typed) == 10 else Field.JUMINHYO_CODE
        fields = {number, Field.PHONE} if typed.startswith("0") else {number}
        return Criterion(frozenset(fields), typed, typed)
    if _LATIN_NAME.fullmatch(typed):
        return Criterion(frozenset({Field.NAME}), kanji_key(typed).upper(), typed.upper())
    if _ADDRESS_WORDS.search(typed) or not _KANJI.search(typed):
        return Criterion(frozenset({Field.ADDRESS}), address_key(typed), typed)
    literal = typed.replace(" ", "")
    return Criterion(frozenset({Field.NAME}), kanji_key(literal), literal)


def _eight_digits(typed: str, today: date) -> Criterion:
    try:
        day = parse_date(typed)
    except CounterAppError:
        day = None
    if day is not None and ERAS[0].first_day <= day <= today:
        return Criterion(frozenset({Field.BIRTH_DATE}), day.isoformat(), typed, day)
    return Criterion(frozenset({Field.HOUSEHOLD_NO}), typed, typed)
