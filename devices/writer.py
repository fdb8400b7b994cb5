"""Lines of text to ESC/POS bytes for the ticket and the receipt.

The writer sends a layout command (alignment, size, emphasis) only when it changes, and
draws a line the printer's Shift_JIS ROM cannot print as a raster image, never as `?`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from . import escpos, raster


@dataclass(frozen=True)
class Line:
    text: str
    align: str = "left"
    width: int = 1
    height: int = 1
    bold: bool = False


class LineWriter:
    def __init__(self, raster_font: str | Sequence[str] | None) -> None:
        self.out = bytearray(escpos.initialize_japanese())
        self.raster_lines: list[str] = []  # the lines drawn as images
        self.missing: list[str] = []  # characters no font had (drawn as 〓)
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
            try:
                encoded = escpos.text_line(line.text)
            except escpos.UnencodableText as error:
                if self._raster_font is None:
                    raise escpos.NoRasterFont(error) from None
                self.layout(line.align, self._size, self._bold)
                image, drawn = raster.raster_text_line(
                    line.text, self._raster_font, width=line.width, height=line.height
                )
                self.out.extend(image)
                self.raster_lines.append(line.text)
                self.missing.extend(c for c in drawn.missing_glyphs if c not in self.missing)
                continue
            self.layout(line.align, (line.width, line.height), line.bold)
            self.out.extend(encoded)

    def extend(self, data: bytes) -> None:
        self.out.extend(data)
