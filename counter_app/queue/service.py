"""Queue tickets: issuing, calling, serving, transfers, waiting estimates and print jobs.

Tickets carry numbers only, never a resident. Every time is stored in UTC; the business
day is the local (Asia/Tokyo) date, and numbers restart with it per category. Numbers
come from one counter row per day and category, incremented inside the issuing unit of
work (a row lock on PostgreSQL, the write lock of BEGIN IMMEDIATE on SQLite), so every
PC sharing the database draws from the same sequence with no duplicate and no gap.

Calling order (`call_next`), for window W:
1. tickets transferred to window W itself;
2. priority tickets (and tickets transferred from another window or category: they have
   queued once already), oldest first;
3. the other waiting tickets of the categories W serves: first the categories that list
   W earliest in their `windows`, then in the file's order; oldest first within each.
A window calls again only once its current ticket is finished, absent or transferred.

Opening hours: `issue` refuses a ticket outside the category's hours (QUEUE_CATEGORY_CLOSED)
unless `force=True` (the floor manager's explicit override, and `counter-app ticket issue`,
which IT staff use to test printers at any hour).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from sqlalchemy import and_, case, func, or_, select, text, update
from sqlalchemy.orm import Session

from ..clock import LOCAL_ZONE, business_day, utcnow
from ..db.counters import next_number
from ..db.engine import Database
from ..db.models import PrintJob, Ticket, TicketCategory, TicketCounter
from ..errors import CounterAppError, ErrorCode
from ..permissions import Actor, Permission, require
from .categories import Category, from_row

OPEN_WINDOW_MINUTES = 30  # a window that called or served within this is open
HISTORY_LENGTH = 10  # past calls the hall display shows under the current ones
JOB_LEASE = timedelta(seconds=60)  # a claimed print job returns to the queue after this
_WINDOW_LOCK_KEY = 0x51554555  # "QUEU": PostgreSQL advisory lock space for windows


class TicketStatus(StrEnum):
    WAITING = "waiting"
    CALLED = "called"
    SERVING = "serving"
    DONE = "done"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"
    TRANSFERRED = "transferred"


class PrintJobStatus(StrEnum):
    PENDING = "pending"
    PRINTED = "printed"
    FAILED = "failed"  # the last attempt failed; still retried until printed or cancelled
    CANCELLED = "cancelled"


_AT_WINDOW = (TicketStatus.CALLED, TicketStatus.SERVING)
_TO_PRINT = (PrintJobStatus.PENDING, PrintJobStatus.FAILED)


@dataclass(frozen=True)
class TicketInfo:
    id: int
    business_day: date
    category_id: str
    category_name: str
    category_name_en: str
    number: int | None  # None for a ticket queued by a transfer
    display_number: str  # "A-001"
    priority: bool
    status: TicketStatus
    window_number: int | None  # the window that called it
    assigned_window: int | None  # only this window may call it (a transfer to a window)
    issued_at: datetime
    issued_local: datetime  # issued_at in local time, as printed
    called_at: datetime | None
    last_called_at: datetime | None
    recalls: int
    started_at: datetime | None
    finished_at: datetime | None
    transferred_from_id: int | None
    terminal: str
    waiting_ahead: int  # at issue, as printed
    estimated_wait_minutes: int  # at issue, as printed


@dataclass(frozen=True)
class PrintJobInfo:
    id: int
    ticket: TicketInfo
    printer_url: str | None
    status: PrintJobStatus
    attempts: int
    last_error: str | None
    created_at: datetime
    printed_at: datetime | None


@dataclass(frozen=True)
class IssuedTicket:
    ticket: TicketInfo
    print_job: PrintJobInfo

    @property
    def display_number(self) -> str:
        return self.ticket.display_number


@dataclass(frozen=True)
class CategoryBoard:
    """One button of the floor manager's screen."""

    category: Category
    waiting: int
    estimated_wait_minutes: int
    open_now: bool


@dataclass(frozen=True)
class Call:
    display_number: str
    window_number: int
    called_at: datetime  # the latest call (a recall moves it up)
    status: TicketStatus
    recalls: int


