"""The monthly report of the windows' statistics (窓口統計 月報) as a Japanese PDF, A4
portrait.

From the top: the municipality, 「窓口統計 月報 2026年11月」, the period and when it was
made; the categories (this month, the previous month and the change, row by row); the
arrivals by hour and weekday as a heat map with each hour's median wait; the waits per
category over the month's days; the departments and their lead times against their due
dates; the life events; the fields of the printed forms by source (how many the resident
no longer writes); the certificates and their fees. Long tables run on to the next page
under their repeated headings; every page's foot names the report and counts the pages.

The report holds only counts and times of groups (categories, departments, life events,
certificates), so nothing printed identifies a resident. A suppressed group (fewer than 3
people) prints "<3" for its counts and "—" for its times; a value there was nothing to
measure for prints "—". Minutes and days with one decimal, shares as percentages (their
changes in points), counts and yen with thousands separators.

Words print in IPAexゴシック, figures in IPAex明朝. A character the font lacks prints as
〓 in a red frame (report_kit.print_line), as on the forms and certificates.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from counter_app.clock import local
from counter_app.stats.model import (
    MEASURES,
    SUPPRESSED_TEXT,
    WEEKDAY_LABELS,
    Comparison,
    FieldShares,
    Measure,
    MonthReport,
    StatsTable,
    Unit,
    Value,
)

from .fonts import GOTHIC, MINCHO, printable, register_fonts
from .report_kit import SERIES_COLOURS, chart_names, print_line, style_axes

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
BODY_WIDTH = PAGE_WIDTH - 2 * MARGIN
TEXT_SIZE = 8.0
SMALL_SIZE = 7.0
HEADING_SIZE = 11.0
TITLE_SIZE = 16.0
NONE_TEXT = "—"

THIS_MONTH, PREVIOUS_MONTH, CHANGE = "今月", "前月", "増減"
CATEGORY_MEASURES = (
    Measure.ISSUED,
    Measure.SERVED,
    Measure.ABSENT,
    Measure.WAIT_P50,
    Measure.WAIT_P90,
    Measure.SERVICE_P50,
    Measure.SERVICE_P90,
)
DEPARTMENT_MEASURES = (
    Measure.ROUTED,
    Measure.LEAD_P50,
    Measure.LEAD_P90,
    Measure.ON_TIME,
    Measure.RETURNS,
)
EVENT_MEASURES = (Measure.VISITS, Measure.PROCEDURES, Measure.FORMS)
CERTIFICATE_COLUMNS = (Measure.CERTIFICATES, Measure.FEES_YEN)
FIELD_SOURCES = (
    ("records", Measure.FIELDS_RECORDS),
    ("clerk", Measure.FIELDS_CLERK),
    ("computed", Measure.FIELDS_COMPUTED),
    ("documents", Measure.FIELDS_DOCUMENTS),
    ("resident", Measure.FIELDS_RESIDENT),
)
PREFILLED_LABEL = "事前記入率"

HEADER_FILL = colors.HexColor("#dce3ef")
TOTAL_FILL = colors.HexColor("#f2f2f2")
RULE = colors.HexColor("#7f7f7f")
LIGHT_RULE = colors.HexColor("#c8c8c8")
HEAT_LOW = colors.HexColor("#f4f8fc")
HEAT_HIGH = colors.HexColor("#0b3d7a")
NO_DATA = colors.HexColor("#e6e6e6")
DUE_MARK = colors.HexColor("#c00000")


# --- the words of a figure --------------------------------------------------------------


def report_title(report: MonthReport) -> str:
    """「窓口統計 月報 2026年11月」."""
    return f"窓口統計 月報 {report.month.first.year}年{report.month.first.month}月"


def format_value(value: Value, measure: Measure) -> str:
    """A figure as the report prints it: "1,234", "12.5", "87.5%", "—" for nothing."""
    if value is None:
        return NONE_TEXT
    unit = MEASURES[measure].unit
    if unit == Unit.SHARE:
        return f"{value * 100:.1f}%"
    if unit in (Unit.MINUTES, Unit.DAYS):
        return f"{value:.1f}"
    return f"{round(value):,}"


def format_change(value: Value, measure: Measure) -> str:
    """A change: "+12", "-3.5", "+2.5pt" (a share's change in percentage points), "±0"."""
    if value is None:
        return NONE_TEXT
    unit = MEASURES[measure].unit
    if unit == Unit.SHARE:
        text, suffix = f"{abs(value) * 100:.1f}", "pt"
    elif unit in (Unit.MINUTES, Unit.DAYS):
        text, suffix = f"{abs(value):.1f}", ""
    else:
        text, suffix = f"{round(abs(value)):,}", ""
    if not text.strip("0.,"):
        return f"±{text}{suffix}"
    return f"{'+' if value > 0 else '-'}{text}{suffix}"


def suppressed_text(measure: Measure) -> str:
    """What a suppressed group prints: "<3" for a count, nothing for a time or share."""
    return SUPPRESSED_TEXT if MEASURES[measure].unit == Unit.COUNT else NONE_TEXT


def header_lines(measure: Measure) -> list[str]:
    """A column's heading on two lines: 「待ち時間」「中央値(分)」, 「記入項目」「記録から」."""
    label = MEASURES[measure].label
    for separator in (" ", ":"):
        if separator in label:
            first, rest = label.split(separator, 1)
            return [first, rest]
    return [label]


def label_lines(label: str, width: float, size: float = TEXT_SIZE) -> list[str]:
    """A group's name on one line, or on two at its first 「（」 when one is too narrow."""
    if stringWidth(label, GOTHIC, size) <= width or "（" not in label[1:]:
        return [label]
    cut = label.index("（", 1)
    return [label[:cut], label[cut:]]


# --- flowables ---------------------------------------------------------------------------


class _Lines(Flowable):
    """Lines of text in a cell or on the page, each fitted to the width (shrunk, then
    narrowed, never wrapped) and printed under the glyph rule."""

    def __init__(
        self,
        lines: Sequence[str],
        font: str = GOTHIC,
        size: float = TEXT_SIZE,
        align: str = "left",
        leading: float | None = None,
    ) -> None:
        super().__init__()
        self.lines = list(lines)
        self.font = font
        self.size = size
        self.align = align
        self.leading = leading or size * 1.3

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = self.leading * len(self.lines)
        return self.width, self.height

    def draw(self) -> None:
        x = {"right": self.width, "center": self.width / 2}.get(self.align, 0.0)
        for index, line in enumerate(self.lines):
            baseline = self.height - self.leading * (index + 1) + (self.leading - self.size) / 2
            baseline += self.size * 0.12
            print_line(
                self.canv, x, baseline, line, self.font, self.size, width=self.width,
                align=self.align,
            )  # fmt: skip


def _words(text: str, size: float = TEXT_SIZE, align: str = "left") -> _Lines:
    return _Lines([text], GOTHIC, size, align)


def _figure(text: str, size: float = TEXT_SIZE) -> _Lines:
    return _Lines([text], MINCHO, size, "right")


def _heading(title: str, note: str = "") -> list[Flowable]:
    parts: list[Flowable] = [CondPageBreak(45 * mm), Spacer(1, 4 * mm)]
    parts.append(_Lines([title], GOTHIC, HEADING_SIZE, leading=HEADING_SIZE * 1.5))
    if note:
        parts.append(_Lines([note], GOTHIC, SMALL_SIZE))
    parts.append(Spacer(1, 1.5 * mm))
    return parts


def _chart(title: str, note: str, chart: Drawing | None) -> list[Flowable]:
    """A chart under its heading, the two kept on one page."""
    heading = _heading(title, note)
    if chart is None:
        return [*heading, *_none_found()]
    return [heading[1], KeepTogether([*heading[2:], chart])]


def _none_found() -> list[Flowable]:
    return [_words("該当なし")]


# --- tables ------------------------------------------------------------------------------

_BASE_STYLE = [
    ("FONTNAME", (0, 0), (-1, -1), GOTHIC),  # the cells' flowables set their own
    ("TOPPADDING", (0, 0), (-1, -1), 0.6),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 0.6),
    ("LEFTPADDING", (0, 0), (-1, -1), 1.5),
    ("RIGHTPADDING", (0, 0), (-1, -1), 1.5),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("LINEABOVE", (0, 0), (-1, 0), 0.8, RULE),
    ("LINEBELOW", (0, -1), (-1, -1), 0.8, RULE),
]


