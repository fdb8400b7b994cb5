"""The statistics as Qt table models: one table (a row per group, the total last) and a
comparison (before, after and the difference of every measure).

The figures are the core's (counter_app.stats.model); here they only become text:
"<3" for a small per-window group, "—" for nothing to measure, minutes and days with one
decimal, shares in per cent.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QColor, QFont

from counter_app.stats.model import (
    MEASURES,
    SUPPRESSED_TEXT,
    ComparedRow,
    Comparison,
    Grouping,
    Measure,
    StatsRow,
    StatsTable,
    Unit,
    Value,
    improvement,
)

from ..rows_model import Index, RowsTableModel

NOTHING = "—"
LABEL = 0  # the group's column; the measures follow
RAW = Qt.ItemDataRole.UserRole  # a cell's value as the core gave it
BETTER = QColor("#1b7a3a")
WORSE = QColor("#b00020")


def measure_label(measure: Measure, language: str) -> str:
    info = MEASURES[measure]
    return info.label_en if language == "en" else info.label


def value_text(measure: Measure, value: Value, suppressed: bool = False) -> str:
    """One cell: "<3" for a count of a small group, "—" for nothing to measure."""
    unit = MEASURES[measure].unit
    if suppressed:
        return SUPPRESSED_TEXT if unit in (Unit.COUNT, Unit.YEN) else NOTHING
    if value is None:
        return NOTHING
    if unit in (Unit.MINUTES, Unit.DAYS):
        return f"{value:.1f}"
    if unit is Unit.SHARE:
        return f"{value * 100:.1f}%"
    if unit is Unit.YEN:
        return f"{round(value):,}"
    return str(round(value))


def change_text(measure: Measure, change: Value) -> str:
    """A difference, signed ("±0" when none shows): minutes and days with one decimal, a
    share in points."""
    if change is None:
        return NOTHING
    unit = MEASURES[measure].unit
    if shows_no_change(measure, change):
        return "±0.0" if unit in (Unit.MINUTES, Unit.DAYS, Unit.SHARE) else "±0"
    if unit in (Unit.MINUTES, Unit.DAYS):
        return f"{change:+.1f}"
    if unit is Unit.SHARE:
        return QCoreApplication.translate("StatsModel", "{points}pt").format(
            points=f"{change * 100:+.1f}"
        )
    if unit is Unit.YEN:
        return f"{round(change):+,}"
    return f"{round(change):+d}"


def shows_no_change(measure: Measure, change: float) -> bool:
    """The change rounds to nothing at the precision it is shown with."""
    unit = MEASURES[measure].unit
    if unit in (Unit.MINUTES, Unit.DAYS, Unit.SHARE):
        return round(change * (100 if unit is Unit.SHARE else 1), 1) == 0
    return round(change) == 0


def verdict(measure: Measure, change: Value) -> int:
    """+1 better, -1 worse, 0 neither (no change that shows, or a measure with no better
    side)."""
    if change is None or shows_no_change(measure, change):
        return 0
    return improvement(measure, change)


def group_heading(grouping: Grouping) -> str:
    """The heading of the groups' column."""
    headings = {
        Grouping.CATEGORY: QCoreApplication.translate("StatsModel", "発券区分"),
        Grouping.WINDOW: QCoreApplication.translate("StatsModel", "窓口"),
        Grouping.HOUR: QCoreApplication.translate("StatsModel", "時間帯"),
        Grouping.WEEKDAY: QCoreApplication.translate("StatsModel", "曜日"),
        Grouping.DAY: QCoreApplication.translate("StatsModel", "日付"),
        Grouping.DEPARTMENT: QCoreApplication.translate("StatsModel", "担当課"),
        Grouping.PROCEDURE: QCoreApplication.translate("StatsModel", "手続き"),
        Grouping.EVENT: QCoreApplication.translate("StatsModel", "ライフイベント"),
        Grouping.CERTIFICATE: QCoreApplication.translate("StatsModel", "証明書"),
    }
    return headings[grouping]


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


