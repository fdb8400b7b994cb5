"""Work off the GUI thread, one helper for every screen (after Anki's aqt/operations).

    ops.db(self, context.runner, lambda: service.save(...), on_success=..., on_failure=...)
    ops.device(self, context.devices.printer(url), lambda printer: printer.status(), ...)

`db` runs a call on the PC's one database worker (ui/db_runner.py): calls never overlap,
a database that went away reaches `on_failure` as DB_UNREACHABLE and turns the whole
screen offline in one place (DbRunner, ui/connection_guard.py). Every callback is skipped
once its owner widget is deleted: a worker's answer may come back after its screen has
closed (a logout while a call was running).

`device` runs a call on a device's one worker (station/device_workers.py: one per device
URL for the life of the PC, closed at exit), given the device's driver; its answer comes
back on the GUI thread, guarded the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject

from station.device_workers import DeviceWorker

from .device_calls import courier


def guarded(owner: QObject, callback: Callable[..., Any] | None) -> Callable[..., Any] | None:
    """`callback`, skipped once `owner` is deleted: a worker's answer may come back after
    its screen has closed (a logout while a call was running)."""
    if callback is None:
        return None

    def call(*args: Any) -> Any:
        if shiboken6.isValid(owner):
            return callback(*args)
        return None

    return call


def db(
    owner: QObject,
    runner,
    call: Callable[[], Any],
    on_success: Callable[[Any], None] | None = None,
    on_failure: Callable[[Any], None] | None = None,
    on_done: Callable[[], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
) -> bool:
    """`runner.run` with every callback guarded by `owner`; False when the runner has shut
    down (the session is ending), after calling `on_done`."""
    try:
        runner.run(
            call,
            on_success=guarded(owner, on_success),
            on_failure=guarded(owner, on_failure),
            on_done=guarded(owner, on_done),
            on_error=guarded(owner, on_error) if on_error is not None else None,
        )
    except RuntimeError:  # cannot schedule new futures after shutdown
        if on_done is not None:
            on_done()
        return False
    return True


def device(
    owner: QObject,
    worker: DeviceWorker,
    call: Callable[[Any], Any],
    on_success: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    on_done: Callable[[], None] | None = None,
) -> bool:
    """`call(driver)` on the device's worker, every callback guarded by `owner`; False
    when the worker has closed (the PC is shutting down), after calling `on_done`."""
    try:
        courier().run(
            worker,
            call,
            on_success=guarded(owner, on_success),
            on_error=guarded(owner, on_error),
            on_done=guarded(owner, on_done),
        )
    except RuntimeError:  # the device workers are closed
        if on_done is not None:
            on_done()
        return False
    return True