def _compared_by_rows(comparison: Comparison, name: str, measures: Sequence[Measure]) -> Table:
    """One block of three rows per group (this month, the previous, the change), a column
    per measure: for tables of many measures."""
    label_width, sub_width = 42 * mm, 9 * mm
    value_width = (BODY_WIDTH - label_width - sub_width) / len(measures)
    headings = [_words(name), _words("")]
    headings += [_Lines(header_lines(m), GOTHIC, SMALL_SIZE, "center") for m in measures]
    data: list[list[Flowable]] = [headings]
    style = [
        *_BASE_STYLE,
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, RULE),
    ]
    rows = comparison.rows()
    for row in rows:
        first = len(data)
        lines = label_lines(row.label, label_width - 3)
        label = _Lines(lines, GOTHIC, TEXT_SIZE)
        if row.suppressed:
            after = before = [suppressed_text(m) for m in measures]
            change = [NONE_TEXT] * len(measures)
        else:
            after = [format_value(row.after.get(m), m) for m in measures]
            before = [format_value(row.before.get(m), m) for m in measures]
            change = [format_change(row.change.get(m), m) for m in measures]
        data.append([label, _words(THIS_MONTH, SMALL_SIZE), *map(_figure, after)])
        data.append([_words(""), _words(PREVIOUS_MONTH, SMALL_SIZE), *map(_figure, before)])
        data.append([_words(""), _words(CHANGE, SMALL_SIZE), *map(_figure, change)])
        style += [
            ("SPAN", (0, first), (0, first + 2)),
            ("VALIGN", (0, first), (0, first + 2), "TOP"),
            ("NOSPLIT", (0, first), (-1, first + 2)),
            ("TEXTCOLOR", (1, first + 1), (-1, first + 2), colors.HexColor("#404040")),
        ]
        if row.key == "total":
            style.append(("BACKGROUND", (0, first), (-1, first + 2), TOTAL_FILL))
            style.append(("LINEABOVE", (0, first), (-1, first), 0.8, RULE))
        elif row is not rows[-2]:
            style.append(("LINEBELOW", (0, first + 2), (-1, first + 2), 0.3, LIGHT_RULE))
    widths = [label_width, sub_width, *[value_width] * len(measures)]
    return Table(data, colWidths=widths, repeatRows=1, style=TableStyle(style))


