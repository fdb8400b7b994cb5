"""Text from outside (names, files, typed values) made safe to show a person.

Two dangers: a control or formatting character written raw can rewrite a terminal (ESC
sequences), reorder what is read (bidi overrides such as U+202E) or hide text (NUL, zero
width); and a huge value (a 100 KB field) drowns the message that quotes it. `escaped`
turns every such character into a visible escape (`\\x1b`, `\\u202e`); `shown` also cuts
a value to a length a person reads, saying how long it was. `messages.message_for` shows
every parameter through `shown`; the command line writes every line through `escaped`.
"""

from __future__ import annotations

import re

# Every code point of the Unicode categories Cc (controls), Cf (format: bidi, zero width,
# BOM …), Zl, Zp (line and paragraph separators) and Cs (lone surrogates, which cannot
# even be encoded). tests/test_safe_text.py checks this class against unicodedata.
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ud800-\udfff\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f]"
)

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
    if keep:
        return _UNSAFE.sub(lambda m: m.group() if m.group() in keep else _escape(m), text)
    return _UNSAFE.sub(_escape, text)


def has_unsafe_character(text: str) -> bool:
    return _UNSAFE.search(text) is not None


def first_unsafe_character(text: str) -> tuple[int, str] | None:
    """(1-based position, the character) of the first unsafe character, or None."""
    match = _UNSAFE.search(text)
    return None if match is None else (match.start() + 1, match.group())


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


__all__ = ["MAX_SHOWN", "escaped", "first_unsafe_character", "has_unsafe_character", "shown"]
