"""The monthly report of residents' voices as a Japanese PDF, A4 portrait.

Page by page from the top: the municipality, 「住民の声 月次報告 令和N年M月」 and the
totals; the kinds (table and bar chart) and the channels; the topics (table and
horizontal bar chart); the departments (table and a chart of routed, answered and overdue
routings); the most frequent and the rising topics. A section that no longer fits starts
a new page. The report holds only counts and names of topics and departments, so nothing
printed identifies a resident or a member of staff.

Words print in IPAexゴシック, numbers in IPAex明朝. A character the font lacks prints as
〓 in a red frame (drawing.py), as on the forms and certificates.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.graphics import renderPDF
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from counter_app.search.wareki import format_wareki
from counter_app.voices import label
from counter_app.voices.report_model import VoiceReport

from .fonts import GOTHIC, MINCHO, register_fonts
from .report_kit import SERIES_COLOURS, chart_names, print_line, style_axes

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
BODY_WIDTH = PAGE_WIDTH - 2 * MARGIN
TOP = PAGE_HEIGHT - MARGIN
BOTTOM = MARGIN
ROW = 6 * mm
TEXT_SIZE = 9.0
HEADING_SIZE = 11.0
TITLE_SIZE = 16.0

Row = Sequence[object]


def report_title(report: VoiceReport) -> str:
    """「住民の声 月次報告 令和8年12月」: the month in 和暦, without its day."""
    wareki = format_wareki(report.month)
    return f"住民の声 月次報告 {wareki[: wareki.index('月') + 1]}"


def voice_report_pdf(report: VoiceReport, municipality: str = "") -> bytes:
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1)
    canvas.setTitle(report_title(report))
    page = _Page(canvas)
    _header(page, report, municipality)
    _kinds_and_channels(page, report)
    _topics(page, report)
    _departments(page, report)
    _top_and_rising(page, report)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


class _Page:
    """A cursor down the page that starts a new page when what comes does not fit."""

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self.y = TOP

    def need(self, height: float) -> None:
        if self.y - height < BOTTOM:
            self.canvas.showPage()
            self.y = TOP

    def text(self, x: float, text: str, font: str, size: float, **kwargs) -> None:
        """One line at the cursor's baseline; 〓 in a red frame for a missing glyph."""
        print_line(self.canvas, x, self.y, text, font, size, **kwargs)


def _header(page: _Page, report: VoiceReport, municipality: str) -> None:
    if municipality:
        page.text(MARGIN, municipality, GOTHIC, HEADING_SIZE)
        page.y -= 9 * mm
    page.text(MARGIN, report_title(report), GOTHIC, TITLE_SIZE)
    page.y -= 8 * mm
    as_of = f"集計日 {format_wareki(report.as_of)}"
    page.text(MARGIN, f"総数 {report.total} 件    {as_of}", GOTHIC, TEXT_SIZE)
    page.y -= 10 * mm


def _heading(page: _Page, title: str, height: float) -> None:
    page.need(height + 8 * mm)
    page.text(MARGIN, title, GOTHIC, HEADING_SIZE)
    page.y -= 7 * mm


def _table(page: _Page, x: float, widths: Sequence[float], rows: Sequence[Row]) -> None:
    """Rows of cells from the cursor down; the first row is the headings. Words left,
    numbers right."""
    for index, row in enumerate(rows):
        page.need(ROW)
        left = x
        for cell, width in zip(row, widths, strict=True):
            text = str(cell)
            if index > 0 and _is_number(text):
                page.text(left + width - 2 * mm, text, MINCHO, TEXT_SIZE, align="right")
            else:
                page.text(left, text, GOTHIC, TEXT_SIZE, width=width - 2 * mm)
            left += width
        page.y -= ROW


def _is_number(text: str) -> bool:
    return text == "-" or text.replace(".", "", 1).isdigit()


