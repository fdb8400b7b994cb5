"""Live changes from other PCs, on the GUI thread.

    live = LiveFeed(core.live_engine)          # the PC's live connection (db/budget.py)
    live.changed.connect(screen.on_changes)     # list[Change], on the GUI thread
    live.connection_changed.connect(...)        # True: following the feed; False: lost
    live.start()  # at login
    live.stop()   # at logout or quit

A `counter_app.changes.ChangeListener` follows the change feed on its own thread
(PostgreSQL LISTEN/NOTIFY, polling on SQLite); its callbacks only emit private signals,
queued to this object's thread, which re-emits them for the screens. Screens filter the
changes they care about (a department's procedures, one visit) and reload through the
DbRunner. One LiveFeed per session (`UiContext.live`); start() after stop() follows the
feed again from the newest change.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QLabel
from shiboken6 import isValid
from sqlalchemy import Engine

from counter_app.app import CounterApp
from counter_app.changes import ChangeListener, ListenerStatus

from .db_runner import DbRunner


def live_runner_for(core: CounterApp, parent: QObject | None = None) -> DbRunner | None:
    """A worker for the PC's live connection when it keeps one apart (a back-office PC,
    counter_app.db.budget); None when its one connection serves both."""
    if core.live_engine is core.engine:
        return None
    return DbRunner(parent, name="counter-app-live")


class LiveFeed(QObject):
    changed = Signal(list)  # list[Change], oldest first
    connection_changed = Signal(bool)

    _arrived = Signal(object)  # emitted on the listener's thread
    _status = Signal(bool)  # emitted on the listener's thread

    def __init__(
        self,
        url_or_engine: str | Engine,
        parent: QObject | None = None,
        *,
        poll_seconds: float = 0.5,
    ) -> None:
        super().__init__(parent)
        self._source = url_or_engine
        self._poll_seconds = poll_seconds
        self._listener: ChangeListener | None = None
        self._starter: threading.Thread | None = None
        self.connected: bool | None = None  # None until the listener has reported
        self._arrived.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._status.connect(self._deliver_status, Qt.ConnectionType.QueuedConnection)

    @property
    def running(self) -> bool:
        return self._listener is not None

    def start(self) -> None:
        """Follow the feed from the newest change on (does nothing when running)."""
        if self._listener is not None:
            return
        self._listener = ChangeListener(
            self._source,
            self._arrived.emit,
            poll_seconds=self._poll_seconds,
            on_status=lambda status: self._status.emit(status == ListenerStatus.CONNECTED),
        )
        # start() reads the feed's newest id: off the GUI thread, like all database work.
        self._starter = threading.Thread(
            target=self._listener.start, name="counter-app-changes-start", daemon=True
        )
        self._starter.start()

    def stop(self) -> None:
        """Stop following (returns within about a second; nothing is emitted after it)."""
        listener, self._listener = self._listener, None
        starter, self._starter = self._starter, None
        if starter is not None:
            starter.join()
        if listener is not None:
            listener.stop()
        self.connected = None

    @Slot(object)
    def _deliver(self, changes: list) -> None:
        if self._listener is not None:
            self.changed.emit(list(changes))

    @Slot(bool)
    def _deliver_status(self, connected: bool) -> None:
        if self._listener is None or connected == self.connected:
            return
        self.connected = connected
        self.connection_changed.emit(connected)


class LiveStateLabel(QLabel):
    """Whether the screen it sits on follows other PCs' changes right now."""

    def __init__(self, live: LiveFeed | None, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("muted")
        self._live = live
        if live is not None:
            live.connection_changed.connect(self._show)
        self._show(live.connected if live is not None else None)

    def _show(self, connected: bool | None) -> None:
        if not isValid(self):
            return
        if self._live is None:
            self.setText(self.tr("自動更新なし"))
        elif connected is None:
            self.setText(self.tr("接続を確認中…"))
        elif connected:
            self.setText(self.tr("● 自動更新中"))
        else:
            self.setText(self.tr("● 切断中（再接続しています）"))
