"""The print spooler of this PC's ticket printer: nothing queued for it is ever lost.

One per PC, started by the session when `[devices] ticket_printer` is set, whatever the
screen: the floor desk's PC prints tickets, a window's PC prints visit receipts, both
through the print outbox (counter_app.outbox). Every tick (about a second) it asks the
printer its status on the printer's one worker (station/device_workers.py), reports it
(`status_changed`), and when the printer can print, prints the jobs leased to this PC in
the order they were queued, each marked printed or failed through the database worker.
While the printer cannot print, the jobs waiting for it are marked with the reason
(`job_failed`), and print on a later tick once it can: a ticket issued or a receipt
confirmed at paper end prints when paper is back. A reprint is one more job. One worker
per resource: a stuck printer never holds up the database.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from counter_app.app import CounterApp
from counter_app.outbox import PrintJobInfo, PrintOutbox, UnprintableJob
from counter_app.ports import TicketPrinter
from devices.printer import PrinterError
from devices.profiles import DEFAULT, PrinterProfile
from devices.status import PrinterProblem, PrinterStatus
from station.device_workers import DeviceWorker, DeviceWorkers
from station.print_jobs import job_data
from ui import ops

from ..db_runner import DbRunner

log = logging.getLogger(__name__)

TICK_MS = 1000


class PrintSpooler(QObject):
    """Prints the jobs queued for the printer `printer.url` (this PC's ticket printer)."""

    # The printer's state changed: its PrinterStatus (None when it cannot be reached) and
    # the PrinterProblem that stops it printing (None: it prints; a near end still prints).
    status_changed = Signal(object, object)
    job_printed = Signal(object)  # PrintJobInfo
    # PrintJobInfo, why it did not print: a PrinterProblem value, or the error of a job
    # that cannot be printed at all. Either way it stays queued.
    job_failed = Signal(object, str)

    def __init__(
        self,
        outbox: PrintOutbox,
        runner: DbRunner,
        printer: DeviceWorker[TicketPrinter],
        terminal: str,
        municipality: str,
        parent: QObject | None = None,
        *,
        interval_ms: int = TICK_MS,
        profile: PrinterProfile = DEFAULT,
    ) -> None:
        super().__init__(parent)
        self._profile = profile
        self._outbox = outbox
        self._runner = runner
        self._printer = printer
        self._terminal = terminal
        self._municipality = municipality
        self.printer_url = printer.url
        self._busy = False
        self._stopped = True
        self.status: PrinterStatus | None = None
        self.problem: PrinterProblem | None = None
        self.known = False  # whether the printer's state has been read once
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.tick)

    def start(self) -> None:
        self._stopped = False
        self._timer.start()
        self.tick()

    def stop(self) -> None:
        """Stop the ticks (the jobs stay queued; the printer's worker closes at exit)."""
        self._stopped = True
        self._timer.stop()

    def is_idle(self) -> bool:
        return not self._busy

    # --- one tick: status, then the queued jobs one by one -------------------------------

    def tick(self) -> None:
        if self._busy or self._stopped:
            return
        self._busy = True
        ops.device(
            self,
            self._printer,
            lambda printer: printer.status(),
            on_success=self._got_status,
            on_error=self._no_status,
        )

    def _got_status(self, status: PrinterStatus) -> None:
        self._report(status, status.problem)
        if self._stopped:
            self._idle()
        elif status.problem is not None:
            self._hold(status.problem)
        else:
            outbox, url, terminal = self._outbox, self.printer_url, self._terminal
            self._db(lambda: outbox.claim_jobs(url, terminal), self._print_jobs)

    def _no_status(self, error: BaseException) -> None:
        kind = error.kind if isinstance(error, PrinterError) else PrinterProblem.UNREACHABLE
        if not isinstance(error, PrinterError):
            log.warning("ticket printer %s: %s", self.printer_url, error)
        self._report(None, kind)
        if self._stopped:
            self._idle()
        else:
            self._hold(kind)

    def _hold(self, problem: PrinterProblem) -> None:
        """The jobs waiting for the printer say why they wait."""
        outbox, url, terminal = self._outbox, self.printer_url, self._terminal

        def held(jobs: list[PrintJobInfo]) -> None:
            self._idle()
            for job in jobs:
                self.job_failed.emit(job, problem.value)

        self._db(lambda: outbox.mark_waiting(url, terminal, problem.value), held)

    def _print_jobs(self, jobs: list[PrintJobInfo]) -> None:
        if not jobs or self._stopped:
            self._idle()
            return
        job, rest = jobs[0], jobs[1:]
        municipality, profile = self._municipality, self._profile
        ops.device(
            self,
            self._printer,
            lambda printer: printer.print_ticket(job_data(job, municipality, profile)),
            on_success=lambda _: self._mark(job, None, rest),
            on_error=lambda error: self._mark(job, error, rest),
        )

    def _mark(self, job: PrintJobInfo, error: BaseException | None, rest: list) -> None:
        outbox = self._outbox
        if error is None:
            self._db(lambda: outbox.mark_printed(job.id), lambda done: self._printed(done, rest))
            return
        printer_down = isinstance(error, PrinterError)
        if isinstance(error, UnprintableJob):  # never will: out of the queue, an alarm
            log.error("print job %s (%s) can never print: %s", job.id, job.label, error)
            code = str(error)
            self._db(
                lambda: outbox.mark_unprintable(job.id, code),
                lambda info: self._unprintable(info, code, rest),
            )
            return
        if isinstance(error, PrinterError):
            code = error.kind.value
            self._report(error.status, error.kind)
        else:  # an unexpected failure building it: it stays queued, the others still print
            code = f"{type(error).__name__}: {error}"
            log.error("print job %s (%s) cannot be printed: %s", job.id, job.label, error)

        def failed(info: PrintJobInfo) -> None:
            self.job_failed.emit(info, code)
            if printer_down:
                self._idle()  # the rest waits for a later tick
            else:
                self._print_jobs(rest)

        self._db(lambda: outbox.mark_failed(job.id, code), failed)

    def _unprintable(self, job: PrintJobInfo, code: str, rest: list[PrintJobInfo]) -> None:
        self.job_failed.emit(job, code)
        self._print_jobs(rest)

    def _printed(self, job: PrintJobInfo, rest: list[PrintJobInfo]) -> None:
        self.job_printed.emit(job)
        self._print_jobs(rest)

    def _idle(self) -> None:
        self._busy = False

    def _db(self, call, on_success) -> None:
        ops.db(
            self,
            self._runner,
            call,
            on_success=on_success,
            on_failure=lambda _error: self._idle(),
            on_error=self._database_error,
        )

    def _database_error(self, error: BaseException) -> None:
        log.warning("print spooler: database call failed: %s", error)
        self._idle()

    def _report(self, status: PrinterStatus | None, problem: PrinterProblem | None) -> None:
        if self.known and (status, problem) == (self.status, self.problem):
            return
        self.known = True
        self.status, self.problem = status, problem
        self.status_changed.emit(status, problem)


def start_pc_spooler(
    core: CounterApp,
    runner: DbRunner,
    devices: DeviceWorkers,
    municipality: str,
    parent: QObject | None = None,
    *,
    profile: PrinterProfile = DEFAULT,
) -> PrintSpooler | None:
    """This PC's spooler, ticking, when `[devices] ticket_printer` is set (else None),
    laying every job out for the printer's `profile` and opening it with its settings."""
    url = core.config.devices.ticket_printer
    if not url:
        return None
    spooler = PrintSpooler(
        core.outbox,
        runner,
        devices.printer(url, profile),
        core.terminal.name,
        municipality,
        parent,
        profile=profile,
    )
    spooler.start()
    return spooler
