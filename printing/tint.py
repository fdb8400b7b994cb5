"""The 地紋: a background that shows a photocopy of a certificate is a copy.

The principle of copy-evident paper, drawn in vector on plain paper: a field of fine lines
(which a copier cannot reproduce and drops) holds a latent word, 「複写」, made of larger
dots (which a copier keeps). Both fields print about the same tone, so the original looks
evenly tinted; on a copy the lines fade and the word stands out.

The word's shape comes from a small bitmap of the word rendered with Pillow in IPAex
Gothic; each of its pixels becomes one cell of the pattern, a dot where the glyph is and a
piece of line where it is not. Nothing here is text, so pdftotext never reads the pattern.
The tile (the word and its margin) is one form XObject per PDF, repeated over the area.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from .fonts import font_dir

LATENT_WORD = "複写"
TINT_RGB = (0.72, 0.80, 0.88)  # a pale blue-grey, as security paper is
GLYPH_PIXELS = 30  # the word's bitmap height in pixels: one pixel per cell
CELL = 0.9 * mm  # one bitmap pixel on paper
DOT = 0.48 * mm  # the latent word's dots (a copier keeps them)
LINE = 0.09 * mm  # the field's lines (a copier drops them)
LINES_PER_CELL = 2  # lines at CELL / 2: the same tone as the dots, about 20 % cover
MARGIN_CELLS = (20, 14)  # around the word in a tile: (across, down)
_FORM = "CertificateTint"
_OVERLAP = 0.4  # pt


@dataclass(frozen=True)
class LatentWord:
    """The word as a bitmap, rows top to bottom: True where the glyphs are."""

    word: str
    rows: tuple[tuple[bool, ...], ...]

    @property
    def width(self) -> int:
        return len(self.rows[0])

    @property
    def height(self) -> int:
        return len(self.rows)


@dataclass(frozen=True)
class Tile:
    """One word and its margin, in cells and in points; `operators` draw it."""

    latent: LatentWord
    columns: int
    rows: int
    operators: str

    @property
    def width(self) -> float:
        return self.columns * CELL

    @property
    def height(self) -> float:
        return self.rows * CELL

    def latent_at(self, column: int, row: int) -> bool:
        """Whether the cell (column, row counted from the tile's top) is part of the word."""
        left = (self.columns - self.latent.width) // 2
        top = (self.rows - self.latent.height) // 2
        inside = 0 <= column - left < self.latent.width and 0 <= row - top < self.latent.height
        return inside and self.latent.rows[row - top][column - left]


@lru_cache(maxsize=4)
def latent_word(word: str = LATENT_WORD) -> LatentWord:
    font = ImageFont.truetype(str(font_dir() / "ipaexg.ttf"), GLYPH_PIXELS)
    left, top, right, bottom = font.getbbox(word)
    image = Image.new("L", (right - left, bottom - top), 0)
    ImageDraw.Draw(image).text((-left, -top), word, font=font, fill=255)
    pixels = image.load()
    rows = tuple(
        tuple(pixels[x, y] >= 128 for x in range(image.width)) for y in range(image.height)
    )
    return LatentWord(word, rows)


@lru_cache(maxsize=4)
def tile(word: str = LATENT_WORD) -> Tile:
    latent = latent_word(word)
    shape = Tile(latent, latent.width + MARGIN_CELLS[0], latent.height + MARGIN_CELLS[1], "")
    lines: list[str] = []
    dots: list[str] = []
    for row in range(shape.rows):
        bottom = (shape.rows - 1 - row) * CELL
        cells = [shape.latent_at(column, row) for column in range(shape.columns)]
        for column, on in enumerate(cells):
            if on:
                x, y = (column + 0.5) * CELL, bottom + CELL / 2
                dots.append(f"{x:.2f} {y:.2f} m {x:.2f} {y:.2f} l")
        for line in range(LINES_PER_CELL):
            y = bottom + (line + 0.5) * CELL / LINES_PER_CELL
            for start, end in _runs_off(cells):
                # A line reaching the tile's edge goes a little past it, so that the next
                # tile's line overlaps it instead of leaving a hairline gap between them.
                left = start * CELL - (_OVERLAP if start == 0 else 0)
                right = end * CELL + (_OVERLAP if end == shape.columns else 0)
                lines.append(f"{left:.2f} {y:.2f} m {right:.2f} {y:.2f} l")
    red, green, blue = TINT_RGB
    operators = "\n".join(
        [
            f"q {red} {green} {blue} RG",
            f"{LINE:.3f} w 0 J",
            *lines,
            "S",
            f"{DOT:.3f} w 1 J",  # a zero-length stroke with round caps paints a round dot
            *dots,
            "S Q",
        ]
    )
    return Tile(latent, shape.columns, shape.rows, operators)


def _runs_off(cells: list[bool]) -> Iterator[tuple[int, int]]:
    """(first, past-last) column of each run of cells outside the word."""
    start = None
    for column, on in enumerate([*cells, True]):
        if not on and start is None:
            start = column
        elif on and start is not None:
            yield start, column
            start = None


def define_tint(canvas: Canvas, word: str = LATENT_WORD) -> None:
    """Put the tile in the PDF once; call before the first page is drawn."""
    pattern = tile(word)
    canvas.beginForm(_FORM, -_OVERLAP, 0, pattern.width + _OVERLAP, pattern.height)
    canvas.addLiteral(pattern.operators)
    canvas.endForm()


def tile_origins(
    x: float, y: float, width: float, height: float, word: str = LATENT_WORD
) -> Iterator[tuple[float, float]]:
    """The bottom-left corner of every tile covering the area, rows from its top, every
    other row shifted by half a tile so the words stand in a staggered pattern."""
    pattern = tile(word)
    top = y + height
    row = 0
    while top - row * pattern.height > y:
        bottom = top - (row + 1) * pattern.height
        left = x - (pattern.width / 2 if row % 2 else 0)
        while left < x + width:
            yield left, bottom
            left += pattern.width
        row += 1


def draw_tint(
    canvas: Canvas, x: float, y: float, width: float, height: float, word: str = LATENT_WORD
) -> None:
    """The 地紋 over the area (defined first with `define_tint`)."""
    canvas.saveState()
    clip = canvas.beginPath()
    clip.rect(x, y, width, height)
    canvas.clipPath(clip, stroke=0, fill=0)
    for left, bottom in tile_origins(x, y, width, height, word):
        canvas.saveState()
        canvas.translate(left, bottom)
        canvas.doForm(_FORM)
        canvas.restoreState()
    canvas.restoreState()


def latent_cells(
    x: float, y: float, width: float, height: float, word: str = LATENT_WORD
) -> Iterator[tuple[float, float, bool]]:
    """Every cell's centre inside the area and whether the latent word covers it: where a
    copy shows the word and where it stays blank."""
    pattern = tile(word)
    for left, bottom in tile_origins(x, y, width, height, word):
        for row in range(pattern.rows):
            cy = bottom + (pattern.rows - row - 0.5) * CELL
            for column in range(pattern.columns):
                cx = left + (column + 0.5) * CELL
                if x < cx < x + width and y < cy < y + height:
                    yield cx, cy, pattern.latent_at(column, row)
