"""The statistics' charts, drawn with pyqtgraph from the core's plain values
(counter_app.stats.model): where people would rather look than read.

    HeatMapChart      arrivals or median waits by hour × weekday, the value in each cell
    DailyWaitsChart   each category's median wait per business day, one line each
    LeadTimesChart    each department's lead time (median, 90 %) against its due days
    FieldSharesChart  the printed forms' fields by where their value came from

Each is a ChartPanel: a title, the chart, and 画像保存… (PNG, the chart as drawn).
pyqtgraph is imported with this module, which only the statistics window imports, when it
first opens: start-up never pays for it. It takes the binding already imported (PySide6).
"""

from __future__ import annotations

import math
import os
import textwrap
from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QCoreApplication, QRectF, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

import numpy as np
import pyqtgraph as pg

from counter_app.stats.model import (
    MEASURES,
    WEEKDAY_LABELS,
    DailyWait,
    FieldShares,
    HeatCell,
    LeadTime,
    Measure,
)

from ..style import ACCENT

BACKGROUND = "#f4f6f9"  # the windows' background (ui/style.py)
FOREGROUND = "#3c4650"
GRID_ALPHA = 0.25
pg.setConfigOptions(
    background=BACKGROUND, foreground=FOREGROUND, antialias=True, imageAxisOrder="row-major"
)

# Lines and bars: distinguishable, also in grey print (Okabe–Ito).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#F0E442")
ARRIVALS_MAP = pg.ColorMap([0.0, 0.35, 0.7, 1.0], ["#f7fbff", "#9ecae1", "#3182bd", "#08306b"])
WAITS_MAP = pg.ColorMap([0.0, 0.35, 0.7, 1.0], ["#fff5eb", "#fdae6b", "#e6550d", "#7f2704"])
PREFILLED_COLOURS = ("#1f4e79", "#3f7fb5", "#6fa8d6", "#a9cbe8")
RESIDENT_COLOUR = "#E69F00"
TARGET_COLOUR = "#b00020"


def label_font(point_size: int = 11, bold: bool = False) -> QFont:
    """The application's font (IPAex Gothic) at a chart's size."""
    font = QFont()
    font.setPointSize(point_size)
    font.setBold(bold)
    return font


def _axis(plot: pg.PlotItem, name: str, ticks: Sequence[tuple[float, str]] | None = None):
    axis = plot.getAxis(name)
    axis.setTickFont(label_font(10))
    axis.setTextPen(FOREGROUND)
    axis.setPen(FOREGROUND)
    if ticks is not None:
        axis.setTicks([list(ticks), []])
    return axis


def _plot(widget: pg.GraphicsLayoutWidget, title: str) -> pg.PlotItem:
    plot = widget.addPlot()
    plot.setTitle(title, size="12pt", color=FOREGROUND)
    plot.setMenuEnabled(False)
    plot.hideButtons()
    plot.setMouseEnabled(x=False, y=False)
    _axis(plot, "left")
    _axis(plot, "bottom")
    return plot


def _legend(plot: pg.PlotItem, columns: int) -> pg.LegendItem:
    """A legend across the top left, in `columns` columns (the plots leave room above
    their data for it)."""
    legend = plot.addLegend(offset=(6, 2), labelTextColor=FOREGROUND, labelTextSize="9pt")
    legend.setColumnCount(columns)
    legend.setBrush(pg.mkBrush(255, 255, 255, 210))
    return legend


def short(label: str) -> str:
    """A name without its explanation in brackets: 「届出・証明（転入転出…）」→「届出・証明」."""
    return label.split("（")[0].split(" (")[0].strip() or label


def wrapped(label: str, width: int = 16) -> str:
    """A long name (English mostly) on two or more lines, so the names under the bars do
    not run into each other."""
    return "\n".join(textwrap.wrap(label, width)) if len(label) > width else label


def _text(text: str, colour: str = FOREGROUND, anchor=(0.5, 0.5), size: int = 10) -> pg.TextItem:
    item = pg.TextItem(text, color=colour, anchor=anchor)
    item.setFont(label_font(size))
    return item


