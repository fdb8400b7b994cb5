"""Message boxes behind classmethods, so tests replace them (pytest-qt's advice)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


class MessageBox:
    @classmethod
    def error(cls, parent: QWidget | None, title: str, text: str) -> None:
        _show(QMessageBox.Icon.Critical, parent, title, text)

    @classmethod
    def about(cls, parent: QWidget | None, title: str, text: str) -> None:
        _show(QMessageBox.Icon.Information, parent, title, text)


def _show(icon: QMessageBox.Icon, parent: QWidget | None, title: str, text: str) -> None:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()
