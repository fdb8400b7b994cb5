"""The statistics' queries: counted by the database, so a year of tickets comes back as a
few rows per group, and the values whose percentiles are wanted as plain tuples.

Counts, sums and distinct counts are grouped in SQL. Percentiles need every value of a
group: those come back as the driver's own tuples (`fetched`, no SQLAlchemy row per
value) of numbers the database already keeps (each ticket's minutes, migration 0017) and
are taken in Python (`.percentiles`), one definition for both databases. Times are
seconds since the epoch computed by the database (julianday on SQLite, extract(epoch) on
PostgreSQL); local hours and dates use the office's zone (Asia/Tokyo: the offset on
SQLite, which keeps no zones, the zone's name on PostgreSQL).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from functools import lru_cache
from itertools import chain

from sqlalchemy import (
    Date,
    Float,
    Integer,
    String,
    case,
    cast,
    distinct,
    func,
    literal,
    or_,
    select,
    tuple_,
    type_coerce,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select
from sqlalchemy.sql.elements import ColumnElement

from ..clock import LOCAL_ZONE
from ..db.models import (
    ProcedureRouting,
    Ticket,
    Visit,
    VisitForm,
    VisitFormSources,
    VisitProcedure,
)
from ..visits import OPEN_STATUSES, ProcedureStatus
from .model import Period
from .percentiles import percentile

__all__ = [
    "FORM_SOURCES",
    "day_iso",
    "day_number",
    "day_of",
    "fetched",
    "form_sums",
    "in_period",
    "procedure_counts",
    "routing_facts",
    "ticket_counts",
    "ticket_days",
    "ticket_parts",
    "ticket_percentiles",
    "visit_counts",
]

Key = tuple
EPOCH_DAY = date(1970, 1, 1)
# The sources a form's field can have (counter_app.forms.Source values).
FORM_SOURCES = ("records", "clerk", "computed", "document", "resident")


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


def day_number(session: Session, column) -> ColumnElement[int]:
    """Days since 1970-01-01 of a date column (or `local_date`): a number, which the
    driver hands over for nothing, where a date as text is decoded value by value."""
    if _postgres(session):
        return column - literal(EPOCH_DAY, Date)
    return cast(func.julianday(column) - 2440587.5, Integer)


@lru_cache(maxsize=8192)
def day_of(number: int) -> date:
    """The date of a `day_number`."""
    return EPOCH_DAY + timedelta(days=number)


def day_iso(value: object) -> str:
    """The ISO date of a day as a query gave it: a `day_number`, a date or ISO text."""
    if isinstance(value, int):
        return day_of(value).isoformat()
    return str(value)[:10]


def in_period(session: Session, period: Period, column) -> ColumnElement[bool]:
    """A business day column within the period. On SQLite, which keeps any text in a date
    column, a stored day that is no date ('2026-02-30', text written past the app) is
    left out of every figure rather than breaking the statistics or landing on another
    day; PostgreSQL keeps only dates."""
    within = column.between(period.first, period.last)
    if _postgres(session):
        return within
    unreadable = _days_that_are_no_dates(session, period, column)
    return within & type_coerce(column, String).not_in(unreadable) if unreadable else within


def _days_that_are_no_dates(session: Session, period: Period, column) -> tuple[str, ...]:
    """The distinct stored values of the period's days that are no date: read once per
    session from the column's index (a few hundred values), not tested row by row."""
    found = session.info.setdefault("stats_days_that_are_no_dates", {})
    key = (column.table.name, column.key, period)
    if key not in found:
        stored = fetched(
            session, select(column).where(column.between(period.first, period.last)).distinct()
        )
        found[key] = tuple(str(day) for (day,) in stored if not _is_date(day))
    return found[key]


def _is_date(value: object) -> bool:
    try:
        return date.fromisoformat(str(value)).isoformat() == value
    except ValueError:
        return False


# -- tickets ----------------------------------------------------------------------------


def ticket_parts(session: Session, *, day_as_number: bool = False) -> dict[str, ColumnElement]:
    """What a ticket can be grouped by: its category, the window that called it, the
    local hour it was issued in, the weekday (0 = Sunday) and the business day (the
    column itself, which groups in its index's order, or a `day_number` for rows
    `fetched` one per ticket)."""
    day = Ticket.business_day
    return {
        "category": Ticket.category_id,
        "window": Ticket.window_number,
        "hour": local_hour(session, Ticket.issued_at),
        "weekday": _sunday_weekday(session, day),
        "day": day_number(session, day) if day_as_number else day,
    }


def _group(keys: Sequence[str], values: Sequence) -> Key:
    """A group's key as every ticket query gives it: each day as ISO text."""
    return tuple(day_iso(v) if k == "day" else v for k, v in zip(keys, values, strict=True))


