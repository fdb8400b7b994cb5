"""What a printer would put on paper, drawn from the events of `decoders.printer`.

    paper = render_paper(fake.events, TM_T20, font="…/ipaexg.ttf")
    paper.image.save("ticket.png")      # 1 bit, exactly profile.printable_dots wide
    paper.overflows                     # anything wider than the printable width
    [placed] = paper.of_kind("barcode") # where the CODE128 went: x, width in dots

Text lines are drawn with the given font on the printer's grid: a column is 12 dots at
1× (24 for a full-width character), GS ! scales it, ESC a places it. Raster images (GS v 0)
keep their dots, doubled as their mode says. A CODE128 is drawn bar by bar from its
symbol values (`barcodes.read_code128`): a module is GS w dots wide, the bars GS h dots
high; a QR code module by module (segno computes the matrix) at its module size. The
printers leave quiet zones unprinted, so they are whatever white the placement leaves.

Nothing is clipped silently: an item wider than the printable width is drawn as far as
the paper goes and listed in `overflows`, so a test can assert that nothing overflowed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from . import barcodes, escpos, raster
from .decoders.printer import Barcode, Cut, QrCode, RasterImage, TextLine
from .decoders.stream import Unknown
from .profiles import FONT_A_DOTS, PrinterProfile

LINE_DOTS = raster.LINE_DOTS  # font A is 24 dots high at 1×
LINE_GAP = 6  # dots between lines: ESC/POS printers feed 30 dots a line by default
MARGIN = 24  # white rows above the first item and below the last
CUT_GAP = 48  # white rows where the paper is cut
INK = 255  # the items are drawn as masks, a printed dot set; the page is black on white


@dataclass(frozen=True)
class Placed:
    """An item on the paper: its kind ("text", "raster", "barcode", "qr"), where it
    starts and how wide it is, in dots; what it says (text, barcode data)."""

    kind: str
    x: int
    y: int
    width: int
    height: int
    text: str = ""
    module: int = 0  # dots per module of a barcode or QR code

    @property
    def right(self) -> int:
        return self.x + self.width


@dataclass
class Paper:
    image: object  # PIL.Image.Image, mode "1": black ink on white
    placed: list[Placed] = field(default_factory=list)
    overflows: list[Placed] = field(default_factory=list)  # wider than the printable width
    unknown: list[bytes] = field(default_factory=list)  # commands the decoder did not know

    def of_kind(self, kind: str) -> list[Placed]:
        return [item for item in self.placed if item.kind == kind]


def render_paper(events: Iterable[object], profile: PrinterProfile, font: str) -> Paper:
    """The paper the events print, `profile.printable_dots` wide; `font` draws the text."""
    from PIL import Image

    width = profile.printable_dots
    pieces: list[tuple[Placed, object]] = []  # each item and its 1-bit image (ink = 1)
    y = MARGIN
    unknown: list[bytes] = []
    for event in events:
        if isinstance(event, Cut):
            y += CUT_GAP
            continue
        if isinstance(event, Unknown):
            unknown.append(event.data)
            continue
        drawn = _draw(event, font)
        if drawn is None:
            continue
        kind, bitmap, align, text, module = drawn
        x = _x(align, bitmap.width, width)
        pieces.append((Placed(kind, x, y, bitmap.width, bitmap.height, text, module), bitmap))
        y += bitmap.height + (LINE_GAP if kind in ("text", "raster") else 0)
    page = Image.new("1", (width, y + MARGIN), 255)
    paper = Paper(page, unknown=unknown)
    for placed, bitmap in pieces:
        paper.placed.append(placed)
        if placed.x < 0 or placed.right > width:
            paper.overflows.append(placed)
        page.paste(0, (placed.x, placed.y), bitmap)  # black where the item has ink
    return paper


def _x(align: str, item: int, paper: int) -> int:
    """Where an item `item` dots wide starts: ESC a places it, left when it is too wide."""
    if item >= paper or align == "left":
        return 0
    if align == "center":
        return (paper - item) // 2
    return paper - item


def _draw(event: object, font: str):
    """(kind, a mask of its ink, alignment, text, module) of one event; None for an event
    that prints nothing."""
    match event:
        case TextLine():
            return "text", _text_bitmap(event, font), event.align, event.text, 0
        case RasterImage():
            return "raster", _raster_bitmap(event), event.align, "", 0
        case Barcode():
            bitmap = _barcode_bitmap(event, font)
            return "barcode", bitmap, event.align, event.data, event.module_width
        case QrCode():
            return "qr", _qr_bitmap(event), event.align, event.data, event.module_size
    return None


def _ink(width: int, height: int):
    from PIL import Image

    return Image.new("1", (max(1, width), max(1, height)), 0)


def _text_bitmap(line: TextLine, font: str):
    """A text line on the printer's grid: 12 × 24 dots a column at 1×, scaled by GS !."""
    if not line.text:
        return _ink(1, LINE_DOTS * line.height)
    drawn = raster.render_raster_line(
        line.text,
        font,
        pixel_size=LINE_DOTS * line.height,
        stretch=line.width / line.height,
    )
    image = _bits(drawn.bitmap, drawn.width_bytes * 8, drawn.height)
    columns = escpos.text_columns(line.text)
    return image.crop((0, 0, max(1, columns * FONT_A_DOTS * line.width), drawn.height))


