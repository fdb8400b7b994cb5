"""A slip of the ticket printer: text lines, a barcode sized for the paper, more lines, cut.

    slip = render_slip(top, "V-20261201-0007", bottom, profile=TM_T20, raster_font=font)
    slip.data, slip.raster_lines, slip.barcode_dots

The queue ticket, the visit receipt and the certificate desk's 領収書 are all slips. The
barcode is a CODE128 sized for the profile's printable dots, or a QR code when that would
not fit (devices.barcodes).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from . import barcodes, escpos
from .barcodes import BarcodeLayout
from .profiles import DEFAULT, PrinterProfile
from .writer import Line, LineWriter


@dataclass(frozen=True)
class RenderedSlip:
    data: bytes
    raster_lines: tuple[str, ...]  # the lines printed as images
    missing_glyphs: tuple[str, ...]  # characters no font had (drawn as 〓)
    barcode: BarcodeLayout  # the CODE128 (or QR code), as it prints

    @property
    def barcode_dots(self) -> int:
        """The printed barcode's width in dots, quiet zones left out."""
        return self.barcode.width_dots

    @property
    def barcode_module(self) -> int:
        """Dots per module: GS w n for CODE128, the module size of a QR code."""
        return self.barcode.module


def render_slip(
    top: Sequence[Line],
    barcode: str,
    bottom: Sequence[Line],
    *,
    profile: PrinterProfile = DEFAULT,
    raster_font: str | Sequence[str] | None = None,
    symbology: str = "code128",
) -> RenderedSlip:
    """`top`, `barcode` centred ("code128", a QR code when it would not fit, or "qr"),
    `bottom`, cut."""
    layout = barcodes.barcode_layout(barcode, profile, symbology)
    writer = LineWriter(raster_font, profile)
    writer.lines(top)
    writer.layout("center", (1, 1), False)
    writer.extend(layout.commands())
    writer.extend(escpos.line_feed())
    writer.lines(bottom)
    writer.extend(escpos.cut())
    return RenderedSlip(
        bytes(writer.out), tuple(writer.raster_lines), tuple(writer.missing), layout
    )
