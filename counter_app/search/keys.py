"""Search keys: what a name or kana reading becomes so that every way of typing it matches.

- Kana: NFKC (half-width ｶﾀｶﾅ → full width), hiragana → katakana, spaces and the middle
  dot removed: 「たかはし　はなこ」, 「ﾀｶﾊｼ ﾊﾅｺ」 and 「タカハシハナコ」 give one key.
- Kanji: NFKC, then each variant character (異体字) folded to its common form through the
  curated table resources/search/variants.yaml, spaces removed: 髙橋 and 高橋 give one key.

Keys are for finding only; what is shown and printed is always the registered text.
"""

from __future__ import annotations

import unicodedata
from functools import cache

import yaml

import resources

from ..errors import CounterAppError, ErrorCode

_HIRAGANA_TO_KATAKANA = {code: code + 0x60 for code in range(ord("ぁ"), ord("ゖ") + 1)}
_HIRAGANA_TO_KATAKANA.update({ord("ゝ"): ord("ヽ"), ord("ゞ"): ord("ヾ")})
_DROPPED = {ord(c): None for c in " \u3000・･-‐－"}


@cache
def variant_table() -> dict[str, str]:
    """variant character → common form, from resources/search/variants.yaml."""
    path = resources.path("search", "variants.yaml")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))["variants"]
        table: dict[str, str] = {}
        for common, variants in data.items():
            for variant in variants:
                if variant == common or variant in table or variant in data:
                    raise ValueError(f"{variant} is listed twice or folds into itself")
                table[variant] = common
    except (OSError, KeyError, TypeError, AttributeError, ValueError, yaml.YAMLError) as exc:
        raise CounterAppError(ErrorCode.RESOURCE_INVALID, path=path, detail=str(exc)) from exc
    return table


def kana_key(text: str) -> str:
    normalised = unicodedata.normalize("NFKC", text)
    return normalised.translate(_HIRAGANA_TO_KATAKANA).translate(_DROPPED)


def kanji_key(text: str) -> str:
    table = variant_table()
    normalised = unicodedata.normalize("NFKC", text).translate(_DROPPED)
    return "".join(table.get(char, char) for char in normalised)


def is_kana(text: str) -> bool:
    key = kana_key(text)
    return bool(key) and all("ァ" <= char <= "ヺ" or char in "ーヽヾ" for char in key)


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
