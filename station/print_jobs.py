"""What a print job puts on paper, by kind: the bytes a spooler sends for a job of the
print outbox (counter_app.outbox), and `counter-app ticket issue`'s print hook.

A ticket job prints its ticket, with the municipality's name as it is now; any other
kind prints the content kept with the job. A new kind of job is one more entry in
`_BYTES` (a test checks that every kind has one). Everything is laid out for the
printer's profile (station/printer_settings.py): its paper, dots and kanji ROM.

A job that can never print as it is (a ticket over the printer's byte limit, no font
for a line the printer cannot print, a receipt without its content) raises
UnprintableJob: the spooler and the command mark it unprintable instead of trying it
again on every tick.
"""

from __future__ import annotations

from collections.abc import Callable

from counter_app.config import Config
from counter_app.outbox import PrintJobInfo, PrintJobKind, UnprintableJob
from devices.escpos import NoRasterFont
from devices.printer import TicketPrinter
from devices.profiles import DEFAULT, PrinterProfile
from devices.ticket import TicketTooLarge
from devices.writer import NoKanjiRomFont

from .fee_receipts import fee_receipt_data, fee_receipt_from_snapshot
from .printer_settings import configured_profile
from .receipts import receipt_data, receipt_from_snapshot
from .tickets import ticket_data

# Why a job cannot print, as the outbox keeps it (`last_error`, "code: detail") and the
# floor's alarms word it (ui/outbox reason_label).
TOO_LARGE = "too_large"
NO_FONT = "no_font"
NO_CONTENT = "no_content"


def job_data(job: PrintJobInfo, municipality: str, profile: PrinterProfile = DEFAULT) -> bytes:
    """The printer bytes of `job` for a printer of `profile`; raises UnprintableJob for a
    job that can never print on it."""
    try:
        return _BYTES[job.kind](job, municipality, profile)
    except TicketTooLarge as error:
        raise UnprintableJob(TOO_LARGE, str(error)) from error
    except (NoRasterFont, NoKanjiRomFont) as error:
        raise UnprintableJob(NO_FONT, str(error)) from error


def _ticket(job: PrintJobInfo, municipality: str, profile: PrinterProfile) -> bytes:
    if job.ticket is None:
        raise UnprintableJob(NO_CONTENT, f"print job {job.id} is a ticket job without its ticket")
    return ticket_data(job.ticket, municipality, profile=profile)


def _visit_receipt(job: PrintJobInfo, _municipality: str, profile: PrinterProfile) -> bytes:
    if job.content is None:
        raise UnprintableJob(NO_CONTENT, f"print job {job.id} has no receipt content")
    return receipt_data(receipt_from_snapshot(job.content), profile=profile)


def _fee_receipt(job: PrintJobInfo, _municipality: str, profile: PrinterProfile) -> bytes:
    if job.content is None:
        raise UnprintableJob(NO_CONTENT, f"print job {job.id} has no 領収書 content")
    return fee_receipt_data(fee_receipt_from_snapshot(job.content), profile=profile)


_BYTES: dict[PrintJobKind, Callable[[PrintJobInfo, str, PrinterProfile], bytes]] = {
    PrintJobKind.TICKET: _ticket,
    PrintJobKind.VISIT_RECEIPT: _visit_receipt,
    PrintJobKind.FEE_RECEIPT: _fee_receipt,
}


def print_job(job: PrintJobInfo, config: Config, municipality: str) -> None:
    """`counter-app ticket issue`'s print hook: one job on its printer (else this PC's);
    raises devices.printer.PrinterError when the printer cannot print it now, and
    UnprintableJob when it never can."""
    url = job.printer_url or config.devices.ticket_printer
    if not url:
        raise ValueError("no ticket printer is configured ([devices] ticket_printer)")
    profile = configured_profile(config.devices, config.source)
    data = job_data(job, municipality, profile)
    with TicketPrinter(url, profile=profile) as printer:
        printer.print_ticket(data)
