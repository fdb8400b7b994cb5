"""The frame every role screen starts from: a title, a lead sentence and the duties the
screen serves, each shown as a card."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget


@dataclass(frozen=True)
class Duty:
    name: str
    description: str


class RoleScreen(QWidget):
    """Subclasses call `present` with their translated texts (self.tr needs a built QObject)."""

    COLUMNS = 2

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = ""

    def present(self, title: str, lead: str, duties: Sequence[Duty]) -> None:
        self.title = title
        heading = QLabel(title)
        heading.setObjectName("heading")
        lead_label = QLabel(lead)
        lead_label.setObjectName("subheading")
        lead_label.setWordWrap(True)
        grid = QGridLayout()
        grid.setSpacing(16)
        for index, duty in enumerate(duties):
            row, column = divmod(index, self.COLUMNS)
            grid.addWidget(_duty_card(duty), row, column)
        for column in range(self.COLUMNS):
            grid.setColumnStretch(column, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(14)
        layout.addWidget(heading)
        layout.addWidget(lead_label)
        layout.addSpacing(8)
        layout.addLayout(grid)
        layout.addStretch(1)


def _duty_card(duty: Duty) -> QFrame:
    card = QFrame()
    card.setObjectName("card")
    name = QLabel(duty.name)
    name.setObjectName("dutyName")
    description = QLabel(duty.description)
    description.setWordWrap(True)
    description.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    layout = QVBoxLayout(card)
    layout.setContentsMargins(18, 14, 18, 16)
    layout.addWidget(name)
    layout.addWidget(description, 1)
    return card