def _compared_by_columns(comparison: Comparison, name: str, measures: Sequence[Measure]) -> Table:
    """One row per group, three columns per measure (this month, the previous, the
    change): for tables of few measures."""
    label_width = BODY_WIDTH - len(measures) * 3 * 15 * mm
    top: list[Flowable] = [_words(name)]
    under: list[Flowable] = [_words("")]
    style = [
        *_BASE_STYLE,
        ("BACKGROUND", (0, 0), (-1, 1), HEADER_FILL),
        ("LINEBELOW", (0, 1), (-1, 1), 0.8, RULE),
        ("SPAN", (0, 0), (0, 1)),
    ]
    for index, measure in enumerate(measures):
        column = 1 + 3 * index
        top += [_words(MEASURES[measure].label, align="center"), _words(""), _words("")]
        under += [_words(w, SMALL_SIZE, "right") for w in (THIS_MONTH, PREVIOUS_MONTH, CHANGE)]
        style.append(("SPAN", (column, 0), (column + 2, 0)))
        style.append(("LINEBEFORE", (column, 0), (column, -1), 0.3, LIGHT_RULE))
    data: list[list[Flowable]] = [top, under]
    for row in comparison.rows():
        cells: list[Flowable] = [_Lines(label_lines(row.label, label_width - 3), GOTHIC)]
        for measure in measures:
            if row.suppressed:
                texts = (suppressed_text(measure), suppressed_text(measure), NONE_TEXT)
            else:
                texts = (
                    format_value(row.after.get(measure), measure),
                    format_value(row.before.get(measure), measure),
                    format_change(row.change.get(measure), measure),
                )
            cells += map(_figure, texts)
        if row.key == "total":
            style.append(("BACKGROUND", (0, len(data)), (-1, len(data)), TOTAL_FILL))
            style.append(("LINEABOVE", (0, len(data)), (-1, len(data)), 0.8, RULE))
        else:
            style.append(("LINEBELOW", (0, len(data)), (-1, len(data)), 0.3, LIGHT_RULE))
        data.append(cells)
    widths = [label_width, *[15 * mm] * (3 * len(measures))]
    return Table(data, colWidths=widths, repeatRows=2, style=TableStyle(style))


