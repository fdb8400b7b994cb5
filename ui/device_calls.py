"""Device calls answered on the GUI thread: the Qt half of station/device_workers.py.

`ops.device(owner, worker, call, …)` is what screens use; this module carries a call's
outcome from the device's thread to the GUI thread. As in ui/db_runner.py, the device's
thread only ever sees a job number: the call's callbacks stay here and are dropped on the
GUI thread, so no Qt object is released off it.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from station.device_workers import DeviceWorker

log = logging.getLogger(__name__)


@dataclass
class _Job:
    call: Callable[[Any], Any]
    on_success: Callable[[Any], None] | None
    on_error: Callable[[BaseException], None] | None
    on_done: Callable[[], None] | None
    ok: bool = False
    outcome: Any = None


class DeviceCourier(QObject):
    """Runs calls on device workers and answers each on the thread it lives on."""

    _finished = Signal(int)  # a job number, emitted on a device's thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs: dict[int, _Job] = {}
        self._lock = threading.Lock()
        self._numbers = itertools.count(1)
        self._finished.connect(self._deliver)

    def run(
        self,
        worker: DeviceWorker,
        call: Callable[[Any], Any],
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_done: Callable[[], None] | None = None,
    ) -> None:
        """`call(driver)` on `worker`; RuntimeError when the worker is closed."""
        number = next(self._numbers)
        with self._lock:
            self._jobs[number] = _Job(call, on_success, on_error, on_done)
        try:
            worker.submit(partial(self._work, number))
        except RuntimeError:
            with self._lock:
                del self._jobs[number]
            raise

    def pending(self) -> int:
        """Calls submitted whose answer has not been delivered yet."""
        with self._lock:
            return len(self._jobs)

    def _work(self, number: int, driver: Any) -> None:
        with self._lock:
            job = self._jobs[number]
        call = job.call
        try:
            outcome, ok = call(driver), True
        except BaseException as error:  # handed to the GUI thread, never lost
            outcome, ok = error, False
        del call
        with self._lock:
            job.outcome, job.ok = outcome, ok
        del job, outcome
        with contextlib.suppress(RuntimeError):  # the courier was deleted while the call ran
            self._finished.emit(number)

    @Slot(int)
    def _deliver(self, number: int) -> None:
        with self._lock:
            job = self._jobs.pop(number)
        if job.on_done is not None:
            job.on_done()
        if job.ok:
            if job.on_success is not None:
                job.on_success(job.outcome)
        elif job.on_error is not None:
            job.on_error(job.outcome)
        else:
            log.warning("device call failed: %s", job.outcome)


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
