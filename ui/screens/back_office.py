"""The back-office screen (原課職員): the inbox of the user's departments, live."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout

from counter_app.permissions import Actor

from ..context import UiContext
from ..inbox.inbox_screen import InboxScreen
from ..labels import departments_label
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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(14)
        layout.addWidget(heading)
        layout.addWidget(lead)
        layout.addWidget(self.inbox, 1)
