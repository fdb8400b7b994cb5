"""The supervisor's screen (監督者): the whole floor (the waits per category against the
city's targets), reassignments and the audit log.

A supervisor is also a clerk: the resident search and record view are here too, and a
protected record (支援措置) offers 「閲覧を許可」."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget

from counter_app.permissions import Actor, Permission

from ..audit.audit_viewer import AuditViewer
from ..certificates.day_close import DayCloseScreen
from ..context import UiContext
from ..inbox.inbox_screen import InboxScreen
from ..residents.workspace import ResidentWorkspace
from ..stats.live_waits import LiveWaitsView
from .base import Duty, RoleScreen
from .window_clerk import replace_trailing_stretch


class SupervisorScreen(RoleScreen):
    def __init__(self, context: UiContext, actor: Actor) -> None:
        super().__init__()
        self.present(
            self.tr("窓口の監督"),
            self.tr("窓口全体の状況を見て、滞っている業務を調整します。"),
            [
                Duty(
                    self.tr("全体の状況"),
                    self.tr("各窓口の呼出、待ち人数、処理中の手続きを一覧します。"),
                ),
                Duty(
                    self.tr("手続きの振替"),
                    self.tr("滞っている手続きを別の職員や課へ振り替えます。"),
                ),
            ],
        )
        self.live_waits = LiveWaitsView(context, actor)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("supervisorTabs")
        self.workspace = ResidentWorkspace(context, actor)
        self.tabs.addTab(self.workspace, self.tr("住民検索・支援措置"))
        # Every department's routed procedures: the supervisor watches them and 担当替え.
        self.inbox = InboxScreen(context, actor)
        self.tabs.addTab(self.inbox, self.tr("原課の手続き"))
        # 日計: the windows' takings, the cash counts to sign off, voids (取消).
        self.day_close = DayCloseScreen(context, actor)
        self.tabs.addTab(self.day_close, self.tr("日計・取消"))
        self.audit_viewer: AuditViewer | None = None
        if actor.can(Permission.VIEW_AUDIT_LOG):
            self.audit_viewer = AuditViewer(context, actor)
            self.tabs.addTab(self.audit_viewer, self.tr("監査ログ"))
        layout = replace_trailing_stretch(self)
        layout.addWidget(self.live_waits)
        layout.addWidget(self.tabs, 1)
