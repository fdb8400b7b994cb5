"""Calls off the GUI thread, their results back on it (Anki's taskman, Vorta's jobs manager).

`worker.run(call, on_success, on_failure, on_done, on_error)` runs `call()` on one of
the worker's threads; the callbacks run on the GUI thread: first `on_done` (whatever
happened, e.g. to end a busy state), then `on_success(result)`, or `on_failure(error)`
for a CounterAppError. Any other exception goes to `on_error`, by default
`sys.excepthook`, which logs it and tells the user.

Two workers serve a session (ui/session.py makes them and closes them at exit), and
screens reach both through ui/ops.py: the database worker (ui/db_runner.py, one thread)
and `CpuPool`, for work that needs no database (rendering and rasterising PDFs), so a
form being rendered never holds up a draft being saved.

The threads only ever see a job number: the call and its callbacks stay in the worker
and are dropped on the GUI thread, so no Qt object is released off that thread.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import itertools
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from counter_app.errors import CounterAppError

CPU_THREADS = 2  # renders are mostly Python (the GIL): more threads would only queue


def report_unexpected(error: BaseException) -> None:
    sys.excepthook(type(error), error, error.__traceback__)


@dataclass
class Job:
    call: Callable[[], Any]
    on_success: Callable[[Any], None] | None
    on_failure: Callable[[CounterAppError], None] | None
    on_done: Callable[[], None] | None
    on_error: Callable[[BaseException], None] | None
    ok: bool = False
    outcome: Any = None


class Delivery(QObject):
    """Outcomes of calls run on other threads, answered on the thread this lives on.

    A subclass decides where a call runs and hands that thread `partial(self._work,
    number)`; the thread calls it with the call's arguments (none, or a device's driver)."""

    _finished = Signal(int)  # a job number, emitted on the thread that ran the call

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs: dict[int, Job] = {}
        self._lock = threading.Lock()
        self._numbers = itertools.count(1)
        self._finished.connect(self._deliver)

    def _track(self, job: Job) -> int:
        number = next(self._numbers)
        with self._lock:
            self._jobs[number] = job
        return number

    def _untrack(self, number: int) -> None:
        """A job whose call could not be handed to a thread (it is closed)."""
        with self._lock:
            del self._jobs[number]

    def pending(self) -> int:
        """Calls submitted whose outcome has not been delivered yet."""
        with self._lock:
            return len(self._jobs)

    def settle(self, job: Job) -> None:
        """What a subclass makes of an outcome before the callbacks see it (GUI thread)."""

    def unhandled(self, error: BaseException) -> None:
        """An error no callback takes."""
        report_unexpected(error)

    def _delivered(self, number: int) -> None:
        """Called under the lock once job `number` leaves (a subclass's own bookkeeping)."""

    def _work(self, number: int, *args: Any) -> None:
        with self._lock:
            job = self._jobs[number]
        call = job.call
        try:
            outcome, ok = call(*args), True
        except BaseException as error:  # handed to the receiving thread, never lost
            outcome, ok = error, False
        del call
        with self._lock:
            job.outcome, job.ok = outcome, ok
        del job, outcome
        with contextlib.suppress(RuntimeError):  # deleted while the call ran
            self._finished.emit(number)

    @Slot(int)
    def _deliver(self, number: int) -> None:
        with self._lock:
            job = self._jobs.pop(number)
            self._delivered(number)
        self.settle(job)
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
            self.unhandled(job.outcome)


class Worker(Delivery):
    """Threads for calls from the GUI thread; `threads=1` runs them one at a time."""

    def __init__(self, threads: int, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = ThreadPoolExecutor(max_workers=threads, thread_name_prefix=name)
        self._running: dict[int, Future] = {}

    def run(
        self,
        call: Callable[[], Any],
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[CounterAppError], None] | None = None,
        on_done: Callable[[], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Raises RuntimeError once the worker is closed."""
        number = self._track(Job(call, on_success, on_failure, on_done, on_error))
        try:
            future = self._executor.submit(self._work, number)
        except RuntimeError:
            self._untrack(number)
            raise
        with self._lock:
            if number in self._jobs:  # not delivered yet
                self._running[number] = future

    def is_busy(self) -> bool:
        """Whether a call is running or its result has not been delivered yet."""
        return self.pending() > 0

    def wait(self, timeout_s: float | None = None) -> None:
        """Block until every call submitted so far has run (their callbacks come later)."""
        with self._lock:
            running = list(self._running.values())
        concurrent.futures.wait(running, timeout_s)

    def close(self) -> None:
        """Finish the calls already submitted and stop the threads."""
        self._executor.shutdown(wait=True)

    def _delivered(self, number: int) -> None:
        self._running.pop(number, None)


class CpuPool(Worker):
    """Rendering and rasterising: work that touches no database, on threads of its own."""

    def __init__(self, parent: QObject | None = None, threads: int = CPU_THREADS) -> None:
        super().__init__(threads, "counter-app-cpu", parent)
