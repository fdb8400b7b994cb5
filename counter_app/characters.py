"""Characters no registered item may hold: controls and the invisible format characters
that make one name look like another.

Refused: every control character (C0, DEL, C1) except TAB, LF and CR, which a CSV file
carries; every format character (Unicode category Cf: the bidi embeddings and overrides
U+202A–202E, the isolates U+2066–2069, the zero-width U+200B–200D, U+FEFF, the soft
hyphen …); the line and paragraph separators U+2028/2029; lone surrogates. Allowed: private
use characters (外字 of the core systems) and variation selectors (異体字 by IVS).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_CSV_CONTROLS = frozenset("\t\n\r")
# Planes 4–13 hold no characters and 15–16 only private use: the rest is scanned.
_SCANNED = (range(0x40000), range(0xE0000, 0xF0000))


@cache
def _refused() -> re.Pattern[str]:
    """A character class of every refused code point, built once from Python's Unicode data."""
    points = [
        point
        for scanned in _SCANNED
        for point in scanned
        if unicodedata.category(chr(point)) in _REFUSED_CATEGORIES
        and chr(point) not in _CSV_CONTROLS
    ]
    ranges: list[str] = []
    start = previous = points[0]
    for point in [*points[1:], -1]:
        if point != previous + 1:
            ranges.append(
                _escape(start) if start == previous else f"{_escape(start)}-{_escape(previous)}"
            )
            start = point
        previous = point
    return re.compile(f"[{''.join(ranges)}]")


def _escape(point: int) -> str:
    return f"\\U{point:08x}"


def first_refused(text: str) -> tuple[int, str] | None:
    """(position counted from 1, character) of the first refused character, or None."""
    if text.isprintable():  # every refused character is unprintable: the quick answer
        return None
    match = _refused().search(text)
    return None if match is None else (match.start() + 1, match.group())


def describe(character: str) -> str:
    """`U+202E RIGHT-TO-LEFT OVERRIDE`; controls and surrogates have no name: `U+0000`."""
    point = f"U+{ord(character):04X}"
    name = unicodedata.name(character, "")
    return f"{point} {name}" if name else point


def make_visible(text: str) -> str:
    """`text` with each refused character shown as its code point: 髙<U+202E>橋."""
    return _refused().sub(lambda match: f"<U+{ord(match.group()):04X}>", text)
