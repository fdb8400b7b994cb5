"""Queue tickets at the floor desk: issuing, cancelling, reprinting, and how long a ticket
issued now would wait (the floor board).

Tickets carry numbers only, never a resident. Every time is stored in UTC; the business
day is the office's date (counter_app.clock), and numbers restart with it per category.
Numbers come from one counter row per day and category, incremented inside the issuing
unit of work (a row lock on PostgreSQL, the write lock of BEGIN IMMEDIATE on SQLite), so
every PC sharing the database draws from the same sequence with no duplicate and no gap.
The ticket's print job is queued in the print outbox (counter_app.outbox) in that same
unit of work: a ticket is never issued without it.

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

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ..clock import business_day, local, utcnow
from ..db.counters import next_number
from ..db.engine import Database
from ..db.models import Ticket, TicketCounter
from ..errors import CounterAppError, ErrorCode
from ..outbox.jobs import (
    PrintJobInfo,
    add_ticket_job,
    cancel_ticket_jobs,
    job_info,
    lease_job,
)
from ..permissions import Actor, Permission, require
from .categories import Category
from .rows import (
    AT_WINDOW,
    REPRINTABLE,
    TicketInfo,
    TicketStatus,
    active_categories,
    find_category,
    find_ticket,
    ticket_info,
    waiting_count,
)

OPEN_WINDOW_MINUTES = 30  # a window that called or served within this is open


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


class TicketService:
    def __init__(self, db: Database, *, now: Callable[[], datetime] = utcnow) -> None:
        self._db = db
        self._now = now

    def business_day(self, at: datetime | None = None) -> date:
        return business_day(at or self._now())

    # -- categories and waiting -----------------------------------------------------------

    def categories(self) -> list[Category]:
        """The active categories in the file's order."""
        with self._db.read() as session:
            return active_categories(session)

    def board(self) -> list[CategoryBoard]:
        """Every active category with how many wait, the estimated wait and whether it is
        within its opening hours now."""
        now = self._now()
        day = self.business_day(now)
        with self._db.read() as session:
            boards = []
            for category in active_categories(session):
                waiting = waiting_count(session, day, category.id)
                boards.append(
                    CategoryBoard(
                        category=category,
                        waiting=waiting,
                        estimated_wait_minutes=_estimate(session, category, waiting, now, day),
                        open_now=category.is_open(local(now).time()),
                    )
                )
            return boards

    def waiting(self, category_id: str) -> int:
        """How many tickets of the category wait today."""
        with self._db.read() as session:
            find_category(session, category_id)
            return waiting_count(session, self.business_day(), category_id)

    def estimated_wait(self, category_id: str) -> int:
        """Minutes a ticket issued now would wait: the median service time of today's
        finished tickets of the category (or its configured minutes) × the tickets
        waiting ÷ the open windows serving it (at least 1), rounded up."""
        now = self._now()
        day = self.business_day(now)
        with self._db.read() as session:
            category = find_category(session, category_id)
            waiting = waiting_count(session, day, category_id)
            return _estimate(session, category, waiting, now, day)

    # -- tickets --------------------------------------------------------------------------

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
        `PrintOutbox.claim_jobs` leases it, in the same unit of work: no spooler polling
        the printer can take it before it is marked printed or failed, or until the
        lease runs out."""
        require(actor, Permission.ISSUE_TICKETS)
        now = self._now()
        day = self.business_day(now)
        with self._db.write() as session:
            category = find_category(session, category_id)
            if not force and not category.is_open(local(now).time()):
                raise CounterAppError(
                    ErrorCode.QUEUE_CATEGORY_CLOSED,
                    category=category.id,
                    name=category.name,
                    opens=category.opens.strftime("%H:%M"),
                    closes=category.closes.strftime("%H:%M"),
                )
            number = next_number(session, TicketCounter, business_day=day, category_id=category.id)
            ahead = waiting_count(session, day, category.id, priority_only=priority)
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
            job = add_ticket_job(session, ticket, printer_url, now)
            if lease_to is not None:
                lease_job(job, lease_to, now)
            return IssuedTicket(ticket_info(session, ticket), job_info(session, job))

    def cancel(self, actor: Actor, ticket_id: int) -> TicketInfo:
        """Cancel a waiting or called ticket; its unprinted jobs are cancelled too."""
        require(actor, Permission.ISSUE_TICKETS)
        with self._db.write() as session:
            ticket = find_ticket(session, ticket_id, TicketStatus.WAITING, TicketStatus.CALLED)
            ticket.status = TicketStatus.CANCELLED.value
            ticket.finished_at = self._now()
            cancel_ticket_jobs(session, ticket.id)
            return ticket_info(session, ticket)

    def reprint(
        self, actor: Actor, ticket_id: int, *, printer_url: str | None = None
    ) -> PrintJobInfo:
        """A new print job for the ticket (any ticket but a cancelled one)."""
        require(actor, Permission.ISSUE_TICKETS)
        with self._db.write() as session:
            ticket = find_ticket(session, ticket_id, *REPRINTABLE)
            return job_info(session, add_ticket_job(session, ticket, printer_url, self._now()))

    def ticket(self, ticket_id: int) -> TicketInfo:
        with self._db.read() as session:
            return ticket_info(session, find_ticket(session, ticket_id))


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
                    Ticket.status.in_(AT_WINDOW),
                    Ticket.last_called_at >= cutoff,
                    Ticket.finished_at >= cutoff,
                ),
            )
            .distinct()
        )
    )
    return math.ceil(minutes * waiting / max(1, len(open_windows)))
