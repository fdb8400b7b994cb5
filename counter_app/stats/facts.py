"""The raw facts the statistics count, read from the database in a few queries per period.

Nothing here names anyone: a ticket is its day, category, window, status and times; a
procedure its visit's day and event, its department and its log's first routing and
decision; a form its procedures and how many fields came from each source; a certificate
its kind, day and window. Times come back as seconds since the epoch (UTC), computed in
SQL so that a year of tickets reads as plain numbers (no timestamp parsing per row).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from sqlalchemy import Date, Float, String, bindparam, case, cast, func, select, text
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from ..db.models import (
    CertificateIssue,
    FeePayment,
    FeeVoid,
    ProcedureAction,
    Ticket,
    Visit,
    VisitForm,
    VisitProcedure,
)
from ..visits import ActionKind, ProcedureStatus
from .model import Period

__all__ = [
    "CertificateFact",
    "FormFact",
    "PaymentFact",
    "ProcedureFact",
    "TicketFact",
    "VisitFact",
    "certificate_facts",
    "form_facts",
    "payment_facts",
    "procedure_facts",
    "ticket_facts",
    "visit_facts",
]

# The sources a form's field can have (counter_app.forms.Source values).
SOURCES = ("records", "clerk", "computed", "document", "resident")
DECISIONS = (ActionKind.APPROVED.value, ActionKind.REJECTED.value)


@dataclass(frozen=True, slots=True)
class TicketFact:
    day: date
    category_id: str
    window: int | None  # the window that called it
    arrival: bool  # it has a number: issued at the floor, not queued by a transfer
    status: str
    issued: float  # seconds since the epoch
    called: float | None  # the first call
    started: float | None
    finished: float | None


@dataclass(frozen=True, slots=True)
class VisitFact:
    visit_id: int
    day: date
    event: str


@dataclass(frozen=True, slots=True)
class ProcedureFact:
    visit_id: int
    day: date
    event: str
    procedure_id: str
    department_id: str
    status: str
    due_on: date | None
    routed: float | None  # the first `routed` action
    decided: float | None  # the first `approved` or `rejected` action
    returns: int  # `returned` actions (差戻し)


@dataclass(frozen=True, slots=True)
class FormFact:
    visit_id: int
    day: date
    event: str
    procedures: tuple[str, ...]
    fields: dict[str, int]  # source -> fields


@dataclass(frozen=True, slots=True)
class CertificateFact:
    day: date
    window: int | None
    kind_id: str
    copies: int


@dataclass(frozen=True, slots=True)
class PaymentFact:
    day: date
    window: int | None
    total_yen: int
    by_kind: dict[str, int]  # kind id -> yen


@lru_cache(maxsize=4096)
def _day(value: str | date) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _epoch(session: Session, column) -> ColumnElement[float]:
    """Seconds since the epoch of a UTC timestamp column, computed by the database."""
    if session.get_bind().dialect.name == "postgresql":
        return cast(func.extract("epoch", column), Float)
    return cast((func.julianday(column) - 2440587.5) * 86400.0, Float)


def _day_text(column) -> ColumnElement[str]:
    return cast(column, String)


def _in(period: Period, column) -> ColumnElement[bool]:
    return column.between(period.first, period.last)


def ticket_facts(session: Session, period: Period) -> list[TicketFact]:
    rows = session.execute(
        select(
            _day_text(Ticket.business_day),
            Ticket.category_id,
            Ticket.window_number,
            Ticket.number,
            Ticket.status,
            _epoch(session, Ticket.issued_at),
            _epoch(session, Ticket.called_at),
            _epoch(session, Ticket.started_at),
            _epoch(session, Ticket.finished_at),
        ).where(_in(period, Ticket.business_day))
    )
    return [
        TicketFact(_day(d), c, w, n is not None, s, i, ca, st, f)
        for d, c, w, n, s, i, ca, st, f in rows
    ]


def visit_facts(session: Session, period: Period) -> list[VisitFact]:
    rows = session.execute(
        select(Visit.id, _day_text(Visit.business_day), Visit.event_type).where(
            _in(period, Visit.business_day)
        )
    )
    return [VisitFact(i, _day(d), e) for i, d, e in rows]


def procedure_facts(session: Session, period: Period) -> list[ProcedureFact]:
    """The procedures of the period's visits, except those the clerk dropped."""
    at = _epoch(session, ProcedureAction.at)
    actions = (
        select(
            ProcedureAction.visit_procedure_id.label("id"),
            func.min(case((ProcedureAction.action == ActionKind.ROUTED.value, at))).label("routed"),
            func.min(case((ProcedureAction.action.in_(DECISIONS), at))).label("decided"),
            func.sum(case((ProcedureAction.action == ActionKind.RETURNED.value, 1), else_=0)).label(
                "returns"
            ),
        )
        .join(Visit, Visit.id == ProcedureAction.visit_id)
        .where(
            _in(period, Visit.business_day),
            ProcedureAction.visit_procedure_id.is_not(None),
            ProcedureAction.action.in_(
                (ActionKind.ROUTED.value, ActionKind.RETURNED.value, *DECISIONS)
            ),
        )
        .group_by(ProcedureAction.visit_procedure_id)
        .subquery()
    )
    rows = session.execute(
        select(
            VisitProcedure.visit_id,
            _day_text(Visit.business_day),
            Visit.event_type,
            VisitProcedure.procedure_id,
            VisitProcedure.department_id,
            VisitProcedure.status,
            _day_text(VisitProcedure.due_on),
            actions.c.routed,
            actions.c.decided,
            actions.c.returns,
        )
        .join(Visit, Visit.id == VisitProcedure.visit_id)
        .outerjoin(actions, actions.c.id == VisitProcedure.id)
        .where(
            _in(period, Visit.business_day),
            VisitProcedure.status != ProcedureStatus.CANCELLED.value,
        )
    )
    return [
        ProcedureFact(v, _day(d), e, p, dep, s, _day(due) if due else None, r, dec, int(ret or 0))
        for v, d, e, p, dep, s, due, r, dec, ret in rows
    ]


