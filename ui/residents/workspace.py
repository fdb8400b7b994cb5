"""The search panel beside the record view: what a window clerk works in all day."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from counter_app.permissions import Actor

from ..context import UiContext
from .record_view import ResidentRecordView
from .search_panel import ResidentSearchPanel


class ResidentWorkspace(QWidget):
    def __init__(self, context: UiContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search_panel = ResidentSearchPanel(context, actor)
        self.record_view = ResidentRecordView(context, actor)
        self.search_panel.resident_chosen.connect(self.record_view.open)
        self.record_view.back_to_search.connect(self.search_panel.focus_search)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.search_panel)
        splitter.addWidget(self.record_view)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.setMinimumHeight(520)
