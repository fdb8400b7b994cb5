"""The statistics' queries: counted and ranked by the database, so a year of tickets comes
back as a few rows per group.

Percentiles (`.percentiles`) are taken in SQL the portable way: each value is numbered
within its group (ROW_NUMBER over the group ordered by the value) and only the two
values around each wanted rank come back, which Python interpolates exactly as
`percentiles.percentile` does. Times are seconds since the epoch computed by the
database (julianday on SQLite, extract(epoch) on PostgreSQL); local hours and dates use
the office's zone (Asia/Tokyo: the offset on SQLite, which keeps no zones, the zone's
name on PostgreSQL).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Date, Float, Integer, String, and_, case, cast, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select
from sqlalchemy.sql.elements import ColumnElement

from ..clock import LOCAL_ZONE
from ..db.models import (
    ProcedureAction,
    Ticket,
    Visit,
    VisitForm,
    VisitFormSources,
    VisitProcedure,
)
from ..visits import OPEN_STATUSES, ActionKind, ProcedureStatus
from .model import Period

__all__ = [
    "FORM_SOURCES",
    "P50",
    "P50_P90",
    "TICKET_STATUSES",
    "form_sums",
    "procedure_facts",
    "ranked",
    "ticket_counts",
    "ticket_days",
    "ticket_parts",
    "ticket_ranked",
    "ticket_rows",
    "visit_counts",
]

Key = tuple
P50 = ((1, 2),)
P50_P90 = ((1, 2), (9, 10))
# The sources a form's field can have (counter_app.forms.Source values).
FORM_SOURCES = ("records", "clerk", "computed", "document", "resident")
DECISIONS = (ActionKind.APPROVED.value, ActionKind.REJECTED.value)
# A ticket's status as a small number in `ticket_rows` (text costs a decode per row).
TICKET_STATUSES = ("done", "no_show", "cancelled", "transferred")


def _postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def epoch(session: Session, column) -> ColumnElement[float]:
    """Seconds since the epoch of a UTC timestamp column."""
    if _postgres(session):
        return cast(func.extract("epoch", column), Float)
    return cast((func.julianday(column) - 2440587.5) * 86400.0, Float)


def _offset() -> str:
    """The office's offset from UTC as an SQLite modifier ("+9 hours"): Asia/Tokyo keeps
    no summer time, so one offset serves every date."""
    hours = LOCAL_ZONE.utcoffset(datetime(2000, 1, 1)).total_seconds() / 3600  # type: ignore[union-attr]
    return f"{hours:+g} hours"


def local_hour(session: Session, column) -> ColumnElement[int]:
    if _postgres(session):
        return cast(func.extract("hour", func.timezone(str(LOCAL_ZONE), column)), Integer)
    return cast(func.strftime("%H", column, _offset()), Integer)


def local_date(session: Session, column) -> ColumnElement:
    """The office's date of a UTC timestamp (a date on PostgreSQL, ISO text on SQLite, each
    comparable with a date column of its own database)."""
    if _postgres(session):
        return cast(func.timezone(str(LOCAL_ZONE), column), Date)
    return func.date(column, _offset())


def _sunday_weekday(session: Session, column) -> ColumnElement[int]:
    """0 = Sunday … 6 = Saturday, of a date column."""
    if _postgres(session):
        return cast(func.extract("dow", column), Integer)
    return cast(func.strftime("%w", column), Integer)


def _day_text(column) -> ColumnElement[str]:
    return cast(column, String)


def _in(period: Period, column) -> ColumnElement[bool]:
    return column.between(period.first, period.last)


def ranked(
    session: Session, values: Select, keys: Sequence[str], ps: Sequence[tuple[int, int]]
) -> dict[Key, list[float | None]]:
    """Percentiles (p = numerator/denominator) of the column `value` of `values` within
    each group of its `keys` columns: {key tuple: [one value per p]}."""
    inner = values.subquery()
    parts = [inner.c[k] for k in keys]
    value = inner.c.value
    window = {"partition_by": parts} if parts else {}
    numbered = select(
        *parts,
        value.label("value"),
        (func.row_number().over(order_by=value, **window) - 1).label("rn"),
        func.count().over(**window).label("n"),
    ).subquery()
    rn, n = numbered.c.rn, numbered.c.n
    wanted = []
    for numerator, denominator in ps:
        low = ((n - 1) * numerator) // denominator
        wanted += [rn == low, rn == low + 1]
    rows = session.connection().execute(
        select(*(numbered.c[k] for k in keys), n, rn, numbered.c.value).where(or_(*wanted))
    )
    found: dict[Key, tuple[int, dict[int, float]]] = {}
    for row in rows:
        key = tuple(row[: len(keys)])
        count, number, shown = row[len(keys) :]
        found.setdefault(key, (int(count), {}))[1][int(number)] = float(shown)
    result = {}
    for key, (count, by_rank) in found.items():
        result[key] = [_interpolated(count, by_rank, a, b) for a, b in ps]
    return result


def _interpolated(n: int, by_rank: dict[int, float], numerator: int, denominator: int) -> float:
    rank = (n - 1) * numerator / denominator
    low = (n - 1) * numerator // denominator
    if low + 1 >= n:
        return by_rank[low]
    return by_rank[low] + (rank - low) * (by_rank[low + 1] - by_rank[low])


# -- tickets ----------------------------------------------------------------------------


def ticket_parts(session: Session) -> dict[str, ColumnElement]:
    """What a ticket can be grouped by: its category, the window that called it, the
    local hour it was issued in, the weekday (0 = Sunday) and the business day."""
    return {
        "category": Ticket.category_id,
        "window": Ticket.window_number,
        "hour": local_hour(session, Ticket.issued_at),
        "weekday": _sunday_weekday(session, Ticket.business_day),
        "day": _day_text(Ticket.business_day),
    }


def ticket_counts(
    session: Session, period: Period, keys: Sequence[str]
) -> dict[Key, dict[str, int]]:
    """{key: {status: tickets, "arrivals": tickets with a number}}."""
    parts = ticket_parts(session)
    columns = [parts[k].label(k) for k in keys]
    rows = session.connection().execute(
        select(*columns, Ticket.status, func.count(), func.count(Ticket.number))
        .where(_in(period, Ticket.business_day))
        .group_by(*columns, Ticket.status)
    )
    counts: dict[Key, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        key = tuple(row[: len(keys)])
        status, tickets, arrivals = row[len(keys) :]
        counts[key][status] += int(tickets)
        counts[key]["arrivals"] += int(arrivals)
    return counts


def ticket_ranked(
    session: Session,
    period: Period,
    keys: Sequence[str],
    measure: str,
    ps: Sequence[tuple[int, int]] = P50_P90,
) -> dict[Key, list[float | None]]:
    """Percentiles of the waits (issue → first call, of tickets called) or the services
    (start → end, of tickets done) in minutes, per group."""
    parts = ticket_parts(session)
    columns = [parts[k].label(k) for k in keys]
    if measure == "wait":
        value = (epoch(session, Ticket.called_at) - epoch(session, Ticket.issued_at)) / 60.0
        present = Ticket.called_at.is_not(None)
    else:
        value = (epoch(session, Ticket.finished_at) - epoch(session, Ticket.started_at)) / 60.0
        present = and_(
            Ticket.status == "done",
            Ticket.started_at.is_not(None),
            Ticket.finished_at.is_not(None),
        )
    values = select(*columns, value.label("value")).where(_in(period, Ticket.business_day), present)
    return ranked(session, values, keys, ps)


def ticket_rows(session: Session, period: Period, keys: Sequence[str]) -> list[tuple]:
    """One row per ticket of the period, in one pass: (*key values, status as its index in
    TICKET_STATUSES (len(TICKET_STATUSES) for another), has a number,
    wait in minutes or None, service in minutes or None) — the wait of a ticket that was
    called, the service of one that is done."""
    parts = ticket_parts(session)
    status = case(
        *((Ticket.status == value, code) for code, value in enumerate(TICKET_STATUSES)),
        else_=len(TICKET_STATUSES),
    )
    wait = (epoch(session, Ticket.called_at) - epoch(session, Ticket.issued_at)) / 60.0
    service = (epoch(session, Ticket.finished_at) - epoch(session, Ticket.started_at)) / 60.0
    return list(
        session.connection()
        .execute(
            select(
                *(parts[k].label(k) for k in keys),
                status,
                Ticket.number.is_not(None),
                wait,
                case((Ticket.status == "done", service)),
            ).where(_in(period, Ticket.business_day))
        )
        .all()
    )


def ticket_days(session: Session, period: Period) -> list[tuple[int, str]]:
    """(weekday with 0 = Sunday, day) of each business day that has tickets."""
    parts = ticket_parts(session)
    rows = session.connection().execute(
        select(parts["weekday"], parts["day"])
        .where(_in(period, Ticket.business_day))
        .group_by(parts["weekday"], parts["day"])
    )
    return [(int(w), str(d)) for w, d in rows]


# -- visits and procedures ----------------------------------------------------------------


def visit_counts(session: Session, period: Period, key: str | None) -> dict[Key, int]:
    """Visits per life event ("event"), per business day ("day") or all (None)."""
    column = {"event": Visit.event_type, "day": _day_text(Visit.business_day)}.get(key or "")
    columns = [column.label("key")] if column is not None else []
    rows = session.connection().execute(
        select(*columns, func.count()).where(_in(period, Visit.business_day)).group_by(*columns)
    )
    return {tuple(row[:-1]): int(row[-1]) for row in rows}


def procedure_facts(session: Session, period: Period, key: str) -> list[tuple]:
    """The period's visits' procedures (not those the clerk dropped), one tuple each:
    (visit id, its `key` — department, procedure, event or day —, still open (1/0), due
    date as ISO text or None, first routing and first decision in seconds since the epoch
    or None, the decision's local date as ISO text or None, returns). Two plain queries
    joined here: the procedures, and their log summed per procedure."""
    at = ProcedureAction.at
    decided_at = func.min(case((ProcedureAction.action.in_(DECISIONS), at)))
    logged = {
        row[0]: row[1:]
        for row in session.connection().execute(
            select(
                ProcedureAction.visit_procedure_id,
                func.min(
                    case((ProcedureAction.action == ActionKind.ROUTED.value, epoch(session, at)))
                ),
                func.min(case((ProcedureAction.action.in_(DECISIONS), epoch(session, at)))),
                _day_text(local_date(session, decided_at)),
                func.sum(case((ProcedureAction.action == ActionKind.RETURNED.value, 1), else_=0)),
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
        )
    }
    nothing = (None, None, None, 0)
    keys = {
        "department": VisitProcedure.department_id,
        "procedure": VisitProcedure.procedure_id,
        "event": Visit.event_type,
        "day": _day_text(Visit.business_day),
    }
    still_open = case((VisitProcedure.status.in_([s.value for s in OPEN_STATUSES]), 1), else_=0)
    rows = session.connection().execute(
        select(
            VisitProcedure.id,
            VisitProcedure.visit_id,
            keys[key],
            still_open,
            _day_text(VisitProcedure.due_on),
        )
        .join(Visit, Visit.id == VisitProcedure.visit_id)
        .where(
            _in(period, Visit.business_day),
            VisitProcedure.status != ProcedureStatus.CANCELLED.value,
        )
    )
    return [
        (
            visit_id,
            str(value)[:10] if key == "day" else value,
            is_open,
            str(due)[:10] if due is not None else None,
            *logged.get(vp_id, nothing),
        )
        for vp_id, visit_id, value, is_open, due in rows
    ]


# -- forms -------------------------------------------------------------------------------


def form_sums(session: Session, period: Period) -> list[tuple[str, str, str, int, list[int]]]:
    """The period's visits' printed forms summed per (day, event, procedures JSON):
    (day, event, procedures, forms, fields per FORM_SOURCES). The fields' counts are
    those the database keeps beside each form (visit_form_sources, migration 0016)."""
    day = _day_text(Visit.business_day)
    counted = [func.sum(func.coalesce(getattr(VisitFormSources, s), 0)) for s in FORM_SOURCES]
    rows = session.connection().execute(
        select(day, Visit.event_type, VisitForm.procedures, func.count(), *counted)
        .join(Visit, Visit.id == VisitForm.visit_id)
        .outerjoin(VisitFormSources, VisitFormSources.visit_form_id == VisitForm.id)
        .where(_in(period, Visit.business_day), VisitForm.printed_at.is_not(None))
        .group_by(day, Visit.event_type, VisitForm.procedures)
    )
    return [
        (str(d), str(e), str(p or "[]"), int(n), [int(x or 0) for x in fields])
        for d, e, p, n, *fields in rows
    ]
