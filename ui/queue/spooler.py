"""The print spooler of this PC's ticket printer: nothing issued is ever lost.

Every tick (about a second) the spooler asks the printer its status on the printer's own
worker, reports it (`status_changed`), and when the printer can print, prints the
pending jobs of this printer in the order they were issued, each marked printed or
failed through the database worker. A failed job stays queued and is tried again on a
later tick, so a ticket issued at paper end prints once paper is back; a reprint is one
more job. Two workers, one per resource: a stuck printer never holds up the database.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from counter_app.queue.service import PrintJobInfo
from devices.printer import PrinterError, TicketPrinter
from devices.status import PrinterProblem, PrinterStatus
from station.tickets import ticket_data
from ui import ops

from ..context import UiContext
from ..db_runner import DbRunner

log = logging.getLogger(__name__)

TICK_MS = 1000


class PrintSpooler(QObject):
    """Prints the jobs queued for `printer_url` (this PC's [devices] ticket_printer)."""

    # The printer's state changed: its PrinterStatus (None when it cannot be reached) and
    # the PrinterProblem that stops it printing (None: it prints; a near end still prints).
    status_changed = Signal(object, object)
    job_printed = Signal(object)  # PrintJobInfo
    job_failed = Signal(object, str)  # PrintJobInfo, the error code (a PrinterProblem value)

    def __init__(
        self,
        context: UiContext,
        printer_url: str,
        parent: QObject | None = None,
        *,
        interval_ms: int = TICK_MS,
        printer_factory: Callable[[str], Any] = TicketPrinter,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self.printer_url = printer_url
        self._factory = printer_factory
        self._printer: Any = None  # created and used on the device worker only
        self._device = DbRunner(self)
        self._busy = False
        self._stopped = False
        self.status: PrinterStatus | None = None
        self.problem: PrinterProblem | None = None
        self._known = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.tick)

    def start(self) -> None:
        self._stopped = False
        self._timer.start()
        self.tick()

    def stop(self) -> None:
        """Stop the ticks and let the device worker finish (the jobs stay queued)."""
        self._stopped = True
        self._timer.stop()
        self._device.run(self._close_printer, on_error=lambda _error: None)
        self._device.close()

    def is_idle(self) -> bool:
        return not self._busy

    # --- one tick: status, then the queued jobs one by one -------------------------------

    def tick(self) -> None:
        if self._busy or self._stopped:
            return
        self._busy = True
        self._device.run(self._read_status, on_success=self._got_status, on_error=self._no_status)

    def _got_status(self, status: PrinterStatus) -> None:
        self._report(status, status.problem)
        if status.can_print and not self._stopped:
            queue, url = self._context.core.queue, self.printer_url
            terminal = self._context.core.terminal.name
            ops.db(
                self,
                self._context.runner,
                lambda: queue.claim_jobs(url, terminal),
                on_success=self._print_jobs,
                on_failure=lambda _error: self._idle(),
                on_error=self._database_error,
            )
        else:
            self._idle()

    def _no_status(self, error: BaseException) -> None:
        kind = error.kind if isinstance(error, PrinterError) else PrinterProblem.UNREACHABLE
        if not isinstance(error, PrinterError):
            log.warning("ticket printer %s: %s", self.printer_url, error)
        self._report(None, kind)
        self._idle()

    def _print_jobs(self, jobs: list[PrintJobInfo]) -> None:
        if not jobs or self._stopped:
            self._idle()
            return
        job, rest = jobs[0], jobs[1:]
        municipality = self._context.municipality
        self._device.run(
            lambda: self._print(job, municipality),
            on_success=lambda _: self._mark(job, None, rest),
            on_error=lambda error: self._mark(job, error, rest),
        )

    def _mark(self, job: PrintJobInfo, error: BaseException | None, rest: list) -> None:
        queue = self._context.core.queue
        if error is None:
            ops.db(
                self,
                self._context.runner,
                lambda: queue.mark_printed(job.id),
                on_success=lambda printed: self._printed(printed, rest),
                on_failure=lambda _error: self._idle(),
                on_error=self._database_error,
            )
            return
        printer_down = isinstance(error, PrinterError)
        if isinstance(error, PrinterError):
            code = error.kind.value
            self._report(error.status, error.kind)
        else:  # a ticket that cannot be built: it stays queued, the others still print
            code = f"{type(error).__name__}: {error}"
            log.error("ticket %s cannot be printed: %s", job.ticket.display_number, error)

        def failed(info: PrintJobInfo) -> None:
            self.job_failed.emit(info, code)
            if printer_down:
                self._idle()  # the rest waits for a later tick
            else:
                self._print_jobs(rest)

        ops.db(
            self,
            self._context.runner,
            lambda: queue.mark_failed(job.id, code),
            on_success=failed,
            on_failure=lambda _error: self._idle(),
            on_error=self._database_error,
        )

    def _printed(self, job: PrintJobInfo, rest: list[PrintJobInfo]) -> None:
        self.job_printed.emit(job)
        self._print_jobs(rest)

    def _idle(self) -> None:
        self._busy = False

    def _database_error(self, error: BaseException) -> None:
        log.warning("print spooler: database call failed: %s", error)
        self._idle()

    def _report(self, status: PrinterStatus | None, problem: PrinterProblem | None) -> None:
        if self._known and (status, problem) == (self.status, self.problem):
            return
        self._known = True
        self.status, self.problem = status, problem
        self.status_changed.emit(status, problem)

    # --- on the device worker ------------------------------------------------------------

    def _printer_for_worker(self):
        if self._printer is None:
            self._printer = self._factory(self.printer_url)
        return self._printer

    def _read_status(self) -> PrinterStatus:
        return self._printer_for_worker().status()

    def _print(self, job: PrintJobInfo, municipality: str) -> None:
        self._printer_for_worker().print_ticket(ticket_data(job.ticket, municipality))

    def _close_printer(self) -> None:
        printer, self._printer = self._printer, None
        if printer is not None:
            printer.close()