class ChartPanel(QWidget):
    """A chart with its tools above it; subclasses draw on `self.graphics`."""

    save_requested = Signal(object)  # this panel: the window asks where to save the PNG

    def __init__(self, name: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.title = title
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setObjectName(f"{name}Graphics")
        self.graphics.setBackground(BACKGROUND)
        self.graphics.setMinimumSize(360, 240)
        self.tools = QHBoxLayout()
        self.tools.setContentsMargins(0, 0, 0, 0)
        self.save_button = QPushButton(QCoreApplication.translate("StatsCharts", "画像保存…"))
        self.save_button.setObjectName(f"{name}Save")
        self.save_button.setToolTip(
            QCoreApplication.translate("StatsCharts", "このグラフをPNG画像に保存します。")
        )
        self.save_button.clicked.connect(lambda _=False: self.save_requested.emit(self))
        self.empty = QLabel(
            QCoreApplication.translate("StatsCharts", "この期間のデータはありません。")
        )
        self.empty.setObjectName("muted")
        self.empty.hide()
        self.tools.addWidget(self.empty)
        self.tools.addStretch(1)
        self.tools.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(self.tools)
        layout.addWidget(self.graphics, 1)

    def save_png(self, path: str) -> bool:
        """The chart as drawn, as a PNG file."""
        return self.graphics.grab().save(path, "PNG")

    def _restart(self) -> pg.PlotItem:
        self.graphics.clear()
        return _plot(self.graphics, self.title)

    def _show_empty(self, empty: bool) -> None:
        self.empty.setVisible(empty)


class HeatMapChart(ChartPanel):
    """Arrivals (tickets per such day) or median waits by hour × weekday, the value
    written in every cell; Monday at the top, the hours left to right."""

    ARRIVALS, WAITS = "arrivals", "waits"

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(
            "heatMap", QCoreApplication.translate("StatsCharts", "曜日×時間帯"), parent
        )
        self._language = language
        self.cells: tuple[HeatCell, ...] = ()
        self.weekdays: list[int] = []
        self.hours: list[int] = []
        self.image: np.ndarray = np.zeros((0, 0))
        self.shown = QComboBox()
        self.shown.setObjectName("heatMapValue")
        self.shown.addItem(
            QCoreApplication.translate("StatsCharts", "来庁者数（1日あたり）"), self.ARRIVALS
        )
        self.shown.addItem(
            QCoreApplication.translate("StatsCharts", "待ち時間 中央値（分）"), self.WAITS
        )
        self.shown.currentIndexChanged.connect(lambda _i: self._draw())
        self.tools.insertWidget(0, self.shown)

    def value_shown(self) -> str:
        return self.shown.currentData()

    def show_cells(self, cells: Sequence[HeatCell]) -> None:
        self.cells = tuple(cells)
        self._draw()

    def _draw(self) -> None:
        plot = self._restart()
        cells = self.cells
        self._show_empty(not cells)
        if not cells:
            self.image = np.zeros((0, 0))
            return
        saturday = any(c.weekday == 5 and c.arrivals > 0 for c in cells)
        self.weekdays = list(range(6 if saturday else 5))
        self.hours = list(range(min(c.hour for c in cells), max(c.hour for c in cells) + 1))
        waits = self.value_shown() == self.WAITS
        image = np.full((len(self.weekdays), len(self.hours)), np.nan)
        for cell in cells:
            if cell.weekday in self.weekdays:
                value = cell.wait_p50 if waits else cell.arrivals
                if value is not None:
                    image[cell.weekday, cell.hour - self.hours[0]] = value
        self.image = image
        finite = image[np.isfinite(image)]
        top = float(finite.max()) if finite.size else 1.0
        top = top if top > 0 else 1.0
        colours = WAITS_MAP if waits else ARRIVALS_MAP
        item = pg.ImageItem(np.nan_to_num(image, nan=0.0))
        item.setRect(QRectF(self.hours[0] - 0.5, -0.5, len(self.hours), len(self.weekdays)))
        item.setColorMap(colours)
        item.setLevels((0.0, top))
        plot.addItem(item)
        for row, weekday in enumerate(self.weekdays):
            for column, hour in enumerate(self.hours):
                value = image[row, column]
                if math.isnan(value):
                    text, dark = "—", False
                else:
                    text, dark = f"{value:.1f}", value / top > 0.55
                label = _text(text, "#ffffff" if dark else FOREGROUND)
                label.setPos(hour, weekday)
                plot.addItem(label)
        plot.invertY(True)
        plot.setAspectLocked(False)
        plot.setXRange(self.hours[0] - 0.5, self.hours[-1] + 0.5, padding=0)
        plot.setYRange(-0.5, len(self.weekdays) - 0.5, padding=0)
        _axis(
            plot,
            "bottom",
            [
                (h, QCoreApplication.translate("StatsCharts", "{hour}時").format(hour=h))
                for h in self.hours
            ],
        )
        _axis(plot, "left", [(w, self.weekday_label(w)) for w in self.weekdays])
        bar = pg.ColorBarItem(
            values=(0.0, top),
            colorMap=colours,
            width=14,
            interactive=False,
            label=QCoreApplication.translate("StatsCharts", "分")
            if waits
            else QCoreApplication.translate("StatsCharts", "人"),
        )
        bar.setImageItem(item, insert_in=plot)
        _axis(bar, "right")

    def weekday_label(self, weekday: int) -> str:
        japanese, english = WEEKDAY_LABELS[weekday]
        return english if self._language == "en" else japanese

    def values(self) -> dict[tuple[int, int], float]:
        """The drawn values by (weekday, hour), the cells without one left out."""
        return {
            (weekday, hour): float(self.image[row, column])
            for row, weekday in enumerate(self.weekdays)
            for column, hour in enumerate(self.hours)
            if not math.isnan(self.image[row, column])
        }


class DailyWaitsChart(ChartPanel):
    """Each category's median wait (minutes) per business day, one line each."""

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(
            "dailyWaits",
            QCoreApplication.translate("StatsCharts", "区分別の待ち時間（日ごとの中央値）"),
            parent,
        )
        self._language = language
        self.series: tuple[DailyWait, ...] = ()
        self.days: list[date] = []
        self.lines: dict[str, pg.PlotDataItem] = {}

    def show_series(self, series: Sequence[DailyWait]) -> None:
        self.series = tuple(series)
        plot = self._restart()
        self.lines = {}
        self.days = sorted({day for s in self.series for day, _p50, _p90 in s.days})
        self._show_empty(not self.days)
        if not self.days:
            return
        where = {day: index for index, day in enumerate(self.days)}
        _legend(plot, min(3, len(self.series)))
        for number, category in enumerate(self.series):
            xs = [where[day] for day, _p50, _p90 in category.days]
            ys = [math.nan if p50 is None else p50 for _day, p50, _p90 in category.days]
            colour = PALETTE[number % len(PALETTE)]
            name = short(category.label_en if self._language == "en" else category.label)
            self.lines[category.category_id] = plot.plot(
                xs,
                ys,
                pen=pg.mkPen(colour, width=2),
                symbol="o",
                symbolSize=5,
                symbolBrush=colour,
                symbolPen=None,
                connect="finite",
                name=name,
            )
        step = max(1, math.ceil(len(self.days) / 10))
        _axis(
            plot,
            "bottom",
            [(i, f"{d.month}/{d.day}") for i, d in enumerate(self.days) if i % step == 0],
        )
        plot.setLabel("left", QCoreApplication.translate("StatsCharts", "分"), color=FOREGROUND)
        plot.showGrid(x=False, y=True, alpha=GRID_ALPHA)
        plot.setXRange(-0.5, len(self.days) - 0.5, padding=0.02)
        plot.setYRange(0, max(self._highest(), 5.0) * 1.4, padding=0)

    def _highest(self) -> float:
        values = [p50 for s in self.series for _d, p50, _p90 in s.days if p50 is not None]
        return max(values, default=0.0)


class LeadTimesChart(ChartPanel):
    """Each department's lead time in days (median and 90 %) as bars, its due days (the
    median time allowed) as a red mark across them, the share decided on time above."""

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(
            "leadTimes", QCoreApplication.translate("StatsCharts", "原課の処理日数と期限"), parent
        )
        self._language = language
        self.leads: tuple[LeadTime, ...] = ()

    def show_leads(self, leads: Sequence[LeadTime]) -> None:
        self.leads = tuple(lead for lead in leads if lead.routed)
        plot = self._restart()
        self._show_empty(not self.leads)
        if not self.leads:
            return
        legend = _legend(plot, 3)
        xs = np.arange(len(self.leads), dtype=float)
        p50 = np.array([lead.lead_p50 or 0.0 for lead in self.leads])
        p90 = np.array([lead.lead_p90 or 0.0 for lead in self.leads])
        median = pg.BarGraphItem(x=xs - 0.19, height=p50, width=0.36, brush=ACCENT, pen=None)
        ninety = pg.BarGraphItem(x=xs + 0.19, height=p90, width=0.36, brush="#9ecae1", pen=None)
        plot.addItem(median)
        plot.addItem(ninety)
        legend.addItem(median, QCoreApplication.translate("StatsCharts", "中央値"))
        legend.addItem(ninety, QCoreApplication.translate("StatsCharts", "90%"))
        targets_x: list[float] = []
        targets_y: list[float] = []
        for x, lead in zip(xs, self.leads, strict=True):
            if lead.due_days_p50 is not None:
                targets_x += [x - 0.45, x + 0.45]
                targets_y += [lead.due_days_p50, lead.due_days_p50]
        if targets_x:
            target = plot.plot(
                targets_x,
                targets_y,
                pen=pg.mkPen(TARGET_COLOUR, width=3, style=Qt.PenStyle.DashLine),
                connect="pairs",
                name=QCoreApplication.translate("StatsCharts", "期限（中央値）"),
            )
            target.setZValue(10)
        top = max(
            [*p90, *p50, *(lead.due_days_p50 or 0.0 for lead in self.leads), 1.0]
        )  # the highest thing drawn
        for x, lead in zip(xs, self.leads, strict=True):
            if lead.lead_p50 is None:
                undecided = _text(
                    QCoreApplication.translate("StatsCharts", "決定なし"), anchor=(0.5, 1.0), size=9
                )
                undecided.setPos(x, top * 0.08)
                plot.addItem(undecided)
            if lead.on_time is not None:
                label = _text(
                    QCoreApplication.translate("StatsCharts", "期限内 {share}%").format(
                        share=f"{lead.on_time * 100:.0f}"
                    ),
                    anchor=(0.5, 1.0),
                    size=9,
                )
                label.setPos(x, max(lead.lead_p90 or 0.0, lead.due_days_p50 or 0.0) + top * 0.02)
                plot.addItem(label)
        names = [
            wrapped(short(lead.label_en if self._language == "en" else lead.label))
            for lead in self.leads
        ]
        bottom = _axis(plot, "bottom", list(enumerate(names)))
        lines = max(name.count("\n") + 1 for name in names)
        bottom.setHeight(12 + 18 * lines)
        plot.setLabel("left", QCoreApplication.translate("StatsCharts", "日"), color=FOREGROUND)
        plot.showGrid(x=False, y=True, alpha=GRID_ALPHA)
        plot.setXRange(-0.6, len(self.leads) - 0.4, padding=0)
        plot.setYRange(0, top * 1.45, padding=0)


class FieldSharesChart(ChartPanel):
    """The printed forms' fields by source: pre-filled (records, clerk, computed,
    documents) in blues, what the resident still wrote in orange; count and share above."""

    SOURCES = (
        Measure.FIELDS_RECORDS,
        Measure.FIELDS_CLERK,
        Measure.FIELDS_COMPUTED,
        Measure.FIELDS_DOCUMENTS,
        Measure.FIELDS_RESIDENT,
    )

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(
            "fieldShares",
            QCoreApplication.translate("StatsCharts", "帳票の記入項目（記入元別）"),
            parent,
        )
        self._language = language
        self.shares: FieldShares | None = None
        self.counts: list[int] = []

    def show_shares(self, shares: FieldShares) -> None:
        self.shares = shares
        self.counts = [
            shares.records,
            shares.clerk,
            shares.computed,
            shares.documents,
            shares.resident,
        ]
        total = shares.total()
        share = shares.share()
        if share is not None:
            self.title = QCoreApplication.translate(
                "StatsCharts", "帳票の記入項目（住民が書かずに済んだ割合 {share}%）"
            ).format(share=f"{share * 100:.1f}")
        else:
            self.title = QCoreApplication.translate("StatsCharts", "帳票の記入項目（記入元別）")
        plot = self._restart()
        self._show_empty(total == 0)
        if total == 0:
            return
        xs = np.arange(len(self.SOURCES), dtype=float)
        brushes = [*PREFILLED_COLOURS, RESIDENT_COLOUR]
        bars = pg.BarGraphItem(
            x=xs, height=np.array(self.counts, dtype=float), width=0.6, brushes=brushes, pen=None
        )
        plot.addItem(bars)
        top = max(self.counts)
        for x, count in zip(xs, self.counts, strict=True):
            label = _text(f"{count:,}\n{count / total * 100:.1f}%", anchor=(0.5, 1.0), size=9)
            label.setPos(x, count + top * 0.02)
            plot.addItem(label)
        _axis(plot, "bottom", [(i, self.source_label(m)) for i, m in enumerate(self.SOURCES)])
        plot.setLabel("left", QCoreApplication.translate("StatsCharts", "項目数"), color=FOREGROUND)
        plot.showGrid(x=False, y=True, alpha=GRID_ALPHA)
        plot.setXRange(-0.6, len(self.SOURCES) - 0.4, padding=0)
        plot.setYRange(0, top * 1.3, padding=0)

    def source_label(self, measure: Measure) -> str:
        info = MEASURES[measure]
        return (info.label_en if self._language == "en" else info.label).split(":")[-1].strip()
