"""Deterministic dice for the demo city.

Every draw goes through `random.Random(seed).random()`: CPython promises that sequence for a
given seed across versions, while randrange, choices and shuffle have changed between releases.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from itertools import accumulate
from math import sqrt
from typing import Generic, TypeVar

T = TypeVar("T")


class Dice:
    __slots__ = ("random",)

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed).random

    def chance(self, probability: float) -> bool:
        return self.random() < probability

    def below(self, n: int) -> int:
        """An integer in 0 … n-1."""
        return int(self.random() * n)

    def between(self, low: int, high: int) -> int:
        """An integer in low … high, both included."""
        return low + int(self.random() * (high - low + 1))

    def uniform(self, low: float, high: float) -> float:
        return low + (high - low) * self.random()

    def triangular(self, low: float, high: float, mode: float) -> float:
        u = self.random()
        split = (mode - low) / (high - low)
        if u < split:
            return low + sqrt(u * (high - low) * (mode - low))
        return high - sqrt((1.0 - u) * (high - low) * (high - mode))

    def pick(self, items: Sequence[T]) -> T:
        return items[int(self.random() * len(items))]

    def digits(self, count: int) -> str:
        return f"{int(self.random() * 10**count):0{count}d}"


class WeightedTable(Generic[T]):
    """Items drawn in proportion to their weights."""

    __slots__ = ("_cumulative", "_items", "_total")

    def __init__(self, weighted: Iterable[tuple[T, float]]) -> None:
        pairs = list(weighted)
        self._items = [item for item, _ in pairs]
        self._cumulative = list(accumulate(weight for _, weight in pairs))
        self._total = self._cumulative[-1]

    def pick(self, dice: Dice) -> T:
        return self._items[bisect_right(self._cumulative, dice.random() * self._total)]
