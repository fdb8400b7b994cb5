"""Print jobs: their kinds and statuses, the job as the spooler and the screens see it,
and adding one inside the unit of work that makes what it prints.

A ticket job prints its ticket row (fixed at issue, so a reprint says the same). Every
other kind carries `content`, a JSON snapshot of what the paper says, taken when the job
is queued: a reprint says exactly what the first print said, whatever changed since. A
new kind is one member of `PrintJobKind`, the service that queues it (passing a
`ReceiptOrder`), and its bytes in station/print_jobs.py.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from ..db.models import PrintJob, Ticket
from ..errors import CounterAppError, ErrorCode
from ..queue.rows import TicketInfo, ticket_info


class PrintJobKind(StrEnum):
    TICKET = "ticket"  # a queue ticket (番号札), printed from its ticket row
    VISIT_RECEIPT = "visit_receipt"  # 受付の控え, printed from its content
    FEE_RECEIPT = "fee_receipt"  # 領収書 of the certificate desk, printed from its content


class PrintJobStatus(StrEnum):
    PENDING = "pending"
    PRINTED = "printed"
    # The last attempt failed, or the printer said it could not print (paper end …):
    # still printed as soon as it can be, until printed or cancelled.
    FAILED = "failed"
    CANCELLED = "cancelled"
    # It can never print as it is (a ticket over the printer's byte limit, a receipt
    # without its content): not tried again. `last_error` says why; the floor fixes the
    # cause (a shorter name …) and reprints, which makes a new job.
    UNPRINTABLE = "unprintable"


TO_PRINT = (PrintJobStatus.PENDING, PrintJobStatus.FAILED)


class UnprintableJob(ValueError):
    """A job that can never print as it is on its printer (`code`: too_large, no_font,
    no_content): raised where its bytes are made (station/print_jobs.py), recorded with
    PrintOutbox.mark_unprintable, never tried again."""

    def __init__(self, code: str, detail: str) -> None:
        self.code = code
        self.detail = detail
        super().__init__(f"{code}: {detail}")


JOB_LEASE = timedelta(seconds=60)  # a claimed print job returns to the queue after this


@dataclass(frozen=True)
class PrintJobInfo:
    id: int
    kind: PrintJobKind
    label: str  # what the paper is about, as the floor's alarms show it: "A-001", "V-…"
    ticket: TicketInfo | None  # a ticket job's ticket
    content: Mapping[str, Any] | None  # what any other job prints, as queued
    printer_url: str | None
    status: PrintJobStatus
    attempts: int
    last_error: str | None  # why it did not print at once (a PrinterProblem value …)
    created_at: datetime
    printed_at: datetime | None

    @property
    def to_print(self) -> bool:
        return self.status in TO_PRINT


@dataclass(frozen=True)
class ReceiptOrder:
    """A receipt to print about a record made in the same unit of work: on `printer_url`,
    saying what `content(record)` returns (JSON-ready, never a resident's name). The
    composition layer words it (station/receipts.py); the core keeps it with the job."""

    printer_url: str
    content: Callable[[Any], Mapping[str, Any]]


def add_ticket_job(
    session: Session, ticket: Ticket, printer_url: str | None, now: datetime
) -> PrintJob:
    return _add(
        session,
        PrintJob(
            kind=PrintJobKind.TICKET.value,
            ticket_id=ticket.id,
            label=ticket.display_number,
            printer_url=printer_url,
        ),
        now,
    )


def add_receipt_job(
    session: Session,
    kind: PrintJobKind,
    order: ReceiptOrder,
    record: object,
    label: str,
    now: datetime,
) -> PrintJob:
    """Queue `order`'s receipt about `record` (e.g. a VisitInfo), shown as `label`."""
    if kind is PrintJobKind.TICKET:
        raise ValueError("a ticket job prints its ticket: use add_ticket_job")
    return _add(
        session,
        PrintJob(
            kind=kind.value,
            label=label,
            content=dict(order.content(record)),
            printer_url=order.printer_url,
        ),
        now,
    )


def lease_job(job: PrintJob, holder: str, now: datetime) -> None:
    """Lease `job` to `holder` (whoever prints it at once) as `PrintOutbox.claim_jobs`
    does: no spooler polling the printer takes it before it is marked printed or failed,
    or until the lease runs out."""
    job.claimed_by, job.claimed_until = holder, now + JOB_LEASE


def copy_job(session: Session, job: PrintJob, printer_url: str | None, now: datetime) -> PrintJob:
    """A reprint: a new job printing what `job` printed."""
    return _add(
        session,
        PrintJob(
            kind=job.kind,
            ticket_id=job.ticket_id,
            label=job.label,
            content=job.content,
            printer_url=printer_url,
        ),
        now,
    )


def cancel_ticket_jobs(session: Session, ticket_id: int) -> None:
    """The ticket's jobs still to print are cancelled (the ticket was)."""
    session.execute(
        update(PrintJob)
        .where(PrintJob.ticket_id == ticket_id, PrintJob.status.in_(TO_PRINT))
        .values(status=PrintJobStatus.CANCELLED.value)
        .execution_options(synchronize_session=False)
    )


def find_job(session: Session, job_id: int) -> PrintJob:
    job = session.get(PrintJob, job_id)
    if job is None:
        raise CounterAppError(ErrorCode.QUEUE_PRINT_JOB_NOT_FOUND, job=job_id)
    return job


def job_info(session: Session, job: PrintJob) -> PrintJobInfo:
    session.flush()
    ticket = None
    if job.ticket_id is not None:
        row = session.get(Ticket, job.ticket_id)
        assert row is not None
        ticket = ticket_info(session, row)
    return PrintJobInfo(
        id=job.id,
        kind=PrintJobKind(job.kind),
        label=job.label,
        ticket=ticket,
        content=job.content,
        printer_url=job.printer_url,
        status=PrintJobStatus(job.status),
        attempts=job.attempts,
        last_error=job.last_error,
        created_at=job.created_at,
        printed_at=job.printed_at,
    )


def _add(session: Session, job: PrintJob, now: datetime) -> PrintJob:
    job.status = PrintJobStatus.PENDING.value
    job.attempts = 0
    job.created_at = now
    session.add(job)
    session.flush()
    return job
