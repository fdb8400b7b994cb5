"""A small notice shown while the database takes its time to answer at start-up, and
while the app waits to try again when the server is away or has no free connection."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout


class ConnectingNotice(QFrame):
    DELAY_MS = 400  # shown only if connecting takes longer than this
    quit_requested = Signal()

    def __init__(self, target: str) -> None:
        super().__init__(None, Qt.WindowType.SplashScreen | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("card")
        title = QLabel(self.tr("総合窓口端末"))
        title.setObjectName("heading")
        self.text = QLabel(self.tr("データベースに接続しています…"))
        self.text.setObjectName("subheading")
        self.text.setWordWrap(True)
        where = QLabel(target)
        where.setObjectName("muted")
        self.quit_button = QPushButton(self.tr("終了"))
        self.quit_button.clicked.connect(self.quit_requested)
        self.quit_button.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(title)
        layout.addWidget(self.text)
        layout.addWidget(where)
        layout.addWidget(self.quit_button, 0, Qt.AlignmentFlag.AlignRight)

    def show_retrying(self, reason: str, seconds: float) -> None:
        """The database did not answer: say why, and when the app tries again by itself."""
        self.text.setText(
            reason
            + "\n"
            + self.tr("{seconds} 秒後にもう一度接続します…").format(seconds=max(1, round(seconds)))
        )
        self.quit_button.show()
        self.adjustSize()
