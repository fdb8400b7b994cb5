"""The shipped IPAex fonts, registered once per process and embedded as subsets.

Values print in IPAex明朝 (as on official forms), labels and headings in IPAexゴシック.
reportlab's TTFont embeds only the glyphs a document uses. A character the font lacks
would silently print as an empty box (.notdef): `missing_chars` finds those first so the
renderer can mark them instead.
"""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

import resources

MINCHO = "IPAexMincho"  # values
GOTHIC = "IPAexGothic"  # labels, headings, marks
GETA = "〓"  # U+3013 げた記号: printed in place of a character the font lacks

_FILES = {MINCHO: "ipaexm.ttf", GOTHIC: "ipaexg.ttf"}

# reportlab wraps every compressed stream in ASCII85 unless told not to, and without its C
# accelerator (not installed here) that encoding alone costs about 13 ms a PDF. Binary
# streams are as valid, smaller, and what every PDF reader expects.
rl_config.useA85 = 0
_lock = threading.Lock()
_registered: dict[str, TTFont] = {}


def font_dir() -> Path:
    return Path(resources.__file__).resolve().parent / "fonts"


def register_fonts() -> None:
    """Register both fonts with reportlab; later calls cost nothing."""
    if len(_registered) == len(_FILES):
        return
    with _lock:
        for name, file in _FILES.items():
            if name not in _registered:
                font = TTFont(name, str(font_dir() / file))
                pdfmetrics.registerFont(font)
                _registered[name] = font


def font(name: str = MINCHO) -> TTFont:
    register_fonts()
    return _registered[name]


def missing_chars(text: str, font_name: str = MINCHO) -> list[str]:
    """The distinct characters of `text` the font has no glyph for, in order of appearance."""
    cmap = font(font_name).face.charToGlyph
    missing: list[str] = []
    for char in text:
        if ord(char) not in cmap and char not in missing:
            missing.append(char)
    return missing


def printable(text: str, font_name: str = MINCHO) -> tuple[str, list[str]]:
    """`text` with every character the font lacks replaced by 〓, and those characters."""
    missing = missing_chars(text, font_name)
    if not missing:
        return text, []
    return "".join(GETA if char in missing else char for char in text), missing
