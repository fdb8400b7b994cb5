"""The 領収書 of the certificate desk as ESC/POS bytes, laid out to a printer profile's columns.

    領収書                        centre, 2×2, bold
    みどり市                      centre, bold
    領収番号                      centre
    R20261205-0007                centre, 2×2, bold
    令和8年12月5日 14:05          centre
    2番窓口                       centre
    ------------------------------------------
    住民票の写し                  bold
      2通 × 300円           600円
    印鑑登録証明書
      1通 × 300円           300円
    ------------------------------------------
    減免（生活保護）              when exempt
    合計                    900円   bold, double height
    お預かり              1,000円   cash
    お釣り                  100円
    お支払い方法   クレジットカード   cashless
    ------------------------------------------
    上記の金額を領収しました。
    ||||||||||||| CODE128 of the receipt number, sized for the paper
    (cut)

Never a name: `FeeReceiptContent` has no field for one. The layout helpers (`LineWriter`,
`wrap`, the columns a line takes) are the visit receipt's; a line the printer's ROM
cannot print becomes a raster image drawn from `raster_font`, never a ``?``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from .escpos import text_columns
from .profiles import DEFAULT, PrinterProfile
from .receipt import rule
from .slip import RenderedSlip, render_slip
from .writer import Line, wrap

TITLE = "領収書"
NUMBER_LABEL = "領収番号"
EXEMPT = "減免"
TOTAL = "合計"
RECEIVED = "お預かり"
CHANGE = "お釣り"
PAID_BY = "お支払い方法"
FOOTER = "上記の金額を領収しました。"
ITEM_INDENT = "  "  # before "2通 × 300円"
NUMBER_SCALE = 2


class PaidWith(StrEnum):
    CASH = "cash"
    CASHLESS = "cashless"
    EXEMPT = "exempt"


@dataclass(frozen=True)
class FeeReceiptLine:
    name: str  # 住民票の写し
    copies: int
    unit_yen: int
    amount_yen: int  # 0 when exempt


@dataclass(frozen=True)
class FeeReceiptContent:
    municipality: str
    receipt_number: str  # "R20261205-0007": printed large and as CODE128
    printed_at: str  # "令和8年12月5日 14:05", formatted by the caller
    window: int | None  # the window it was paid at
    lines: tuple[FeeReceiptLine, ...]
    total_yen: int
    paid_with: PaidWith
    received_yen: int | None = None  # cash
    change_yen: int | None = None  # cash
    cashless_method: str | None = None  # the method's words: クレジットカード …
    exemption: str | None = None  # the 減免 reason's words: 生活保護 …
    notes: tuple[str, ...] = field(default_factory=tuple)


def yen(amount: int) -> str:
    """1,000円"""
    return f"{amount:,}円"


def spread(left: str, right: str, width: int = DEFAULT.columns) -> list[str]:
    """`left` and `right` on one line, `right` flush with the right edge; on two lines
    (`right` flush right under `left`) when they do not fit together."""
    gap = width - text_columns(left) - text_columns(right)
    if gap >= 1:
        return [left + " " * gap + right]
    return [*wrap(left, width), " " * max(0, width - text_columns(right)) + right]


def fee_receipt_lines(content: FeeReceiptContent, profile: PrinterProfile = DEFAULT) -> list[Line]:
    """The 領収書's text lines, top to bottom, laid out to the profile's columns (the
    barcode and the cut follow)."""
    columns = profile.columns
    top = [
        Line(TITLE, "center", 2, 2, bold=True),
        *(Line(t, "center", bold=True) for t in wrap(content.municipality, columns)),
        Line(NUMBER_LABEL, "center"),
        Line(content.receipt_number, "center", *_number_size(content.receipt_number, columns),
             bold=True),
        *(Line(t, "center") for t in wrap(content.printed_at, columns)),
    ]  # fmt: skip
    if content.window is not None:
        top.append(Line(f"{content.window}番窓口", "center"))
    top.append(Line(rule(columns)))
    for item in content.lines:
        top.extend(Line(t, bold=True) for t in wrap(item.name, columns))
        count = f"{ITEM_INDENT}{item.copies}通 × {yen(item.unit_yen)}"
        top.extend(Line(t) for t in spread(count, yen(item.amount_yen), columns))
    top.append(Line(rule(columns)))
    if content.paid_with is PaidWith.EXEMPT:
        reason = f"{EXEMPT}（{content.exemption}）" if content.exemption else EXEMPT
        top.extend(Line(t) for t in wrap(reason, columns))
    top.extend(Line(t, height=2, bold=True) for t in spread(TOTAL, yen(content.total_yen), columns))
    if content.paid_with is PaidWith.CASH:
        top.extend(Line(t) for t in spread(RECEIVED, yen(content.received_yen or 0), columns))
        top.extend(Line(t) for t in spread(CHANGE, yen(content.change_yen or 0), columns))
    elif content.paid_with is PaidWith.CASHLESS:
        top.extend(Line(t) for t in spread(PAID_BY, content.cashless_method or "", columns))
    top.append(Line(rule(columns)))
    for note in content.notes:
        top.extend(Line(t) for t in wrap(note, columns))
    top.extend(Line(t) for t in wrap(FOOTER, columns))
    return top


def _number_size(number: str, columns: int) -> tuple[int, int]:
    """NUMBER_SCALE, or 1× when the doubled number would not fit the paper."""
    scale = NUMBER_SCALE if text_columns(number) * NUMBER_SCALE <= columns else 1
    return scale, scale


def render_fee_receipt(
    content: FeeReceiptContent,
    *,
    profile: PrinterProfile = DEFAULT,
    raster_font: str | Sequence[str] | None = None,
) -> RenderedSlip:
    """The 領収書's bytes, with the lines that became images and the glyphs no font had."""
    return render_slip(
        fee_receipt_lines(content, profile),
        content.receipt_number,
        (),
        profile=profile,
        raster_font=raster_font,
    )


def fee_receipt_bytes(
    content: FeeReceiptContent,
    *,
    profile: PrinterProfile = DEFAULT,
    raster_font: str | Sequence[str] | None = None,
) -> bytes:
    """The ESC/POS bytes of one 領収書 (see render_fee_receipt)."""
    return render_fee_receipt(content, profile=profile, raster_font=raster_font).data
