"""日計 in a window of its own, opened from the clerk's screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from counter_app.permissions import Actor

from ..context import UiContext
from .day_close import DayCloseScreen


class DayCloseWindow(QDialog):
    def __init__(self, context: UiContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("日計・金種表"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.screen_widget = DayCloseScreen(context, actor)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.screen_widget)
        self.resize(1180, 900)
