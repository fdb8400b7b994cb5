"""Device calls answered on the GUI thread: the Qt half of station/device_workers.py.

`ops.device(owner, worker, call, …)` is what screens use; this module carries a call's
outcome from the device's thread to the GUI thread through ui/workers.py's `Delivery`,
as the database worker does: the device's thread only ever sees a job number, the
call's callbacks stay here and are dropped on the GUI thread, so no Qt object is
released off it. An error no callback takes is logged, not shown as a crash.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication

from station.device_workers import DeviceWorker

from .workers import Delivery, Job

log = logging.getLogger(__name__)


class DeviceCourier(Delivery):
    """Runs calls on device workers and answers each on the thread it lives on."""

    def run(
        self,
        worker: DeviceWorker,
        call: Callable[[Any], Any],
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_done: Callable[[], None] | None = None,
    ) -> None:
        """`call(driver)` on `worker`; RuntimeError when the worker is closed."""
        number = self._track(Job(call, on_success, None, on_done, on_error))
        try:
            worker.submit(partial(self._work, number))
        except RuntimeError:
            self._untrack(number)
            raise

    def unhandled(self, error: BaseException) -> None:
        log.warning("device call failed: %s", error)


_courier: DeviceCourier | None = None


def courier() -> DeviceCourier:
    """The application's courier (made on first use, on the GUI thread, with the app)."""
    global _courier
    if _courier is None:
        _courier = DeviceCourier(QCoreApplication.instance())
        _courier.destroyed.connect(_forget)
    return _courier


def _forget() -> None:
    global _courier
    _courier = None
