"""What a print job puts on paper, by kind: the bytes a spooler sends for a job of the
print outbox (counter_app.outbox), and `counter-app ticket issue`'s print hook.

A ticket job prints its ticket, with the municipality's name as it is now; any other
kind prints the content kept with the job. A new kind of job is one more entry in
`_BYTES` (a test checks that every kind has one).
"""

from __future__ import annotations

from collections.abc import Callable

from counter_app.config import Config
from counter_app.outbox import PrintJobInfo, PrintJobKind
from devices.printer import TicketPrinter

from .fee_receipts import fee_receipt_data, fee_receipt_from_snapshot
from .receipts import receipt_data, receipt_from_snapshot
from .tickets import ticket_data


def job_data(job: PrintJobInfo, municipality: str) -> bytes:
    """The printer bytes of `job`; raises ValueError for a job that cannot be printed."""
    return _BYTES[job.kind](job, municipality)


def _ticket(job: PrintJobInfo, municipality: str) -> bytes:
    if job.ticket is None:
        raise ValueError(f"print job {job.id} is a ticket job without its ticket")
    return ticket_data(job.ticket, municipality)


def _visit_receipt(job: PrintJobInfo, _municipality: str) -> bytes:
    if job.content is None:
        raise ValueError(f"print job {job.id} has no receipt content")
    return receipt_data(receipt_from_snapshot(job.content))


def _fee_receipt(job: PrintJobInfo, _municipality: str) -> bytes:
    if job.content is None:
        raise ValueError(f"print job {job.id} has no 領収書 content")
    return fee_receipt_data(fee_receipt_from_snapshot(job.content))


_BYTES: dict[PrintJobKind, Callable[[PrintJobInfo, str], bytes]] = {
    PrintJobKind.TICKET: _ticket,
    PrintJobKind.VISIT_RECEIPT: _visit_receipt,
    PrintJobKind.FEE_RECEIPT: _fee_receipt,
}


def print_job(job: PrintJobInfo, config: Config, municipality: str) -> None:
    """`counter-app ticket issue`'s print hook: one job on its printer (else this PC's);
    raises devices.printer.PrinterError when the printer cannot print it."""
    url = job.printer_url or config.devices.ticket_printer
    if not url:
        raise ValueError("no ticket printer is configured ([devices] ticket_printer)")
    with TicketPrinter(url) as printer:
        printer.print_ticket(job_data(job, municipality))
