"""The floor's live waits (待ち状況): for every ticket category, how many wait now and the
longest wait against the city's target (resources/queue/categories.yaml), with the level
the core gives it — normal, amber past the target, red past the limit — in colour and in
words, so no one has to tell colours apart.

It reloads when this PC issues a ticket and every 5 s: tickets are not on the change feed
(the queue's own screens read the queue every second, ui/queue), and waits grow while
nothing changes. One grouped read per floor or supervisor PC every 5 s costs the server
nothing it would notice. It needs no chart library: the floor's screens start
without pyqtgraph.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app.errors import DB_AWAY, CounterAppError
from counter_app.messages import message_for
from counter_app.permissions import Actor
from counter_app.stats.model import CategoryWait, WaitLevel
from ui import ops

from ..context import UiContext
from ..rows_model import Index, RowsTableModel

RELOAD_MS = 5_000
ROW_HEIGHT = 30
CATEGORY, WAITING, LONGEST, STATE = range(4)

# (background, text) of the state cell; the words say the same.
LEVEL_COLOURS = {
    WaitLevel.OK: (QColor("#e3f1e6"), QColor("#1b5e20")),
    WaitLevel.AMBER: (QColor("#ffb74d"), QColor("#3e2200")),
    WaitLevel.RED: (QColor("#b00020"), QColor("#ffffff")),
}


def minutes_text(minutes: float | None) -> str:
    return "—" if minutes is None else f"{minutes:.0f}"


class LiveWaitsModel(RowsTableModel[CategoryWait]):
    def __init__(self, language: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._language = language
        self._headers = (
            self.tr("区分"),
            self.tr("待ち人数"),
            self.tr("最長の待ち／目標"),
            self.tr("状況"),
        )

    def level_text(self, level: WaitLevel) -> str:
        texts = {
            WaitLevel.OK: self.tr("● 通常"),
            WaitLevel.AMBER: self.tr("▲ 目標超え"),
            WaitLevel.RED: self.tr("■ 上限超え"),
        }
        return texts[level]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        row = self.row_at(index)
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == CATEGORY:
                name = row.label_en if self._language == "en" else row.label
                return f"{row.prefix}  {name}"
            if column == WAITING:
                return self.tr("{count}人").format(count=row.waiting)
            if column == LONGEST:
                return self.tr("{longest}分／{target}分").format(
                    longest=minutes_text(row.longest_minutes), target=row.target_minutes
                )
            if column == STATE:
                return self.level_text(row.level)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("目標 {target}分を超えると注意、上限 {limit}分を超えると警告").format(
                target=row.target_minutes, limit=row.limit_minutes
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (WAITING, LONGEST):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if column == STATE and role == Qt.ItemDataRole.BackgroundRole:
            return LEVEL_COLOURS[row.level][0]
        if column == STATE and role == Qt.ItemDataRole.ForegroundRole:
            return LEVEL_COLOURS[row.level][1]
        if role == Qt.ItemDataRole.FontRole and row.level is not WaitLevel.OK:
            font = QFont()
            font.setBold(True)
            return font
        return None


class LiveWaitsView(QWidget):
    """Emits `loaded()` after every reload shown."""

    loaded = Signal()

    def __init__(self, context: UiContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("liveWaits")
        self._context = context
        self._actor = actor
        self._reads = ops.Reads(self, context.runner)
        self.waits: tuple[CategoryWait, ...] = ()
        title = QLabel(self.tr("待ち状況（区分別）"))
        title.setObjectName("panelTitle")
        self.summary = QLabel()
        self.summary.setObjectName("muted")
        self.model = LiveWaitsModel(context.language, self)
        self.table = QTableView()
        self.table.setObjectName("liveWaitsTable")
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CATEGORY, QHeaderView.ResizeMode.Stretch)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.table)

        self.timer = QTimer(self)
        self.timer.setInterval(RELOAD_MS)
        self.timer.timeout.connect(self.reload)
        live = context.live
        if live is not None:
            live.connection_changed.connect(self._feed_connected)
        context.runner.online_changed.connect(self._online_changed)
        self.reload()

    # --- lifetime --------------------------------------------------------------------------

    def fit(self) -> None:
        """As high as its rows: no scrolling on the floor (again when a style sheet or a
        font changes the header's height)."""
        header = self.table.horizontalHeader()
        header.ensurePolished()
        rows = self.table.verticalHeader().length() or ROW_HEIGHT
        self.table.setFixedHeight(
            header.sizeHint().height() + rows + 2 * self.table.frameWidth() + 1
        )

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self.fit()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.fit()
        if not self.timer.isActive():
            self.timer.start()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self.timer.stop()

    # --- loading ---------------------------------------------------------------------------

    def is_loading(self) -> bool:
        return self._reads.running

    def reload(self) -> None:
        core, actor = self._context.core, self._actor
        self._reads.start(
            self.reload, lambda: core.stats.live_waits(actor), self._show, self._failed
        )

    def _show(self, waits: tuple[CategoryWait, ...]) -> None:
        self.waits = tuple(waits)
        self.model.set_rows(self.waits)
        self.fit()
        late = sum(1 for wait in self.waits if wait.level is not WaitLevel.OK)
        waiting = sum(wait.waiting for wait in self.waits)
        self.summary.setText(
            self.tr("お待ちの方 {waiting}人・目標超え {late}区分").format(
                waiting=waiting, late=late
            )
        )
        self.loaded.emit()

    def _failed(self, error: CounterAppError) -> None:
        # A lost database is told by the banner (ui/connection_guard.py); anything else
        # stays on this small panel rather than interrupting the floor with a box.
        if shiboken6.isValid(self) and error.code not in DB_AWAY:
            self.summary.setText(message_for(error, self._context.language))

    def _feed_connected(self, connected: bool) -> None:
        if connected and shiboken6.isValid(self):
            self.reload()

    def _online_changed(self, online: bool) -> None:
        if online and shiboken6.isValid(self):
            self.reload()

    def levels(self) -> dict[str, WaitLevel]:
        return {wait.category_id: wait.level for wait in self.waits}