def ticket_counts(
    session: Session, period: Period, keys: Sequence[str]
) -> dict[Key, dict[str, int]]:
    """{key: {status: tickets, "arrivals": tickets with a number}}."""
    parts = ticket_parts(session)
    columns = [parts[k].label(k) for k in keys]
    rows = session.connection().execute(
        select(*columns, Ticket.status, func.count(), func.count(Ticket.number))
        .where(in_period(session, period, Ticket.business_day))
        .group_by(*columns, Ticket.status)
    )
    counts: dict[Key, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        key = _group(keys, row[: len(keys)])
        status, tickets, arrivals = row[len(keys) :]
        counts[key][status] += int(tickets)
        counts[key]["arrivals"] += int(arrivals)
    return counts


Percentiles = tuple[float | None, ...]  # one per wanted p, None for a group without values


def ticket_percentiles(
    session: Session, period: Period, keys: Sequence[str], ps: Sequence[float] = (0.5, 0.9)
) -> tuple[dict[Key, tuple[Percentiles, Percentiles]], tuple[Percentiles, Percentiles]]:
    """The percentiles `ps` (0..1) of the waits (issue → first call) of the tickets
    called and of the services (start → end) of the tickets done, in minutes: per group
    of `keys` and of all the period's tickets. From the minutes the database keeps beside
    each ticket (migration 0017); PostgreSQL takes them itself (percentile_cont, the same
    linear interpolation as `.percentiles`), SQLite hands the values over."""
    if _postgres(session):
        return _percentiles_in_sql(session, period, keys, ps)
    waits, services = _ticket_minutes(session, period, keys)
    groups = {}
    for key in waits.keys() | services.keys():
        wait, service = waits.get(key, []), services.get(key, [])
        groups[_group(keys, key)] = (_taken(wait, ps), _taken(service, ps))
    every_wait = list(chain.from_iterable(waits.values()))
    every_service = list(chain.from_iterable(services.values()))
    return groups, (_taken(every_wait, ps), _taken(every_service, ps))


def _taken(values: list[float], ps: Sequence[float]) -> Percentiles:
    """The percentiles of `values`, sorted here in place (a list of sorted runs, as the
    totals are, sorts in linear time)."""
    values.sort()
    return tuple(percentile(values, p) for p in ps)


def _ticket_minutes(
    session: Session, period: Period, keys: Sequence[str]
) -> tuple[dict[Key, list[float]], dict[Key, list[float]]]:
    """Per group (the key as the driver gives it): the waits and the services."""
    parts = ticket_parts(session, day_as_number=True)
    done = Ticket.status == "done"
    rows = fetched(
        session,
        select(
            *(parts[k].label(k) for k in keys),
            Ticket.wait_minutes,
            case((done, Ticket.service_minutes)),
        ).where(
            in_period(session, period, Ticket.business_day),
            or_(Ticket.called_at.is_not(None), done),
        ),
    )
    width = len(keys)
    waits: dict[Key, list[float]] = defaultdict(list)
    services: dict[Key, list[float]] = defaultdict(list)
    # A year is some 160,000 rows: one key value is unpacked as it comes (the cheap way)
    # and made a tuple per group afterwards.
    keyed = rows if width == 1 else ((row[:width], *row[width:]) for row in rows)
    for key, wait, service in keyed:
        if wait is not None:
            waits[key].append(wait)
        if service is not None:
            services[key].append(service)
    if width != 1:
        return waits, services
    return {(k,): v for k, v in waits.items()}, {(k,): v for k, v in services.items()}


def _percentiles_in_sql(
    session: Session, period: Period, keys: Sequence[str], ps: Sequence[float]
) -> tuple[dict[Key, tuple[Percentiles, Percentiles]], tuple[Percentiles, Percentiles]]:
    """PostgreSQL's ordered-set aggregates over each group and over all (GROUPING SETS),
    in one pass; they leave out the NULLs (tickets not called, services not done)."""
    parts = ticket_parts(session)
    columns = [parts[k] for k in keys]
    wanted = postgresql.array([literal(p, Float) for p in ps])
    done = Ticket.status == "done"
    statement = select(
        *columns,
        func.percentile_cont(wanted).within_group(Ticket.wait_minutes),
        func.percentile_cont(wanted).within_group(case((done, Ticket.service_minutes))),
    ).where(in_period(session, period, Ticket.business_day))
    if columns:
        everything = func.grouping(*columns)
        statement = statement.add_columns(everything).group_by(
            func.grouping_sets(tuple_(*columns), tuple_())
        )
    nothing = (None,) * len(ps)
    groups, total = {}, (nothing, nothing)
    for row in session.connection().execute(statement):
        *key, wait, service = row[: len(keys) + 2]
        figures = (tuple(wait or nothing), tuple(service or nothing))
        if columns and not row[-1]:
            groups[_group(keys, key)] = figures
        else:
            total = figures
    return groups, total


def ticket_days(session: Session, period: Period) -> list[tuple[int, str]]:
    """(weekday with 0 = Sunday, day) of each business day that has tickets."""
    parts = ticket_parts(session)
    rows = session.connection().execute(
        select(parts["weekday"], parts["day"])
        .where(in_period(session, period, Ticket.business_day))
        .group_by(parts["weekday"], parts["day"])
    )
    return [(int(w), day_iso(d)) for w, d in rows]


# -- visits and procedures ----------------------------------------------------------------


def visit_counts(session: Session, period: Period, key: str | None) -> dict[Key, int]:
    """Visits per life event ("event"), per business day ("day") or all (None)."""
    column = {"event": Visit.event_type, "day": Visit.business_day}.get(key or "")
    columns = [column.label("key")] if column is not None else []
    rows = session.connection().execute(
        select(*columns, func.count())
        .where(in_period(session, period, Visit.business_day))
        .group_by(*columns)
    )
    return {tuple(row[:-1]): int(row[-1]) for row in rows}


def procedure_counts(session: Session, period: Period, key: str) -> dict[Key, tuple[int, int]]:
    """Per group of `key` (department, procedure, event or day, a day as ISO text): the
    period's visits' procedures (not those the clerk dropped) and the visits they belong
    to. A day is grouped by the column itself, in its index's order."""
    column = Visit.business_day if key == "day" else _procedure_key(session, key)
    rows = session.connection().execute(
        select(column.label("key"), func.count(), func.count(distinct(VisitProcedure.visit_id)))
        .join(Visit, Visit.id == VisitProcedure.visit_id)
        .where(in_period(session, period, Visit.business_day), _kept())
        .group_by(column)
    )
    return {(day_iso(value) if key == "day" else value,): (int(n), int(v)) for value, n, v in rows}


def routing_facts(session: Session, period: Period, key: str) -> list[tuple]:
    """The period's procedures (not those dropped) with a routing, return or decision in
    their log, one tuple each: (their `key`, a day as its `day_number`; still open (1/0);
    due date as a `day_number` or None; first routing and first decision in seconds
    since the epoch or None; the decision's local date as a `day_number` or None;
    returns) — from the log as the database keeps it summed per procedure
    (procedure_routing, migration 0018)."""
    routing = ProcedureRouting
    still_open = case((VisitProcedure.status.in_([s.value for s in OPEN_STATUSES]), 1), else_=0)
    rows = fetched(
        session,
        select(
            _procedure_key(session, key),
            still_open,
            day_number(session, VisitProcedure.due_on),
            epoch(session, routing.routed_at),
            epoch(session, routing.decided_at),
            day_number(session, local_date(session, routing.decided_at)),
            routing.returns,
        )
        .select_from(routing)
        .join(VisitProcedure, VisitProcedure.id == routing.visit_procedure_id)
        .join(Visit, Visit.id == VisitProcedure.visit_id)
        .where(in_period(session, period, Visit.business_day), _kept()),
    )
    return rows


def _procedure_key(session: Session, key: str) -> ColumnElement:
    return {
        "department": VisitProcedure.department_id,
        "procedure": VisitProcedure.procedure_id,
        "event": Visit.event_type,
        "day": day_number(session, Visit.business_day),
    }[key]


def _kept() -> ColumnElement[bool]:
    return VisitProcedure.status != ProcedureStatus.CANCELLED.value


# -- forms -------------------------------------------------------------------------------


def form_sums(
    session: Session, period: Period, key: str | None
) -> list[tuple[str, int, list[int]]]:
    """The period's visits' printed forms summed per `key` — "day", "event", "procedures"
    (the JSON list of the procedures a form serves) or None for all: (key value, forms,
    fields per FORM_SOURCES). The fields' counts are those the database keeps beside each
    form (visit_form_sources, migration 0016)."""
    column = {
        "day": Visit.business_day,
        "event": Visit.event_type,
        "procedures": VisitForm.procedures,
    }.get(key or "")
    columns = [column] if column is not None else []
    counted = [func.sum(func.coalesce(getattr(VisitFormSources, s), 0)) for s in FORM_SOURCES]
    rows = session.connection().execute(
        select(*columns, func.count(), *counted)
        .select_from(VisitForm)
        .join(Visit, Visit.id == VisitForm.visit_id)
        .outerjoin(VisitFormSources, VisitFormSources.visit_form_id == VisitForm.id)
        .where(in_period(session, period, Visit.business_day), VisitForm.printed_at.is_not(None))
        .group_by(*columns)
    )
    width = len(columns)
    return [
        (
            day_iso(row[0]) if key == "day" else str(row[0] or "") if width else "",
            int(row[width]),
            [int(x or 0) for x in row[width + 1 :]],
        )
        for row in rows
        if width or row[width]
    ]


def fetched(session: Session, statement: Select) -> list[tuple]:
    """Every row of `statement` as the driver's plain tuples, in the session's transaction:
    for the reads of a year's values, where a SQLAlchemy row per value would cost more
    than the query. Only for columns the driver already gives as Python wants them
    (numbers, text): no result type is applied."""
    result = session.connection().execute(statement)
    try:
        return result.cursor.fetchall()
    finally:
        result.close()
