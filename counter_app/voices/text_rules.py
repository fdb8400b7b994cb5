"""What a free text typed by staff (a voice, an answer, a letter, a comment) may hold:
something, within a length, and no character nobody can see (control characters other
than line breaks and tabs, format characters, lone surrogates, unassigned code points)."""

from __future__ import annotations

import unicodedata

from ..errors import CounterAppError, ErrorCode

_KEPT_CONTROLS = "\t\n\r"
_REFUSED_CATEGORIES = {"Cc", "Cf", "Cs", "Cn"}


def checked_text(text: str, field: str, maximum: int, *, required: bool = True) -> str:
    """The text without surrounding blanks; VOICE_TEXT_REQUIRED, VOICE_TEXT_TOO_LONG or
    VOICE_CHARACTER (naming the character as U+XXXX) otherwise. `field` names it."""
    text = (text or "").strip()
    if required and not text:
        raise CounterAppError(ErrorCode.VOICE_TEXT_REQUIRED, field=field)
    if len(text) > maximum:
        raise CounterAppError(
            ErrorCode.VOICE_TEXT_TOO_LONG, field=field, length=len(text), maximum=maximum
        )
    for position, char in enumerate(text, start=1):
        if char not in _KEPT_CONTROLS and unicodedata.category(char) in _REFUSED_CATEGORIES:
            raise CounterAppError(
                ErrorCode.VOICE_CHARACTER,
                field=field,
                code_point=f"U+{ord(char):04X}",
                position=position,
            )
    return text.replace("\r\n", "\n").replace("\r", "\n")
