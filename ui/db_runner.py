"""Database calls off the GUI thread, one at a time (Anki's taskman, Vorta's jobs manager).

`runner.run(call, on_success, on_failure, on_done, on_error)` runs `call()` on the
worker; the callbacks run on the GUI thread: first `on_done` (whatever happened, e.g. to
end a busy state), then `on_success(result)`, or `on_failure(error)` for a CounterAppError.
Any other exception goes to `on_error`, by default `sys.excepthook`, which logs it and
tells the user.

A call that fails because the database is gone (a database error that
counter_app.db.failures.is_unavailable calls so, other than a locked SQLite file, or
DB_UNREACHABLE) reaches `on_failure` as CounterAppError(DB_UNREACHABLE) and sets
`online` to False (`online_changed`); ui/connection_guard.py says so, checks again every
few seconds and sets it back. Screens keep their write actions off while `online` is
False. Any other database error is the failure of that call, never an outage: it goes
to `on_error` like any unexpected exception.

The worker thread only ever sees a job number: the call and its callbacks stay in the
runner and are dropped on the GUI thread, so no Qt object is released off that thread.
"""

from __future__ import annotations

import contextlib
import itertools
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from sqlalchemy.exc import DBAPIError

from counter_app.db.engine import database_error
from counter_app.db.failures import is_unavailable
from counter_app.errors import CounterAppError, ErrorCode


def report_unexpected(error: BaseException) -> None:
    sys.excepthook(type(error), error, error.__traceback__)


@dataclass
class _Job:
    call: Callable[[], Any]
    on_success: Callable[[Any], None] | None
    on_failure: Callable[[CounterAppError], None] | None
    on_done: Callable[[], None] | None
    on_error: Callable[[BaseException], None] | None
    ok: bool = False
    outcome: Any = None


class DbRunner(QObject):
    """A serial worker for one database: calls never overlap, so SQLite never sees two
    writers from this PC and a slow server never freezes the screen."""

    _finished = Signal(int)  # a job number, emitted on the worker thread
    online_changed = Signal(bool)  # False once a call found the database gone, True when back

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="counter-app-db")
        self._jobs: dict[int, _Job] = {}
        self._lock = threading.Lock()
        self._numbers = itertools.count(1)
        self._finished.connect(self._deliver)
        self.online = True
        self.database_url = ""  # for the message (set by ui/connection_guard.py)

    def set_online(self, online: bool) -> None:
        if online != self.online:
            self.online = online
            self.online_changed.emit(online)

    def run(
        self,
        call: Callable[[], Any],
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[CounterAppError], None] | None = None,
        on_done: Callable[[], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        number = next(self._numbers)
        with self._lock:
            self._jobs[number] = _Job(call, on_success, on_failure, on_done, on_error)
        self._executor.submit(self._work, number)

    def is_busy(self) -> bool:
        """Whether a call is running or its result has not been delivered yet."""
        with self._lock:
            return bool(self._jobs)

    def wait(self, timeout_s: float | None = None) -> None:
        """Block until every call submitted so far has run (their callbacks come later)."""
        self._executor.submit(lambda: None).result(timeout_s)

    def close(self) -> None:
        """Finish the calls already submitted and stop the worker thread."""
        self._executor.shutdown(wait=True)

    def _work(self, number: int) -> None:
        with self._lock:
            job = self._jobs[number]
        call = job.call
        try:
            outcome, ok = call(), True
        except BaseException as error:  # handed to the GUI thread, never lost
            outcome, ok = error, False
        del call
        with self._lock:
            job.outcome, job.ok = outcome, ok
        del job, outcome
        with contextlib.suppress(RuntimeError):  # the runner was deleted while the call ran
            self._finished.emit(number)

    @Slot(int)
    def _deliver(self, number: int) -> None:
        with self._lock:
            job = self._jobs.pop(number)
        if not job.ok and isinstance(job.outcome, DBAPIError) and is_unavailable(job.outcome):
            job.outcome = database_error(job.outcome, self.database_url)
        if (
            not job.ok
            and isinstance(job.outcome, CounterAppError)
            and job.outcome.code is ErrorCode.DB_UNREACHABLE
        ):
            self.set_online(False)
        if job.on_done is not None:
            job.on_done()
        if job.ok:
            if job.on_success is not None:
                job.on_success(job.outcome)
        elif isinstance(job.outcome, CounterAppError) and job.on_failure is not None:
            job.on_failure(job.outcome)
        elif job.on_error is not None:
            job.on_error(job.outcome)
        else:
            report_unexpected(job.outcome)
