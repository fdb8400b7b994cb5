"""統計・見える化: the statistics window for supervisors and floor managers, opened from
the menu (表示 → 統計…).

A period (two dates, or 今月 / 先月 / 直近4週) and a grouping (the core's groupings) give
the table: one row per group, the total last, every measure the grouping has. A
comparison shows the same grouping over two periods — before and after a reform date
within the period, or another period against this one — with before, after and the
difference of every measure, green where it improved and red where it got worse. CSV出力
saves the table (every column, whichever kind of figure 表示 narrows the screen to)
through the core's export (UTF-8 with BOM; Excel opens it).

The tab グラフ draws the period: arrivals and median waits by hour × weekday, each
category's waits over the days, the departments' lead times against their due days and
the share of the forms' fields the resident no longer writes; each saves as PNG.

Every figure is read through the database worker (the core's `app.stats`); the charts are
read when their tab is first shown, and again when the period changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

import shiboken6
from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app import clock
from counter_app.errors import DB_AWAY, CounterAppError
from counter_app.messages import message_for
from counter_app.permissions import Actor
from counter_app.stats.model import (
    GROUPING_LABELS,
    MEASURES,
    Comparison,
    DailyWait,
    FieldShares,
    Grouping,
    HeatCell,
    LeadTime,
    Measure,
    Period,
    StatsTable,
    Unit,
)
from ui import ops

from ..context import UiContext
from ..message_box import MessageBox
from .charts import ChartPanel, DailyWaitsChart, FieldSharesChart, HeatMapChart, LeadTimesChart
from .table_model import ComparisonModel, StatsTableModel

WEEKS = 4  # 直近4週


class Kind(StrEnum):
    """The kinds of figure the table can be narrowed to (by the measures' units)."""

    COUNTS = "counts"
    TIMES = "times"
    SHARES = "shares"
    YEN = "yen"


def kind_of(measure: Measure) -> Kind:
    unit = MEASURES[measure].unit
    if unit in (Unit.MINUTES, Unit.DAYS):
        return Kind.TIMES
    return {Unit.SHARE: Kind.SHARES, Unit.YEN: Kind.YEN}.get(unit, Kind.COUNTS)


class CompareMode(StrEnum):
    NONE = "none"
    REFORM = "reform"  # before / after a reform date within the period
    PERIODS = "periods"  # another period (before) against this one (after)


@dataclass(frozen=True)
class ChartData:
    heatmap: tuple[HeatCell, ...]
    daily_waits: tuple[DailyWait, ...]
    lead_times: tuple[LeadTime, ...]
    fields: FieldShares


def _day(edit: QDateEdit) -> date:
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), chosen.day())


def _date_edit(name: str, day: date) -> QDateEdit:
    edit = QDateEdit(QDate(day))
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def this_month(today: date) -> Period:
    return Period(today.replace(day=1), today)


def last_month(today: date) -> Period:
    return Period.month(today.year, today.month).previous_month()


def last_weeks(today: date, weeks: int = WEEKS) -> Period:
    return Period(today - timedelta(days=7 * weeks - 1), today)


class SavePath:
    """Where to save an export: the system's save dialog (tests replace `ask`)."""

    @classmethod
    def ask(cls, parent: QWidget, suggested: str, filter_text: str) -> str:
        path, _filter = QFileDialog.getSaveFileName(
            parent, QCoreApplication.translate("StatsWindow", "保存"), suggested, filter_text
        )
        return path


