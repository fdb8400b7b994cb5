"""What the search box accepts: bounded length, bounded words, printable characters only.

The limits sit far above what a clerk types and far below what costs anything:
- MAX_QUERY_CHARS (200): the longest real query is a whole address with its 方書
  (京都's 通り名 addresses with a building name stay under 70 characters), a full
  name (a Latin name with its particles under 60) and a birth date: about 140.
- MAX_WORDS (12): name (up to six words for a Latin name with particles: MARIA DE LOS
  ANGELES GARCIA LOPEZ), birth date, address and its 方書, phone: about 10.
- MAX_WORD_CHARS (100): one word is at most an address written without spaces
  (about 70 characters with its building); a stored surname or given name holds at
  most 40. The limit applies to the word as typed and as normalised (NFKC makes ㍿
  four characters), so every search key and LIKE pattern stays short.

Refused characters are those nobody can see or type on purpose: control characters
(tab and line breaks separate words, as a space does), format characters (zero-width
space, BOM, bidirectional overrides), lone surrogates and unassigned code points. The
message names the character as U+XXXX, never the character itself. Private-use
characters (a city's 外字) are accepted.
"""

from __future__ import annotations

import unicodedata

from ..errors import CounterAppError, ErrorCode

MAX_QUERY_CHARS = 200
MAX_WORDS = 12
MAX_WORD_CHARS = 100

SEPARATORS = "\t\n\r"
_REFUSED_CATEGORIES = {"Cc", "Cf", "Cs", "Cn"}


def check_query(text: str) -> None:
    """Raise SEARCH_TOO_LONG or SEARCH_CHARACTER for a search box no search may run on."""
    if len(text) > MAX_QUERY_CHARS:
        raise CounterAppError(ErrorCode.SEARCH_TOO_LONG, length=len(text), maximum=MAX_QUERY_CHARS)
    check_characters(text)


def check_word_count(count: int) -> None:
    if count > MAX_WORDS:
        raise CounterAppError(ErrorCode.SEARCH_TOO_MANY_WORDS, count=count, maximum=MAX_WORDS)


def checked_word(word: str) -> str:
    """The word in NFKC; raises SEARCH_WORD_TOO_LONG (as typed or as normalised) or
    SEARCH_CHARACTER."""
    _check_word_length(len(word))
    check_characters(word)
    normalised = unicodedata.normalize("NFKC", word)
    _check_word_length(len(normalised))
    return normalised


def _check_word_length(length: int) -> None:
    if length > MAX_WORD_CHARS:
        raise CounterAppError(ErrorCode.SEARCH_WORD_TOO_LONG, length=length, maximum=MAX_WORD_CHARS)


def check_characters(text: str) -> None:
    for position, char in enumerate(text, start=1):
        if char not in SEPARATORS and unicodedata.category(char) in _REFUSED_CATEGORIES:
            raise CounterAppError(
                ErrorCode.SEARCH_CHARACTER, code_point=f"U+{ord(char):04X}", position=position
            )
