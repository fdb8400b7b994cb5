"""The windows' calls: calling the next ticket, recalling, no-shows, serving, finishing,
transfers, and what the hall display shows.

Calling order (`call_next`), for window W:
1. tickets transferred to window W itself;
2. priority tickets (and tickets transferred from another window or category: they have
   queued once already), oldest first;
3. the other waiting tickets of the categories W serves: first the categories that list
   W earliest in their `windows`, then in the file's order; oldest first within each.
A window calls again only once its current ticket is finished, absent or transferred.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, case, or_, select, text
from sqlalchemy.orm import Session

from ..clock import business_day, utcnow
from ..db.engine import Database
from ..db.models import Ticket
from ..errors import CounterAppError, ErrorCode
from ..permissions import Actor, Permission, require
from .rows import (
    AT_WINDOW,
    TicketInfo,
    TicketStatus,
    active_categories,
    find_category,
    find_ticket,
    ticket_info,
)

HISTORY_LENGTH = 10  # past calls the hall display shows under the current ones
_WINDOW_LOCK_KEY = 0x51554555  # "QUEU": PostgreSQL advisory lock space for windows


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


class CallService:
    def __init__(self, db: Database, *, now: Callable[[], datetime] = utcnow) -> None:
        self._db = db
        self._now = now

    def business_day(self, at: datetime | None = None) -> date:
        return business_day(at or self._now())

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
                    Ticket.status.in_(AT_WINDOW),
                )
                .limit(1)
            )
            if busy is not None:
                raise CounterAppError(
                    ErrorCode.QUEUE_WINDOW_BUSY, window=window_number, number=busy.display_number
                )
            served = sorted(
                (c for c in active_categories(session) if window_number in c.windows),
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
            return ticket_info(session, ticket)

    def recall(self, actor: Actor, ticket_id: int) -> TicketInfo:
        """Call the same number again (it moves to the top of the hall display)."""
        require(actor, Permission.SERVE_WINDOW)
        with self._db.write() as session:
            ticket = find_ticket(session, ticket_id, TicketStatus.CALLED)
            ticket.recalls += 1
            ticket.last_called_at = self._now()
            return ticket_info(session, ticket)

    def no_show(self, actor: Actor, ticket_id: int) -> TicketInfo:
        require(actor, Permission.SERVE_WINDOW)
        with self._db.write() as session:
            ticket = find_ticket(session, ticket_id, TicketStatus.CALLED)
            ticket.status = TicketStatus.NO_SHOW.value
            ticket.finished_at = self._now()
            return ticket_info(session, ticket)

    def start_serving(self, actor: Actor, ticket_id: int) -> TicketInfo:
        require(actor, Permission.SERVE_WINDOW)
        with self._db.write() as session:
            ticket = find_ticket(session, ticket_id, TicketStatus.CALLED)
            ticket.status = TicketStatus.SERVING.value
            ticket.started_at = self._now()
            return ticket_info(session, ticket)

    def finish(self, actor: Actor, ticket_id: int) -> TicketInfo:
        require(actor, Permission.SERVE_WINDOW)
        with self._db.write() as session:
            ticket = find_ticket(session, ticket_id, TicketStatus.SERVING)
            ticket.status = TicketStatus.DONE.value
            ticket.finished_at = self._now()
            return ticket_info(session, ticket)

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
            old = find_ticket(session, ticket_id, *AT_WINDOW)
            category = find_category(session, category_id or old.category_id)
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
            return ticket_info(session, new)

    def current_for_window(self, window_number: int) -> TicketInfo | None:
        """The ticket the window has called or is serving today, if any."""
        with self._db.read() as session:
            ticket = session.scalar(
                select(Ticket)
                .where(
                    Ticket.business_day == self.business_day(),
                    Ticket.window_number == window_number,
                    Ticket.status.in_(AT_WINDOW),
                )
                .order_by(Ticket.last_called_at.desc())
                .limit(1)
            )
            return None if ticket is None else ticket_info(session, ticket)

    def now_serving(self, history: int = HISTORY_LENGTH) -> HallBoard:
        """Today's calls for the hall display: number → window, newest call first."""
        with self._db.read() as session:
            day = self.business_day()
            called = (
                select(Ticket)
                .where(Ticket.business_day == day, Ticket.last_called_at.is_not(None))
                .order_by(Ticket.last_called_at.desc(), Ticket.id.desc())
            )
            current = session.scalars(called.where(Ticket.status.in_(AT_WINDOW)))
            recent = session.scalars(called.where(Ticket.status.not_in(AT_WINDOW)).limit(history))
            return HallBoard(tuple(map(_call, current)), tuple(map(_call, recent)))


def _check_window(window_number: int) -> None:
    if isinstance(window_number, bool) or not isinstance(window_number, int) or window_number < 1:
        raise CounterAppError(ErrorCode.QUEUE_WINDOW_INVALID, window=window_number)


def _lock_window(session: Session, window_number: int) -> None:
    """One call at a time per window (a double click). SQLite's write units of work are
    serial already; PostgreSQL takes a transaction-scoped advisory lock."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text("SELECT pg_advisory_xact_lock(:space, :window)"),
            {"space": _WINDOW_LOCK_KEY, "window": window_number},
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
