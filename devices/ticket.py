"""The queue ticket as ESC/POS bytes: no name, within the printer's byte limit (900 bytes
with a kanji ROM, `PrinterProfile.max_ticket_bytes`).

    みどり市                      centre, bold
    住民異動の手続き              centre, 2×2
    A-012                         centre, large (up to 6×6)
    発券 2026年12月1日 9:15
    お待ちの方 3人
    待ち時間の目安 約15分
    (note lines)
    ||||||||||||| CODE128 or QR carrying the ticket id, and the id in small text
    (cut)

Laid out to a `PrinterProfile`'s columns (48 on 80 mm paper at 203 dpi, the default; 42
at 180 dpi; 32 on 58 mm): long lines wrap, the number takes the largest scale that fits.
The CODE128 is sized for the profile's printable dots (`devices.barcodes`): module width
and bar height are sent, digit runs go to code set C, and a code that would not fit with
its quiet zones prints as a QR code instead. A profile without a kanji ROM gets every line
as a raster image.

A line holding a character a Shift_JIS printer cannot print (髙, 﨑, 𠮷 …) becomes a
raster image drawn from `raster_font`; without a font, NoRasterFont is raised. Nothing is
ever printed as ``?``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from . import escpos
from .profiles import DEFAULT, PrinterProfile
from .slip import RenderedSlip, render_slip
from .writer import Line, wrap

MAX_TICKET_BYTES = DEFAULT.max_ticket_bytes  # 900 on every printer with a kanji ROM
COLUMNS = DEFAULT.columns  # the default profile's: font A, 1×, 48 columns at 576 dots
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


def ticket_lines(content: TicketContent, profile: PrinterProfile = DEFAULT) -> list[Line]:
    """The ticket's text lines, top to bottom, laid out to the profile's columns (the
    barcode and cut follow)."""
    columns = profile.columns
    scale = max(1, min(NUMBER_MAX_SCALE, columns // max(1, escpos.text_columns(content.number))))
    size = _category_size(content.category, columns)
    lines = [
        *(Line(t, "center", bold=True) for t in wrap(content.municipality, columns)),
        *(Line(t, "center", *size, bold=True) for t in wrap(content.category, columns)),
        Line(content.number, "center", scale, scale, bold=True),
        *(Line(t) for t in wrap(f"発券 {content.issued_at}", columns)),
        *(Line(t) for t in wrap(f"お待ちの方 {content.ahead}人", columns)),
    ]
    if content.wait_minutes == 0:
        lines.append(Line("まもなくお呼びします"))
    elif content.wait_minutes is not None:
        lines.extend(Line(t) for t in wrap(f"待ち時間の目安 約{content.wait_minutes}分", columns))
    for note in content.notes:
        lines.extend(Line(t) for t in wrap(note, columns))
    return lines


def _category_size(category: str, columns: int) -> tuple[int, int]:
    """2×2, or 1×2 (wrapped when longer than the line) when a double-width line would
    not fit the paper."""
    return (2, 2) if escpos.text_columns(category) * 2 <= columns else (1, 2)


def render_ticket(
    content: TicketContent,
    *,
    profile: PrinterProfile = DEFAULT,
    raster_font: str | Sequence[str] | None = None,
    barcode: str = "code128",
    max_bytes: int | None = None,
) -> RenderedSlip:
    """The ticket's bytes laid out for the profile's paper, with the lines that became
    images, the glyphs no font had and the barcode as it prints: "code128" (a QR code
    when it would not fit the printable width) or "qr". TicketTooLarge over `max_bytes`
    (default: the profile's limit)."""
    if content.ahead < 0 or (content.wait_minutes is not None and content.wait_minutes < 0):
        raise ValueError("ahead and wait_minutes are counts, never negative")
    readable = (
        []
        if escpos.unprintable_characters(content.barcode_data)
        else [Line(t, "center") for t in wrap(content.barcode_data, profile.columns)]
    )  # the id under the barcode, for people
    slip = render_slip(
        ticket_lines(content, profile),
        content.barcode_data,
        readable,
        profile=profile,
        raster_font=raster_font,
        symbology=barcode,
    )
    limit = profile.max_ticket_bytes if max_bytes is None else max_bytes
    if len(slip.data) > limit:
        raise TicketTooLarge(len(slip.data), limit)
    return slip


def ticket_bytes(
    content: TicketContent,
    *,
    profile: PrinterProfile = DEFAULT,
    raster_font: str | Sequence[str] | None = None,
    barcode: str = "code128",
) -> bytes:
    """The ESC/POS bytes of one ticket (see render_ticket)."""
    return render_ticket(content, profile=profile, raster_font=raster_font, barcode=barcode).data
