"""Text from outside (names, files, typed values) made safe to show a person.

Two dangers: a control or formatting character written raw can rewrite a terminal (ESC
sequences), reorder what is read (bidi overrides such as U+202E) or hide text (NUL, zero
width); and a huge value (a 100 KB field) drowns the message that quotes it. `escaped`
turns every such character into a visible escape (`\\x1b`, `\\u202e`); `shown` also cuts
a value to a length a person reads, saying how long it was. `messages.message_for` shows
every parameter through `shown`; the command line writes every line through `escaped`; the
import refuses what `first_unsafe_character` finds; the record shows it `make_visible`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
# Planes 4–13 hold no characters and 15–16 only private use (外字, kept): the rest is scanned.
_SCANNED = (range(0x40000), range(0xE0000, 0xF0000))


@cache
def _unsafe() -> re.Pattern[str]:
    """Every code point of the Unicode categories Cc (controls), Cf (format: bidi, zero
    width, BOM …), Zl, Zp (line and paragraph separators) and Cs (lone surrogates), as one
    character class built once from Python's Unicode data."""
    points = [
        point
        for scanned in _SCANNED
        for point in scanned
        if unicodedata.category(chr(point)) in _UNSAFE_CATEGORIES
    ]
    ranges: list[str] = []
    start = previous = points[0]
    for point in [*points[1:], -1]:
        if point != previous + 1:
            ranges.append(f"\\U{start:08x}" + ("" if start == previous else f"-\\U{previous:08x}"))
            start = point
        previous = point
    return re.compile(f"[{''.join(ranges)}]")


# A parameter longer than this is cut: a file path or a sentence fits, a pasted page not.
MAX_SHOWN = 200


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def escaped(text: str, keep: str = "") -> str:
    """`text` with every control, format and separator character (except those in `keep`)
    written as an escape; a string without any is returned as it is."""
    if text.isprintable():  # every unsafe character is unprintable: the quick answer
        return text
    if keep:
        return _unsafe().sub(lambda m: m.group() if m.group() in keep else _escape(m), text)
    return _unsafe().sub(_escape, text)


def has_unsafe_character(text: str) -> bool:
    return first_unsafe_character(text) is not None


def first_unsafe_character(text: str, allowed: str = "") -> tuple[int, str] | None:
    """(1-based position, the character) of the first unsafe character not in `allowed`,
    or None."""
    if text.isprintable():
        return None
    for match in _unsafe().finditer(text):
        if match.group() not in allowed:
            return match.start() + 1, match.group()
    return None


def describe(character: str) -> str:
    """`U+202E RIGHT-TO-LEFT OVERRIDE`; controls and surrogates have no name: `U+0000`."""
    point = f"U+{ord(character):04X}"
    name = unicodedata.name(character, "")
    return f"{point} {name}" if name else point


def make_visible(text: str, allowed: str = "") -> str:
    """`text` with each unsafe character not in `allowed` shown as its code point, for a
    clerk's screen: 髙<U+202E>橋 (the terminal's `escaped` writes \\u202e instead)."""
    if text.isprintable():
        return text
    return _unsafe().sub(
        lambda m: m.group() if m.group() in allowed else f"<U+{ord(m.group()):04X}>", text
    )


def shown(value: object, language: str = "ja", limit: int = MAX_SHOWN) -> str:
    """`value` as text for a message: escaped, and cut past `limit` characters with an
    ellipsis and the full length (「…（100000文字）」 / "… (100000 characters)")."""
    text = value if isinstance(value, str) else str(value)
    if len(text) <= limit:
        return escaped(text)
    head = escaped(text[: limit * 4 // 5])[: limit * 4 // 5]
    if language == "en":
        return f"{head}… ({len(text)} characters)"
    return f"{head}…（{len(text)}文字）"


__all__ = [
    "MAX_SHOWN",
    "describe",
    "escaped",
    "first_unsafe_character",
    "has_unsafe_character",
    "make_visible",
    "shown",
]