@dataclass(frozen=True)
class HallBoard:
    """What the hall display shows: the current calls and the recent ones, newest first."""

    current: tuple[Call, ...]
    recent: tuple[Call, ...]


def _check_window(window_number: int) -> None:
    if isinstance(window_number, bool) or not isinstance(window_number, int) or window_number < 1:
        raise CounterAppError(ErrorCode.QUEUE_WINDOW_INVALID, window=window_number)


class QueueService:
    def __init__(
        self,
        db: Database,
        *,
        now: Callable[[], datetime] = utcnow,
    ) -> None:
        self._db = db
        self._now = now

    # -- time ---------------------------------------------------------------------------

    def now(self) -> datetime:
        return self._now()

    def business_day(self, at: datetime | None = None) -> date:
        return business_day(at or self._now())

    # -- categories and waiting -----------------------------------------------------------

    def categories(self) -> list[Category]:
        """The active categories in the file's order."""
        with self._db.read() as session:
            return _active_categories(session)

    def board(self) -> list[CategoryBoard]:
        """Every active category with how many wait, the estimated wait and whether it is
        within its opening hours now."""
        now = self._now()
        day = self.business_day(now)
        local = now.astimezone(LOCAL_ZONE).time()
        with self._db.read() as session:
            boards = []
            for category in _active_categories(session):
                waiting = _waiting_count(session, day, category.id)
                boards.append(
                    CategoryBoard(
                        category=category,
                        waiting=waiting,
                        estimated_wait_minutes=_estimate(session, category, waiting, now, day),
                        open_now=category.is_open(local),
                    )
                )
            return boards

    def waiting(self, category_id: str) -> int:
        """How many tickets of the category wait today."""
        with self._db.read() as session:
            _category(session, category_id)
            return _waiting_count(session, self.business_day(), category_id)

    def estimated_wait(self, category_id: str) -> int:
        """Minutes a ticket issued now would wait: the median service time of today's
        finished tickets of the category (or its configured minutes) × the tickets
        waiting ÷ the open windows serving it (at least 1), rounded up."""
        now = self._now()
        day = self.business_day(now)
        with self._db.read() as session:
            category = _category(session, category_id)
            waiting = _waiting_count(session, day, category_id)
            return _estimate(session, category, waiting, now, day)

    # -- issuing --------------------------------------------------------------------------

    def issue(
        self,
        actor: Actor,
        category_id: str,
        *,
        priority: bool = False,
        terminal: str | None = None,
        printer_url: str | None = None,
        force: bool = False,
        lease_to: str | None = None,
    ) -> IssuedTicket:
        """Draw the category's next number for today and queue its print job, in one unit
        of work. `terminal` defaults to the actor's. Outside the opening hours this
        raises QUEUE_CATEGORY_CLOSED unless `force`.

        `lease_to` (whoever prints the ticket at once) gets the job leased as
        `claim_jobs` leases it, in the same unit of work: no spooler polling the printer
        can take it before `mark_printed` or `mark_failed`, or until the lease runs out."""
        require(actor, Permission.ISSUE_TICKETS)
        now = self._now()
        day = self.business_day(now)
        with self._db.write() as session:
            category = _category(session, category_id)
            if not force and not category.is_open(now.astimezone(LOCAL_ZONE).time()):
                raise CounterAppError(
                    ErrorCode.QUEUE_CATEGORY_CLOSED,
                    category=category.id,
                    name=category.name,
                    opens=category.opens.strftime("%H:%M"),
                    closes=category.closes.strftime("%H:%M"),
                )
            number = next_number(session, TicketCounter, business_day=day, category_id=category.id)
            ahead = _waiting_count(session, day, category.id, priority_only=priority)
            ticket = Ticket(
                business_day=day,
                category_id=category.id,
                number=number,
                display_number=category.display_number(number),
                priority=priority,
                status=TicketStatus.WAITING.value,
                issued_at=now,
                recalls=0,
                terminal=terminal if terminal is not None else actor.terminal,
                waiting_ahead=ahead,
                estimated_wait_minutes=_estimate(session, category, ahead, now, day),
            )
            session.add(ticket)
            session.flush()
            job = _new_job(session, ticket, printer_url, now)
            if lease_to is not None:
                job.claimed_by, job.claimed_until = lease_to, now + JOB_LEASE
            info = self._info(session, ticket)
            return IssuedTicket(info, _job_info(job, info))

    def cancel(self, actor: Actor, ticket_id: int) -> TicketInfo:
        """Cancel a waiting or called ticket; its unprinted jobs are cancelled too."""
        require(actor, Permission.ISSUE_TICKETS)
        with self._db.write() as session:
            ticket = _ticket(session, ticket_id, TicketStatus.WAITING, TicketStatus.CALLED)
            ticket.status = TicketStatus.CANCELLED.value
            ticket.finished_at = self._now()
            session.execute(
                update(PrintJob)
                .where(PrintJob.ticket_id == ticket.id, PrintJob.status.in_(_TO_PRINT))
                .values(status=PrintJobStatus.CANCELLED.value)
                .execution_options(synchronize_session=False)
            )
            return self._info(session, ticket)

    def reprint(
        self, actor: Actor, ticket_id: int, *, printer_url: str | None = None
    ) -> PrintJobInfo:
        """A new print job for the ticket (any ticket but a cancelled one)."""
        require(actor, Permission.ISSUE_TICKETS)
        with self._db.write() as session:
            ticket = _ticket(session, ticket_id, *(s for s in TicketStatus if s != "cancelled"))
            job = _new_job(session, ticket, printer_url, self._now())
            return _job_info(job, self._info(session, ticket))

    # -- the window -----------------------------------------------------------------------

    def call_next(self, actor: Actor, window_number: int) -> TicketInfo | None:
        """Call the next ticket for the window (see the module's calling order), or None
        when nothing waits. Two windows calling at once never get the same ticket."""
        require(actor, Permission.SERVE_WINDOW)
        _check_window(window_number)
        now = self._now()
        day = self.business_day(now)
        with self._db.write() as session:
            _lock_window(session, window_number)
            busy = session.scalar(
                select(Ticket)
                .where(
                    Ticket.business_day == day,
                    Ticket.window_number == window_number,
                    Ticket.status.in_(_AT_WINDOW),
                )
                .limit(1)
            )
            if busy is not None:
                raise CounterAppError(
                    ErrorCode.QUEUE_WINDOW_BUSY, window=window_number, number=busy.display_number
                )
            served = sorted(
                (c for c in _active_categories(session) if window_number in c.windows),
                key=lambda c: (c.windows.index(window_number), c.sort_order),
            )
            mine = Ticket.assigned_window == window_number
            ahead = or_(Ticket.priority.is_(True), Ticket.transferred_from_id.is_not(None))
            callable_here = mine
            order = [case((mine, 0), else_=1), case((ahead, 0), else_=1)]
            if served:
                callable_here = or_(
                    mine,
                    and_(
                        Ticket.assigned_window.is_(None),
                        Ticket.category_id.in_([c.id for c in served]),
                    ),
                )
                rank = {c.id: position for position, c in enumerate(served)}
                order.append(case(rank, value=Ticket.category_id, else_=len(served)))
            ticket = session.scalar(
                select(Ticket)
                .where(
                    Ticket.business_day == day,
                    Ticket.status == TicketStatus.WAITING.value,
                    callable_here,
                )
                .order_by(*order, Ticket.issued_at, Ticket.id)
                .limit(1)
                .with_for_update(skip_locked=True)
            )
            if ticket is None:
                return None
            ticket.status = TicketStatus.CALLED.value
            ticket.window_number = window_number
            ticket.called_at = ticket.last_called_at = now
            return self._info(session, ticket)

    def recall(self, actor: Actor, ticket_id: int) -> TicketInfo:
        """Call the same number again (it moves to the top of the hall display)."""
        require(actor, Permission.SERVE_WINDOW)
        with self._db.write() as session:
            ticket = _ticket(session, ticket_id, TicketStatus.CALLED)
            ticket.recalls += 1
            ticket.last_called_at = self._now()
            return self._info(session, ticket)

    def no_show(self, actor: Actor, ticket_id: int) -> TicketInfo:
        require(actor, Permission.SERVE_WINDOW)
        with self._db.write() as session:
            ticket = _ticket(session, ticket_id, TicketStatus.CALLED)
            ticket.status = TicketStatus.NO_SHOW.value
            ticket.finished_at = self._now()
            return self._info(session, ticket)

    def start_serving(self, actor: Actor, ticket_id: int) -> TicketInfo:
        require(actor, Permission.SERVE_WINDOW)
        with self._db.write() as session:
            ticket = _ticket(session, ticket_id, TicketStatus.CALLED)
            ticket.status = TicketStatus.SERVING.value
            ticket.started_at = self._now()
            return self._info(session, ticket)

    def finish(self, actor: Actor, ticket_id: int) -> TicketInfo:
        require(actor, Permission.SERVE_WINDOW)
        with self._db.write() as session:
            ticket = _ticket(session, ticket_id, TicketStatus.SERVING)
            ticket.status = TicketStatus.DONE.value
            ticket.finished_at = self._now()
            return self._info(session, ticket)

    def transfer(
        self,
        actor: Actor,
        ticket_id: int,
        *,
        category_id: str | None = None,
        window_number: int | None = None,
    ) -> TicketInfo:
        """End a called or served ticket as `transferred` and queue a new one linked to it,
        with the same display number, for another category and/or one window. Returns the
        new ticket."""
        require(actor, Permission.SERVE_WINDOW)
        if category_id is None and window_number is None:
            raise ValueError("transfer needs a category_id or a window_number")
        if window_number is not None:
            _check_window(window_number)
        now = self._now()
        with self._db.write() as session:
            old = _ticket(session, ticket_id, *_AT_WINDOW)
            category = _category(session, category_id or old.category_id)
            old.status = TicketStatus.TRANSFERRED.value
            old.finished_at = now
            if old.started_at is None:
                old.started_at = now
            new = Ticket(
                business_day=self.business_day(now),
                category_id=category.id,
                number=None,
                display_number=old.display_number,
                priority=old.priority,
                status=TicketStatus.WAITING.value,
                assigned_window=window_number,
                issued_at=now,
                recalls=0,
                transferred_from_id=old.id,
                terminal=actor.terminal,
                waiting_ahead=0,
                estimated_wait_minutes=0,
            )
            session.add(new)
            session.flush()
            return self._info(session, new)

    def ticket(self, ticket_id: int) -> TicketInfo:
        with self._db.read() as session:
            return self._info(session, _ticket(session, ticket_id))

    def current_for_window(self, window_number: int) -> TicketInfo | None:
        """The ticket the window has called or is serving today, if any."""
        with self._db.read() as session:
            ticket = session.scalar(
                select(Ticket)
                .where(
                    Ticket.business_day == self.business_day(),
                    Ticket.window_number == window_number,
                    Ticket.status.in_(_AT_WINDOW),
                )
                .order_by(Ticket.last_called_at.desc())
                .limit(1)
            )
            return None if ticket is None else self._info(session, ticket)

    def now_serving(self, history: int = HISTORY_LENGTH) -> HallBoard:
        """Today's calls for the hall display: number → window, newest call first."""
        with self._db.read() as session:
            day = self.business_day()
            called = (
                select(Ticket)
                .where(Ticket.business_day == day, Ticket.last_called_at.is_not(None))
                .order_by(Ticket.last_called_at.desc(), Ticket.id.desc())
            )
            current = session.scalars(called.where(Ticket.status.in_(_AT_WINDOW)))
            recent = session.scalars(called.where(Ticket.status.not_in(_AT_WINDOW)).limit(history))
            return HallBoard(tuple(map(_call, current)), tuple(map(_call, recent)))

    # -- print jobs -----------------------------------------------------------------------

    def pending_jobs(self, printer_url: str | None = None, limit: int = 50) -> list[PrintJobInfo]:
        """Jobs for the printer still to print (pending, or failed and to retry), oldest
        first; `None` gives the jobs issued without a printer."""
        target = (
            PrintJob.printer_url.is_(None)
            if printer_url is None
            else (PrintJob.printer_url == printer_url)
        )
        with self._db.read() as session:
            jobs = session.scalars(
                select(PrintJob)
                .where(target, PrintJob.status.in_(_TO_PRINT))
                .order_by(PrintJob.id)
                .limit(limit)
            ).all()
            return [
                _job_info(job, self._info(session, _ticket(session, job.ticket_id))) for job in jobs
            ]

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
        never both print one ticket."""
        now = self._now()
        with self._db.write() as session:
            query = (
                select(PrintJob)
                .where(
                    PrintJob.printer_url == printer_url,
                    PrintJob.status.in_(_TO_PRINT),
                    or_(
                        PrintJob.claimed_until.is_(None),
                        PrintJob.claimed_until < now,
                        PrintJob.claimed_by == terminal,
                    ),
                )
                .order_by(PrintJob.id)
                .limit(limit)
            )
            if session.get_bind().dialect.name == "postgresql":
                query = query.with_for_update(skip_locked=True)
            jobs = session.scalars(query).all()
            for job in jobs:
                job.claimed_by, job.claimed_until = terminal, now + lease
            return [
                _job_info(job, self._info(session, _ticket(session, job.ticket_id))) for job in jobs
            ]

    def mark_printed(self, job_id: int) -> PrintJobInfo:
        with self._db.write() as session:
            job = _job(session, job_id)
            job.claimed_by = job.claimed_until = None
            if job.status != PrintJobStatus.PRINTED:
                job.status = PrintJobStatus.PRINTED.value
                job.attempts += 1
                job.printed_at = self._now()
            return _job_info(job, self._info(session, _ticket(session, job.ticket_id)))

    def mark_failed(self, job_id: int, error: str) -> PrintJobInfo:
        """Record a failed attempt; the job stays queued unless printed or cancelled."""
        with self._db.write() as session:
            job = _job(session, job_id)
            job.claimed_by = job.claimed_until = None
            job.attempts += 1
            job.last_error = error
            if job.status in _TO_PRINT:
                job.status = PrintJobStatus.FAILED.value
            return _job_info(job, self._info(session, _ticket(session, job.ticket_id)))

    def cancel_job(self, actor: Actor, job_id: int) -> PrintJobInfo:
        require(actor, Permission.ISSUE_TICKETS)
        with self._db.write() as session:
            job = _job(session, job_id)
            if job.status in _TO_PRINT:
                job.status = PrintJobStatus.CANCELLED.value
            return _job_info(job, self._info(session, _ticket(session, job.ticket_id)))

    # -- rows to domain objects -------------------------------------------------------------

    def _info(self, session: Session, ticket: Ticket) -> TicketInfo:
        session.flush()
        category = session.get(TicketCategory, ticket.category_id)
        assert category is not None
        return TicketInfo(
            id=ticket.id,
            business_day=ticket.business_day,
            category_id=ticket.category_id,
            category_name=category.name,
            category_name_en=category.name_en,
            number=ticket.number,
            display_number=ticket.display_number,
            priority=ticket.priority,
            status=TicketStatus(ticket.status),
            window_number=ticket.window_number,
            assigned_window=ticket.assigned_window,
            issued_at=ticket.issued_at,
            issued_local=ticket.issued_at.astimezone(LOCAL_ZONE),
            called_at=ticket.called_at,
            last_called_at=ticket.last_called_at,
            recalls=ticket.recalls,
            started_at=ticket.started_at,
            finished_at=ticket.finished_at,
            transferred_from_id=ticket.transferred_from_id,
            terminal=ticket.terminal,
            waiting_ahead=ticket.waiting_ahead,
            estimated_wait_minutes=ticket.estimated_wait_minutes,
        )


# -- helpers inside a unit of work ----------------------------------------------------------


def _active_categories(session: Session) -> list[Category]:
    rows = session.scalars(
        select(TicketCategory)
        .where(TicketCategory.active.is_(True))
        .order_by(TicketCategory.sort_order, TicketCategory.id)
    )
    return [from_row(row) for row in rows]


def _category(session: Session, category_id: str) -> Category:
    row = session.get(TicketCategory, category_id)
    if row is None or not row.active:
        raise CounterAppError(ErrorCode.QUEUE_CATEGORY_UNKNOWN, category=category_id)
    return from_row(row)


def _ticket(session: Session, ticket_id: int, *allowed: TicketStatus) -> Ticket:
    ticket = session.get(Ticket, ticket_id)
    if ticket is None:
        raise CounterAppError(ErrorCode.QUEUE_TICKET_NOT_FOUND, ticket=ticket_id)
    if allowed and ticket.status not in allowed:
        raise CounterAppError(
            ErrorCode.QUEUE_TICKET_STATE, number=ticket.display_number, status=ticket.status
        )
    return ticket


def _job(session: Session, job_id: int) -> PrintJob:
    job = session.get(PrintJob, job_id)
    if job is None:
        raise CounterAppError(ErrorCode.QUEUE_PRINT_JOB_NOT_FOUND, job=job_id)
    return job


def _lock_window(session: Session, window_number: int) -> None:
    """One call at a time per window (a double click). SQLite's write units of work are
    serial already; PostgreSQL takes a transaction-scoped advisory lock."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text("SELECT pg_advisory_xact_lock(:space, :window)"),
            {"space": _WINDOW_LOCK_KEY, "window": window_number},
        )


