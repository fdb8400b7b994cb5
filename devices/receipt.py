"""The visit receipt (受付の控え) as ESC/POS bytes: the procedures and where each goes next.

    受付の控え                    centre, 2×2, bold
    みどり市                      centre, bold
    受付番号                      centre
    V-20261201-0007               centre, large (3× for a 15-character number on 48 columns)
    令和8年12月1日 14:05          centre
    ------------------------------------------
    ・転入届                      bold, wrapped to the paper's columns
     → 窓口で完了                wrapped, continuation lines indented
    ・児童手当 認定請求
     → 子育て支援課で審査（12月15日までに通知）
    ------------------------------------------
    (note lines)
    ||||||||||||| CODE128 of the visit number (`devices.barcodes`: sized for the paper)
    お問い合わせの際はこの控えをお持ちください
    (cut)

The layout follows a `PrinterProfile` (`devices.profiles`): 48 columns on 80 mm paper at
203 dpi, 42 at 180 dpi, 32 on 58 mm. Never a name: `ReceiptContent` has no field for
one. A line holding a character the printer's Shift_JIS ROM cannot print becomes a
raster image drawn from `raster_font` (as on the ticket); without a font, NoRasterFont is
raised. Nothing prints as ``?``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .escpos import text_columns
from .profiles import DEFAULT, PrinterProfile
from .slip import RenderedSlip, render_slip
from .writer import Line, wrap

TITLE = "受付の控え"
NUMBER_LABEL = "受付番号"
FOOTER = "お問い合わせの際はこの控えをお持ちください"
NO_PROCEDURES = "（手続きはありません）"
BULLET = "・"  # before each procedure name (2 columns)
ARROW = " → "  # before its next step (4 columns)
INDENT = "　"  # continuation lines of a procedure name (2 columns)
STEP_INDENT = "    "  # continuation lines of a next step, under the text after the arrow
NUMBER_MAX_SCALE = 4


def rule(width: int) -> str:
    """A dashed line across `width` columns."""
    return "-" * width


@dataclass(frozen=True)
class ReceiptItem:
    procedure: str  # "児童手当 認定請求"
    department: str  # "子育て支援課"
    next_step: str  # "窓口で完了", "子育て支援課で審査（12月15日までに通知）", "証明書交付済み"


@dataclass(frozen=True)
class ReceiptContent:
    municipality: str
    visit_number: str  # "V-20261201-0007": printed large and as CODE128
    printed_at: str  # "令和8年12月1日 14:05", formatted by the caller
    items: tuple[ReceiptItem, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)


def receipt_lines(
    content: ReceiptContent, profile: PrinterProfile = DEFAULT
) -> tuple[list[Line], list[Line]]:
    """The receipt's text lines above the barcode and below it, top to bottom, laid out
    to the profile's columns."""
    columns = profile.columns
    number_scale = max(
        1, min(NUMBER_MAX_SCALE, columns // max(1, text_columns(content.visit_number)))
    )
    top = [
        Line(TITLE, "center", *_title_size(TITLE, columns), bold=True),
        *(Line(t, "center", bold=True) for t in wrap(content.municipality, columns)),
        Line(NUMBER_LABEL, "center"),
        Line(content.visit_number, "center", number_scale, number_scale, bold=True),
        *(Line(t, "center") for t in wrap(content.printed_at, columns)),
        Line(rule(columns)),
    ]
    if not content.items:
        top.append(Line(NO_PROCEDURES))
    for item in content.items:
        top.extend(
            Line(t, bold=True) for t in wrap(item.procedure, columns, first=BULLET, rest=INDENT)
        )
        top.extend(Line(t) for t in wrap(item.next_step, columns, first=ARROW, rest=STEP_INDENT))
    top.append(Line(rule(columns)))
    for note in content.notes:
        top.extend(Line(t) for t in wrap(note, columns))
    bottom = [Line(t, "center") for t in wrap(FOOTER, columns)]
    return top, bottom


def _title_size(title: str, columns: int) -> tuple[int, int]:
    return (2, 2) if text_columns(title) * 2 <= columns else (1, 2)


def render_receipt(
    content: ReceiptContent,
    *,
    profile: PrinterProfile = DEFAULT,
    raster_font: str | Sequence[str] | None = None,
) -> RenderedSlip:
    """The receipt's bytes, with the lines that became images and the glyphs no font had."""
    top, bottom = receipt_lines(content, profile)
    return render_slip(top, content.visit_number, bottom, profile=profile, raster_font=raster_font)


def receipt_bytes(
    content: ReceiptContent,
    *,
    profile: PrinterProfile = DEFAULT,
    raster_font: str | Sequence[str] | None = None,
) -> bytes:
    """The ESC/POS bytes of one receipt (see render_receipt)."""
    return render_receipt(content, profile=profile, raster_font=raster_font).data