def _bar_chart(
    page: _Page,
    names: Sequence[str],
    series: Sequence[Sequence[int]],
    horizontal: bool,
    plot_height: float | None = None,
    show_names: bool = True,
) -> float:
    """A bar chart of `series` over `names`, drawn on the right half below the cursor;
    returns its height. `plot_height` sizes the bars' area (to line them up with a table's
    rows, whose names then stand for the chart's own)."""
    axis_room = 8 * mm if horizontal else 15 * mm
    if plot_height is None:
        plot_height = len(names) * ROW if horizontal else 40 * mm
    height = plot_height + axis_room + 1 * mm
    width = BODY_WIDTH / 2 - 5 * mm
    drawing = Drawing(width, height)
    chart = HorizontalBarChart() if horizontal else VerticalBarChart()
    chart.x = 30 * mm if horizontal and show_names else 10 * mm
    chart.y = axis_room
    chart.width = width - chart.x - 4 * mm
    chart.height = plot_height
    chart.data = [list(values) for values in series]
    chart.categoryAxis.categoryNames = chart_names(names)
    chart.categoryAxis.visibleLabels = int(show_names)
    if horizontal:
        chart.categoryAxis.reverseDirection = 1  # the first name at the top
    style_axes(chart)
    for index, colour in enumerate(SERIES_COLOURS[: len(series)]):
        chart.bars[index].fillColor = colour
    drawing.add(chart)
    renderPDF.draw(drawing, page.canvas, MARGIN + BODY_WIDTH / 2 + 5 * mm, page.y - height)
    return height


def _kinds_and_channels(page: _Page, report: VoiceReport) -> None:
    kinds = [(label(kind), count) for kind, count in report.by_kind]
    _counts_with_bars(page, "区分別", "区分", kinds)
    channels = [(label(channel), count) for channel, count in report.by_channel]
    _counts_with_bars(page, "経路別", "経路", channels)


def _topics(page: _Page, report: VoiceReport) -> None:
    _counts_with_bars(page, "分野別", "分野", [(t.label, t.count) for t in report.by_topic])


def _counts_with_bars(page: _Page, title: str, column: str, counts: list[tuple[str, int]]) -> None:
    """The table and, beside it, one bar per row on the row's own line (the table names
    the bars, so words are never printed twice on one line)."""
    _heading(page, title, (len(counts) + 3) * ROW)
    top = page.y
    page.y = top - ROW + 4 * mm  # the top of the first counted row
    names, values = [name for name, _ in counts], [count for _, count in counts]
    height = _bar_chart(page, names, [values], True, show_names=False)
    page.y = top
    _table(page, MARGIN, (50 * mm, 20 * mm), [(column, "件数"), *counts])
    page.y = min(page.y, top - ROW + 4 * mm - height) - 6 * mm


def _departments(page: _Page, report: VoiceReport) -> None:
    departments = report.by_department
    headings = ("部署", "回付", "回答", "期限内", "期限超過", "中央値(日)", "90%(日)")
    rows = [
        (
            d.name,
            d.routed,
            d.answered,
            d.answered_on_time,
            d.overdue_open,
            _days(d.response_days_p50),
            _days(d.response_days_p90),
        )
        for d in departments
    ]
    _heading(page, "部署別", (len(rows) + 1) * ROW)
    _table(page, MARGIN, (40 * mm, *(((BODY_WIDTH - 40 * mm) / 6,) * 6)), [headings, *rows])
    page.y -= 6 * mm
    if not departments:
        return
    height = len(departments) * 3 * 6 * mm + 15 * mm
    _heading(page, "部署別 回付・回答・期限超過", height)
    series = [
        [d.routed for d in departments],
        [d.answered for d in departments],
        [d.overdue_open for d in departments],
    ]
    top = page.y
    drawn = _bar_chart(page, [d.name for d in departments], series, True)
    _legend(page, ("回付", "回答", "期限超過"))
    page.y = min(page.y, top - drawn) - 6 * mm


def _legend(page: _Page, names: Sequence[str]) -> None:
    for name, colour in zip(names, SERIES_COLOURS[: len(names)], strict=True):
        page.canvas.setFillColor(colour)
        page.canvas.rect(MARGIN, page.y - 1, 3 * mm, 3 * mm, stroke=0, fill=1)
        page.canvas.setFillColor(colors.black)
        page.text(MARGIN + 5 * mm, name, GOTHIC, TEXT_SIZE)
        page.y -= ROW


def _days(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _top_and_rising(page: _Page, report: VoiceReport) -> None:
    top = [
        ("順位", "分野", "件数"),
        *((i, t.label, t.count) for i, t in enumerate(report.top_topics, 1)),
    ]
    _heading(page, "多い分野", len(top) * ROW)
    _table(page, MARGIN, (15 * mm, 50 * mm, 20 * mm), top)
    page.y -= 6 * mm
    rising = [
        ("順位", "分野", "今月", "前月", "増加"),
        *(
            (i, r.label, r.count, r.previous, r.difference)
            for i, r in enumerate(report.rising_topics, 1)
        ),
    ]
    _heading(page, "増えた分野", len(rising) * ROW)
    _table(page, MARGIN, (15 * mm, 50 * mm, 20 * mm, 20 * mm, 20 * mm), rising)
