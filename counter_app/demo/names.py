"""Japanese names drawn so that common names are common, with era-appropriate given names."""

from __future__ import annotations

from .model import MALE
from .name_lists import FEMALE_NAMES_BY_ERA, MALE_NAMES_BY_ERA, SURNAMES, VARIANT_SURNAMES
from .randomness import Dice, WeightedTable

Name = tuple[str, str]  # (kanji, katakana)

# Share of households whose surname is registered in an old or variant form (髙橋, 齋藤 …).
VARIANT_HOUSEHOLD_SHARE = 0.04
# Rank weights 1 / (rank + offset): the most common surname is about 2 % of people, as 佐藤 is.
SURNAME_RANK_OFFSET = 15
GIVEN_NAME_RANK_OFFSET = 8


def _pairs(text: str) -> list[Name]:
    return [(kanji, kana) for kanji, kana in (token.split(":") for token in text.split())]


def _by_rank(names: list[Name], offset: int) -> WeightedTable[Name]:
    return WeightedTable((name, 1.0 / (rank + offset)) for rank, name in enumerate(names, 1))


COMMON_SURNAMES = _pairs(SURNAMES)
SURNAME_KANA = dict(COMMON_SURNAMES)
# variant form -> common form, e.g. 髙橋 -> 高橋
VARIANT_OF = {
    variant: common for variant, common, _ in (t.split(":") for t in VARIANT_SURNAMES.split())
}


class NameBook:
    __slots__ = ("_female", "_male", "_surnames", "_variants")

    def __init__(self) -> None:
        self._surnames = _by_rank(COMMON_SURNAMES, SURNAME_RANK_OFFSET)
        self._variants = WeightedTable(
            ((variant, SURNAME_KANA[common]), float(weight))
            for variant, common, weight in (t.split(":") for t in VARIANT_SURNAMES.split())
        )
        self._male = self._eras(MALE_NAMES_BY_ERA)
        self._female = self._eras(FEMALE_NAMES_BY_ERA)

    @staticmethod
    def _eras(by_era: dict[int, str]) -> list[tuple[int, WeightedTable[Name]]]:
        return [
            (last_year, _by_rank(_pairs(text), GIVEN_NAME_RANK_OFFSET))
            for last_year, text in sorted(by_era.items())
        ]

    def surname(self, dice: Dice) -> Name:
        if dice.chance(VARIANT_HOUSEHOLD_SHARE):
            return self._variants.pick(dice)
        return self._surnames.pick(dice)

    def common_surname(self, dice: Dice) -> Name:
        return self._surnames.pick(dice)

    def given_name(self, dice: Dice, sex: str, birth_year: int) -> Name:
        eras = self._male if sex == MALE else self._female
        for last_year, table in eras:
            if birth_year <= last_year:
                return table.pick(dice)
        return eras[-1][1].pick(dice)
