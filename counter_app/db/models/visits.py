"""Visits (受付) at the window, their procedures routed to the departments, the log of
every action on them, and the clerk's draft of the visit being typed.

A visit holds what the window decided: the resident, the life event, the answers (JSON
text) and one row per procedure with the department that owns it. Immediate procedures
are `done` at once; review ones are `routed` to their department's inbox with a due
date. `procedure_actions` is append-only (triggers refuse UPDATE and DELETE) and chained
like the audit log (counter_app.security.chain).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..tolerant import TolerantDate
from .base import Base, UtcDateTime, utcnow


class VisitCounter(Base):
    """The last visit number of a business day, incremented inside the creating unit of
    work like the ticket counter (a row lock on PostgreSQL, BEGIN IMMEDIATE on SQLite)."""

    __tablename__ = "visit_counters"

    business_day: Mapped[date] = mapped_column(TolerantDate, primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)


class Visit(Base):
    """One visit: V-YYYYMMDD-NNNN, numbered per business day (Asia/Tokyo)."""

    __tablename__ = "visits"
    __table_args__ = (Index("ix_visits_business_day_status", "business_day", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_number: Mapped[str] = mapped_column(String(20), unique=True)
    business_day: Mapped[date] = mapped_column(TolerantDate)
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))
    resident_id: Mapped[int | None] = mapped_column(ForeignKey("residents.id"), index=True)
    household_no: Mapped[str | None] = mapped_column(String(16))
    event_type: Mapped[str] = mapped_column(String(32))
    event_date: Mapped[date | None] = mapped_column(TolerantDate)
    answers: Mapped[str] = mapped_column(Text, default="{}")  # JSON text
    person_answers: Mapped[str] = mapped_column(Text, default="{}")  # JSON text
    status: Mapped[str] = mapped_column(String(16), default="open")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    terminal: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class VisitProcedure(Base):
    """One procedure of a visit, with its state in the owning department."""

    __tablename__ = "visit_procedures"
    __table_args__ = (Index("ix_visit_procedures_department_status", "department_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id"), index=True)
    procedure_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    department_id: Mapped[str] = mapped_column(ForeignKey("departments.id"))
    kind: Mapped[str] = mapped_column(String(16))
    persons: Mapped[str] = mapped_column(Text, default="[]")  # JSON text: atena numbers
    reasons: Mapped[str] = mapped_column(Text, default="[]")  # JSON text: the guide's reasons
    status: Mapped[str] = mapped_column(String(16))
    holder_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    due_on: Mapped[date | None] = mapped_column(TolerantDate)
    question: Mapped[str | None] = mapped_column(Text)
    answer: Mapped[str | None] = mapped_column(Text)
    decision_note: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class ProcedureAction(Base):
    """One entry of a visit's log: who (user, login, role), from which terminal, when,
    what and why. `visit_procedure_id` is empty for the visit's own actions (closed)."""

    __tablename__ = "procedure_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id"), index=True)
    visit_procedure_id: Mapped[int | None] = mapped_column(
        ForeignKey("visit_procedures.id"), index=True
    )
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    login: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(32))
    terminal: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str | None] = mapped_column(Text)
    previous_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64))
    key_id: Mapped[str] = mapped_column(String(64))


class VisitDraft(Base):
    """The clerk's visit as typed so far, one per user and terminal, saved on every edit
    so that a crash or a killed process loses nothing."""

    __tablename__ = "visit_drafts"
    __table_args__ = (
        UniqueConstraint("user_id", "terminal", name="uq_visit_drafts_user_id_terminal"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id", ondelete="CASCADE"))
    terminal: Mapped[str] = mapped_column(String(64))
    resident_id: Mapped[int | None] = mapped_column(Integer)
    event_type: Mapped[str | None] = mapped_column(String(32))
    answers: Mapped[str] = mapped_column(Text, default="{}")  # JSON text
    person_answers: Mapped[str] = mapped_column(Text, default="{}")  # JSON text
    selections: Mapped[str] = mapped_column(Text, default="{}")  # JSON text
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class VisitForm(Base):
    """One form prepared at the window for a visit, as printed for the resident to check
    and sign: every field's text with where it came from (JSON text). My Numbers are
    kept masked; the signed paper carries them to the department."""

    __tablename__ = "visit_forms"
    __table_args__ = (
        UniqueConstraint("visit_id", "position", name="uq_visit_forms_visit_id_position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # the order in the printed bundle
    form_id: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(200))
    department: Mapped[str] = mapped_column(String(200), default="")
    procedures: Mapped[str] = mapped_column(Text, default="[]")  # JSON text: procedure ids
    person_atena: Mapped[str | None] = mapped_column(String(16))
    person_name: Mapped[str | None] = mapped_column(String(200))
    fields: Mapped[str] = mapped_column(Text, default="[]")  # JSON text: the field values
    municipality: Mapped[str] = mapped_column(String(200), default="")
    prepared_on: Mapped[date] = mapped_column(TolerantDate)
    printed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
