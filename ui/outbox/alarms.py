"""The floor screen's print alarms (印刷の警告): today's tickets and receipts, from every
printer, that did not print at once (paper end, a closed cover, a printer off, a failed
attempt), whether they still wait, printed late or were cancelled; a receipt shows its
visit number. 印刷取消 stops a job that still waits; 再印刷, once it no longer waits,
queues a new job on the same printer (a receipt says exactly what it said the first
time). Hidden while there is none.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.clock import local
from counter_app.errors import CounterAppError
from counter_app.messages import message_for
from counter_app.outbox import PrintJobInfo
from counter_app.permissions import Actor
from ui import ops

from ..context import UiContext
from ..tables import row_table
from . import kind_label, state_label

# The columns of the alarms
KIND, LABEL, STATE, QUEUED = range(4)


class PrintAlarms(QWidget):
    shown = Signal(list)  # list[PrintJobInfo], once on screen

    def __init__(self, context: UiContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._actor = actor
        self.jobs: list[PrintJobInfo] = []
        self._refreshing = False

        title = QLabel(self.tr("印刷の警告（すぐに印刷できなかった番号札・受付の控え）"))
        title.setObjectName("panelTitle")
        self.table = row_table(
            "printAlarms",
            [self.tr("種類"), self.tr("番号"), self.tr("状況"), self.tr("時刻")],
            STATE,
            140,
        )
        self.table.itemSelectionChanged.connect(self._update_actions)
        self.reprint_button = QPushButton(self.tr("再印刷"))
        self.reprint_button.setObjectName("alarmReprintButton")
        self.reprint_button.clicked.connect(self.reprint_selected)
        self.cancel_button = QPushButton(self.tr("印刷取消"))
        self.cancel_button.setObjectName("alarmCancelButton")
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.message = QLabel()
        self.message.setObjectName("muted")
        self.message.setWordWrap(True)

        actions = QHBoxLayout()
        actions.addWidget(self.message, 1)
        actions.addWidget(self.reprint_button)
        actions.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.table)
        layout.addLayout(actions)
        self._update_actions()
        self.hide()

    def refresh(self) -> None:
        if self._refreshing:
            return
        self._refreshing = True
        outbox = self._context.core.outbox
        ops.db(
            self,
            self._context.runner,
            outbox.alarms,
            on_success=self._show,
            on_failure=lambda _error: None,
            on_done=self._refreshed,
        )

    def _refreshed(self) -> None:
        self._refreshing = False

    def selected_job(self) -> PrintJobInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.jobs):
            return None
        return self.jobs[rows[0].row()]

    def reprint_selected(self) -> None:
        job = self.selected_job()
        if job is None or job.to_print:
            return
        outbox, actor, job_id = self._context.core.outbox, self._actor, job.id
        self._run(lambda: outbox.reprint_job(actor, job_id), self._reprinted)

    def _reprinted(self, job: PrintJobInfo) -> None:
        text = self.tr("{kind} {number} を再印刷します。")
        self.message.setText(text.format(kind=kind_label(job.kind), number=job.label))
        self._printed_soon()

    def cancel_selected(self) -> None:
        job = self.selected_job()
        if job is None or not job.to_print:
            return
        question = self.tr("{kind} {number} の印刷を取り消しますか？").format(
            kind=kind_label(job.kind), number=job.label
        )
        if not self.confirm(self, self.tr("印刷の取消"), question):
            return
        outbox, actor, job_id = self._context.core.outbox, self._actor, job.id
        self._run(lambda: outbox.cancel_job(actor, job_id), self._cancelled)

    def _cancelled(self, job: PrintJobInfo) -> None:
        text = self.tr("{kind} {number} の印刷を取り消しました。")
        self.message.setText(text.format(kind=kind_label(job.kind), number=job.label))
        self.refresh()

    @classmethod
    def confirm(cls, parent: QWidget, title: str, text: str) -> bool:
        """Ask yes or no (a classmethod, so tests replace it)."""
        answer = QMessageBox.question(parent, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def _printed_soon(self) -> None:
        self.refresh()
        spooler = self._context.spooler
        if spooler is not None:
            spooler.tick()

    def _show(self, jobs: list[PrintJobInfo]) -> None:
        selected = self.selected_job()
        self.jobs = jobs
        self.table.setRowCount(len(jobs))
        for index, job in enumerate(jobs):
            values = {
                KIND: kind_label(job.kind),
                LABEL: job.label,
                STATE: state_label(job),
                QUEUED: local(job.created_at).strftime("%H:%M"),
            }
            for column, text in values.items():
                item = QTableWidgetItem(text)
                if column == LABEL:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(index, column, item)
            if selected is not None and job.id == selected.id:
                self.table.selectRow(index)
        self.setVisible(bool(jobs))
        self._update_actions()
        self.shown.emit(jobs)

    def _update_actions(self) -> None:
        job = self.selected_job()
        # A job that still waits prints by itself: a reprint would print it twice.
        self.reprint_button.setEnabled(job is not None and not job.to_print)
        self.cancel_button.setEnabled(job is not None and job.to_print)

    def _run(self, call, on_success) -> None:
        ops.db(
            self,
            self._context.runner,
            call,
            on_success=on_success,
            on_failure=self._show_error,
        )

    def _show_error(self, error: CounterAppError) -> None:
        self.message.setText(message_for(error, self._context.language))
