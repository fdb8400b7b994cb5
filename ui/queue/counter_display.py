"""This window's counter display (窓口表示器): the number being served, in half-width katakana.

The display sits on a serial line; every write runs on the display's one worker (the
PC's, from station/device_workers.py, closed at exit), so a display that is unplugged or
slow never holds up the screen or the database. A failure is logged and reported through
`failed`, never raised; the driver reopens the port on the next write.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from counter_app.ports import CounterDisplay
from devices.displays import to_halfwidth_katakana
from station.device_workers import DeviceWorker
from ui import ops

from ..context import UiContext

log = logging.getLogger(__name__)

WIDTH = 20  # the columns of a 20 × 2 pole display


def call_lines(number: str, window: int) -> tuple[str, str]:
    """What the display says for a call: ``ﾊﾞﾝｺﾞｳ A-012`` over ``3ﾊﾞﾝ ﾏﾄﾞｸﾞﾁ``.

    The display shows ASCII and half-width katakana only, whatever the screen language."""
    upper = to_halfwidth_katakana(f"バンゴウ {number}")
    lower = to_halfwidth_katakana(f"{window}バン マドグチ")
    return upper[:WIDTH], lower[:WIDTH]


class CounterDisplayDriver(QObject):
    """Shows lines on the display behind `worker` (None: no display, every call does
    nothing)."""

    shown = Signal(str, str)  # the upper and lower lines, once written
    failed = Signal(str)  # what went wrong, for a status line

    def __init__(
        self, worker: DeviceWorker[CounterDisplay] | None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._worker = worker

    @classmethod
    def for_window(cls, context: UiContext, parent: QObject | None = None):
        """The display of this PC's `[devices] counter_display`, if set."""
        settings = context.core.config.devices
        if context.devices is None or not settings.counter_display:
            return cls(None, parent)
        worker = context.devices.display(
            settings.counter_display, settings.counter_display_protocol
        )
        return cls(worker, parent)

    @property
    def worker(self) -> DeviceWorker[CounterDisplay] | None:
        return self._worker

    @property
    def configured(self) -> bool:
        return self._worker is not None

    def show_call(self, number: str, window: int) -> None:
        self.show(*call_lines(number, window))

    def clear(self) -> None:
        self.show("", "")

    def show(self, upper: str, lower: str) -> None:
        if self._worker is None:
            return
        ops.device(
            self,
            self._worker,
            lambda display: display.show(upper, lower),
            on_success=lambda _: self.shown.emit(upper, lower),
            on_error=self._report,
        )

    def _report(self, error: BaseException) -> None:
        log.warning("counter display %s: %s", self._worker.url if self._worker else "", error)
        self.failed.emit(str(error) or type(error).__name__)
