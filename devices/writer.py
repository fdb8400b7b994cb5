"""Lines of text to ESC/POS bytes for the ticket and the receipts, laid out on a profile's paper.

The writer sends a layout command (alignment, size, emphasis) only when it changes, and
draws a line the printer's Shift_JIS ROM cannot print as a raster image, never as `?`;
on a printer without a kanji ROM (`PrinterProfile.kanji_rom` false) it draws every line.
`wrap` breaks text into lines of a paper's columns, keeping Japanese punctuation rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from . import escpos, raster
from .escpos import char_columns, text_columns
from .profiles import DEFAULT, PrinterProfile

# Characters a line should not start with (行頭禁則): the character before goes along.
NO_LINE_START = frozenset(
    "、。，．,.)）」』】〕］｝〉》・：；:;!?！？ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々"
)
# Characters a line should not end with (行末禁則): they go to the next line.
NO_LINE_END = frozenset("(（「『【〔［｛〈《")


@dataclass(frozen=True)
class Line:
    text: str
    align: str = "left"
    width: int = 1
    height: int = 1
    bold: bool = False


class NoKanjiRomFont(ValueError):
    """A printer without a kanji ROM prints every line as an image: it needs a font."""

    def __init__(self, profile: PrinterProfile):
        self.profile = profile
        super().__init__(
            f"printer profile {profile.name!r} has no kanji ROM: every line is printed as "
            "an image; pass a font file (raster_font=…)"
        )


class LineWriter:
    def __init__(
        self, raster_font: str | Sequence[str] | None, profile: PrinterProfile = DEFAULT
    ) -> None:
        if not profile.kanji_rom and raster_font is None:
            raise NoKanjiRomFont(profile)
        self.out = bytearray(escpos.initialize_japanese())
        self.raster_lines: list[str] = []  # the lines drawn as images
        self.missing: list[str] = []  # characters no font had (drawn as 〓)
        self.profile = profile
        self._raster_font = raster_font
        self._align, self._size, self._bold = "left", (1, 1), False

    def layout(self, align: str, size: tuple[int, int], bold: bool) -> None:
        if self._align != align:
            self.out.extend(escpos.align(align))
        if self._size != size:
            self.out.extend(escpos.character_size(*size))
            self.out.extend(
                escpos.kanji_print_mode(double_width=size[0] >= 2, double_height=size[1] >= 2)
            )
        if self._bold != bold:
            self.out.extend(escpos.emphasis(bold))
        self._align, self._size, self._bold = align, size, bold

    def lines(self, lines: Iterable[Line]) -> None:
        for line in lines:
            if text_columns(line.text) * line.width > self.profile.columns:
                raise ValueError(
                    f"{line.text!r} at {line.width}× is wider than the "
                    f"{self.profile.columns} columns of {self.profile.name}"
                )
            if not self.profile.kanji_rom:
                self._raster(line)
                continue
            try:
                encoded = escpos.text_line(line.text)
            except escpos.UnencodableText as error:
                if self._raster_font is None:
                    raise escpos.NoRasterFont(error) from None
                self._raster(line)
                continue
            self.layout(line.align, (line.width, line.height), line.bold)
            self.out.extend(encoded)

    def _raster(self, line: Line) -> None:
        """The line as a GS v 0 image, drawn from the raster font on the column grid."""
        assert self._raster_font is not None
        self.layout(line.align, self._size, self._bold)
        image, drawn = raster.raster_text_line(
            line.text, self._raster_font, width=line.width, height=line.height
        )
        self.out.extend(image)
        self.raster_lines.append(line.text)
        self.missing.extend(c for c in drawn.missing_glyphs if c not in self.missing)

    def extend(self, data: bytes) -> None:
        self.out.extend(data)


def wrap(text: str, width: int, *, first: str = "", rest: str = "") -> list[str]:
    """`text` in lines of at most `width` columns, `first` before the first, `rest` before
    the others. A line breaks before an opening bracket or after a space past its first
    third, else between any two characters, keeping 、。）」 off a line's start and （「 off
    its end when the line can give way. Spaces at a break are dropped."""
    lines: list[str] = []
    prefix, line = first, []
    for char in text:
        if line and text_columns(prefix) + text_columns("".join(line)) + char_columns(char) > width:
            carry = _soft_break(line)
            if text_columns(rest) + text_columns("".join(carry)) + char_columns(char) > width:
                line.extend(carry)  # the better break would overflow the next line
                carry = []
            while len(line) > 1 and (
                (carry[0] if carry else char) in NO_LINE_START or line[-1] in NO_LINE_END
            ):
                carry.insert(0, line.pop())
            lines.append(prefix + "".join(line).rstrip(" "))
            prefix, line = rest, carry
        if char == " " and not line and lines:
            continue
        line.append(char)
    lines.append(prefix + "".join(line).rstrip(" "))
    return lines


def _soft_break(line: list[str]) -> list[str]:
    """Take from `line` what goes to the next one when it breaks at a better place: before
    an opening bracket or after a space past the line's first third; else nothing."""
    for i in range(len(line) - 1, len(line) // 3, -1):
        if line[i] in NO_LINE_END or line[i - 1] == " ":
            carry = line[i:]
            del line[i:]
            return carry
    return []