def _certificates(table: StatsTable) -> Table:
    headings = [_words("証明書")] + [
        _words(MEASURES[m].label, align="right") for m in CERTIFICATE_COLUMNS
    ]
    data: list[list[Flowable]] = [headings]
    for row in (*table.rows, table.total):
        values = [
            suppressed_text(m) if row.suppressed else format_value(row.values.get(m), m)
            for m in CERTIFICATE_COLUMNS
        ]
        data.append([_Lines(label_lines(row.label, 80 * mm - 3)), *map(_figure, values)])
    style = [
        *_BASE_STYLE,
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, RULE),
        ("LINEBELOW", (0, 1), (-1, -2), 0.3, LIGHT_RULE),
        ("BACKGROUND", (0, -1), (-1, -1), TOTAL_FILL),
        ("LINEABOVE", (0, -1), (-1, -1), 0.8, RULE),
    ]
    return Table(
        data, colWidths=[80 * mm, 30 * mm, 30 * mm], repeatRows=1, style=TableStyle(style),
        hAlign="LEFT",
    )  # fmt: skip


def _field_table(fields: FieldShares, previous: FieldShares) -> Table:
    headings = [_words("記入項目の出どころ")]
    headings += [_words(w, align="right") for w in (THIS_MONTH, PREVIOUS_MONTH, CHANGE)]
    data: list[list[Flowable]] = [headings]
    for attribute, measure in FIELD_SOURCES:
        now, before = getattr(fields, attribute), getattr(previous, attribute)
        texts = (
            format_value(now, measure),
            format_value(before, measure),
            format_change(now - before, measure),
        )
        data.append([_words(source_label(measure)), *map(_figure, texts)])
    share, share_before = fields.share(), previous.share()
    change = None if share is None or share_before is None else share - share_before
    data.append(
        [
            _words(PREFILLED_LABEL),
            _figure(format_value(share, Measure.ON_TIME)),
            _figure(format_value(share_before, Measure.ON_TIME)),
            _figure(format_change(change, Measure.ON_TIME)),
        ]
    )
    style = [
        *_BASE_STYLE,
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, RULE),
        ("LINEBELOW", (0, 1), (-1, -3), 0.3, LIGHT_RULE),
        ("BACKGROUND", (0, -1), (-1, -1), TOTAL_FILL),
        ("LINEABOVE", (0, -1), (-1, -1), 0.8, RULE),
    ]
    return Table(
        data, colWidths=[50 * mm, 22 * mm, 22 * mm, 22 * mm], style=TableStyle(style),
        hAlign="LEFT",
    )  # fmt: skip


def source_label(measure: Measure) -> str:
    """「記入項目:記録から」 → 「記録から」."""
    return MEASURES[measure].label.split(":", 1)[-1]


# --- charts ------------------------------------------------------------------------------


def _drawing(height: float) -> Drawing:
    """A chart's drawing, the page's width, whose state starts in ゴシック (not reportlab's
    Helvetica, which the PDF would then list without embedding)."""
    drawing = Drawing(BODY_WIDTH, height)
    drawing.initialFontName = GOTHIC
    drawing.initialFontSize = SMALL_SIZE
    return drawing


def _string(x: float, y: float, text: str, font: str, size: float, **kwargs) -> String:
    return String(x, y, printable(text, font)[0], fontName=font, fontSize=size, **kwargs)


def _fitted_string(x: float, y: float, text: str, width: float, size: float = SMALL_SIZE):
    """A name in a chart shrunk to its room (down to 5 pt, then cut with …)."""
    shown = printable(text, GOTHIC)[0]
    natural = stringWidth(shown, GOTHIC, size)
    if natural > width:
        size = max(5.0, size * width / natural)
        while len(shown) > 1 and stringWidth(shown, GOTHIC, size) > width:
            shown = shown[:-2] + "…"
    return String(x, y, shown, fontName=GOTHIC, fontSize=size)