class StatsTableModel(RowsTableModel[StatsRow]):
    """A StatsTable: the group's label, then one column per measure; the total last."""

    def __init__(self, language: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._language = language
        self.table: StatsTable | None = None
        self.measures: tuple[Measure, ...] = ()

    def set_table(self, table: StatsTable) -> None:
        self.beginResetModel()
        self.table = table
        self.measures = table.measures
        self._headers = (
            group_heading(table.grouping),
            *(measure_label(m, self._language) for m in table.measures),
        )
        self._rows = [*table.rows, table.total]
        self.endResetModel()

    def measure_at(self, column: int) -> Measure | None:
        return self.measures[column - 1] if column > LABEL else None

    def text(self, row: int, column: int) -> str:
        return self.data(self.index(row, column)) or ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        row = self.row_at(index)
        if row is None:
            return None
        measure = self.measure_at(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if measure is None:
                return row.label_in(self._language)
            return value_text(measure, row.values.get(measure), row.suppressed)
        if role == RAW:
            return row.key if measure is None else row.values.get(measure)
        if role == Qt.ItemDataRole.TextAlignmentRole and measure is not None:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and row.key == "total":
            return _bold()
        if role == Qt.ItemDataRole.ToolTipRole and row.suppressed:
            return QCoreApplication.translate(
                "StatsModel", "3人未満の集まりは、個人が分からないよう「<3」と表示します。"
            )
        return None


class ComparisonModel(RowsTableModel[ComparedRow]):
    """A Comparison: the group's label, then for every measure before, after and the
    difference, coloured green where it improved and red where it got worse."""

    PARTS = 3  # before, after, change

    def __init__(self, language: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._language = language
        self.comparison: Comparison | None = None
        self.measures: tuple[Measure, ...] = ()

    def set_comparison(self, comparison: Comparison) -> None:
        self.beginResetModel()
        self.comparison = comparison
        self.measures = comparison.measures
        before = QCoreApplication.translate("StatsModel", "前")
        after = QCoreApplication.translate("StatsModel", "後")
        change = QCoreApplication.translate("StatsModel", "差")
        headers = [group_heading(comparison.grouping)]
        for measure in self.measures:
            label = measure_label(measure, self._language)
            headers += [f"{label}\n{before}", f"{label}\n{after}", f"{label}\n{change}"]
        self._headers = tuple(headers)
        self._rows = list(comparison.rows())
        self.endResetModel()

    def part_at(self, column: int) -> tuple[Measure, int] | None:
        """(measure, 0 before / 1 after / 2 change) of a column, None for the label."""
        if column <= LABEL:
            return None
        measure, part = divmod(column - 1, self.PARTS)
        return self.measures[measure], part

    def column_of(self, measure: Measure, part: int) -> int:
        return 1 + self.measures.index(measure) * self.PARTS + part

    def text(self, row: int, column: int) -> str:
        return self.data(self.index(row, column)) or ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        row = self.row_at(index)
        if row is None:
            return None
        at = self.part_at(index.column())
        if at is None:
            if role == Qt.ItemDataRole.DisplayRole:
                return row.label_en if self._language == "en" else row.label
            if role == RAW:
                return row.key
            if role == Qt.ItemDataRole.FontRole and row.key == "total":
                return _bold()
            return None
        measure, part = at
        value = (row.before, row.after, row.change)[part].get(measure)
        if role == Qt.ItemDataRole.DisplayRole:
            if part == 2:
                return NOTHING if row.suppressed else change_text(measure, value)
            return value_text(measure, value, row.suppressed)
        if role == RAW:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and (row.key == "total" or part == 2):
            return _bold()
        if part != 2 or row.suppressed:
            return None
        judged = verdict(measure, value)
        if role == Qt.ItemDataRole.ForegroundRole and judged:
            return BETTER if judged > 0 else WORSE
        if role == Qt.ItemDataRole.ToolTipRole and judged:
            return (
                QCoreApplication.translate("StatsModel", "改善")
                if judged > 0
                else QCoreApplication.translate("StatsModel", "悪化")
            )
        return None