def _raster_bitmap(event: RasterImage):
    image = _bits(event.bitmap, event.width_dots, event.height_dots)
    wide = 2 if event.mode & escpos.RASTER_DOUBLE_WIDTH else 1
    high = 2 if event.mode & escpos.RASTER_DOUBLE_HEIGHT else 1
    if wide == high == 1:
        return image
    return image.resize((image.width * wide, image.height * high))


def _bits(bitmap: bytes, width: int, height: int):
    """GS v 0 data (MSB leftmost, 1 = a printed dot) as a 1-bit image with ink = 1."""
    from PIL import Image

    return Image.frombytes("1", (width, height), bitmap)


def _barcode_bitmap(event: Barcode, font: str):
    """A CODE128 bar by bar: GS w dots a module, GS h dots high, HRI text if GS H asks."""
    from PIL import Image, ImageDraw

    if event.symbology != "CODE128":
        raise ValueError(f"the paper draws CODE128 only, not {event.symbology}")
    bars = barcodes.read_code128(event.payload).bars()
    n = event.module_width
    image = Image.new("1", (len(bars) * n, event.height), 0)
    draw = ImageDraw.Draw(image)
    for i, module in enumerate(bars):
        if module == "1":
            draw.rectangle((i * n, 0, (i + 1) * n - 1, event.height - 1), fill=INK)
    if event.hri == 0:
        return image
    hri = _text_bitmap(TextLine(event.data), font)
    above, below = event.hri in (1, 3), event.hri in (2, 3)
    height = image.height + hri.height * (above + below)
    whole = Image.new("1", (max(image.width, hri.width), height), 0)
    at = 0
    if above:
        whole.paste(hri, ((whole.width - hri.width) // 2, 0))
        at = hri.height
    whole.paste(image, ((whole.width - image.width) // 2, at))
    if below:
        whole.paste(hri, ((whole.width - hri.width) // 2, at + image.height))
    return whole


def _qr_bitmap(event: QrCode):
    """A QR code module by module at its module size, without the quiet zone (printers
    leave it unprinted), at the error level the stream selected."""
    import segno
    from PIL import Image

    symbol = segno.make_qr(event.data, error=event.level.lower(), boost_error=False)
    matrix = symbol.matrix
    size = event.module_size
    image = Image.new("1", (len(matrix[0]) * size, len(matrix) * size), 0)
    for row, cells in enumerate(matrix):
        for column, cell in enumerate(cells):
            if cell:
                image.paste(INK, (column * size, row * size, (column + 1) * size, (row + 1) * size))
    return image
