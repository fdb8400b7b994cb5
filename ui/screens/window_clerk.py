"""The window clerk's screen (窓口職員): calling tickets, finding residents, the procedure guide."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QVBoxLayout

from counter_app.permissions import Actor

from ..context import UiContext
from ..queue.window_panel import WindowPanel
from ..residents.workspace import ResidentWorkspace
from ..visits.open_visit import OpenVisitBox
from .base import Duty, RoleScreen


def replace_trailing_stretch(screen: RoleScreen) -> QVBoxLayout:
    """RoleScreen.present ends its layout with a stretch; working panels take that space."""
    layout = screen.layout()
    assert isinstance(layout, QVBoxLayout)
    item = layout.itemAt(layout.count() - 1)
    if item is not None and item.spacerItem() is not None:
        layout.takeAt(layout.count() - 1)
    return layout


class WindowClerkScreen(RoleScreen):
    def __init__(self, context: UiContext, actor: Actor) -> None:
        super().__init__()
        window = context.core.terminal.window_number
        if window is None:
            lead = self.tr("窓口で住民の用件を伺い、必要な手続きをまとめて受け付けます。")
        else:
            lead = self.tr(
                "{number}番窓口で住民の用件を伺い、必要な手続きをまとめて受け付けます。"
            ).format(number=window)
        self.present(
            self.tr("窓口業務"),
            lead,
            [
                Duty(
                    self.tr("呼出"),
                    self.tr("番号札の順に次の方を呼び出し、窓口表示器に番号を表示します。"),
                ),
                Duty(
                    self.tr("手続きナビ"),
                    self.tr("ライフイベントと質問への答えから、必要な手続きと書類を案内します。"),
                ),
            ],
        )
        self.window_panel = WindowPanel(context, actor)
        # Visits confirmed in the guide take the ticket this window is serving.
        self.workspace = ResidentWorkspace(
            context, actor, current_ticket=self.window_panel.current_ticket_id
        )
        # 受付番号: typing or scanning a receipt's number opens that visit (Ctrl+J).
        self.open_visit = OpenVisitBox(context, actor)
        visit_key = QShortcut(QKeySequence("Ctrl+J"), self)
        visit_key.setContext(Qt.ShortcutContext.WindowShortcut)
        visit_key.activated.connect(self.open_visit.focus_box)
        layout = replace_trailing_stretch(self)
        layout.addWidget(self.window_panel)
        layout.addWidget(self.open_visit)
        layout.addWidget(self.workspace, 1)
