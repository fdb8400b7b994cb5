"""The visit receipt (受付の控え) as ESC/POS bytes: the procedures and where each goes next.

    受付の控え                    centre, 2×2, bold
    みどり市                      centre, bold
    受付番号                      centre
    V-20261201-0007               centre, large (2× for a 15-character number)
    令和8年12月1日 14:05          centre
    ------------------------------------------
    ・転入届                      bold, wrapped to 42 columns
     → 窓口で完了                wrapped, continuation lines indented
    ・児童手当 認定請求
     → 子育て支援課で審査（12月15日までに通知）
    ------------------------------------------
    (note lines)
    ||||||||||||| CODE128 of the visit number
    お問い合わせの際はこの控えをお持ちください
    (cut)

Never a name: `ReceiptContent` has no field for one. A line holding a character the
printer's Shift_JIS ROM cannot print becomes a raster image drawn from `raster_font`
(as on the ticket); without a font, NoRasterFont is raised. Nothing prints as ``?``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from . import escpos
from .escpos import char_columns, text_columns
from .ticket import COLUMNS
from .writer import Line, LineWriter

TITLE = "受付の控え"
NUMBER_LABEL = "受付番号"
FOOTER = "お問い合わせの際はこの控えをお持ちください"
NO_PROCEDURES = "（手続きはありません）"
BULLET = "・"  # before each procedure name (2 columns)
ARROW = " → "  # before its next step (4 columns)
INDENT = "　"  # continuation lines of a procedure name (2 columns)
STEP_INDENT = "    "  # continuation lines of a next step, under the text after the arrow
RULE = "-" * COLUMNS
NUMBER_MAX_SCALE = 4

# Characters a line should not start with (行頭禁則): the character before goes along.
NO_LINE_START = frozenset(
    "、。，．,.)）」』】〕］｝〉》・：；:;!?！？ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々"
)
# Characters a line should not end with (行末禁則): they go to the next line.
NO_LINE_END = frozenset("(（「『【〔［｛〈《")


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


@dataclass(frozen=True)
class RenderedReceipt:
    data: bytes
    raster_lines: tuple[str, ...]  # the lines printed as images
    missing_glyphs: tuple[str, ...]  # characters no font had (drawn as 〓)


def wrap(text: str, width: int = COLUMNS, *, first: str = "", rest: str = "") -> list[str]:
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


def receipt_lines(content: ReceiptContent) -> tuple[list[Line], list[Line]]:
    """The receipt's text lines above the barcode and below it, top to bottom."""
    number_scale = max(
        1, min(NUMBER_MAX_SCALE, COLUMNS // max(1, text_columns(content.visit_number)))
    )
    top = [
        Line(TITLE, "center", *_title_size(TITLE), bold=True),
        *(Line(t, "center", bold=True) for t in wrap(content.municipality)),
        Line(NUMBER_LABEL, "center"),
        Line(content.visit_number, "center", number_scale, number_scale, bold=True),
        *(Line(t, "center") for t in wrap(content.printed_at)),
        Line(RULE),
    ]
    if not content.items:
        top.append(Line(NO_PROCEDURES))
    for item in content.items:
        top.extend(Line(t, bold=True) for t in wrap(item.procedure, first=BULLET, rest=INDENT))
        top.extend(Line(t) for t in wrap(item.next_step, first=ARROW, rest=STEP_INDENT))
    top.append(Line(RULE))
    for note in content.notes:
        top.extend(Line(t) for t in wrap(note))
    bottom = [Line(t, "center") for t in wrap(FOOTER)]
    return top, bottom


def _title_size(title: str) -> tuple[int, int]:
    return (2, 2) if text_columns(title) * 2 <= COLUMNS else (1, 2)


def render_receipt(
    content: ReceiptContent, *, raster_font: str | Sequence[str] | None = None
) -> RenderedReceipt:
    """The receipt's bytes, with the lines that became images and the glyphs no font had."""
    top, bottom = receipt_lines(content)
    return render_slip(top, content.visit_number, bottom, raster_font=raster_font)


def render_slip(
    top: Sequence[Line],
    barcode: str,
    bottom: Sequence[Line],
    *,
    raster_font: str | Sequence[str] | None = None,
) -> RenderedReceipt:
    """A slip of the ticket printer: `top`, `barcode` as a centred CODE128, `bottom`, cut
    (the visit receipt and the certificate desk's 領収書 alike)."""
    writer = LineWriter(raster_font)
    writer.lines(top)
    writer.layout("center", (1, 1), False)
    writer.extend(escpos.code128(barcode))
    writer.extend(escpos.line_feed())
    writer.lines(bottom)
    writer.extend(escpos.cut())
    return RenderedReceipt(bytes(writer.out), tuple(writer.raster_lines), tuple(writer.missing))


def receipt_bytes(
    content: ReceiptContent, *, raster_font: str | Sequence[str] | None = None
) -> bytes:
    """The ESC/POS bytes of one receipt (see render_receipt)."""
    return render_receipt(content, raster_font=raster_font).data
