"""The back-office screen (原課職員): the inbox of the user's departments, live: the
procedures routed from the window, and in a second tab the residents' voices routed to
the same departments (claim, answer, close), its title counting those still open."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout

from counter_app.permissions import Actor

from ..context import UiContext
from ..inbox.inbox_screen import InboxScreen
from ..labels import departments_label
from ..voices.department_pane import DepartmentVoicesPane
from .base import RoleScreen


class BackOfficeScreen(RoleScreen):
    def __init__(self, context: UiContext, actor: Actor) -> None:
        super().__init__()
        departments = departments_label(actor.departments, context.language)
        self.title = (
            self.tr("{departments} 受付箱").format(departments=departments)
            if departments
            else self.tr("受付箱")
        )
        heading = QLabel(self.title)
        heading.setObjectName("heading")
        lead = QLabel(
            self.tr(
                "窓口から回ってきた所属課の手続きを受け付け、審査して決定します。"
                "不明な点は質問を添えて窓口へ差し戻します。"
            )
        )
        lead.setObjectName("subheading")
        lead.setWordWrap(True)
        self.inbox = InboxScreen(context, actor)
        self.voices = DepartmentVoicesPane(context, actor)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("backOfficeTabs")
        self.tabs.addTab(self.inbox, self.tr("手続き"))
        self.tabs.addTab(self.voices, self.tr("住民の声"))
        self.voices.loaded.connect(self._count_voices)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(14)
        layout.addWidget(heading)
        layout.addWidget(lead)
        layout.addWidget(self.tabs, 1)

    def _count_voices(self) -> None:
        self.tabs.setTabText(
            1, self.tr("住民の声（未完了 {count}件）").format(count=len(self.voices.voices))
        )
