"""個人番号 (My Number) check digit, per 総務省令第85号 第5条 (residents-schema.md §1.1)."""

from __future__ import annotations

from operator import mul

# Qn for the 11 digits read from the left: Qn = n + 1 for positions 1–6 counted from the
# right, n − 5 for positions 7–11 (the schema doc lists them as 6 5 4 3 2 7 6 5 4 3 2).
WEIGHTS_FROM_LEFT = (6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def my_number_check_digit(first11: str) -> int:
    """The 12th digit for the 11 digits `first11`: 11 − (Σ Pn×Qn mod 11), or 0 if that is ≤ 1."""
    if len(first11) != 11 or not _ascii_digits(first11):
        raise ValueError(f"expected 11 digits, got {first11!r}")
    total = sum(map(mul, map(int, first11), WEIGHTS_FROM_LEFT))
    remainder = total % 11
    return 0 if remainder <= 1 else 11 - remainder


def is_valid_my_number(s: str) -> bool:
    return len(s) == 12 and _ascii_digits(s) and my_number_check_digit(s[:11]) == int(s[11])


def _ascii_digits(s: str) -> bool:
    """0–9 only: str.isdigit alone also accepts full-width and superscript digits."""
    return s.isascii() and s.isdigit()
