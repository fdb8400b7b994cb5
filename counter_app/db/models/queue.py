"""The queue: ticket categories, the per-day number counters, tickets; and the print jobs
of the print outbox (tickets and receipts).

Tickets carry numbers only, never a resident. Times are UTC; `business_day` is the
local (Asia/Tokyo) date the ticket was issued on, and numbers restart with it.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    JSON,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from ..tolerant import TolerantDate
from .base import Base, UtcDateTime, utcnow


class TicketCategory(Base):
    """A button of the floor manager's screen (resources/queue/categories.yaml)."""

    __tablename__ = "ticket_categories"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(200))
    prefix: Mapped[str] = mapped_column(String(2))
    # The window numbers that serve the category, the preferred first.
    windows: Mapped[list[int]] = mapped_column(JSON)
    opens: Mapped[time] = mapped_column(Time)
    closes: Mapped[time] = mapped_column(Time)
    service_minutes: Mapped[int] = mapped_column(Integer)
    # The floor's live view: amber past the target, red past the limit (minutes waited).
    wait_target_minutes: Mapped[int] = mapped_column(Integer, default=20, server_default="20")
    wait_limit_minutes: Mapped[int] = mapped_column(Integer, default=30, server_default="30")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class TicketCounter(Base):
    """The last number issued in a category on a business day: the one source of numbers,
    incremented with UPDATE … RETURNING inside the issuing unit of work (a row lock on
    PostgreSQL, the write lock of BEGIN IMMEDIATE on SQLite)."""

    __tablename__ = "ticket_counters"

    business_day: Mapped[date] = mapped_column(TolerantDate, primary_key=True)
    category_id: Mapped[str] = mapped_column(ForeignKey("ticket_categories.id"), primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)


class Ticket(Base):
    """One queue ticket. A transfer ends a ticket (status `transferred`) and queues a new
    one linked to it by `transferred_from_id`, keeping the display number the resident
    holds (its `number` is then empty: numbers count issued tickets only)."""

    __tablename__ = "tickets"
    __table_args__ = (
        UniqueConstraint(
            "business_day",
            "category_id",
            "number",
            name="uq_tickets_business_day_category_number",
        ),
        Index("ix_tickets_business_day_status", "business_day", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    business_day: Mapped[date] = mapped_column(TolerantDate)
    category_id: Mapped[str] = mapped_column(ForeignKey("ticket_categories.id"))
    number: Mapped[int | None] = mapped_column(Integer)
    display_number: Mapped[str] = mapped_column(String(12))
    priority: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), default="waiting")
    # The window that called it; `assigned_window`: only that window may call it.
    window_number: Mapped[int | None] = mapped_column(Integer)
    assigned_window: Mapped[int | None] = mapped_column(Integer)
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    called_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_called_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    recalls: Mapped[int] = mapped_column(Integer, default=0)
    started_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    transferred_from_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))
    terminal: Mapped[str] = mapped_column(String(64))
    # What the printed ticket says, fixed at issue so that a reprint says the same.
    waiting_ahead: Mapped[int] = mapped_column(Integer, default=0)
    estimated_wait_minutes: Mapped[int] = mapped_column(Integer, default=0)
    # Kept by the database (migration 0017) for the statistics: issue → first call and
    # start → end in minutes; never written by the app.
    wait_minutes: Mapped[float | None] = mapped_column(Float)
    service_minutes: Mapped[float | None] = mapped_column(Float)


class PrintJob(Base):
    """Something to print on a ticket printer (the print outbox, counter_app/outbox): a
    ticket, or a receipt whose content is kept with the job; kept until printed or
    cancelled, and a failed attempt stays queued."""

    __tablename__ = "print_jobs"
    __table_args__ = (
        Index("ix_print_jobs_status", "status"),
        Index("ix_print_jobs_created_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), default="ticket")
    # A ticket job prints its ticket; any other kind prints `content`, the JSON snapshot of
    # what the paper says taken when it was queued (never a name), so a reprint says the same.
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))
    content: Mapped[dict | None] = mapped_column(JSON)
    # What the paper is about, as the floor screen's alarms show it: "A-001", "V-20261201-0007".
    label: Mapped[str] = mapped_column(String(40))
    printer_url: Mapped[str | None] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # Why it did not print at once: a failed attempt, or what the printer said (paper end …).
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    printed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # The PC printing it now, until when: two PCs sharing a printer never print one job
    # twice, and a PC that dies mid-job leaves it to the next after the lease.
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
