"""What the monthly reports (residents' voices, window statistics) share: one line of text
under the glyph rule, the series colours and the look of reportlab's charts.

A character the font lacks prints as 〓 in a red frame (drawing.py), as on the forms and
certificates; a chart's names print it as 〓 alone (a chart has no box to frame).
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas

from .drawing import draw_text, red_frame
from .fonts import GOTHIC, MINCHO, printable

MIN_SIZE = 6.0  # a line shrinks to fit its box down to this size, then narrows
AXIS_SIZE = 7.0
SERIES_COLOURS = (
    colors.HexColor("#4472c4"),
    colors.HexColor("#70ad47"),
    colors.HexColor("#c00000"),
    colors.HexColor("#ffc000"),
    colors.HexColor("#7030a0"),
    colors.HexColor("#00a3a3"),
    colors.HexColor("#a5a5a5"),
    colors.HexColor("#843c0c"),
)


def print_line(
    canvas: Canvas,
    x: float,
    y: float,
    text: str,
    font: str,
    size: float,
    *,
    width: float | None = None,
    align: str = "left",
    min_size: float = MIN_SIZE,
) -> float:
    """One line with its baseline at `y`, fitted into `width` when given; 〓 in a red frame
    for a character the font lacks. Returns the drawn width."""
    shown, missing = printable(text, font)
    drawn = draw_text(canvas, x, y, shown, font, size, width=width, min_size=min_size, align=align)
    if missing:
        left = {"right": x - drawn, "center": x - drawn / 2}.get(align, x)
        red_frame(canvas, left - 1, y - 2, drawn + 2, size + 4, mark=False)
    return drawn


def chart_names(names: Sequence[str]) -> list[str]:
    """Names as a chart prints them: 〓 for a character the font lacks."""
    return [printable(name, GOTHIC)[0] for name in names]


def style_axes(chart, size: float = AXIS_SIZE) -> None:
    """Names on the category axis in ゴシック, figures on the value axis in 明朝, from zero."""
    chart.categoryAxis.labels.fontName = GOTHIC
    chart.categoryAxis.labels.fontSize = size
    chart.valueAxis.labels.fontName = MINCHO
    chart.valueAxis.labels.fontSize = size
    chart.valueAxis.valueMin = 0
    chart.valueAxis.forceZero = 1
