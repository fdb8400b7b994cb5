"""The queue ticket as ESC/POS bytes: no name, at most 900 bytes.

    みどり市                      centre, bold
    住民異動の手続き              centre, 2×2
    A-012                         centre, large (up to 6×6)
    発券 2026年12月1日 9:15
    お待ちの方 3人
    待ち時間の目安 約15分
    (note lines)
    ||||||||||||| CODE128 or QR carrying the ticket id, and the id in small text
    (cut)

A line holding a character a Shift_JIS printer cannot print (髙, 﨑, 𠮷 …) becomes a
raster image drawn from `raster_font`; without a font, NoRasterFont is raised. Nothing is
ever printed as ``?``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from . import escpos
from .writer import Line, LineWriter

MAX_TICKET_BYTES = 900
COLUMNS = 42  # font A, 1×, on 80 mm paper at 512 dots (TM-T88); 48 at 576 dots
NUMBER_MAX_SCALE = 6


class TicketTooLarge(ValueError):
    def __init__(self, size: int, limit: int):
        self.size = size
        self.limit = limit
        super().__init__(
            f"ticket is {size} bytes, more than {limit}: shorten the raster (non-Shift_JIS) lines"
        )


@dataclass(frozen=True)
class TicketContent:
    municipality: str
    category: str
    number: str  # "A-012"
    issued_at: str  # "2026年12月1日 9:15", formatted by the caller
    ahead: int
    wait_minutes: int | None
    barcode_data: str  # the ticket id, "T-20261201-A-012"
    notes: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class RenderedTicket:
    data: bytes
    raster_lines: tuple[str, ...]  # the lines printed as images
    missing_glyphs: tuple[str, ...]  # characters no font had (drawn as 〓)


def ticket_lines(content: TicketContent) -> list[Line]:
    """The ticket's text lines, top to bottom (the barcode and cut follow)."""
    scale = max(1, min(NUMBER_MAX_SCALE, COLUMNS // max(1, escpos.text_columns(content.number))))
    lines = [
        Line(content.municipality, "center", bold=True),
        Line(content.category, "center", *_category_size(content.category), bold=True),
        Line(content.number, "center", scale, scale, bold=True),
        Line(f"発券 {content.issued_at}"),
        Line(f"お待ちの方 {content.ahead}人"),
    ]
    if content.wait_minutes == 0:
        lines.append(Line("まもなくお呼びします"))
    elif content.wait_minutes is not None:
        lines.append(Line(f"待ち時間の目安 約{content.wait_minutes}分"))
    lines.extend(Line(note) for note in content.notes)
    return lines


def _category_size(category: str) -> tuple[int, int]:
    """2×2, or 1×2 when a double-width line would not fit the paper."""
    return (2, 2) if escpos.text_columns(category) * 2 <= COLUMNS else (1, 2)


def render_ticket(
    content: TicketContent,
    *,
    raster_font: str | Sequence[str] | None = None,
    barcode: str = "code128",
    max_bytes: int = MAX_TICKET_BYTES,
) -> RenderedTicket:
    """The ticket's bytes, with the lines that became images and the glyphs no font had."""
    if content.ahead < 0 or (content.wait_minutes is not None and content.wait_minutes < 0):
        raise ValueError("ahead and wait_minutes are counts, never negative")
    writer = LineWriter(raster_font)
    writer.lines(ticket_lines(content))
    writer.layout("center", (1, 1), False)
    if barcode == "code128":
        writer.extend(escpos.code128(content.barcode_data))
    elif barcode == "qr":
        writer.extend(escpos.qr_code(content.barcode_data, module_size=5))
    else:
        raise ValueError(f"barcode is 'code128' or 'qr': {barcode!r}")
    writer.extend(escpos.line_feed())
    if not escpos.unprintable_characters(content.barcode_data):  # the id, readable by people
        writer.extend(escpos.text_line(content.barcode_data))
    writer.extend(escpos.cut())
    if len(writer.out) > max_bytes:
        raise TicketTooLarge(len(writer.out), max_bytes)
    return RenderedTicket(bytes(writer.out), tuple(writer.raster_lines), tuple(writer.missing))


def ticket_bytes(
    content: TicketContent,
    *,
    raster_font: str | Sequence[str] | None = None,
    barcode: str = "code128",
) -> bytes:
    """The ESC/POS bytes of one ticket (see render_ticket)."""
    return render_ticket(content, raster_font=raster_font, barcode=barcode).data
