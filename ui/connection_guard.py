"""When the database goes away: say so plainly, keep what was typed, write nothing, and
resume by itself when it returns.

The database worker (ui/db_runner.py) turns a lost connection into DB_UNREACHABLE and
sets `runner.online` to False; this banner then shows in red, checks the connection
again after a short wait that doubles up to half a minute, spread a little
(counter_app.db.backoff: PCs that lost the server together do not knock again together),
with a `SELECT 1` on the same worker, and, once it answers, sets `online` back, which hides the banner and lets the screens enable their write actions
again (they listen to `runner.online_changed`).
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget

from counter_app.db.backoff import Backoff
from counter_app.db.engine import check_connection
from ui import ops

from .context import UiContext

FIRST_RETRY_SECONDS = 1.0
MOST_RETRY_SECONDS = 30.0


class ConnectionGuard(QLabel):
    """The red banner; lives at the top of the main window, hidden while all is well."""

    def __init__(
        self,
        context: UiContext,
        parent: QWidget | None = None,
        *,
        first_retry_seconds: float = FIRST_RETRY_SECONDS,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._runner = context.runner
        self._checking = False
        self._runner.database_url = str(context.core.engine.url)
        self.setObjectName("connectionBanner")
        self.setWordWrap(True)
        self.setStyleSheet(
            "QLabel#connectionBanner { background: #c62828; color: white; font-size: 14pt;"
            " font-weight: bold; padding: 8px 12px; }"
        )
        self.setText(
            self.tr("データベースに接続できません。入力内容は保たれています。再接続を待っています…")
        )
        self.backoff = Backoff(first=first_retry_seconds, most=MOST_RETRY_SECONDS)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.check)
        self._runner.online_changed.connect(self._show_state)
        self._show_state(self._runner.online)

    def _show_state(self, online: bool) -> None:
        self.setVisible(not online)
        if online:
            self.timer.stop()
            self.backoff.reset()
        elif not self.timer.isActive():
            self._schedule()

    def _schedule(self) -> None:
        self.timer.start(round(self.backoff.next_wait() * 1000))

    def check(self) -> None:
        """Ask the database whether it answers again (a read; nothing is written)."""
        if self._checking or self._runner.online:
            return
        self._checking = True
        engine = self._context.core.engine
        ops.db(
            self,
            self._runner,
            lambda: check_connection(engine),
            on_success=lambda _none: self._runner.set_online(True),
            on_failure=lambda _error: None,
            on_done=self._checked,
        )

    def _checked(self) -> None:
        self._checking = False
        if not self._runner.online:
            self._schedule()