def _blend(share: float) -> colors.Color:
    share = min(1.0, max(0.0, share))
    return colors.linearlyInterpolatedColor(HEAT_LOW, HEAT_HIGH, 0, 1, share)


def _heatmap(report: MonthReport) -> Drawing:
    cells = {(c.weekday, c.hour): c for c in report.heatmap}
    weekdays = [d for d in range(5)]
    if any(c.weekday >= 5 and c.arrivals for c in report.heatmap):
        weekdays += sorted({c.weekday for c in report.heatmap if c.weekday >= 5})
    hours = sorted({c.hour for c in report.heatmap}) or list(range(8, 18))
    hours = list(range(hours[0], hours[-1] + 1))
    most = max((c.arrivals for c in report.heatmap), default=0.0) or 1.0
    left, cell_height, head, legend = 9 * mm, 7.5 * mm, 5 * mm, 12 * mm
    cell_width = (BODY_WIDTH - left) / len(hours)
    height = head + cell_height * len(weekdays) + legend
    drawing = _drawing(height)
    top = height - head
    for column, hour in enumerate(hours):
        x = left + column * cell_width + cell_width / 2
        drawing.add(
            _string(x, top + 1.5 * mm, f"{hour}時", GOTHIC, SMALL_SIZE, textAnchor="middle")
        )
    for line, weekday in enumerate(weekdays):
        y = top - (line + 1) * cell_height
        name = WEEKDAY_LABELS[weekday][0]
        drawing.add(_string(3 * mm, y + cell_height / 2 - 2.5, name, GOTHIC, TEXT_SIZE))
        for column, hour in enumerate(hours):
            x = left + column * cell_width
            cell = cells.get((weekday, hour))
            share = cell.arrivals / most if cell else 0.0
            fill = _blend(share) if cell and cell.arrivals else NO_DATA
            drawing.add(
                Rect(x, y, cell_width, cell_height, fillColor=fill, strokeColor=colors.white,
                     strokeWidth=0.8)
            )  # fmt: skip
            wait = cell.wait_p50 if cell else None
            text = NONE_TEXT if wait is None else f"{wait:.1f}"
            ink = colors.white if share > 0.55 else colors.black
            drawing.add(
                _string(x + cell_width / 2, y + cell_height / 2 - 2.4, text, MINCHO, TEXT_SIZE,
                        textAnchor="middle", fillColor=ink)
            )  # fmt: skip
    # The legend: the colour scale of arrivals, and what the figures are.
    y = 3 * mm
    steps = 6
    for step in range(steps):
        drawing.add(
            Rect(left + step * 6 * mm, y, 6 * mm, 3.5 * mm, fillColor=_blend(step / (steps - 1)),
                 strokeColor=None)
        )  # fmt: skip
    drawing.add(_string(left, y - 2.8 * mm, "0", MINCHO, SMALL_SIZE))
    drawing.add(
        _string(left + steps * 6 * mm, y - 2.8 * mm, f"{most:.1f}", MINCHO, SMALL_SIZE,
                textAnchor="end")
    )  # fmt: skip
    note = "色：1時間の発券数（その曜日の平均）　数字：待ち時間の中央値（分）　灰色：発券なし"
    drawing.add(_string(left + steps * 6 * mm + 4 * mm, y + 0.6 * mm, note, GOTHIC, SMALL_SIZE))
    return drawing


