"""This window's counter display (窓口表示器): the number being served, in half-width katakana.

The display sits on a serial line; every write runs on the display's own worker (one
worker per device), so a display that is unplugged or slow never holds up the screen or
the database. A failure is logged and reported through `failed`, never raised.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from devices.displays import CounterDisplay, to_halfwidth_katakana

from ..db_runner import DbRunner

log = logging.getLogger(__name__)

WIDTH = 20  # the columns of a 20 × 2 pole display


def call_lines(number: str, window: int) -> tuple[str, str]:
    """What the display says for a call: ``ﾊﾞﾝｺﾞｳ A-012`` over ``3ﾊﾞﾝ ﾏﾄﾞｸﾞﾁ``.

    The display shows ASCII and half-width katakana only, whatever the screen language."""
    upper = to_halfwidth_katakana(f"バンゴウ {number}")
    lower = to_halfwidth_katakana(f"{window}バン マドグチ")
    return upper[:WIDTH], lower[:WIDTH]


class CounterDisplayDriver(QObject):
    """Drives the display at `url` (None: no display, every call does nothing)."""

    shown = Signal(str, str)  # the upper and lower lines, once written
    failed = Signal(str)  # what went wrong, for a status line

    def __init__(
        self,
        url: str | None,
        protocol: str,
        parent: QObject | None = None,
        display_factory: Callable[[str, str], Any] = CounterDisplay,
    ) -> None:
        super().__init__(parent)
        self._url = url
        self._protocol = str(protocol)
        self._factory = display_factory
        self._display: Any = None  # opened on the worker, used only there
        self._worker = DbRunner(self) if url else None

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
        self._worker.run(
            lambda: self._write(upper, lower),
            on_success=lambda _: self.shown.emit(upper, lower),
            on_error=self._report,
        )

    def wait(self, timeout_s: float | None = None) -> None:
        if self._worker is not None:
            self._worker.wait(timeout_s)

    def close(self) -> None:
        if self._worker is not None:
            self._worker.run(self._close_display, on_error=lambda _error: None)
            self._worker.close()
            self._worker = None

    # --- on the worker -------------------------------------------------------------------

    def _write(self, upper: str, lower: str) -> None:
        if self._display is None:
            self._display = self._factory(self._url, self._protocol)
        try:
            self._display.show(upper, lower)
        except BaseException:
            self._close_display()  # reopen on the next call: the port may have come back
            raise

    def _close_display(self) -> None:
        display, self._display = self._display, None
        close = getattr(display, "close", None)
        if close is not None:
            try:
                close()
            except Exception:  # closing a broken port is best effort
                log.debug("closing the counter display failed", exc_info=True)

    # --- on the GUI thread ---------------------------------------------------------------

    def _report(self, error: BaseException) -> None:
        log.warning("counter display %s: %s", self._url, error)
        self.failed.emit(str(error) or type(error).__name__)
