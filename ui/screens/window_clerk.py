"""The window clerk's screen (窓口職員): calling tickets, finding residents, the procedure guide."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout

from counter_app.permissions import Actor, Permission
from counter_app.queue.rows import TicketInfo

from ..certificates.day_close_window import DayCloseWindow
from ..certificates.desk import CertificateDeskWindow, open_desk
from ..certificates.outputs import CERTIFICATE_CATEGORY
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
                Duty(
                    self.tr("証明書交付"),
                    self.tr("住民票・印鑑登録証明書・税証明を請求者の確認から会計まで交付します。"),
                ),
                Duty(
                    self.tr("日計"),
                    self.tr("手数料の収納を集計し、金種表で現金を数えて監督者の承認を受けます。"),
                ),
            ],
        )
        self._context = context
        self._actor = actor
        self.desk_window: CertificateDeskWindow | None = None
        self.day_close_window: DayCloseWindow | None = None
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
        # A certificates-only ticket (category E) called here opens the desk for it.
        self.window_panel.called.connect(self._ticket_called)
        self.desk_button = QPushButton(self.tr("証明書交付（F8）"))
        self.desk_button.setObjectName("openCertificateDesk")
        self.desk_button.clicked.connect(lambda: self.open_desk())
        self.day_close_button = QPushButton(self.tr("日計"))
        self.day_close_button.setObjectName("openDayClose")
        self.day_close_button.clicked.connect(self.open_day_close)
        desk_key = QShortcut(QKeySequence(Qt.Key.Key_F8), self)
        desk_key.setContext(Qt.ShortcutContext.WindowShortcut)
        desk_key.activated.connect(lambda: self.desk_button.isEnabled() and self.open_desk())
        self.desk_button.setEnabled(actor.can(Permission.ISSUE_CERTIFICATES))
        desk_row = QHBoxLayout()
        desk_row.addWidget(self.desk_button)
        desk_row.addWidget(self.day_close_button)
        desk_row.addStretch(1)
        layout = replace_trailing_stretch(self)
        layout.addWidget(self.window_panel)
        layout.addLayout(desk_row)
        layout.addWidget(self.open_visit)
        layout.addWidget(self.workspace, 1)

    def open_desk(self, ticket: TicketInfo | None = None) -> CertificateDeskWindow:
        """The certificate desk, with the ticket being served (if any) attached."""
        ticket = ticket or self.window_panel.current
        self.desk_window = open_desk(
            self,
            self._context,
            self._actor,
            ticket_id=ticket.id if ticket is not None else None,
            ticket_label=ticket.display_number if ticket is not None else "",
        )
        return self.desk_window

    def _ticket_called(self, ticket: TicketInfo) -> None:
        if ticket.category_id != CERTIFICATE_CATEGORY or not self.desk_button.isEnabled():
            return
        window = self.desk_window
        if window is not None and shiboken6.isValid(window) and window.desk.ticket_id == ticket.id:
            window.raise_()  # a recall: the desk is open for this ticket already
            window.activateWindow()
            return
        self.open_desk(ticket)

    def open_day_close(self) -> DayCloseWindow:
        window = self.day_close_window
        if window is None or not shiboken6.isValid(window):
            window = self.day_close_window = DayCloseWindow(self._context, self._actor, self)
        window.show()
        window.raise_()
        window.activateWindow()
        return window
