"""The print outbox: every job for a ticket printer waits here until it is printed or
cancelled, so nothing is lost to paper end, a closed cover or a printer that is off.

A PC's spooler (ui/outbox/spooler.py) leases the jobs of its printer (`claim_jobs`: two
PCs sharing a printer never both print one job; a PC that dies mid-job leaves it to the
next once the lease runs out), prints them and marks each printed or failed. While the
printer cannot print, the jobs waiting for it say why (`mark_waiting`). The floor
screen's alarms are today's jobs that did not print at once (`alarms`): still waiting,
printed late or cancelled; each can be reprinted (a new job) or, still waiting, cancelled.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from ..clock import business_day, day_start, utcnow
from ..db.engine import Database
from ..db.models import PrintJob
from ..permissions import Actor, Permission, require
from ..queue.rows import REPRINTABLE, find_ticket
from .jobs import (
    JOB_LEASE,
    TO_PRINT,
    PrintJobInfo,
    PrintJobKind,
    PrintJobStatus,
    copy_job,
    find_job,
    job_info,
)

ALARM_LIMIT = 50


class PrintOutbox:
    def __init__(self, db: Database, *, now: Callable[[], datetime] = utcnow) -> None:
        self._db = db
        self._now = now

    def job(self, job_id: int) -> PrintJobInfo:
        with self._db.read() as session:
            return job_info(session, find_job(session, job_id))

    def pending_jobs(self, printer_url: str | None = None, limit: int = 50) -> list[PrintJobInfo]:
        """Jobs for the printer still to print (pending, or failed and to retry), oldest
        first; `None` gives the jobs queued without a printer."""
        target = (
            PrintJob.printer_url.is_(None)
            if printer_url is None
            else (PrintJob.printer_url == printer_url)
        )
        with self._db.read() as session:
            jobs = session.scalars(
                select(PrintJob)
                .where(target, PrintJob.status.in_(TO_PRINT))
                .order_by(PrintJob.id)
                .limit(limit)
            ).all()
            return [job_info(session, job) for job in jobs]

    def claim_jobs(
        self,
        printer_url: str,
        terminal: str,
        *,
        lease: timedelta = JOB_LEASE,
        limit: int = 20,
    ) -> list[PrintJobInfo]:
        """The jobs this PC prints next on `printer_url`, oldest first, each leased to
        `terminal` until printed, failed or the lease runs out: PCs sharing a printer
        never both print one job. Nothing is written when nothing waits (every PC with a
        printer asks every second)."""
        now = self._now()
        with self._db.read() as session:
            if not _any(session, _free_for(printer_url, terminal, now)):
                return []
        with self._db.write() as session:
            query = _free_for(printer_url, terminal, now).order_by(PrintJob.id).limit(limit)
            if session.get_bind().dialect.name == "postgresql":
                query = query.with_for_update(skip_locked=True)
            jobs = session.scalars(query).all()
            for job in jobs:
                job.claimed_by, job.claimed_until = terminal, now + lease
            return [job_info(session, job) for job in jobs]

    def mark_waiting(self, printer_url: str, terminal: str, reason: str) -> list[PrintJobInfo]:
        """The printer cannot print (`reason`: a PrinterProblem value): the jobs waiting
        for it that do not say so yet are marked failed with that reason, without an
        attempt, and returned. Nothing is written when every job says so already (the
        spooler asks on every tick while the printer is down)."""
        now = self._now()
        news = or_(PrintJob.last_error.is_(None), PrintJob.last_error != reason)
        with self._db.read() as session:
            if not _any(session, _free_for(printer_url, terminal, now).where(news)):
                return []
        with self._db.write() as session:
            jobs = session.scalars(
                _free_for(printer_url, terminal, now).where(news).order_by(PrintJob.id)
            ).all()
            for job in jobs:
                job.status, job.last_error = PrintJobStatus.FAILED.value, reason
            return [job_info(session, job) for job in jobs]

    def mark_printed(self, job_id: int) -> PrintJobInfo:
        with self._db.write() as session:
            job = find_job(session, job_id)
            job.claimed_by = job.claimed_until = None
            if job.status != PrintJobStatus.PRINTED:
                job.status = PrintJobStatus.PRINTED.value
                job.attempts += 1
                job.printed_at = self._now()
            return job_info(session, job)

    def mark_failed(self, job_id: int, error: str) -> PrintJobInfo:
        """Record a failed attempt; the job stays queued unless printed or cancelled."""
        return self._record_attempt(job_id, error, PrintJobStatus.FAILED)

    def mark_unprintable(self, job_id: int, reason: str) -> PrintJobInfo:
        """Record that the job can never print as it is: it leaves the queue (not tried
        again) and stays among the floor's alarms with `reason`."""
        return self._record_attempt(job_id, reason, PrintJobStatus.UNPRINTABLE)

    def _record_attempt(self, job_id: int, error: str, outcome: PrintJobStatus) -> PrintJobInfo:
        """An attempt that did not print: the claim released, the error kept and, for a
        job still to print, `outcome` as its status."""
        with self._db.write() as session:
            job = find_job(session, job_id)
            job.claimed_by = job.claimed_until = None
            job.attempts += 1
            job.last_error = error
            if job.status in TO_PRINT:
                job.status = outcome.value
            return job_info(session, job)

    def cancel_job(self, actor: Actor, job_id: int) -> PrintJobInfo:
        """Stop printing a job still to print (a printed one stays printed)."""
        require(actor, Permission.ISSUE_TICKETS)
        with self._db.write() as session:
            job = find_job(session, job_id)
            if job.status in TO_PRINT:
                job.status = PrintJobStatus.CANCELLED.value
            return job_info(session, job)

    def reprint_job(
        self, actor: Actor, job_id: int, *, printer_url: str | None = None
    ) -> PrintJobInfo:
        """A new job printing what the job printed, on `printer_url` (default: the job's
        printer). A cancelled ticket is not reprinted."""
        require(actor, Permission.ISSUE_TICKETS)
        with self._db.write() as session:
            job = find_job(session, job_id)
            if job.kind == PrintJobKind.TICKET and job.ticket_id is not None:
                find_ticket(session, job.ticket_id, *REPRINTABLE)
            url = printer_url if printer_url is not None else job.printer_url
            return job_info(session, copy_job(session, job, url, self._now()))

    def alarms(self, limit: int = ALARM_LIMIT) -> list[PrintJobInfo]:
        """Today's jobs that did not print at once (a failed attempt, or a printer that
        could not print), newest first, whatever became of them since."""
        now = self._now()
        with self._db.read() as session:
            jobs = session.scalars(
                select(PrintJob)
                .where(
                    PrintJob.created_at >= day_start(business_day(now)),
                    PrintJob.last_error.is_not(None),
                )
                .order_by(PrintJob.id.desc())
                .limit(limit)
            ).all()
            return [job_info(session, job) for job in jobs]


def _free_for(printer_url: str, terminal: str, now: datetime) -> Select:
    """The jobs still to print on `printer_url` that no other PC holds a lease on."""
    return select(PrintJob).where(
        PrintJob.printer_url == printer_url,
        PrintJob.status.in_(TO_PRINT),
        or_(
            PrintJob.claimed_until.is_(None),
            PrintJob.claimed_until < now,
            PrintJob.claimed_by == terminal,
        ),
    )


def _any(session: Session, jobs: Select) -> bool:
    return session.scalar(jobs.with_only_columns(PrintJob.id).limit(1)) is not None
