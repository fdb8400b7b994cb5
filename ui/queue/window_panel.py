"""The clerk's calling panel for this PC's window: 次を呼ぶ (F2), 再呼出, 不在, 受付開始,
完了 and 転送…, with the current ticket and its times.

Every call goes through the database worker; a call or recall also goes to this window's
counter display on the display's one worker (the PC's, for its life), so an unplugged
display never holds up the clerk.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from counter_app.clock import local
from counter_app.errors import CounterAppError
from counter_app.messages import message_for
from counter_app.permissions import Actor
from counter_app.queue.categories import Category
from counter_app.queue.rows import TicketInfo, TicketStatus
from counter_app.queue.tickets import CategoryBoard
from ui import ops

from ..context import UiContext
from . import category_name, wait_label, window_label
from .counter_display import CounterDisplayDriver

REFRESH_MS = 5000


def local_time(moment: datetime | None) -> str:
    return "" if moment is None else local(moment).strftime("%H:%M")


class TransferDialog(QDialog):
    """Where the ticket goes: another category, one window, or both."""

    def __init__(
        self,
        parent: QWidget | None,
        categories: list[Category],
        ticket: TicketInfo,
        language: str,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("転送"))
        self.category_box = QComboBox()
        self.category_box.addItem(self.tr("同じ用件のまま"), None)
        for category in categories:
            if category.id != ticket.category_id:
                self.category_box.addItem(
                    f"{category.prefix}  {category_name(category, language)}", category.id
                )
        self.window_box = QSpinBox()
        self.window_box.setRange(0, 99)
        self.window_box.setSpecialValueText(self.tr("指定しない"))
        self.window_box.setMinimumHeight(40)
        self.category_box.setMinimumHeight(40)
        form = QFormLayout()
        form.addRow(self.tr("用件"), self.category_box)
        form.addRow(self.tr("窓口"), self.window_box)
        lead = QLabel(
            self.tr("{number} を別の用件か窓口へ回します。番号は変わりません。").format(
                number=ticket.display_number
            )
        )
        lead.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.category_box.currentIndexChanged.connect(self._update_ok)
        self.window_box.valueChanged.connect(self._update_ok)
        layout = QVBoxLayout(self)
        layout.addWidget(lead)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._update_ok()

    def choice(self) -> tuple[str | None, int | None]:
        window = self.window_box.value()
        return self.category_box.currentData(), (window or None)

    def _update_ok(self) -> None:
        category, window = self.choice()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(category is not None or window is not None)

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        categories: list[Category],
        ticket: TicketInfo,
        language: str,
    ) -> tuple[str | None, int | None] | None:
        """(category id, window number), either may be None; None when cancelled."""
        dialog = cls(parent, categories, ticket, language)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.choice()
        finally:
            dialog.deleteLater()


class WindowPanel(QFrame):
    """Calls for window `context.core.terminal.window_number`."""

    current_changed = Signal(object)  # TicketInfo | None
    called = Signal(object)  # TicketInfo, on a call and on a recall

    def __init__(
        self,
        context: UiContext,
        actor: Actor,
        parent: QWidget | None = None,
        display: CounterDisplayDriver | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self._context = context
        self._actor = actor
        self.window_number = context.core.terminal.window_number
        self.current: TicketInfo | None = None
        self._categories: list[Category] = []
        self._busy = False
        self.display = display or CounterDisplayDriver.for_window(context, self)
        self.display.failed.connect(self._display_failed)

        title = QLabel(
            self.tr("呼出（{window}）").format(window=window_label(self.window_number))
            if self.window_number is not None
            else self.tr("呼出")
        )
        title.setObjectName("panelTitle")
        self.number_label = QLabel("—")
        self.number_label.setObjectName("currentTicket")
        self.number_label.setStyleSheet("font-size: 30pt; font-weight: bold; color: #1f4e79;")
        self.state_label = QLabel(self.tr("呼出中の番号はありません。"))
        self.state_label.setObjectName("subheading")
        self.times_label = QLabel()
        self.times_label.setObjectName("muted")
        self.waiting_label = QLabel()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("muted")

        self.call_button = QPushButton(self.tr("次を呼ぶ (F2)"))
        self.call_button.setObjectName("primary")
        self.recall_button = QPushButton(self.tr("再呼出"))
        self.no_show_button = QPushButton(self.tr("不在"))
        self.start_button = QPushButton(self.tr("受付開始"))
        self.finish_button = QPushButton(self.tr("完了"))
        self.transfer_button = QPushButton(self.tr("転送…"))
        self.call_button.clicked.connect(self.call_next)
        self.recall_button.clicked.connect(self.recall)
        self.no_show_button.clicked.connect(self.no_show)
        self.start_button.clicked.connect(self.start_serving)
        self.finish_button.clicked.connect(self.finish)
        self.transfer_button.clicked.connect(self.transfer)
        self.call_key = QShortcut(QKeySequence(Qt.Key.Key_F2), self)
        self.call_key.activated.connect(self.call_next)

        info = QVBoxLayout()
        info.setSpacing(2)
        info.addWidget(title)
        info.addWidget(self.number_label)
        info.addWidget(self.state_label)
        info.addWidget(self.times_label)
        info.addWidget(self.waiting_label)
        buttons = QGridLayout()
        buttons.setSpacing(8)
        for index, button in enumerate(
            (
                self.call_button,
                self.recall_button,
                self.no_show_button,
                self.start_button,
                self.finish_button,
                self.transfer_button,
            )
        ):
            button.setStyleSheet("min-height: 40px;")
            buttons.addWidget(button, index // 3, index % 3)
        row = QHBoxLayout()
        row.addLayout(info, 1)
        row.addLayout(buttons, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(row)
        layout.addWidget(self.message)

        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh_waiting)
        if self.window_number is None:
            self.message.setText(
                self.tr(
                    "この端末には窓口番号が設定されていません（設定ファイルの terminal.window_number）。"
                )
            )
        else:
            calls, window = context.core.calls, self.window_number
            self._run(lambda: calls.current_for_window(window), self._show_current)
            self.refresh_waiting()
        context.runner.online_changed.connect(self._update_buttons)
        self._update_buttons()

    def current_ticket_id(self) -> int | None:
        """The ticket being served or called at this window, for the visit."""
        return self.current.id if self.current is not None else None

    # --- lifetime ------------------------------------------------------------------------

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.window_number is not None:
            self._timer.start()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self._timer.stop()

    def shut_down(self) -> None:
        """Stop the refresh (the display's worker is the PC's, closed at exit)."""
        self._timer.stop()

    # --- actions -------------------------------------------------------------------------

    def call_next(self) -> None:
        if self.window_number is None or self.current is not None or self._busy:
            return
        if not self._context.runner.online:
            return
        calls, actor, window = self._context.core.calls, self._actor, self.window_number
        self._act(lambda: calls.call_next(actor, window), self._called_next)

    def recall(self) -> None:
        self._on_current(TicketStatus.CALLED, "recall", self._recalled)

    def no_show(self) -> None:
        self._on_current(TicketStatus.CALLED, "no_show", self._ended)

    def start_serving(self) -> None:
        self._on_current(TicketStatus.CALLED, "start_serving", self._show_current)

    def finish(self) -> None:
        """完了: the ticket ends, and so do the visits recorded under it (their routed
        procedures go on in the departments)."""
        ticket = self.current
        if ticket is None or ticket.status is not TicketStatus.SERVING or self._busy:
            return
        core, actor = self._context.core, self._actor

        def finish_and_close() -> TicketInfo:
            finished = core.calls.finish(actor, ticket.id)
            core.visits.close_ticket_visits(actor, ticket.id)
            return finished

        self._act(finish_and_close, self._ended)

    def transfer(self) -> None:
        ticket = self.current
        if ticket is None or self._busy:
            return
        choice = TransferDialog.ask(self, self._categories, ticket, self._context.language)
        if choice is None:
            return
        category_id, window = choice
        calls, actor = self._context.core.calls, self._actor
        self._act(
            lambda: calls.transfer(actor, ticket.id, category_id=category_id, window_number=window),
            self._transferred,
        )

    def _on_current(self, status: TicketStatus, method: str, then) -> None:
        ticket = self.current
        if ticket is None or ticket.status is not status or self._busy:
            return
        call, actor = getattr(self._context.core.calls, method), self._actor
        self._act(lambda: call(actor, ticket.id), then)

    # --- results -------------------------------------------------------------------------

    def _called_next(self, ticket: TicketInfo | None) -> None:
        if ticket is None:
            self.message.setText(self.tr("お待ちの方はいません。"))
            return
        self._show_current(ticket)
        self.message.setText(
            self.tr("{number} を呼び出しました。").format(number=ticket.display_number)
        )
        self._announce(ticket)

    def _recalled(self, ticket: TicketInfo) -> None:
        self._show_current(ticket)
        self.message.setText(
            self.tr("{number} をもう一度呼び出しました。").format(number=ticket.display_number)
        )
        self._announce(ticket)

    def _ended(self, ticket: TicketInfo) -> None:
        self.message.setText(
            self.tr("{number} を不在にしました。").format(number=ticket.display_number)
            if ticket.status is TicketStatus.NO_SHOW
            else self.tr("{number} の対応を終えました。").format(number=ticket.display_number)
        )
        self._show_current(None)
        self.display.clear()

    def _transferred(self, ticket: TicketInfo) -> None:
        where = []
        if ticket.assigned_window is not None:
            where.append(window_label(ticket.assigned_window))
        if self.current is None or ticket.category_id != self.current.category_id:
            where.append(
                ticket.category_name_en if self._context.language == "en" else ticket.category_name
            )
        self.message.setText(
            self.tr("{number} を {where} へ転送しました。").format(
                number=ticket.display_number, where=" / ".join(where)
            )
        )
        self._show_current(None)
        self.display.clear()

    def _announce(self, ticket: TicketInfo) -> None:
        self.called.emit(ticket)
        if self.window_number is not None:
            self.display.show_call(ticket.display_number, self.window_number)

    def _show_current(self, ticket: TicketInfo | None) -> None:
        self.current = ticket
        if ticket is None:
            self.number_label.setText("—")
            self.state_label.setText(self.tr("呼出中の番号はありません。"))
            self.times_label.setText("")
        else:
            number = ticket.display_number + (self.tr("（優先）") if ticket.priority else "")
            self.number_label.setText(number)
            name = (
                ticket.category_name_en if self._context.language == "en" else ticket.category_name
            )
            state = (
                self.tr("対応中") if ticket.status is TicketStatus.SERVING else self.tr("呼出中")
            )
            self.state_label.setText(f"{state}　{name}")
            times = [self.tr("発券 {time}").format(time=local_time(ticket.issued_at))]
            if ticket.called_at is not None:
                times.append(self.tr("呼出 {time}").format(time=local_time(ticket.called_at)))
            if ticket.recalls:
                times.append(self.tr("再呼出 {count}回").format(count=ticket.recalls))
            if ticket.started_at is not None:
                times.append(self.tr("開始 {time}").format(time=local_time(ticket.started_at)))
            self.times_label.setText("　".join(times))
        self._update_buttons()
        self.current_changed.emit(ticket)
        self.refresh_waiting()

    def refresh_waiting(self) -> None:
        if self.window_number is None:
            return
        tickets = self._context.core.tickets
        self._run(tickets.board, self._show_waiting, on_failure=lambda _error: None)

    def _show_waiting(self, boards: list[CategoryBoard]) -> None:
        self._categories = [board.category for board in boards]
        mine = [b for b in boards if self.window_number in b.category.windows]
        waiting = sum(b.waiting for b in mine)
        minutes = max((b.estimated_wait_minutes for b in mine), default=0)
        self.waiting_label.setText(
            self.tr("この窓口の用件: {waiting}").format(waiting=wait_label(waiting, minutes))
        )

    # --- helpers -------------------------------------------------------------------------

    def _update_buttons(self) -> None:
        ticket, ready = self.current, self.window_number is not None and not self._busy
        ready = ready and self._context.runner.online  # no write while the database is gone
        status = None if ticket is None else ticket.status
        self.call_button.setEnabled(ready and ticket is None)
        self.recall_button.setEnabled(ready and status is TicketStatus.CALLED)
        self.no_show_button.setEnabled(ready and status is TicketStatus.CALLED)
        self.start_button.setEnabled(ready and status is TicketStatus.CALLED)
        self.finish_button.setEnabled(ready and status is TicketStatus.SERVING)
        self.transfer_button.setEnabled(ready and ticket is not None)

    def _act(self, call, on_success) -> None:
        self._busy = True
        self._update_buttons()
        self._run(call, on_success, on_done=self._act_done)

    def _act_done(self) -> None:
        self._busy = False
        self._update_buttons()

    def _run(self, call, on_success, on_failure=None, on_done=None) -> None:
        ops.db(
            self,
            self._context.runner,
            call,
            on_success,
            on_failure=on_failure or self._show_error,
            on_done=on_done,
        )

    def _show_error(self, error: CounterAppError) -> None:
        self.message.setText(message_for(error, self._context.language))
        if self.window_number is not None:  # the ticket may have moved on meanwhile
            calls, window = self._context.core.calls, self.window_number
            self._run(
                lambda: calls.current_for_window(window),
                self._show_current,
                on_failure=lambda _error: None,
            )

    def _display_failed(self, detail: str) -> None:
        self.message.setText(
            self.tr("窓口表示器に表示できませんでした（{detail}）。").format(detail=detail)
        )
