"""Unique numbers for the register and the department systems, all drawn from the seed."""

from __future__ import annotations

from itertools import count
from math import gcd
from operator import itemgetter

from .mynumber import my_number_check_digit
from .randomness import Dice

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


class SerialNumbers:
    """Increasing numbers with small random gaps: unique, yet not one after the other."""

    __slots__ = ("_dice", "_max_gap", "_value")

    def __init__(self, dice: Dice, start: int, max_gap: int = 9) -> None:
        self._dice = dice
        self._max_gap = max_gap
        self._value = start

    def next(self, width: int) -> str:
        self._value += 1 + int(self._dice.random() * self._max_gap)
        return f"{self._value:0{width}d}"


class ScrambledNumbers:
    """A one-to-one map from 0, 1, 2 … onto `digits`-digit numbers that look random.

    An affine map modulo the size of the range, then a fixed shuffle of the digit positions,
    so numbers are unique without remembering the ones already handed out.
    """

    __slots__ = ("_multiplier", "_offset", "_rest", "_shuffle", "_size", "_width")

    def __init__(self, dice: Dice, digits: int) -> None:
        self._width = digits - 1
        self._rest = 10**self._width
        self._size = 9 * self._rest  # the first digit is never 0
        multiplier = self._size // 3 + int(dice.random() * (self._size // 2))
        while gcd(multiplier, self._size) != 1:
            multiplier += 1
        self._multiplier = multiplier
        self._offset = int(dice.random() * self._size)
        positions = list(range(digits - 1))
        for i in range(len(positions) - 1, 0, -1):
            j = int(dice.random() * (i + 1))
            positions[i], positions[j] = positions[j], positions[i]
        self._shuffle = itemgetter(*positions)

    def number(self, index: int) -> str:
        value = (self._multiplier * index + self._offset) % self._size
        lead, rest = divmod(value, self._rest)
        return str(lead + 1) + "".join(self._shuffle(str(rest).zfill(self._width)))


class IdentifierBook:
    """Every kind of number the demo city hands out."""

    def __init__(self, dice: Dice) -> None:
        self._dice = dice
        self._juminhyo = ScrambledNumbers(dice, 11)
        self._my_number = ScrambledNumbers(dice, 11)
        self._basic_pension = ScrambledNumbers(dice, 10)
        self._atena = SerialNumbers(dice, 1_000_000_000 + dice.below(50_000_000))
        self._household = SerialNumbers(dice, 10_000_000 + dice.below(1_000_000))
        self._kouki = SerialNumbers(dice, 10_000_000 + dice.below(5_000_000))
        self._ltc = SerialNumbers(dice, 100_000_000 + dice.below(100_000_000))
        self._nhi = SerialNumbers(dice, 100_000 + dice.below(100_000), max_gap=3)
        self._certificates = {
            kind: SerialNumbers(dice, 1_000_000 + dice.below(1_000_000), max_gap=5)
            for kind in ("allowance", "medical", "support", "single_parent", "seal", "handbook")
        }
        self._residence_card = SerialNumbers(dice, 10_000_000 + dice.below(10_000_000))
        self.handbook_ids = count(1)
        self.support_measure_ids = count(1)

    def atena_no(self) -> str:
        return self._atena.next(10)

    def household_no(self) -> str:
        return self._household.next(8)

    def juminhyo_code(self, index: int) -> str:
        return self._juminhyo.number(index)

    def my_number(self, index: int) -> str:
        first11 = self._my_number.number(index)
        return f"{first11}{my_number_check_digit(first11)}"

    def basic_pension_no(self, index: int) -> str:
        number = self._basic_pension.number(index)
        return f"{number[:4]}-{number[4:]}"

    def kouki_insured_no(self) -> str:
        return self._kouki.next(8)

    def ltc_insured_no(self) -> str:
        return self._ltc.next(10)

    def nhi_symbol_number(self, district: int) -> str:
        """国保の記号・番号: a 2-digit 記号 for the district, the household's 番号."""
        return f"{district:02d}-{self._nhi.next(7)}"

    def certificate_no(self, kind: str) -> str:
        return self._certificates[kind].next(8)

    def residence_card_no(self) -> str:
        """Two letters, eight digits, two letters, as on a 在留カード."""
        pick = self._dice.pick
        digits = self._residence_card.next(8)
        return f"{pick(LETTERS)}{pick(LETTERS)}{digits}{pick(LETTERS)}{pick(LETTERS)}"
