"""Percentiles, one way everywhere: linear interpolation between the closest ranks.

For n sorted values x[0] … x[n-1], the p-th percentile (0 ≤ p ≤ 1) sits at rank
h = (n − 1) · p: x[⌊h⌋] + (h − ⌊h⌋) · (x[⌊h⌋+1] − x[⌊h⌋]). This is Excel's PERCENTILE.INC,
numpy's default ("linear") and `statistics.quantiles(method="inclusive")`; one value is
its own percentile, none has none. The median of an even count is the mean of the two
middle values.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["percentile", "rounded"]


def percentile(sorted_values: Sequence[float], p: float) -> float | None:
    """The p-th percentile (0..1) of values sorted ascending; None when there are none."""
    n = len(sorted_values)
    if n == 0:
        return None
    rank = (n - 1) * p
    low = int(rank)
    if low >= n - 1:
        return float(sorted_values[-1])
    fraction = rank - low
    return sorted_values[low] + fraction * (sorted_values[low + 1] - sorted_values[low])


def rounded(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)