_FIELDS_SQL = {
    "sqlite": """
        SELECT vf.id, json_extract(f.value, '$.source'), count(*)
        FROM visit_forms vf JOIN visits v ON v.id = vf.visit_id, json_each(vf.fields) f
        WHERE v.business_day BETWEEN :first AND :last AND vf.printed_at IS NOT NULL
        GROUP BY vf.id, json_extract(f.value, '$.source')
    """,
    "postgresql": """
        SELECT vf.id, f ->> 'source', count(*)
        FROM visit_forms vf JOIN visits v ON v.id = vf.visit_id
        CROSS JOIN LATERAL json_array_elements(CAST(vf.fields AS json)) f
        WHERE v.business_day BETWEEN :first AND :last AND vf.printed_at IS NOT NULL
        GROUP BY vf.id, f ->> 'source'
    """,
}


def form_facts(session: Session, period: Period) -> list[FormFact]:
    """The printed forms of the period's visits, with their fields counted by source."""
    counted: dict[int, dict[str, int]] = defaultdict(dict)
    query = text(_FIELDS_SQL[session.get_bind().dialect.name]).bindparams(
        bindparam("first", period.first, type_=Date), bindparam("last", period.last, type_=Date)
    )
    for form_id, source, fields in session.execute(query):
        counted[form_id][str(source)] = int(fields)
    rows = session.execute(
        select(
            VisitForm.id,
            VisitForm.visit_id,
            _day_text(Visit.business_day),
            Visit.event_type,
            VisitForm.procedures,
        )
        .join(Visit, Visit.id == VisitForm.visit_id)
        .where(_in(period, Visit.business_day), VisitForm.printed_at.is_not(None))
    )
    return [
        FormFact(v, _day(d), e, tuple(_procedures(p)), counted.get(i, {})) for i, v, d, e, p in rows
    ]


@lru_cache(maxsize=1024)
def _procedures(value: str) -> tuple[str, ...]:
    try:
        loaded = json.loads(value or "[]")
    except ValueError:
        return ()
    return tuple(str(p) for p in loaded) if isinstance(loaded, list) else ()


def _not_voided(payment_id) -> ColumnElement[bool]:
    return ~select(FeeVoid.id).where(FeeVoid.payment_id == payment_id).exists()


def certificate_facts(session: Session, period: Period) -> list[CertificateFact]:
    """Copies of certificates issued in the period, except those of a voided payment."""
    day = _day_text(CertificateIssue.business_day)
    rows = session.execute(
        select(day, CertificateIssue.window, CertificateIssue.kind_id, func.count())
        .where(_in(period, CertificateIssue.business_day), _not_voided(CertificateIssue.payment_id))
        .group_by(day, CertificateIssue.window, CertificateIssue.kind_id)
    )
    return [CertificateFact(_day(d), w, k, int(n)) for d, w, k, n in rows]


def payment_facts(session: Session, period: Period) -> list[PaymentFact]:
    """The period's fee payments, except voided ones, with their fees per kind."""
    rows = session.execute(
        select(
            _day_text(FeePayment.business_day),
            FeePayment.window,
            FeePayment.total_yen,
            FeePayment.lines,
        ).where(_in(period, FeePayment.business_day), _not_voided(FeePayment.id))
    )
    return [PaymentFact(_day(d), w, int(t), dict(_fees(lines))) for d, w, t, lines in rows]


def _fees(lines: str) -> Iterator[tuple[str, int]]:
    try:
        loaded = json.loads(lines or "[]")
    except ValueError:
        return
    by_kind: dict[str, int] = defaultdict(int)
    for line in loaded if isinstance(loaded, list) else ():
        if isinstance(line, dict) and "kind_id" in line:
            by_kind[str(line["kind_id"])] += int(line.get("amount_yen") or 0)
    yield from by_kind.items()
