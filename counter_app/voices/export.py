"""Voices as a spreadsheet (the search's hits): every free text masked.

What leaves the app in a file may be forwarded, printed or mailed, so the texts a member
of staff typed (the voice, each answer, what was changed) go through `masked()`: what
looks like a phone number, an e-mail address, a My Number, a street number or a name is
replaced by ＊＊＊. The link to a resident is never exported, only whether there is one.
CSV in UTF-8 with a BOM (Excel opens it) or CP932, CRLF line ends; a cell that would
start a formula is written as text.
"""

from __future__ import annotations

import csv
import io

from ..clock import local
from ..safe_text import escaped
from . import VoiceInfo, label
from .personal_data import describe, masked
from .topics import VoiceSettings

HEADER = (
    "番号",
    "記録日時",
    "経路",
    "区分",
    "分野",
    "関係課",
    "状況",
    "内容",
    "各課の回答",
    "改善した内容",
    "個人情報の記載",
    "住民記録との紐づけ",
)


def voices_csv(
    voices: list[VoiceInfo], settings: VoiceSettings, encoding: str = "utf-8-sig"
) -> bytes:
    """The voices, one row each, as CSV bytes; a character CP932 lacks becomes "?"."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for voice in voices:
        writer.writerow([_cell(cell) for cell in _row(voice, settings)])
    return buffer.getvalue().encode(encoding, errors="replace")


def _cell(value: object) -> str:
    """Line breaks kept (a quoted cell holds them), every other control character escaped;
    a text that a spreadsheet would take for a formula (=, +, -, @ first) starts with an
    apostrophe, so a resident's words are never run by Excel."""
    text = escaped(str(value), keep="\n")
    return "'" + text if text[:1] in _FORMULA_STARTS else text


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _row(voice: VoiceInfo, settings: VoiceSettings) -> list[object]:
    topics = [settings.topic(t).name if settings.topic(t) else t for t in voice.topics]
    return [
        voice.id,
        local(voice.recorded_at).strftime("%Y-%m-%d %H:%M"),
        label(voice.channel),
        label(voice.kind),
        "・".join(topics),
        "・".join(r.department_name for r in voice.routings),
        label(voice.status),
        masked(voice.text),
        _per_department(voice, lambda r: r.answer),
        _per_department(voice, lambda r: r.change_made),
        describe(voice.personal_data),
        "あり（本人同意）" if voice.resident_linked else "",
    ]


def _per_department(voice: VoiceInfo, text_of) -> str:
    return "\n".join(
        f"{r.department_name}: {masked(text_of(r))}" for r in voice.routings if text_of(r)
    )
