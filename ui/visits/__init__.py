"""Visits on the screens: the words for a routed procedure's status, the dialog that asks
for a question, an answer or a decision note, and the clerk's live view of a visit
(`visit_panel.VisitPanel`)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from counter_app.clock import LOCAL_ZONE
from counter_app.visits import ActionKind, ProcedureStatus


def status_label(status: ProcedureStatus) -> str:
    labels = {
        ProcedureStatus.DONE: QCoreApplication.translate("ProcedureStatus", "完了"),
        ProcedureStatus.ROUTED: QCoreApplication.translate("ProcedureStatus", "審査待ち"),
        ProcedureStatus.CLAIMED: QCoreApplication.translate("ProcedureStatus", "担当中"),
        ProcedureStatus.RETURNED: QCoreApplication.translate("ProcedureStatus", "差戻し（質問）"),
        ProcedureStatus.ANSWERED: QCoreApplication.translate("ProcedureStatus", "回答済み"),
        ProcedureStatus.APPROVED: QCoreApplication.translate("ProcedureStatus", "承認"),
        ProcedureStatus.REJECTED: QCoreApplication.translate("ProcedureStatus", "却下"),
        ProcedureStatus.CANCELLED: QCoreApplication.translate("ProcedureStatus", "除外"),
    }
    return labels.get(status, str(status))


def action_label(action: ActionKind) -> str:
    labels = {
        ActionKind.DONE: QCoreApplication.translate("ProcedureAction", "窓口で完了"),
        ActionKind.ROUTED: QCoreApplication.translate("ProcedureAction", "原課へ回付"),
        ActionKind.ADDED: QCoreApplication.translate("ProcedureAction", "追加"),
        ActionKind.DROPPED: QCoreApplication.translate("ProcedureAction", "除外"),
        ActionKind.CLAIMED: QCoreApplication.translate("ProcedureAction", "受付"),
        ActionKind.RELEASED: QCoreApplication.translate("ProcedureAction", "手放す"),
        ActionKind.RETURNED: QCoreApplication.translate("ProcedureAction", "差戻し"),
        ActionKind.ANSWERED: QCoreApplication.translate("ProcedureAction", "回答"),
        ActionKind.APPROVED: QCoreApplication.translate("ProcedureAction", "承認"),
        ActionKind.REJECTED: QCoreApplication.translate("ProcedureAction", "却下"),
        ActionKind.REASSIGNED: QCoreApplication.translate("ProcedureAction", "担当替え"),
        ActionKind.CLOSED: QCoreApplication.translate("ProcedureAction", "受付終了"),
        ActionKind.FORMS_PRINTED: QCoreApplication.translate("ProcedureAction", "書類を印刷"),
        ActionKind.FORMS_REPRINTED: QCoreApplication.translate("ProcedureAction", "書類を再印刷"),
    }
    return labels.get(action, str(action))


def local_time(at: datetime) -> str:
    """A stored time (UTC) as the office's local date and time."""
    if at.tzinfo is None:
        from datetime import UTC

        at = at.replace(tzinfo=UTC)
    return at.astimezone(LOCAL_ZONE).strftime("%Y-%m-%d %H:%M")


class NoteDialog(QDialog):
    """A required text: the question of a 差戻し, the window's answer, a decision note.
    OK stays refused until something is written. Tests replace `NoteDialog.ask`."""

    def __init__(self, parent: QWidget | None, title: str, prompt: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        label = QLabel(prompt)
        label.setWordWrap(True)
        self.note = QPlainTextEdit()
        self.note.setObjectName("noteText")
        self.note.setTabChangesFocus(True)
        self.refusal = QLabel(self.tr("入力してください。"))
        self.refusal.setObjectName("error")
        self.refusal.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept_if_filled)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.note)
        layout.addWidget(self.refusal)
        layout.addWidget(buttons)
        self.resize(520, 260)
        self.note.setFocus()

    def text(self) -> str:
        return self.note.toPlainText().strip()

    def _accept_if_filled(self) -> None:
        if self.text():
            self.accept()
        else:
            self.refusal.show()
            self.note.setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, prompt: str) -> str | None:
        """The text written, or None when cancelled."""
        dialog = cls(parent, title, prompt)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.text()
