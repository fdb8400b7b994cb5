"""One line of text on a reportlab canvas, and the glyph rule every printed page follows.

A value is drawn on one line, shrunk (then narrowed) to fit its box, never wrapped. A
character the font lacks is never dropped: `GlyphWarnings.check` turns it into 〓 and
records a `GlyphWarning`, and the caller frames the box in red with `red_frame`.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from .fonts import GOTHIC, printable

# In a text made of one-character words only (「林 薫」, 「1 / 3」), every gap is a space,
# and poppler (pdftotext) reads such evenly spaced text as letter spacing and drops the
# spaces unless they are wider than about 0.65 em: those spaces print 0.75 em wide.
# (Wider spaces elsewhere make pdftotext -layout split a value into columns.)
WORD_GAP = 0.75

RED = (0.85, 0.0, 0.0)
MISSING_GLYPH_MARK = "外字あり"


@dataclass(frozen=True)
class GlyphWarning:
    form_id: str  # the form, or the certificate's 発行番号
    field_key: str  # "" for the page header
    field_label: str
    person_name: str | None
    char: str
    codepoint: int

    @property
    def code(self) -> str:
        return f"U+{self.codepoint:04X}"

    def __str__(self) -> str:
        whose = f"（{self.person_name}）" if self.person_name else ""
        return (
            f"{self.form_id}{whose} {self.field_label}: 「{self.char}」({self.code}) は"
            "フォントにないため〓で印字しました"
        )


class GlyphWarnings:
    """Every character a font lacked, once per place (document, field) it was found in."""

    def __init__(self) -> None:
        self.items: list[GlyphWarning] = []
        self._seen: set[tuple[object, str, str]] = set()

    def check(
        self,
        text: str,
        font: str,
        *,
        place: object,
        form_id: str,
        key: str,
        label: str,
        person_name: str | None,
    ) -> tuple[str, bool]:
        """`text` as it can be printed (〓 for what the font lacks), and whether it lacked any."""
        shown, missing = printable(text, font)
        for char in missing:
            if (place, key, char) not in self._seen:
                self._seen.add((place, key, char))
                self.items.append(GlyphWarning(form_id, key, label, person_name, char, ord(char)))
        return shown, bool(missing)


def word_space(text: str, font: str, size: float) -> float:
    """What to add to each space of `text` (see WORD_GAP)."""
    if " " not in text or any(len(word) > 1 for word in text.split(" ")):
        return 0.0
    return max(0.0, WORD_GAP * size - stringWidth(" ", font, size))


def text_width(text: str, font: str, size: float) -> float:
    return stringWidth(text, font, size) + text.count(" ") * word_space(text, font, size)


def fit(text: str, font: str, size: float, min_size: float, width: float) -> tuple[float, float]:
    """The font size and horizontal scale (%) that fit `text` on one line in `width`."""
    natural = text_width(text, font, size)
    if natural <= width or not text:
        return size, 100.0
    fitted = size * width / natural
    if fitted >= min_size:
        return fitted, 100.0
    return min_size, 100.0 * width / text_width(text, font, min_size)


def draw_text(
    canvas: Canvas,
    x: float,
    y: float,
    text: str,
    font: str,
    size: float,
    width: float | None = None,
    min_size: float | None = None,
    align: str = "left",
) -> float:
    """Draw one line with its baseline at `y`, fitted into `width` when given; returns its
    drawn width."""
    scale = 100.0
    if width is not None:
        size, scale = fit(text, font, size, min_size or size, width)
    drawn = text_width(text, font, size) * scale / 100.0
    if align == "right":
        x -= drawn
    elif align == "center":
        x -= drawn / 2
    obj = canvas.beginText(x, y)
    obj.setFont(font, size)
    gap = word_space(text, font, size)
    if gap:
        obj.setWordSpace(gap)
    if scale != 100.0:
        obj.setHorizScale(scale)
    obj.textOut(text)
    canvas.drawText(obj)
    return drawn


def red_frame(
    canvas: Canvas,
    x: float,
    y: float,
    w: float,
    h: float,
    mark: bool = True,
    inset: float = 1.5 * mm,
) -> None:
    """The red frame around a box holding a 〓, with 「外字あり」 in its top right corner."""
    canvas.saveState()
    canvas.setStrokeColorRGB(*RED)
    canvas.setLineWidth(1.6)
    canvas.rect(x + 1, y + 1, w - 2, h - 2, stroke=1, fill=0)
    if mark:
        canvas.setFillColorRGB(*RED)
        draw_text(
            canvas, x + w - inset, y + h - 2.6 * mm, MISSING_GLYPH_MARK, GOTHIC, 5.5, align="right"
        )
    canvas.restoreState()
