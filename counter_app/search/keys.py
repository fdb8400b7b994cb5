"""Search keys: what a name or kana reading becomes so that every way of typing it matches.

- Kana: NFKC (half-width ｶﾀｶﾅ → full width), hiragana → katakana, spaces and the middle
  dot removed: 「たかはし　はなこ」, 「ﾀｶﾊｼ ﾊﾅｺ」 and 「タカハシハナコ」 give one key.
- Kanji: NFKC, then each variant character (異体字) folded to its common form through the
  curated table resources/search/variants.yaml, spaces removed: 髙橋 and 高橋 give one key.

Keys are for finding only; what is shown and printed is always the registered text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import resources

from ..catalog.located import load_resource
from ..errors import CounterAppError, ErrorCode

_HIRAGANA_TO_KATAKANA = {code: code + 0x60 for code in range(ord("ぁ"), ord("ゖ") + 1)}
_HIRAGANA_TO_KATAKANA.update({ord("ゝ"): ord("ヽ"), ord("ゞ"): ord("ヾ")})
_DROPPED = {ord(c): None for c in " \u3000・･‐－"}


@cache
def variant_table() -> dict[str, str]:
    """variant character → common form, from resources/search/variants.yaml."""
    path = resources.path("search", "variants.yaml")
    try:
        data = load_resource(path)["variants"]
        table: dict[str, str] = {}
        for common, variants in data.items():
            for variant in variants:
                if variant == common or variant in table or variant in data:
                    raise ValueError(f"{variant} is listed twice or folds into itself")
                table[variant] = common
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise CounterAppError(ErrorCode.RESOURCE_INVALID, path=path, detail=str(exc)) from exc
    return table


def kana_key(text: str) -> str:
    normalised = unicodedata.normalize("NFKC", text)
    return normalised.translate(_HIRAGANA_TO_KATAKANA).translate(_DROPPED).replace("-", "")


def kanji_key(text: str) -> str:
    table = variant_table()
    normalised = unicodedata.normalize("NFKC", text).translate(_DROPPED)
    return "".join(table.get(char, char) for char in normalised)


def is_kana(text: str) -> bool:
    key = kana_key(text)
    return bool(key) and all("ァ" <= char <= "ヺ" or char in "ーヽヾ" for char in key)


_KANJI_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")}
# 一 to 九十九 with one 十 at most, or digits written one by one (二〇); anything else
# (十十丁目) stays as typed.
_ADDRESS_NUMBER = re.compile(
    r"(?:[一二三四五六七八九]?十[一二三四五六七八九]?|[〇一二三四五六七八九]+)(?=丁目)"
)
_ADDRESS_SEPARATORS = re.compile(r"(丁目|番地|番|号)")


def _kanji_number(text: str) -> str:
    """二 → 2, 十四 → 14, 二十 → 20 (丁目 numbers stay below 100)."""
    if "十" not in text:
        return "".join(str(_KANJI_DIGITS[c]) for c in text)
    tens, _, ones = text.partition("十")
    value = (_KANJI_DIGITS[tens] if tens else 1) * 10 + (_KANJI_DIGITS[ones] if ones else 0)
    return str(value)


def address_key(address: str, katagaki: str | None = None) -> str:
    """「桜町二丁目14番3号 メゾン桜203号室」 → 「桜町2-14-3メゾン桜203-室」: 丁目 in digits,
    丁目・番・号 as hyphens, variants folded, so a fragment typed any way matches."""
    text = kanji_key(address + (katagaki or ""))
    text = _ADDRESS_NUMBER.sub(lambda m: _kanji_number(m.group()), text)
    return _ADDRESS_SEPARATORS.sub("-", text).replace("--", "-")


def phone_key(phone: str | None) -> str | None:
    """Digits only: 「090-1234-5678」 and 「０９０１２３４５６７８」 give one key."""
    if not phone:
        return None
    digits = "".join(char for char in unicodedata.normalize("NFKC", phone) if char.isdigit())
    return digits or None


def resident_search_keys(
    surname_kanji: str, given_name_kanji: str, surname_kana: str, given_name_kana: str
) -> dict[str, str]:
    """The search columns of one resident (see the residents table)."""
    return {
        "name_key": kanji_key(surname_kanji + given_name_kanji),
        "given_name_key": kanji_key(given_name_kanji),
        "kana_key": kana_key(surname_kana + given_name_kana),
        "given_kana_key": kana_key(given_name_kana),
    }


def household_search_keys(address: str, katagaki: str | None) -> dict[str, str]:
    """The search columns of one household (see the households table)."""
    return {"address_key": address_key(address, katagaki)}