def _waiting_count(
    session: Session, day: date, category_id: str, *, priority_only: bool = False
) -> int:
    query = select(func.count(Ticket.id)).where(
        Ticket.business_day == day,
        Ticket.category_id == category_id,
        Ticket.status == TicketStatus.WAITING.value,
    )
    if priority_only:
        query = query.where(Ticket.priority.is_(True))
    return session.scalar(query) or 0


def _estimate(session: Session, category: Category, waiting: int, now: datetime, day: date) -> int:
    if waiting <= 0:
        return 0
    served = session.execute(
        select(Ticket.started_at, Ticket.finished_at).where(
            Ticket.business_day == day,
            Ticket.category_id == category.id,
            Ticket.status == TicketStatus.DONE.value,
            Ticket.started_at.is_not(None),
            Ticket.finished_at.is_not(None),
        )
    ).all()
    durations = [(finished - started).total_seconds() / 60 for started, finished in served]
    minutes = statistics.median(durations) if durations else category.service_minutes
    cutoff = now - timedelta(minutes=OPEN_WINDOW_MINUTES)
    open_windows = set(
        session.scalars(
            select(Ticket.window_number)
            .where(
                Ticket.business_day == day,
                Ticket.window_number.in_(list(category.windows)),
                or_(
                    Ticket.status.in_(_AT_WINDOW),
                    Ticket.last_called_at >= cutoff,
                    Ticket.finished_at >= cutoff,
                ),
            )
            .distinct()
        )
    )
    return math.ceil(minutes * waiting / max(1, len(open_windows)))


def _new_job(session: Session, ticket: Ticket, printer_url: str | None, now: datetime) -> PrintJob:
    job = PrintJob(
        ticket_id=ticket.id,
        printer_url=printer_url,
        status=PrintJobStatus.PENDING.value,
        attempts=0,
        created_at=now,
    )
    session.add(job)
    session.flush()
    return job


def _job_info(job: PrintJob, ticket: TicketInfo) -> PrintJobInfo:
    return PrintJobInfo(
        id=job.id,
        ticket=ticket,
        printer_url=job.printer_url,
        status=PrintJobStatus(job.status),
        attempts=job.attempts,
        last_error=job.last_error,
        created_at=job.created_at,
        printed_at=job.printed_at,
    )


def _call(ticket: Ticket) -> Call:
    assert ticket.window_number is not None and ticket.last_called_at is not None
    return Call(
        display_number=ticket.display_number,
        window_number=ticket.window_number,
        called_at=ticket.last_called_at,
        status=TicketStatus(ticket.status),
        recalls=ticket.recalls,
    )