class StatsWindow(QDialog):
    """Emits `table_loaded()` after every table or comparison shown, `charts_loaded()`
    after every drawing of the charts, `saved(path)` after every export written."""

    table_loaded = Signal()
    charts_loaded = Signal()
    saved = Signal(str)

    def __init__(self, context: UiContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._actor = actor
        self._language = context.language
        self._table_reads = ops.Reads(self, context.runner)
        self._chart_reads = ops.Reads(self, context.runner)
        self.result: StatsTable | Comparison | None = None
        self.charts_period: Period | None = None  # the period the charts show
        self.setWindowTitle(self.tr("統計・見える化"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        today = clock.today()
        shown = last_weeks(today)

        # --- the period, the grouping, the comparison --------------------------------------
        self.first = _date_edit("statsFrom", shown.first)
        self.last = _date_edit("statsTo", shown.last)
        self.presets: dict[str, QPushButton] = {}
        for name, text, period in (
            ("thisMonth", self.tr("今月"), this_month(today)),
            ("lastMonth", self.tr("先月"), last_month(today)),
            ("lastWeeks", self.tr("直近4週"), last_weeks(today)),
        ):
            button = QPushButton(text)
            button.setObjectName(f"statsPreset_{name}")
            button.clicked.connect(lambda _=False, p=period: self.set_period(p))
            self.presets[name] = button
        self.grouping = QComboBox()
        self.grouping.setObjectName("statsGrouping")
        for grouping, (japanese, english) in GROUPING_LABELS.items():
            self.grouping.addItem(english if self._language == "en" else japanese, grouping.value)
        self.compare_mode = QComboBox()
        self.compare_mode.setObjectName("statsCompareMode")
        self.compare_mode.addItem(self.tr("比較しない"), CompareMode.NONE.value)
        self.compare_mode.addItem(self.tr("改革日の前後"), CompareMode.REFORM.value)
        self.compare_mode.addItem(self.tr("別の期間と比較"), CompareMode.PERIODS.value)
        self.reform_day = _date_edit("statsReformDay", shown.first + timedelta(days=14))
        self.before_first = _date_edit("statsBeforeFrom", shown.first - timedelta(days=28))
        self.before_last = _date_edit("statsBeforeTo", shown.first - timedelta(days=1))
        self.reform_label = QLabel(self.tr("改革日"))
        self.before_label = QLabel(self.tr("比較する期間（前）"))
        self.before_dash = QLabel("〜")
        self.refresh_button = QPushButton(self.tr("更新"))
        self.refresh_button.setObjectName("statsRefresh")
        self.refresh_button.clicked.connect(lambda _=False: self.reload())
        self.notice = QLabel()
        self.notice.setObjectName("muted")
        self.notice.setWordWrap(True)

        for edit in (self.first, self.last, self.reform_day, self.before_first, self.before_last):
            edit.dateChanged.connect(lambda _d: self.reload())
        self.grouping.currentIndexChanged.connect(lambda _i: self.reload_table())
        self.compare_mode.currentIndexChanged.connect(lambda _i: self._mode_changed())

        # --- the table ---------------------------------------------------------------------
        self.table_model = StatsTableModel(self._language, self)
        self.comparison_model = ComparisonModel(self._language, self)
        self.table = QTableView()
        self.table.setObjectName("statsTable")
        self.table.setModel(self.table_model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.csv_button = QPushButton(self.tr("CSV出力…"))
        self.csv_button.setObjectName("statsCsv")
        self.csv_button.setToolTip(
            self.tr("表の内容をCSV（UTF-8、BOM付き）に保存します。Excelで開けます。")
        )
        self.csv_button.clicked.connect(lambda _=False: self.export_csv())
        self.csv_button.setEnabled(False)
        self.caption = QLabel()
        self.caption.setObjectName("statsCaption")
        # Which kind of figure the table shows: a comparison has three columns a measure.
        self.kinds = QComboBox()
        self.kinds.setObjectName("statsKinds")
        self.kinds.addItem(self.tr("すべての項目"), None)
        self.kinds.addItem(self.tr("件数"), Kind.COUNTS.value)
        self.kinds.addItem(self.tr("時間（分・日）"), Kind.TIMES.value)
        self.kinds.addItem(self.tr("割合"), Kind.SHARES.value)
        self.kinds.addItem(self.tr("金額"), Kind.YEN.value)
        self.kinds.currentIndexChanged.connect(lambda _i: self._show_kinds())
        table_page = QWidget()
        table_layout = QVBoxLayout(table_page)
        table_layout.setContentsMargins(0, 6, 0, 0)
        table_top = QHBoxLayout()
        table_top.addWidget(self.caption, 1)
        table_top.addWidget(QLabel(self.tr("表示")))
        table_top.addWidget(self.kinds)
        table_top.addWidget(self.csv_button)
        table_layout.addLayout(table_top)
        table_layout.addWidget(self.table, 1)

        # --- the charts --------------------------------------------------------------------
        self.heatmap = HeatMapChart(self._language)
        self.daily_waits = DailyWaitsChart(self._language)
        self.lead_times = LeadTimesChart(self._language)
        self.fields = FieldSharesChart(self._language)
        self.charts: tuple[ChartPanel, ...] = (
            self.heatmap,
            self.daily_waits,
            self.lead_times,
            self.fields,
        )
        charts_page = QWidget()
        grid = QGridLayout(charts_page)
        grid.setContentsMargins(0, 6, 0, 0)
        grid.setSpacing(12)
        for index, chart in enumerate(self.charts):
            chart.save_requested.connect(self.export_png)
            grid.addWidget(chart, *divmod(index, 2))
        self.tabs = QTabWidget()
        self.tabs.setObjectName("statsTabs")
        self.tabs.addTab(table_page, self.tr("集計表"))
        self.charts_page = charts_page
        self.tabs.addTab(charts_page, self.tr("グラフ"))
        self.tabs.currentChanged.connect(lambda _i: self._tab_changed())

        # --- the layout ----------------------------------------------------------------------
        period_row = QHBoxLayout()
        period_row.addWidget(QLabel(self.tr("期間")))
        period_row.addWidget(self.first)
        period_row.addWidget(QLabel("〜"))
        period_row.addWidget(self.last)
        for button in self.presets.values():
            period_row.addWidget(button)
        period_row.addSpacing(16)
        period_row.addWidget(QLabel(self.tr("集計")))
        period_row.addWidget(self.grouping)
        period_row.addStretch(1)
        period_row.addWidget(self.refresh_button)
        compare_row = QHBoxLayout()
        compare_row.addWidget(QLabel(self.tr("比較")))
        compare_row.addWidget(self.compare_mode)
        compare_row.addWidget(self.reform_label)
        compare_row.addWidget(self.reform_day)
        compare_row.addWidget(self.before_label)
        compare_row.addWidget(self.before_first)
        compare_row.addWidget(self.before_dash)
        compare_row.addWidget(self.before_last)
        compare_row.addWidget(self.notice, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(period_row)
        layout.addLayout(compare_row)
        layout.addWidget(self.tabs, 1)
        self.resize(1240, 800)

        context.runner.online_changed.connect(self._online_changed)
        self.table.setFocus()
        self._mode_changed()

    # --- what is asked -----------------------------------------------------------------------

    def period(self) -> Period | None:
        """The period the dates give, None when it ends before it starts."""
        first, last = _day(self.first), _day(self.last)
        return Period(first, last) if first <= last else None

    def set_period(self, period: Period) -> None:
        """Show `period` (one reload, not one per date)."""
        for edit in (self.first, self.last):
            edit.blockSignals(True)
        self.first.setDate(QDate(period.first))
        self.last.setDate(QDate(period.last))
        for edit in (self.first, self.last):
            edit.blockSignals(False)
        self.reload()

    def chosen_grouping(self) -> Grouping:
        return Grouping(self.grouping.currentData())

    def set_grouping(self, grouping: Grouping) -> None:
        self.grouping.setCurrentIndex(self.grouping.findData(grouping.value))

    def mode(self) -> CompareMode:
        return CompareMode(self.compare_mode.currentData())

    def set_mode(self, mode: CompareMode) -> None:
        self.compare_mode.setCurrentIndex(self.compare_mode.findData(mode.value))

    def compared_periods(self) -> tuple[Period, Period] | None:
        """(before, after) of the comparison asked for, None when the dates do not make
        two periods (the notice says why)."""
        period = self.period()
        if period is None:
            return None
        if self.mode() is CompareMode.REFORM:
            reform = _day(self.reform_day)
            if not period.first < reform <= period.last:
                return None
            return Period(period.first, reform - timedelta(days=1)), Period(reform, period.last)
        first, last = _day(self.before_first), _day(self.before_last)
        return (Period(first, last), period) if first <= last else None

    # --- loading -----------------------------------------------------------------------------

    def is_loading(self) -> bool:
        return self._table_reads.running or self._chart_reads.running

    def reload(self) -> None:
        self.reload_table()
        if self.tabs.currentWidget() is self.charts_page:
            self.reload_charts()

    def reload_table(self) -> None:
        call = self._table_read()
        if call is not None:
            self._table_reads.start(self.reload_table, call, self._show_result, self._failed)

    def _table_read(self) -> Callable[[], StatsTable | Comparison] | None:
        core, actor, grouping = self._context.core, self._actor, self.chosen_grouping()
        period = self.period()
        if period is None:
            self.notice.setText(self.tr("期間の終わりが始まりより前です。"))
            return None
        if self.mode() is CompareMode.NONE:
            self.notice.setText("")
            return lambda: core.stats.table(actor, period, grouping)
        periods = self.compared_periods()
        if periods is None:
            self.notice.setText(
                self.tr("改革日は期間の2日目から最終日までの日付にしてください。")
                if self.mode() is CompareMode.REFORM
                else self.tr("比較する期間の終わりが始まりより前です。")
            )
            return None
        before, after = periods
        self.notice.setText(
            self.tr("前: {before}　後: {after}").format(before=before.label(), after=after.label())
        )
        return lambda: core.stats.compare(actor, before, after, grouping)

    def _show_result(self, result: StatsTable | Comparison) -> None:
        self.result = result
        if isinstance(result, Comparison):
            self.comparison_model.set_comparison(result)
            self.table.setModel(self.comparison_model)
            self.caption.setText(
                self.tr("{grouping}　前 {before}　後 {after}").format(
                    grouping=self.grouping.currentText(),
                    before=result.before.period.label(),
                    after=result.after.period.label(),
                )
            )
        else:
            self.table_model.set_table(result)
            self.table.setModel(self.table_model)
            self.caption.setText(
                self.tr("{grouping}　{period}（{days}日間）").format(
                    grouping=self.grouping.currentText(),
                    period=result.period.label(),
                    days=result.period.days(),
                )
            )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self._show_kinds()
        self.csv_button.setEnabled(self._context.runner.online)
        self.table_loaded.emit()

    def set_kind(self, kind: Kind | None) -> None:
        self.kinds.setCurrentIndex(self.kinds.findData(kind.value if kind else None))

    def _show_kinds(self) -> None:
        """Hide the columns of the other kinds of figure (the CSV keeps every column)."""
        data = self.kinds.currentData()
        kind = Kind(data) if data is not None else None
        model = self.table.model()
        for column in range(model.columnCount()):
            measure = (
                model.measure_at(column)
                if isinstance(model, StatsTableModel)
                else (model.part_at(column) or (None,))[0]
            )
            hidden = kind is not None and measure is not None and kind_of(measure) is not kind
            self.table.setColumnHidden(column, hidden)

    def reload_charts(self) -> None:
        period = self.period()
        if period is None:
            return
        core, actor = self._context.core, self._actor

        def read() -> ChartData:
            stats = core.stats
            return ChartData(
                heatmap=stats.heatmap(actor, period),
                daily_waits=stats.daily_waits(actor, period),
                lead_times=stats.lead_times(actor, period),
                fields=stats.field_shares(actor, period),
            )

        self._chart_reads.start(
            self.reload_charts, read, lambda data: self._show_charts(period, data), self._failed
        )

    def _show_charts(self, period: Period, data: ChartData) -> None:
        self.charts_period = period
        self.heatmap.show_cells(data.heatmap)
        self.daily_waits.show_series(data.daily_waits)
        self.lead_times.show_leads(data.lead_times)
        self.fields.show_shares(data.fields)
        self.charts_loaded.emit()

    def _tab_changed(self) -> None:
        if self.tabs.currentWidget() is self.charts_page and self.charts_period != self.period():
            self.reload_charts()

    def _mode_changed(self) -> None:
        mode = self.mode()
        for widget in (self.reform_label, self.reform_day):
            widget.setVisible(mode is CompareMode.REFORM)
        for widget in (self.before_label, self.before_first, self.before_dash, self.before_last):
            widget.setVisible(mode is CompareMode.PERIODS)
        self.reload_table()

    def _failed(self, error: CounterAppError) -> None:
        if shiboken6.isValid(self) and error.code not in DB_AWAY:
            MessageBox.error(self, self.tr("統計・見える化"), message_for(error, self._language))

    def _online_changed(self, online: bool) -> None:
        if not shiboken6.isValid(self):
            return
        self.csv_button.setEnabled(online and self.result is not None)
        if online:
            self.reload()

    # --- exports -----------------------------------------------------------------------------

    def export_csv(self) -> None:
        """The table as shown (or the comparison), through the core's CSV export."""
        result = self.result
        if result is None:
            return
        path = SavePath.ask(self, f"stats-{self._file_stem()}.csv", self.tr("CSVファイル (*.csv)"))
        if not path:
            return
        from counter_app.stats.export import write_csv

        language = self._language
        ops.cpu(
            self,
            self._context.cpu,
            lambda: write_csv(result, path, language=language),
            on_success=lambda _written: self.saved.emit(path),
            on_failure=self._failed,
            on_error=lambda error: self._not_saved(path, error),
        )

    def export_png(self, chart: ChartPanel) -> None:
        """One chart as drawn, as a PNG file."""
        path = SavePath.ask(
            self, f"{chart.objectName()}-{self._file_stem()}.png", self.tr("PNG画像 (*.png)")
        )
        if not path:
            return
        if chart.save_png(path):
            self.saved.emit(path)
        else:
            self._not_saved(path, OSError(self.tr("画像を書き込めません")))

    def _not_saved(self, path: str, error: BaseException) -> None:
        reason = getattr(error, "strerror", None) or str(error)
        MessageBox.error(
            self,
            self.tr("保存"),
            self.tr("{path} に保存できません: {reason}").format(path=path, reason=reason),
        )

    def _file_stem(self) -> str:
        period = self.period()
        days = f"{period.first:%Y%m%d}-{period.last:%Y%m%d}" if period is not None else "period"
        return f"{self.chosen_grouping().value}-{days}"
