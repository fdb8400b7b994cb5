"""Start-up probe for benchmarks/startup.py: with COUNTER_APP_STARTUP_PROBE=1 the app
prints one line once the login dialog has been painted, then quits with exit code 0."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

PROBE_ENV = "COUNTER_APP_STARTUP_PROBE"


def enabled() -> bool:
    return os.environ.get(PROBE_ENV, "") not in ("", "0")


def rss_kb() -> int:
    """Resident memory of this process (VmRSS), 0 where /proc is not available."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class _FirstPaint(QObject):
    """Calls `then` on the turn of the event loop after the widget's first paint."""

    def __init__(self, widget: QWidget, then) -> None:
        super().__init__(widget)
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._then)
        return False


def attach(flow) -> None:
    """Report on the first login dialog the SessionFlow shows, then end the flow."""

    def report() -> None:
        print(f"startup-probe shown rss_kb={rss_kb()}", flush=True)
        flow.quit()

    flow.login_shown.connect(lambda dialog: _FirstPaint(dialog, report))