def _legend(drawing: Drawing, x: float, y: float, names: Sequence[str], width: float) -> None:
    """Swatches and names in columns of `width`, filling rows from the left."""
    per_row = _per_row(x, width)
    for index, name in enumerate(names):
        left = x + (index % per_row) * width
        top = y - (index // per_row) * 4.5 * mm
        colour = SERIES_COLOURS[index % len(SERIES_COLOURS)]
        drawing.add(Rect(left, top, 3 * mm, 3 * mm, fillColor=colour, strokeColor=None))
        drawing.add(_fitted_string(left + 4 * mm, top + 0.4 * mm, name, width - 6 * mm))


def _per_row(x: float, width: float) -> int:
    return max(1, int((BODY_WIDTH - x + 1) // width))


def _legend_height(count: int, x: float, width: float) -> float:
    per_row = _per_row(x, width)
    return ((count + per_row - 1) // per_row) * 4.5 * mm


def _daily_waits(report: MonthReport) -> Drawing | None:
    series = [
        (wait.label, [(d.day, p50) for d, p50, _ in wait.days if p50 is not None])
        for wait in report.daily_waits
    ]
    series = [(name, points) for name, points in series if points]
    if not series:
        return None
    legend_width = (BODY_WIDTH - 12 * mm) / 2
    legend = _legend_height(len(series), 12 * mm, legend_width)
    plot_height = 55 * mm
    height = plot_height + 14 * mm + legend
    drawing = _drawing(height)
    chart = LinePlot()
    chart.x, chart.y = 12 * mm, legend + 9 * mm
    chart.width, chart.height = BODY_WIDTH - 16 * mm, plot_height
    chart.data = [points for _, points in series]
    for index in range(len(series)):
        line = chart.lines[index]
        line.strokeColor = SERIES_COLOURS[index % len(SERIES_COLOURS)]
        line.strokeWidth = 1.2
    last = report.month.last.day
    axis = chart.xValueAxis
    axis.valueMin, axis.valueMax = 1, last
    axis.valueSteps = [1, *range(5, last + 1, 5)]
    for value_axis in (chart.xValueAxis, chart.yValueAxis):
        value_axis.labels.fontName = MINCHO
        value_axis.labels.fontSize = SMALL_SIZE
    highest = max(p50 for _, points in series for _, p50 in points)
    top = _nice_ceiling(max(highest * 1.05, 5.0))  # all zero (nobody waited) reads too
    chart.yValueAxis.valueMin, chart.yValueAxis.valueMax = 0, top
    chart.yValueAxis.valueStep = top / 5
    drawing.add(chart)
    drawing.add(
        _string(chart.x - 10 * mm, chart.y + plot_height + 3 * mm, "分", GOTHIC, SMALL_SIZE)
    )
    drawing.add(
        _string(chart.x + chart.width, chart.y - 7.5 * mm, "日", GOTHIC, SMALL_SIZE,
                textAnchor="end")
    )  # fmt: skip
    _legend(drawing, chart.x, legend - 4 * mm, [name for name, _ in series], legend_width)
    return drawing


def _nice_ceiling(value: float) -> float:
    """The axis' end above `value`: 1, 2, 2.5 or 5 times a power of ten."""
    if value <= 0:
        return 1.0
    power = 10 ** len(str(int(value)))  # ≥ value
    while power / 10 >= value:
        power /= 10
    for step in (0.1, 0.2, 0.25, 0.5, 1.0):
        if power * step >= value:
            return power * step
    return power


def _lead_times(report: MonthReport) -> Drawing | None:
    departments = [d for d in report.lead_times if d.routed]
    if not departments:
        return None
    band = 9 * mm
    plot_height = band * len(departments)
    height = plot_height + 18 * mm
    drawing = _drawing(height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 42 * mm, 14 * mm
    chart.width, chart.height = BODY_WIDTH - chart.x - 6 * mm, plot_height
    # The 90 % bar first: a group's first bar lies lowest, and the median reads on top.
    chart.data = [
        [d.lead_p90 for d in departments],
        [d.lead_p50 for d in departments],
    ]
    chart.categoryAxis.categoryNames = chart_names([d.label for d in departments])
    chart.categoryAxis.reverseDirection = 1  # the first department at the top
    style_axes(chart)
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -2
    chart.categoryAxis.labels.fontSize = _names_size(
        [d.label for d in departments], chart.x - 3 * mm
    )
    values = [
        v for d in departments for v in (d.lead_p50, d.lead_p90, d.due_days_p50) if v is not None
    ]
    top = _nice_ceiling(max(values, default=1.0) * 1.05)
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, top
    chart.valueAxis.valueStep = top / 5
    chart.barSpacing = 0.5
    chart.groupSpacing = 2.5
    for index in range(2):
        chart.bars[index].fillColor = SERIES_COLOURS[1 - index]
        chart.bars[index].strokeColor = None
    drawing.add(chart)
    for index, department in enumerate(departments):
        if department.due_days_p50 is None:
            continue
        x = chart.x + department.due_days_p50 / top * chart.width
        y = chart.y + chart.height - (index + 0.5) * band
        drawing.add(Line(x, y - band / 2 + 0.6 * mm, x, y + band / 2 - 0.6 * mm,
                         strokeColor=DUE_MARK, strokeWidth=1.4))  # fmt: skip
        drawing.add(_diamond(x, y + band / 2 - 0.6 * mm))
    drawing.add(
        _string(chart.x + chart.width, chart.y - 7 * mm, "日", GOTHIC, SMALL_SIZE,
                textAnchor="end")
    )  # fmt: skip
    y = 2 * mm
    names = ("処理日数 中央値", "処理日数 90%")
    for index, name in enumerate(names):
        x = chart.x + index * 35 * mm
        drawing.add(Rect(x, y, 3 * mm, 3 * mm, fillColor=SERIES_COLOURS[index], strokeColor=None))
        drawing.add(_string(x + 4 * mm, y + 0.4 * mm, name, GOTHIC, SMALL_SIZE))
    x = chart.x + 2 * 35 * mm
    drawing.add(Line(x + 1.5 * mm, y - 0.5 * mm, x + 1.5 * mm, y + 3.5 * mm,
                     strokeColor=DUE_MARK, strokeWidth=1.4))  # fmt: skip
    drawing.add(_diamond(x + 1.5 * mm, y + 3.5 * mm))
    label = "期限までの日数（中央値）"
    drawing.add(_string(x + 4 * mm, y + 0.4 * mm, label, GOTHIC, SMALL_SIZE))
    return drawing


def _diamond(x: float, y: float, r: float = 1.3 * mm) -> Polygon:
    return Polygon([x, y + r, x + r, y, x, y - r, x - r, y], fillColor=DUE_MARK, strokeColor=None)


def _names_size(names: Sequence[str], width: float) -> float:
    widest = max((stringWidth(n, GOTHIC, SMALL_SIZE) for n in chart_names(names)), default=0)
    return SMALL_SIZE if widest <= width else max(5.0, SMALL_SIZE * width / widest)


def _field_bars(fields: FieldShares, previous: FieldShares) -> Drawing:
    """Two 100 % bars (this month, the previous) split by the fields' sources."""
    bar, gap, left, right = 8 * mm, 3 * mm, 12 * mm, 28 * mm
    legend = 6 * mm
    height = legend + 2 * bar + gap + 2 * mm
    drawing = _drawing(height)
    width = BODY_WIDTH - left - right
    for line, (name, shares) in enumerate(((THIS_MONTH, fields), (PREVIOUS_MONTH, previous))):
        y = height - (line + 1) * bar - line * gap
        drawing.add(_string(0, y + bar / 2 - 2.5, name, GOTHIC, TEXT_SIZE))
        total = shares.total()
        x = left
        if not total:
            drawing.add(Rect(x, y, width, bar, fillColor=NO_DATA, strokeColor=None))
        for index, (attribute, _) in enumerate(FIELD_SOURCES):
            count = getattr(shares, attribute)
            if not total or not count:
                continue
            part = width * count / total
            drawing.add(Rect(x, y, part, bar, fillColor=_source_colour(index), strokeColor=None))
            if part > 9 * mm:
                text = f"{count / total * 100:.0f}%"
                drawing.add(
                    _string(x + part / 2, y + bar / 2 - 2.4, text, MINCHO, SMALL_SIZE,
                            textAnchor="middle", fillColor=colors.white if index < 3 else colors.black)
                )  # fmt: skip
            x += part
        share = shares.share()
        shown = f"事前 {format_value(share, Measure.ON_TIME)}"
        drawing.add(_string(left + width + 2 * mm, y + bar / 2 - 2.5, shown, GOTHIC, TEXT_SIZE))
    for index, (_, measure) in enumerate(FIELD_SOURCES):
        x = left + index * 30 * mm
        drawing.add(Rect(x, 0.5 * mm, 3 * mm, 3 * mm, fillColor=_source_colour(index),
                         strokeColor=None))  # fmt: skip
        drawing.add(_string(x + 4 * mm, 0.9 * mm, source_label(measure), GOTHIC, SMALL_SIZE))
    return drawing


def _source_colour(index: int) -> colors.Color:
    """The prefilled sources in colour, the resident's own writing in grey."""
    return (*SERIES_COLOURS[:4], colors.HexColor("#a5a5a5"))[index]


# --- the document ------------------------------------------------------------------------


def _story(report: MonthReport) -> list[Flowable]:
    made = local(report.generated_at)
    story: list[Flowable] = []
    if report.municipality:
        story.append(_Lines([report.municipality], GOTHIC, HEADING_SIZE, leading=15))
    story.append(_Lines([report_title(report)], GOTHIC, TITLE_SIZE, leading=24))
    story.append(_words(f"対象期間 {report.month.label()}    比較：前月 {report.previous.label()}"))
    story.append(
        _words(f"作成日 {made.year}年{made.month}月{made.day}日 {made.hour:02d}:{made.minute:02d}")
    )
    note = "増減は今月－前月。「<3」は3人未満の集団、「—」は該当なし。率の増減はポイント。"
    story.append(_Lines([note], GOTHIC, SMALL_SIZE))

    story += _heading("発券区分別", "待ち時間は発券から呼出し、対応時間は開始から終了まで（分）")
    story.append(_compared_by_rows(report.by_category, "発券区分", CATEGORY_MEASURES))

    story += _chart("時間帯・曜日別の発券と待ち時間", "", _heatmap(report))
    story += _chart(
        "発券区分別 待ち時間の推移", "日ごとの待ち時間の中央値（分）", _daily_waits(report)
    )

    story += _heading("担当課別", "回付から決定までの日数、期限内に決定した割合、差戻し")
    story.append(_compared_by_rows(report.by_department, "担当課", DEPARTMENT_MEASURES))

    story += _chart("担当課別 処理日数と期限", "今月回付した手続き", _lead_times(report))

    story += _heading("ライフイベント別")
    story.append(_compared_by_columns(report.by_event, "ライフイベント", EVENT_MEASURES))

    story += _heading(
        "印刷帳票の記入項目", "住民が書かずに済んだ項目（記録・職員・自動計算・書類から）の割合"
    )
    story.append(_field_bars(report.fields, report.fields_previous))
    story.append(Spacer(1, 3 * mm))
    story.append(_field_table(report.fields, report.fields_previous))

    story += _heading("証明書・手数料", "今月")
    if report.by_certificate.rows:
        story.append(_certificates(report.by_certificate))
    else:
        story += _none_found()
    return story


def _page_canvas(title: str):
    """A canvas that writes 「title n / N」 at each page's foot once the pages are counted."""

    class _Counted(Canvas):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            for number, state in enumerate(self._pages, 1):
                self.__dict__.update(state)
                self.setFillColor(colors.black)
                print_line(self, MARGIN, MARGIN / 2, title, GOTHIC, SMALL_SIZE)
                pages = f"{number} / {len(self._pages)}"
                print_line(self, PAGE_WIDTH - MARGIN, MARGIN / 2, pages, MINCHO, SMALL_SIZE,
                           align="right")  # fmt: skip
                super().showPage()
            super().save()

    return _Counted


def month_report_pdf(report: MonthReport) -> bytes:
    register_fonts()
    buffer = io.BytesIO()
    title = report_title(report)
    if report.municipality:
        title = f"{report.municipality} {title}"
    document = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=report_title(report),
        author=report.municipality,
        pageCompression=1,
        # Not reportlab's Helvetica at each page's start: every font listed is embedded.
        initialFontName=GOTHIC,
        initialFontSize=TEXT_SIZE,
    )
    frame = Frame(MARGIN, MARGIN, BODY_WIDTH, PAGE_HEIGHT - 2 * MARGIN, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)  # fmt: skip
    document.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    document.build(_story(report), canvasmaker=_page_canvas(title))
    return buffer.getvalue()


def render_month_report(report: MonthReport, path: Path) -> None:
    """Write the month's report to `path` (the CLI: `counter-app stats report`)."""
    Path(path).write_bytes(month_report_pdf(report))


__all__ = ["format_change", "format_value", "month_report_pdf", "render_month_report"]
