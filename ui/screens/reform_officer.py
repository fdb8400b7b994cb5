"""The service reform officer's screen (業務改革担当): the staff letters, to decide on."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout

from counter_app.permissions import Actor

from ..context import UiContext
from ..voices.letters_window import LettersPanel
from .base import RoleScreen


class ReformOfficerScreen(RoleScreen):
    def __init__(self, context: UiContext, actor: Actor) -> None:
        super().__init__()
        self.title = self.tr("職員からの手紙")
        heading = QLabel(self.title)
        heading.setObjectName("heading")
        lead = QLabel(
            self.tr(
                "職員の改善提案を読み、受付 → 検討中 → 採用・不採用 → 実施済みと進めます。"
                "理由は全職員に公開されます。"
            )
        )
        lead.setObjectName("subheading")
        lead.setWordWrap(True)
        self.letters = LettersPanel(context, actor)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(14)
        layout.addWidget(heading)
        layout.addWidget(lead)
        layout.addWidget(self.letters, 1)
