"""The search panel beside the record view: what a window clerk works in all day.

With a record open, F6 (or the record's button) opens the procedure guide for that
resident in a second tab beside the record."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

from counter_app.permissions import Actor

from ..context import UiContext
from ..guide.guide_panel import GuidePanel
from ..guide.result_page import CurrentTicket, no_ticket
from .record_view import ResidentRecordView
from .search_panel import ResidentSearchPanel


class ResidentWorkspace(QWidget):
    """`current_ticket`: the ticket at this PC's window, for the visits the guide records."""

    def __init__(
        self,
        context: UiContext,
        actor: Actor,
        parent: QWidget | None = None,
        *,
        current_ticket: CurrentTicket = no_ticket,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._actor = actor
        self._current_ticket = current_ticket
        self.guide_panel: GuidePanel | None = None
        self.search_panel = ResidentSearchPanel(context, actor)
        self.record_view = ResidentRecordView(context, actor)
        self.search_panel.resident_chosen.connect(self.record_view.open)
        self.record_view.back_to_search.connect(self.search_panel.focus_search)
        self.record_view.guide_requested.connect(self.open_guide)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("recordTabs")
        self.tabs.addTab(self.record_view, self.tr("住民記録"))
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.search_panel)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self._sizes_before_guide: list[int] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.setMinimumHeight(520)
        guide_key = QShortcut(QKeySequence(Qt.Key.Key_F6), self)
        guide_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        guide_key.activated.connect(self.open_guide_for_record)

    def open_guide_for_record(self) -> None:
        record = self.record_view.record
        if record is not None:
            self.open_guide(record.person.resident_id)

    def open_guide(self, resident_id: int) -> None:
        """The procedure guide for the open record's resident, in a tab beside it."""
        record = self.record_view.record
        if record is None or record.person.resident_id != resident_id:
            return
        self.close_guide()
        panel = GuidePanel(
            self._context,
            self._actor,
            resident_id,
            record.person.name,
            current_ticket=self._current_ticket,
        )
        panel.closed.connect(self.close_guide)
        self.guide_panel = panel
        index = self.tabs.addTab(
            panel, self.tr("手続きナビ（{name}）").format(name=record.person.name)
        )
        self.tabs.setCurrentIndex(index)
        # The guide's reasons are long lines: give it most of the width while it is open.
        if self._sizes_before_guide is None:
            self._sizes_before_guide = self.splitter.sizes()
        total = sum(self._sizes_before_guide)
        self.splitter.setSizes([total * 3 // 10, total - total * 3 // 10])
        panel.start()

    def close_guide(self) -> None:
        panel, self.guide_panel = self.guide_panel, None
        if panel is None:
            return
        self.tabs.removeTab(self.tabs.indexOf(panel))
        panel.deleteLater()
        if self._sizes_before_guide is not None:
            self.splitter.setSizes(self._sizes_before_guide)
            self._sizes_before_guide = None
        self.tabs.setCurrentWidget(self.record_view)
        self.record_view.setFocus(Qt.FocusReason.OtherFocusReason)
