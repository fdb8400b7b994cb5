"""Personal data typed into a voice's free text: found when the voice is recorded (the
recorder is warned and the kinds are kept with the voice) and masked in every export.

The patterns find what staff most often type by habit: a phone number to call back, an
e-mail address, a 12-digit number (a My Number looks like one), a postal code, a street
number (…丁目…番…号, …番地) and a person's name before さん・様・氏. They err on the side of
masking: a report loses a few words rather than carry a name.
"""

from __future__ import annotations

import re
import unicodedata

PATTERNS: dict[str, re.Pattern[str]] = {
    "email": re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    "my_number": re.compile(r"(?<!\d)\d{4}[- ]?\d{4}[- ]?\d{4}(?!\d)"),
    "phone": re.compile(r"(?<!\d)0\d{1,4}[-(]?\d{1,4}[-)]?\d{3,4}(?!\d)"),
    "postal_code": re.compile(r"〒?(?<![\d-])\d{3}-\d{4}(?![\d-])"),
    "address": re.compile(
        r"\d+丁目(?:\d+番(?:地)?)?(?:\d+号?)?|\d+番地(?:の?\d+)?|(?<![\d-])[1-9]\d*-\d+-\d+"
    ),
    "name": re.compile(r"[一-龥々ぁ-んァ-ヶーA-Za-z]{1,10}(?:さん|様|さま|氏|君|ちゃん)"),
}
LABELS = {
    "email": ("メールアドレス", "email address"),
    "my_number": ("個人番号らしき数字", "a number like a My Number"),
    "phone": ("電話番号", "phone number"),
    "postal_code": ("郵便番号", "postal code"),
    "address": ("番地", "street address"),
    "name": ("人名らしき語", "a name"),
}
MASK = "＊＊＊"
_DASH_BETWEEN_DIGITS = re.compile(r"(?<=\d)[ー−‐―](?=\d)")


def _one_to_one(char: str) -> str:
    folded = unicodedata.normalize("NFKC", char)
    return folded if len(folded) == 1 else char


def _spans(text: str) -> list[tuple[int, int, str]]:
    # Full-width digits, letters and hyphens folded character by character (NFKC where
    # it keeps one character), so the spans found index the original text.
    plain = _DASH_BETWEEN_DIGITS.sub("-", "".join(_one_to_one(c) for c in text))
    spans = []
    for kind, pattern in PATTERNS.items():
        spans.extend((m.start(), m.end(), kind) for m in pattern.finditer(plain))
    return sorted(spans)


def find_personal_data(text: str) -> tuple[str, ...]:
    """The kinds of personal data the text seems to hold, in a fixed order."""
    found = {kind for _, _, kind in _spans(text)}
    return tuple(kind for kind in PATTERNS if kind in found)


def masked(text: str) -> str:
    """The text with every span that looks like personal data replaced by ＊＊＊."""
    merged: list[list[int]] = []
    for start, end, _ in _spans(text):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    pieces, position = [], 0
    for start, end in merged:
        pieces.extend([text[position:start], MASK])
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def describe(kinds: tuple[str, ...] | list[str], language: str = "ja") -> str:
    index = 1 if language == "en" else 0
    return ("、" if index == 0 else ", ").join(LABELS[k][index] for k in kinds if k in LABELS)
