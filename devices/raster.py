"""A line of text drawn as a raster image, for a line the printer's Shift_JIS ROM cannot print.

The line is drawn on the printer's own grid: each character in the columns
`escpos.char_columns` gives it, a column half the line's height wide (12 dots at 1×, as
font A). A glyph wider than its columns is narrowed to fit and a narrower one centred, so
on paper a drawn line takes exactly the columns `escpos.text_columns` counts, like a
printed one. A character no font has is drawn as 〓 and reported, never left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from . import escpos

LINE_DOTS = 24  # the height of font A at 1×; a column is half as wide
GETA = "〓"  # drawn where no font has the glyph, as typesetters do; reported, never silent


@dataclass(frozen=True)
class RasterLine:
    """A line of text drawn as a bitmap, ready for `escpos.raster_image`."""

    bitmap: bytes
    width_bytes: int
    height: int
    width_dots: int  # the width the text takes, before padding to whole bytes
    missing_glyphs: tuple[str, ...]  # characters no font had, drawn as 〓


def render_raster_line(
    text: str, fonts: str | Sequence[str], *, pixel_size: int = LINE_DOTS, stretch: float = 1.0
) -> RasterLine:
    """Draw `text` with Pillow, each character from the first of `fonts` that has it.

    A character taking no column (a combining mark, a variation selector, a joiner) is
    drawn with the one before it, in that one's font. `stretch` scales the width (2.0
    for a double-width line drawn at single height).
    """
    from PIL import Image, ImageFont

    paths = [fonts] if isinstance(fonts, str) else list(fonts)
    if not paths:
        raise ValueError("no font file given for the raster line")
    loaded = [ImageFont.truetype(path, pixel_size) for path in paths]
    notdefs = [_glyph_signature(font, "\U0010fffd") for font in loaded]

    def font_for(char: str):
        for font, notdef in zip(loaded, notdefs, strict=True):
            if char.isspace() or _glyph_signature(font, char) != notdef:
                return font
        return None

    clusters: list[tuple[str, object, int]] = []  # (characters, font, columns)
    missing: list[str] = []
    leading = ""  # zero-column characters before the first one that takes a column
    for char in text:
        columns = escpos.char_columns(char)
        if columns == 0:
            if clusters:
                cluster, font, width = clusters[-1]
                clusters[-1] = (cluster + char, font, width)
            else:
                leading += char
            continue
        font = font_for(char)
        if font is None:
            if char not in missing:
                missing.append(char)
            char, font = GETA, font_for(GETA) or loaded[0]
        clusters.append((leading + char, font, columns))
        leading = ""

    ascent, descent = loaded[0].getmetrics()
    baseline = round(pixel_size * ascent / (ascent + descent))
    column_dots = pixel_size / 2
    width = round(sum(columns for _, _, columns in clusters) * column_dots)
    image = Image.new("L", (max(1, width), pixel_size), 0)
    at = 0
    for cluster, font, columns in clusters:
        left, right = round(at * column_dots), round((at + columns) * column_dots)
        _draw_in_cell(image, cluster, font, left, right - left, baseline)
        at += columns
    if stretch != 1.0:
        width = round(width * stretch)
        image = image.resize((max(1, width), pixel_size))
    width_bytes = (image.width + 7) // 8
    canvas = Image.new("L", (width_bytes * 8, pixel_size), 0)
    canvas.paste(image, (0, 0))
    mono = canvas.point(lambda v: 255 if v >= 128 else 0, "1")  # 1 bit = a printed dot
    return RasterLine(mono.tobytes(), width_bytes, pixel_size, width, tuple(missing))


def raster_text_line(
    text: str,
    fonts: str | Sequence[str],
    *,
    width: int = 1,
    height: int = 1,
    dots: int = LINE_DOTS,
) -> tuple[bytes, RasterLine]:
    """A line of text as GS v 0 at the given character size (1–8×).

    Doubling is left to the printer (GS v 0 mode 1/2/3), so a 2×2 line costs the bytes of
    a 1× line; larger sizes are drawn at half the size and doubled.
    """
    mode = (escpos.RASTER_DOUBLE_WIDTH if width >= 2 else 0) | (
        escpos.RASTER_DOUBLE_HEIGHT if height >= 2 else 0
    )
    drawn_height = height / 2 if height >= 2 else height
    drawn_width = width / 2 if width >= 2 else width
    line = render_raster_line(
        text,
        fonts,
        pixel_size=max(8, round(dots * drawn_height)),
        stretch=drawn_width / drawn_height,
    )
    return escpos.raster_image(line.bitmap, line.width_bytes, line.height, mode=mode), line


def _draw_in_cell(image, cluster: str, font, left: int, width: int, baseline: int) -> None:
    """Draw `cluster` into the `width` dots from `left`: narrowed when wider, else centred."""
    from PIL import Image, ImageDraw

    if width <= 0:
        return  # only zero-column characters: nothing takes room on paper
    advance = max(1, round(font.getlength(cluster)))
    glyph = Image.new("L", (advance, image.height), 0)
    ImageDraw.Draw(glyph).text((0, baseline), cluster, font=font, fill=255, anchor="ls")
    if glyph.width > width:
        glyph = glyph.resize((width, image.height))
    image.paste(glyph, (left + (width - glyph.width) // 2, 0), glyph)


def _glyph_signature(font, char: str) -> tuple:
    mask = font.getmask(char)
    return mask.size, bytes(mask)
