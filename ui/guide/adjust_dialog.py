"""The reason for dropping a procedure the guide found, or adding one it did not.

Tests replace `AdjustDialog.ask_drop` and `AdjustDialog.ask_add` (pytest-qt's advice)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class AdjustDialog(QDialog):
    """OK stays refused until a reason is written; `choices` (id, name) adds a procedure
    picker above the reason."""

    def __init__(self, parent: QWidget | None, choices: Sequence[tuple[str, str]] = ()) -> None:
        super().__init__(parent)
        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        form = QFormLayout()
        self.procedure = QComboBox()
        self.procedure.setObjectName("adjustProcedure")
        for procedure_id, name in choices:
            self.procedure.addItem(name, procedure_id)
        if choices:
            form.addRow(self.tr("手続き"), self.procedure)
        else:
            self.procedure.hide()
        self.reason = QLineEdit()
        self.reason.setObjectName("adjustReason")
        form.addRow(self.tr("理由"), self.reason)
        self.refusal = QLabel(self.tr("理由を入力してください。"))
        self.refusal.setObjectName("error")
        self.refusal.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept_if_filled)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addLayout(form)
        layout.addWidget(self.refusal)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())
        (self.procedure if choices else self.reason).setFocus()

    def _accept_if_filled(self) -> None:
        if self.text():
            self.accept()
        else:
            self.refusal.show()
            self.reason.setFocus()

    def text(self) -> str:
        return self.reason.text().strip()

    def procedure_id(self) -> str | None:
        return self.procedure.currentData()

    def for_drop(self, procedure_name: str) -> None:
        self.setWindowTitle(self.tr("手続きを除外"))
        self.prompt.setText(
            self.tr(
                "「{name}」を除外する理由を入力してください（監査ログに記録されます）。"
            ).format(name=procedure_name)
        )

    def for_add(self) -> None:
        self.setWindowTitle(self.tr("手続きを追加"))
        self.prompt.setText(
            self.tr("追加する手続きと、追加する理由を入力してください（監査ログに記録されます）。")
        )

    @classmethod
    def ask_drop(cls, parent: QWidget | None, procedure_name: str) -> str | None:
        """The reason for dropping `procedure_name`, or None when cancelled."""
        dialog = cls(parent)
        dialog.for_drop(procedure_name)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.text()

    @classmethod
    def ask_add(
        cls, parent: QWidget | None, choices: Sequence[tuple[str, str]]
    ) -> tuple[str, str] | None:
        """(procedure id, reason) for a procedure to add, or None when cancelled."""
        dialog = cls(parent, choices)
        dialog.for_add()
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        procedure_id = dialog.procedure_id()
        return (procedure_id, dialog.text()) if procedure_id else None
