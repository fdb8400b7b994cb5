"""Asking for a purpose (showing the My Number) or a reason (authorising a protected record).

Tests replace `PurposeDialog.ask` (pytest-qt's advice for dialogs)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)


class PurposeDialog(QDialog):
    def __init__(
        self, parent: QWidget | None, title: str, prompt: str, suggestions: Sequence[str] = ()
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        label = QLabel(prompt)
        label.setWordWrap(True)
        self.choice = QComboBox()
        self.choice.setObjectName("purpose")
        self.choice.setEditable(True)
        self.choice.addItems(list(suggestions))
        self.choice.setCurrentIndex(-1)
        self.choice.setEditText("")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept_if_filled)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.choice)
        layout.addWidget(buttons)
        self.resize(480, self.sizeHint().height())

    def _accept_if_filled(self) -> None:
        if self.text():
            self.accept()

    def text(self) -> str:
        return self.choice.currentText().strip()

    @classmethod
    def ask(
        cls, parent: QWidget | None, title: str, prompt: str, suggestions: Sequence[str] = ()
    ) -> str | None:
        """The text entered, or None when cancelled."""
        dialog = cls(parent, title, prompt, suggestions)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.text() or None
