"""One search box and the results table, keyboard first: type, Enter, Down, arrows, Enter."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app.errors import CounterAppError
from counter_app.messages import message_for
from counter_app.permissions import Actor
from ui import ops

from ..context import UiContext
from .search_model import ADDRESS, SearchResultsModel

_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class ResidentSearchPanel(QWidget):
    """Emits `resident_chosen(resident_id)` when a result is opened (Enter or double-click)."""

    resident_chosen = Signal(int)
    searched = Signal(int)  # the number of hits, once the results are shown

    def __init__(self, context: UiContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._actor = actor
        self._focused_once = False

        title = QLabel(self.tr("住民検索"))
        title.setObjectName("panelTitle")
        self.search_box = QLineEdit()
        self.search_box.setObjectName("residentSearch")
        self.search_box.setPlaceholderText(
            self.tr("氏名（かな・漢字）、生年月日（S60.8.22 など）、住所、電話番号")
        )
        self.search_box.setClearButtonEnabled(True)
        self.search_box.returnPressed.connect(self.search)
        self.search_box.installEventFilter(self)

        self.model = SearchResultsModel(self)
        self.table = QTableView()
        self.table.setObjectName("searchResults")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ADDRESS, QHeaderView.ResizeMode.Stretch)
        self.table.installEventFilter(self)
        self.table.doubleClicked.connect(lambda index: self._choose(index.row()))

        self.status = QLabel(self.tr("氏名や生年月日を入力して Enter で検索します。"))
        self.status.setObjectName("muted")
        self.status.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.search_box)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._focused_once:
            self._focused_once = True
            self.search_box.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def search(self) -> None:
        text = self.search_box.text().strip()
        if not text:
            return
        self.status.setText(self.tr("検索しています…"))
        core, actor = self._context.core, self._actor
        ops.db(
            self,
            self._context.runner,
            lambda: core.search.search(actor, text),
            on_success=self._show_hits,
            on_failure=self._show_failure,
        )

    def _show_hits(self, hits) -> None:
        self.model.set_rows(hits)
        if hits:
            self.status.setText(
                self.tr("{count}件見つかりました。↓ で結果へ移り、Enter で開きます。").format(
                    count=len(hits)
                )
            )
        else:
            self.status.setText(self.tr("該当する住民は見つかりませんでした。"))
        self.searched.emit(len(hits))

    def _show_failure(self, error: CounterAppError) -> None:
        self.model.set_rows([])
        self.status.setText(message_for(error, self._context.language))
        self.searched.emit(0)

    def _choose(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.resident_chosen.emit(self.model.row(row).resident_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.search_box and key == Qt.Key.Key_Down:
                if self.model.rowCount():
                    self.table.setFocus(Qt.FocusReason.OtherFocusReason)
                    self.table.selectRow(0)
                    return True
            elif watched is self.table and key in _ENTER_KEYS:
                self._choose(self.table.currentIndex().row())
                return True
            elif watched is self.table and key == Qt.Key.Key_Up:
                if self.table.currentIndex().row() <= 0:
                    self.focus_search()
                    return True
            elif watched is self.table and key == Qt.Key.Key_Escape:
                self.focus_search()
                return True
        return super().eventFilter(watched, event)
