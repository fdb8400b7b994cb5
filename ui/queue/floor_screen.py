"""The floor manager's ticket desk (番号札の発行): one large button per category with how
many wait and the estimated wait, a priority toggle, the tickets issued here with
reprint and cancel, the ticket printer's state within two seconds, and the print alarms
of every printer (ui/outbox/alarms.py: tickets and visit receipts that did not print).

Touch first: every control is at least a finger high. Issuing never waits for paper: the
number is drawn and its print job stored in one unit of work; this PC's spooler
(ui/outbox/spooler.py, started by the session) prints it when the printer can, and the
banner says why it cannot.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.errors import CounterAppError, ErrorCode
from counter_app.messages import message_for
from counter_app.outbox import PrintJobInfo, PrintJobStatus
from counter_app.permissions import Actor
from counter_app.queue.rows import TicketInfo
from counter_app.queue.tickets import CategoryBoard, IssuedTicket
from devices.status import PrinterProblem, PrinterStatus
from ui import ops

from ..context import UiContext
from ..outbox.alarms import PrintAlarms
from ..tables import row_table
from . import category_name, printer_state_label, wait_label

REFRESH_MS = 2000
RECENT_LIMIT = 30
BUTTON_HEIGHT = 110
COLUMNS = 2

# Touch-sized: the style sheet's min-height wins over setMinimumHeight, so set it here.
TOUCH_STYLE = f"""
QPushButton#categoryButton {{ font-size: 16pt; min-height: {BUTTON_HEIGHT - 20}px; }}
QPushButton#categoryButton[closed="true"] {{ color: #5a6570; background: #e9ecef; }}
QPushButton#priorityToggle, QPushButton#reprintButton, QPushButton#cancelButton,
QPushButton#alarmReprintButton, QPushButton#alarmCancelButton {{
    font-size: 14pt; min-height: 48px; min-width: 6em; padding: 8px 24px;
}}
QPushButton#priorityToggle:checked {{
    color: white; background: #b35900; border-color: #b35900; font-weight: bold;
}}
"""

# The columns of the recent tickets
NUMBER, CATEGORY, ISSUED, PRINTED = range(4)


@dataclass(frozen=True)
class IssuedRow:
    ticket: TicketInfo
    print_state: PrintJobStatus  # of its latest print job; CANCELLED also for the ticket


class CategoryButton(QPushButton):
    def __init__(self, board: CategoryBoard, language: str) -> None:
        super().__init__()
        self.category_id = board.category.id
        self._language = language
        self.setObjectName("categoryButton")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.update_board(board)

    def update_board(self, board: CategoryBoard) -> None:
        self.board = board
        name = category_name(board.category, self._language)
        waiting = wait_label(board.waiting, board.estimated_wait_minutes)
        if not board.open_now:
            waiting = self.tr("{waiting}（受付時間外）").format(waiting=waiting)
        self.setText(f"{board.category.prefix}  {name}\n{waiting}")
        self.setProperty("closed", not board.open_now)
        self.style().unpolish(self)
        self.style().polish(self)


class FloorScreen(QWidget):
    issued = Signal(object)  # IssuedTicket, once the number is drawn
    board_updated = Signal(object)  # list[CategoryBoard]

    def __init__(self, context: UiContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._actor = actor
        self._language = context.language
        self.setStyleSheet(TOUCH_STYLE)
        self.printer_url = context.core.config.devices.ticket_printer
        self.buttons: dict[str, CategoryButton] = {}
        self.rows: list[IssuedRow] = []
        self._issuing = False

        self.banner = QLabel()
        self.banner.setObjectName("printerBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "QLabel#printerBanner { font-size: 16pt; font-weight: bold; color: white;"
            " background: #b00020; border-radius: 6px; padding: 10px 14px; }"
        )
        self.banner.hide()
        self.printer_note = QLabel()
        self.printer_note.setObjectName("muted")
        if self.printer_url is None:
            self.printer_note.setText(
                self.tr(
                    "この端末には発券機が設定されていません。番号札は発行されますが、"
                    "ここでは印刷されません（設定ファイルの devices.ticket_printer）。"
                )
            )
        self.printer_note.setVisible(self.printer_url is None)

        self.priority_button = QPushButton(self.tr("優先発券"))
        self.priority_button.setObjectName("priorityToggle")
        self.priority_button.setCheckable(True)
        self.priority_button.setToolTip(
            self.tr(
                "お体の不自由な方、妊娠中の方など、優先して呼び出す番号札を次の1枚だけ発行します。"
            )
        )

        self.status_label = QLabel(self.tr("用件のボタンを押すと番号札を発行します。"))
        self.status_label.setObjectName("subheading")
        self.status_label.setWordWrap(True)

        self.button_grid = QGridLayout()
        self.button_grid.setSpacing(12)
        for column in range(COLUMNS):
            self.button_grid.setColumnStretch(column, 1)

        recent_title = QLabel(self.tr("発行した番号札"))
        recent_title.setObjectName("panelTitle")
        self.recent = row_table(
            "recentTickets",
            [self.tr("番号"), self.tr("用件"), self.tr("発行時刻"), self.tr("印刷")],
            CATEGORY,
            220,
        )
        self.recent.itemSelectionChanged.connect(self._update_actions)
        self.reprint_button = QPushButton(self.tr("再発行"))
        self.reprint_button.setObjectName("reprintButton")
        self.reprint_button.clicked.connect(self.reprint_selected)
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.clicked.connect(self.cancel_selected)

        top = QHBoxLayout()
        top.addWidget(self.status_label, 1)
        top.addWidget(self.priority_button)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.reprint_button)
        actions.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.banner)
        layout.addWidget(self.printer_note)
        layout.addLayout(top)
        layout.addLayout(self.button_grid)
        layout.addWidget(recent_title)
        layout.addWidget(self.recent, 1)
        layout.addLayout(actions)
        self.alarms = PrintAlarms(context, actor, self)
        layout.addWidget(self.alarms)
        self._update_actions()

        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._refreshing = False

        self.spooler = context.spooler
        if self.spooler is not None:
            if self.spooler.known:
                self.show_printer_state(self.spooler.status, self.spooler.problem)
            self.spooler.status_changed.connect(self.show_printer_state)
            self.spooler.job_printed.connect(self._job_printed)
            self.spooler.job_failed.connect(self._job_failed)
        self.refresh()

    # --- lifetime ------------------------------------------------------------------------

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._timer.start()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self._timer.stop()

    def shut_down(self) -> None:
        """Stop the refresh (the PC's spooler goes on printing)."""
        self._timer.stop()

    # --- the board -----------------------------------------------------------------------

    def refresh(self) -> None:
        if self._refreshing:
            return
        self._refreshing = True
        tickets = self._context.core.tickets
        self._run(tickets.board, self._show_board, on_done=self._refreshed)
        self.alarms.refresh()

    def _refreshed(self) -> None:
        self._refreshing = False

    def _show_board(self, boards: list[CategoryBoard]) -> None:
        wanted = [board.category.id for board in boards]
        if list(self.buttons) != wanted:
            self._rebuild_buttons(boards)
        else:
            for board in boards:
                self.buttons[board.category.id].update_board(board)
        self.board_updated.emit(boards)

    def _rebuild_buttons(self, boards: list[CategoryBoard]) -> None:
        for button in self.buttons.values():
            self.button_grid.removeWidget(button)
            button.deleteLater()
        self.buttons = {}
        for index, board in enumerate(boards):
            button = CategoryButton(board, self._language)
            button.clicked.connect(lambda _=False, c=board.category.id: self.issue(c))
            self.buttons[board.category.id] = button
            row, column = divmod(index, COLUMNS)
            self.button_grid.addWidget(button, row, column)

    # --- issuing -------------------------------------------------------------------------

    def issue(self, category_id: str, force: bool = False) -> None:
        if self._issuing:
            return  # a double tap issues one ticket
        self._issuing = True
        self._set_buttons_enabled(False)
        priority = self.priority_button.isChecked()
        tickets, actor = self._context.core.tickets, self._actor
        terminal, url = self._context.terminal_name, self.printer_url
        self._run(
            lambda: tickets.issue(
                actor,
                category_id,
                priority=priority,
                terminal=terminal,
                printer_url=url,
                force=force,
            ),
            self._issued,
            on_failure=lambda error: self._issue_refused(error, category_id),
            on_done=self._issue_done,
        )

    def _issue_done(self) -> None:
        self._issuing = False
        self._set_buttons_enabled(True)

    def _issued(self, issued: IssuedTicket) -> None:
        self.priority_button.setChecked(False)
        self.rows.insert(0, IssuedRow(issued.ticket, PrintJobStatus.PENDING))
        del self.rows[RECENT_LIMIT:]
        self._show_rows()
        self.recent.selectRow(0)
        text = self.tr("{number} を発行しました（お待ちの方 {ahead}人・目安 約{minutes}分）。")
        self.status_label.setText(
            text.format(
                number=issued.display_number,
                ahead=issued.ticket.waiting_ahead,
                minutes=issued.ticket.estimated_wait_minutes,
            )
        )
        self.issued.emit(issued)
        self.refresh()
        if self.spooler is not None:
            self.spooler.tick()

    def _issue_refused(self, error: CounterAppError, category_id: str) -> None:
        if error.code is ErrorCode.QUEUE_CATEGORY_CLOSED:
            question = self.tr("{reason}\n受付時間外ですが発行しますか？").format(
                reason=message_for(error, self._language)
            )
            if self.confirm(self, self.tr("受付時間外"), question):
                QTimer.singleShot(0, lambda: self.issue(category_id, force=True))
            return
        self._show_error(error)

    @classmethod
    def confirm(cls, parent: QWidget, title: str, text: str) -> bool:
        """Ask yes or no (a classmethod, so tests replace it)."""
        answer = QMessageBox.question(parent, title, text)
        return answer == QMessageBox.StandardButton.Yes

    # --- the tickets issued here ---------------------------------------------------------

    def selected_row(self) -> IssuedRow | None:
        rows = self.recent.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.rows):
            return None
        return self.rows[rows[0].row()]

    def reprint_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        tickets, actor, url = self._context.core.tickets, self._actor, self.printer_url
        ticket_id = row.ticket.id
        self._run(
            lambda: tickets.reprint(actor, ticket_id, printer_url=url),
            self._reprinted,
        )

    def _reprinted(self, job: PrintJobInfo) -> None:
        self._set_print_state(job, PrintJobStatus.PENDING)
        self.status_label.setText(
            self.tr("{number} を再発行します。").format(number=job.ticket.display_number)
        )
        if self.spooler is not None:
            self.spooler.tick()

    def cancel_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        number = row.ticket.display_number
        if not self.confirm(
            self,
            self.tr("番号札の取消"),
            self.tr("{number} を取り消しますか？").format(number=number),
        ):
            return
        tickets, actor, ticket_id = self._context.core.tickets, self._actor, row.ticket.id
        self._run(lambda: tickets.cancel(actor, ticket_id), self._cancelled)

    def _cancelled(self, ticket: TicketInfo) -> None:
        self.rows = [
            IssuedRow(ticket, PrintJobStatus.CANCELLED) if row.ticket.id == ticket.id else row
            for row in self.rows
        ]
        self._show_rows()
        self.status_label.setText(
            self.tr("{number} を取り消しました。").format(number=ticket.display_number)
        )
        self.refresh()

    def _job_printed(self, job: PrintJobInfo) -> None:
        self._set_print_state(job, PrintJobStatus.PRINTED)
        if job.last_error is not None:  # it was an alarm
            self.alarms.refresh()

    def _job_failed(self, job: PrintJobInfo, _reason: str) -> None:
        self._set_print_state(job, job.status)
        self.alarms.refresh()

    def _set_print_state(self, job: PrintJobInfo, state: PrintJobStatus) -> None:
        if job.ticket is None:  # a receipt: the alarms show it
            return
        changed = False
        for index, row in enumerate(self.rows):
            if row.ticket.id == job.ticket.id and row.print_state is not PrintJobStatus.CANCELLED:
                self.rows[index] = replace(row, print_state=state)
                changed = True
        if changed:
            self._show_rows()

    def _show_rows(self) -> None:
        selected = self.selected_row()
        labels = {
            PrintJobStatus.PENDING: self.tr("印刷待ち"),
            PrintJobStatus.PRINTED: self.tr("印刷済み"),
            PrintJobStatus.FAILED: self.tr("印刷待ち（再試行）"),
            PrintJobStatus.UNPRINTABLE: self.tr("印刷できません"),
            PrintJobStatus.CANCELLED: self.tr("取消済み"),
        }
        self.recent.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            ticket = row.ticket
            number = ticket.display_number + (self.tr("（優先）") if ticket.priority else "")
            values = {
                NUMBER: number,
                CATEGORY: ticket.category_name_en
                if self._language == "en"
                else ticket.category_name,
                ISSUED: ticket.issued_local.strftime("%H:%M"),
                PRINTED: labels[row.print_state],
            }
            for column, text in values.items():
                item = QTableWidgetItem(text)
                if column == NUMBER:
                    font = item.font()
                    font.setBold(True)
                    font.setPointSize(16)
                    item.setFont(font)
                self.recent.setItem(index, column, item)
            if selected is not None and ticket.id == selected.ticket.id:
                self.recent.selectRow(index)
        self._update_actions()

    def _update_actions(self) -> None:
        row = self.selected_row()
        usable = row is not None and row.print_state is not PrintJobStatus.CANCELLED
        self.reprint_button.setEnabled(usable)
        self.cancel_button.setEnabled(usable)

    def _set_buttons_enabled(self, enabled: bool) -> None:
        for button in self.buttons.values():
            button.setEnabled(enabled)

    # --- the printer ---------------------------------------------------------------------

    def show_printer_state(self, status: PrinterStatus | None, problem: PrinterProblem | None):
        text = printer_state_label(status, problem)
        self.banner.setText(text)
        self.banner.setVisible(bool(text))
        warning = problem is None  # a near end: amber, not red
        colour = "#b35900" if warning else "#b00020"
        self.banner.setStyleSheet(
            "QLabel#printerBanner { font-size: 16pt; font-weight: bold; color: white;"
            f" background: {colour}; border-radius: 6px; padding: 10px 14px; }}"
        )

    # --- helpers -------------------------------------------------------------------------

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
        self.status_label.setText(message_for(error, self._language))
