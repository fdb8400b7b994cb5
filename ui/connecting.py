"""A small notice shown while the database takes its time to answer at start-up."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout


class ConnectingNotice(QFrame):
    DELAY_MS = 400  # shown only if connecting takes longer than this

    def __init__(self, target: str) -> None:
        super().__init__(None, Qt.WindowType.SplashScreen | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("card")
        title = QLabel(self.tr("総合窓口端末"))
        title.setObjectName("heading")
        text = QLabel(self.tr("データベースに接続しています…"))
        text.setObjectName("subheading")
        where = QLabel(target)
        where.setObjectName("muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addWidget(where)
