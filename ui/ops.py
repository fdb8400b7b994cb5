"""Work off the GUI thread, one helper for every screen (after Anki's aqt/operations).

    ops.db(self, context.runner, lambda: service.save(...), on_success=..., on_failure=...)
    ops.cpu(self, context.cpu, lambda: render(...), on_success=...)
    ops.db_then_cpu(self, context.runner, context.cpu, read, work, on_success=...)
    ops.device(self, context.devices.printer(url), lambda printer: printer.status(), ...)

`db` runs a call on the PC's one database worker (ui/db_runner.py): calls never overlap;
a database that went away (or has no free connection) reaches `on_failure` as one of
errors.DB_AWAY and turns the whole
screen offline in one place (DbRunner sets `online`, ui/connection_guard.py says so and
checks again; screens only follow `runner.online_changed` to switch their write actions
off and on). `cpu` runs work that needs no database (rendering and rasterising PDFs) on
the CPU pool, so the database worker is never held up by it; `db_then_cpu` reads on the
one, then works on the other (forms: filled in from the records, then rendered).
`error_box(owner, title, language)` is the usual `on_failure`: the error in the user's
language in a message box.

Callbacks run on the GUI thread (ui/workers.py says in which order) and are skipped
once their owner is deleted: an answer may come back after its screen has closed (a
logout while a call was running).

`device` runs a call on a device's one worker (station/device_workers.py: one per device
URL for the life of the PC, closed at exit), given the device's driver; its answer comes
back on the GUI thread, guarded the same way.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from counter_app.errors import CounterAppError
from counter_app.messages import message_for
from station.device_workers import DeviceWorker

from .db_runner import DbRunner
from .device_calls import courier
from .message_box import MessageBox
from .workers import CpuPool, Worker, report_unexpected


def guarded(owner: QObject, callback: Callable[..., Any] | None) -> Callable[..., Any] | None:
    """`callback`, skipped once `owner` is deleted."""
    if callback is None:
        return None

    def call(*args: Any) -> Any:
        if shiboken6.isValid(owner):
            return callback(*args)
        return None

    return call


def _submit(
    owner: QObject,
    worker: Worker,
    call: Callable[[], Any],
    on_success: Callable[[Any], None] | None,
    on_failure: Callable[[CounterAppError], None] | None,
    on_done: Callable[[], None] | None,
    on_error: Callable[[BaseException], None] | None,
) -> bool:
    done = guarded(owner, on_done)
    try:
        worker.run(
            call,
            on_success=guarded(owner, on_success),
            on_failure=guarded(owner, on_failure),
            on_done=done,
            on_error=guarded(owner, on_error) if on_error is not None else None,
        )
    except RuntimeError:  # cannot schedule new futures after shutdown
        if done is not None:
            done()
        return False
    return True


def db(
    owner: QObject,
    runner: DbRunner,
    call: Callable[[], Any],
    on_success: Callable[[Any], None] | None = None,
    on_failure: Callable[[CounterAppError], None] | None = None,
    on_done: Callable[[], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
) -> bool:
    """`call()` on the database worker; False when it has shut down (the session is
    ending), after calling `on_done`."""
    return _submit(owner, runner, call, on_success, on_failure, on_done, on_error)


class Reads:
    """A screen's reads from the database, one at a time: a read asked for while one runs
    is made once more when it ends (with what the screen shows then), so a burst of live
    changes costs two reads, not one each."""

    def __init__(self, owner: QObject, runner: DbRunner) -> None:
        self._owner = owner
        self._runner = runner
        self.running = False
        self._again: Callable[[], None] | None = None

    def start(
        self,
        again: Callable[[], None],
        call: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[CounterAppError], None],
    ) -> None:
        """Run `call`, or, while a read runs, remember to call `again` (the screen's
        reload) when it ends."""
        if self.running:
            self._again = again
            return
        self.running = True
        db(self._owner, self._runner, call, on_success, on_failure, on_done=self._done)

    def _done(self) -> None:
        self.running = False
        again, self._again = self._again, None
        if again is not None:
            again()


def cpu(
    owner: QObject,
    pool: CpuPool,
    call: Callable[[], Any],
    on_success: Callable[[Any], None] | None = None,
    on_failure: Callable[[CounterAppError], None] | None = None,
    on_done: Callable[[], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
) -> bool:
    """`call()` on the CPU pool (it must not touch the database); False when the pool has
    shut down, after calling `on_done`."""
    return _submit(owner, pool, call, on_success, on_failure, on_done, on_error)


def db_then_cpu(
    owner: QObject,
    runner: DbRunner,
    pool: CpuPool,
    read: Callable[[], Any],
    work: Callable[[Any], Any],
    on_success: Callable[[Any], None] | None = None,
    on_failure: Callable[[CounterAppError], None] | None = None,
    on_done: Callable[[], None] | None = None,
) -> bool:
    """`read()` on the database worker, then `work(what it read)` on the CPU pool;
    `on_done` once, when the whole is over, whichever way it ended."""

    def then(value: Any) -> None:
        cpu(owner, pool, lambda: work(value), on_success, on_failure, on_done)

    def finish() -> None:
        if on_done is not None:
            on_done()

    def failed(error: CounterAppError) -> None:
        finish()
        (on_failure or report_unexpected)(error)

    def crashed(error: BaseException) -> None:
        finish()
        report_unexpected(error)

    if db(owner, runner, read, then, failed, on_error=crashed):
        return True
    guarded(owner, finish)()
    return False


def error_box(owner: QWidget, title: str, language: str) -> Callable[[CounterAppError], None]:
    """The usual `on_failure`: the error, in the user's language, in a message box over
    `owner`. It holds `owner` weakly, so a screen may keep it as an attribute."""
    owner_ref = weakref.ref(owner)

    def show(error: CounterAppError) -> None:
        widget = owner_ref()
        if widget is not None and shiboken6.isValid(widget):
            MessageBox.error(widget, title, message_for(error, language))

    return show


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
