"""The life events of the catalog in a list: type to narrow it, arrows, Enter to choose."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from counter_app.catalog import Catalog, LifeEvent

_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
EVENT_ID = Qt.ItemDataRole.UserRole


def _ctrl(event: QKeyEvent) -> bool:
    return bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)


def event_name(event: LifeEvent, language: str) -> str:
    return event.name_en if language == "en" else event.name


class EventPicker(QWidget):
    """Emits `event_chosen(event_id)`."""

    event_chosen = Signal(str)

    def __init__(self, catalog: Catalog, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._language = language
        title = QLabel(self.tr("ライフイベントを選んでください"))
        title.setObjectName("panelTitle")
        self.filter_box = QLineEdit()
        self.filter_box.setObjectName("eventFilter")
        self.filter_box.setPlaceholderText(
            self.tr("名前の一部を入力して絞り込み（例: 出生、転入）")
        )
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.textChanged.connect(self._narrow)
        self.filter_box.installEventFilter(self)
        self.list = QListWidget()
        self.list.setObjectName("lifeEvents")
        for event in catalog.life_events:
            item = QListWidgetItem(event_name(event, language))
            item.setData(EVENT_ID, event.id)
            item.setToolTip(event.name_en if language != "en" else event.name)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.installEventFilter(self)
        self.list.itemActivated.connect(lambda item: self.event_chosen.emit(item.data(EVENT_ID)))
        hint = QLabel(self.tr("↑↓ で選び Enter で決定します。Esc で住民記録に戻ります。"))
        hint.setObjectName("muted")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.filter_box)
        layout.addWidget(self.list, 1)
        layout.addWidget(hint)
        self.setFocusProxy(self.filter_box)

    def names(self) -> list[str]:
        """The names shown, in order (hidden ones left out)."""
        return [
            self.list.item(i).text()
            for i in range(self.list.count())
            if not self.list.item(i).isHidden()
        ]

    def reset(self) -> None:
        self.filter_box.clear()
        self.list.setCurrentRow(0)
        self.filter_box.setFocus(Qt.FocusReason.OtherFocusReason)

    def _visible_rows(self) -> list[int]:
        return [i for i in range(self.list.count()) if not self.list.item(i).isHidden()]

    def _narrow(self, text: str) -> None:
        needle = text.strip().casefold()
        for i in range(self.list.count()):
            item = self.list.item(i)
            event = self._catalog.event(item.data(EVENT_ID))
            words = f"{event.name} {event.name_en} {event.id}".casefold()
            item.setHidden(bool(needle) and needle not in words)
        rows = self._visible_rows()
        if rows and (self.list.currentRow() not in rows):
            self.list.setCurrentRow(rows[0])

    def choose_current(self) -> None:
        item = self.list.currentItem()
        if item is not None and not item.isHidden():
            self.event_chosen.emit(item.data(EVENT_ID))

    def _step(self, delta: int) -> None:
        rows = self._visible_rows()
        if not rows:
            return
        current = self.list.currentRow()
        position = rows.index(current) if current in rows else -1
        self.list.setCurrentRow(rows[max(0, min(len(rows) - 1, position + delta))])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.filter_box:
                if key in _ENTER_KEYS and not _ctrl(event):
                    self.choose_current()
                    return True
                if key == Qt.Key.Key_Down:
                    self._step(1)
                    return True
                if key == Qt.Key.Key_Up:
                    self._step(-1)
                    return True
            elif watched is self.list and key in _ENTER_KEYS and not _ctrl(event):
                self.choose_current()
                return True
        return super().eventFilter(watched, event)
