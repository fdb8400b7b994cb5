"""The hall display (呼出表示): full screen on a monitor of the hall, readable from across it.

The current calls, number → window, in very large type; the recent calls beside them;
the waiting and estimated wait per category at the foot. Polled every second through
the database worker. A new call, or a recall, sounds the chime and is spoken where
QtTextToSpeech exists, one after another, never cutting off the previous call.

Numbers only: the hall never sees a name.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QVBoxLayout,
    QWidget,
)

from counter_app.queue.calls import Call, HallBoard
from counter_app.queue.tickets import CategoryBoard
from ui import ops

from ..context import UiContext
from . import category_name, wait_label, window_label
from .announcer import Announcer

POLL_MS = 1000
CURRENT_ROWS = 6
HISTORY_ROWS = 8

BACKGROUND = "#0b2239"
STYLE = f"""
QWidget#hallDisplay {{ background: {BACKGROUND}; }}
QWidget#hallDisplay QLabel {{ color: white; }}
QLabel#hallHeading {{ font-weight: bold; color: #ffd54f; }}
QLabel#hallCall {{ font-weight: bold; }}
QLabel#hallCall[fresh="true"] {{ color: #ffd54f; }}
QLabel#hallHistory {{ color: #c9d6e3; }}
QLabel#hallWaiting {{ color: #c9d6e3; }}
QFrame#hallRule {{ background: #33506e; }}
"""


@dataclass(frozen=True)
class _Seen:
    number: str
    window: int
    called_at: object
    recalls: int


def _key(call: Call) -> _Seen:
    return _Seen(call.display_number, call.window_number, call.called_at, call.recalls)


class HallDisplay(QWidget):
    """A top-level window; `show_on_screen(index)` puts it full screen on that monitor."""

    board_shown = Signal(object)  # HallBoard, after every refresh
    closed = Signal()

    def __init__(
        self,
        context: UiContext,
        parent: QWidget | None = None,
        *,
        interval_ms: int = POLL_MS,
        speech: bool = True,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._language = context.language
        self._seen: set[_Seen] | None = None  # None until the first poll
        self._polling = False
        self._closing = False
        self.setObjectName("hallDisplay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(STYLE)
        self.setWindowTitle(self.tr("呼出案内"))
        self.announcer = Announcer(self, context.language, speech=speech)

        self.heading = QLabel(self.tr("ただいまお呼びしている番号"))
        self.heading.setObjectName("hallHeading")
        self.call_labels = [QLabel() for _ in range(CURRENT_ROWS)]
        for label in self.call_labels:
            label.setObjectName("hallCall")
        self.empty_label = QLabel(self.tr("番号札をお取りになり、お待ちください。"))
        self.empty_label.setObjectName("hallHistory")
        self.history_heading = QLabel(self.tr("これまでの呼出"))
        self.history_heading.setObjectName("hallHeading")
        self.history_labels = [QLabel() for _ in range(HISTORY_ROWS)]
        for label in self.history_labels:
            label.setObjectName("hallHistory")
        self.waiting_heading = QLabel(self.tr("お待ちの方と待ち時間の目安"))
        self.waiting_heading.setObjectName("hallHeading")
        self.waiting_grid = QGridLayout()
        self.waiting_grid.setHorizontalSpacing(24)
        self.waiting_labels: list[tuple[QLabel, QLabel]] = []

        current = QVBoxLayout()
        current.addWidget(self.heading)
        current.addWidget(self.empty_label)
        for label in self.call_labels:
            current.addWidget(label)
        current.addStretch(1)
        history = QVBoxLayout()
        history.addWidget(self.history_heading)
        for label in self.history_labels:
            history.addWidget(label)
        history.addStretch(1)
        rule = QFrame()
        rule.setObjectName("hallRule")
        rule.setFixedWidth(3)
        top = QHBoxLayout()
        top.addLayout(current, 3)
        top.addWidget(rule)
        top.addLayout(history, 1)
        foot_rule = QFrame()
        foot_rule.setObjectName("hallRule")
        foot_rule.setFixedHeight(3)
        layout = QVBoxLayout(self)
        # Whatever the monitor, the window takes the whole screen: text is scaled to fit
        # its height, never the window to fit the text.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.setContentsMargins(40, 28, 40, 28)
        layout.setSpacing(16)
        layout.addLayout(top, 1)
        layout.addWidget(foot_rule)
        layout.addWidget(self.waiting_heading)
        layout.addLayout(self.waiting_grid)

        quit_key = QShortcut(QKeySequence("Ctrl+Q"), self)
        quit_key.activated.connect(self.close)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.refresh)
        self.resize(1280, 720)
        self._scale_fonts()
        self._show_calls(HallBoard((), ()))

    # --- showing ---------------------------------------------------------------------------

    def show_on_screen(self, index: int) -> None:
        """Full screen on monitor `index` of QGuiApplication.screens() (the primary one when
        there is no such monitor)."""
        screens = QGuiApplication.screens()
        screen = screens[index] if 0 <= index < len(screens) else QGuiApplication.primaryScreen()
        if screen is not None:
            self.setScreen(screen)
            self.setGeometry(screen.geometry())
        self.showFullScreen()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._timer.start()
        self.refresh()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self._timer.stop()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._scale_fonts()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._timer.stop()
        super().closeEvent(event)
        if not self._closing:
            self._closing = True
            self.closed.emit()

    def _scale_fonts(self) -> None:
        """Type sized from the window's height, so a 1080p hall screen reads from 15 m."""
        height = max(self.height(), 400)

        def size(labels, fraction: float) -> None:
            for label in labels:
                font = label.font()
                font.setPixelSize(max(12, int(height * fraction)))
                label.setFont(font)

        size(self.call_labels, 0.11)
        size([self.heading, self.history_heading, self.waiting_heading], 0.04)
        size([*self.history_labels, self.empty_label], 0.045)
        size([label for pair in self.waiting_labels for label in pair], 0.035)

    # --- polling ---------------------------------------------------------------------------

    def refresh(self) -> None:
        if self._polling:
            return
        self._polling = True
        calls, tickets = self._context.core.calls, self._context.core.tickets
        ops.db(
            self,
            self._context.runner,
            lambda: (calls.now_serving(), tickets.board()),
            on_success=self._show,
            on_failure=lambda _error: None,  # the next poll tries again
            on_done=self._polled,
        )

    def _polled(self) -> None:
        self._polling = False

    def _show(self, result: tuple[HallBoard, list[CategoryBoard]]) -> None:
        hall, boards = result
        self._show_calls(hall)
        self._show_waiting(boards)
        self._announce_new(hall)
        self.board_shown.emit(hall)

    def call_text(self, call: Call) -> str:
        return self.tr("{number} → {window}").format(
            number=call.display_number, window=window_label(call.window_number)
        )

    def _show_calls(self, hall: HallBoard) -> None:
        newest = hall.current[0] if hall.current else None
        for label, call in zip(
            self.call_labels, hall.current + (None,) * CURRENT_ROWS, strict=False
        ):
            label.setText("" if call is None else self.call_text(call))
            label.setVisible(call is not None)
            label.setProperty("fresh", call is not None and call is newest)
            label.style().unpolish(label)
            label.style().polish(label)
        self.empty_label.setVisible(not hall.current)
        for label, call in zip(
            self.history_labels, hall.recent + (None,) * HISTORY_ROWS, strict=False
        ):
            label.setText("" if call is None else self.call_text(call))

    def _show_waiting(self, boards: list[CategoryBoard]) -> None:
        while len(self.waiting_labels) < len(boards):
            name, wait = QLabel(), QLabel()
            name.setObjectName("hallWaiting")
            wait.setObjectName("hallWaiting")
            row = len(self.waiting_labels)
            self.waiting_grid.addWidget(name, row, 0)
            self.waiting_grid.addWidget(wait, row, 1)
            self.waiting_grid.setColumnStretch(0, 1)
            self.waiting_labels.append((name, wait))
            self._scale_fonts()
        for index, (name, wait) in enumerate(self.waiting_labels):
            board = boards[index] if index < len(boards) else None
            name.setVisible(board is not None)
            wait.setVisible(board is not None)
            if board is None:
                continue
            name.setText(
                f"{board.category.prefix}  {category_name(board.category, self._language)}"
            )
            wait.setText(
                wait_label(board.waiting, board.estimated_wait_minutes)
                if board.open_now
                else self.tr("受付時間外")
            )

    def _announce_new(self, hall: HallBoard) -> None:
        keys = {_key(call) for call in hall.current}
        if self._seen is None:  # what was called before the display started is not news
            self._seen = keys
            return
        fresh = [call for call in reversed(hall.current) if _key(call) not in self._seen]
        self._seen |= keys
        for call in fresh:  # oldest first, each announced after the previous
            self.announcer.announce(self.spoken_text(call))

    def spoken_text(self, call: Call) -> str:
        prefix, _, digits = call.display_number.partition("-")
        number = f"{prefix} {int(digits)}" if digits.isdigit() else call.display_number
        return self.tr("{number}番の方、{window}番窓口へお越しください。").format(
            number=number, window=call.window_number
        )

    # --- for tests and the status of the hall --------------------------------------------

    def current_texts(self) -> list[str]:
        return [label.text() for label in self.call_labels if label.text()]

    def history_texts(self) -> list[str]:
        return [label.text() for label in self.history_labels if label.text()]
