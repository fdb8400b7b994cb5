"""What the queue's services share: a ticket's status, the ticket as the screens and the
printer see it, and the look-ups they make inside a unit of work."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..clock import local
from ..db.models import Ticket, TicketCategory
from ..errors import CounterAppError, ErrorCode
from .categories import Category, from_row


class TicketStatus(StrEnum):
    WAITING = "waiting"
    CALLED = "called"
    SERVING = "serving"
    DONE = "done"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"
    TRANSFERRED = "transferred"


AT_WINDOW = (TicketStatus.CALLED, TicketStatus.SERVING)
REPRINTABLE = tuple(status for status in TicketStatus if status is not TicketStatus.CANCELLED)


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


def ticket_info(session: Session, ticket: Ticket) -> TicketInfo:
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
        issued_local=local(ticket.issued_at),
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


def find_ticket(session: Session, ticket_id: int, *allowed: TicketStatus) -> Ticket:
    """The ticket; QUEUE_TICKET_STATE unless its status is one of `allowed` (if given)."""
    ticket = session.get(Ticket, ticket_id)
    if ticket is None:
        raise CounterAppError(ErrorCode.QUEUE_TICKET_NOT_FOUND, ticket=ticket_id)
    if allowed and TicketStatus(ticket.status) not in allowed:
        raise CounterAppError(
            ErrorCode.QUEUE_TICKET_STATE, number=ticket.display_number, status=ticket.status
        )
    return ticket


def active_categories(session: Session) -> list[Category]:
    """The active categories in the file's order."""
    rows = session.scalars(
        select(TicketCategory)
        .where(TicketCategory.active.is_(True))
        .order_by(TicketCategory.sort_order, TicketCategory.id)
    )
    return [from_row(row) for row in rows]


def find_category(session: Session, category_id: str) -> Category:
    row = session.get(TicketCategory, category_id)
    if row is None or not row.active:
        raise CounterAppError(ErrorCode.QUEUE_CATEGORY_UNKNOWN, category=category_id)
    return from_row(row)


def waiting_count(
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
