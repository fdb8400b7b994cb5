"""The statistics (窓口の見える化): tables per grouping, comparisons of two periods, the
heat map, waits per day, departments' lead times, field sources, the floor's live waits
and the month's report — counted from the raw rows (`.facts`), never from a name.

    stats = app.stats
    table = stats.table(actor, Period(date(2026, 11, 1), date(2026, 11, 30)), Grouping.WINDOW)
    stats.compare(actor, before, after, Grouping.CATEGORY)
    stats.live_waits(actor)

Every definition (what a measure counts, the day boundary, transfers, lunch, the
percentiles, "<3") is written in docs/stats.md; the tests recount every figure.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import lru_cache

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..catalog import Catalog
from ..clock import LOCAL_ZONE, SYSTEM_CLOCK
from ..db.engine import Database
from ..db.models import Department, Ticket, TicketCategory
from ..permissions import Actor, Permission, require
from ..ports import Clock
from ..queue.rows import TicketStatus
from ..services import settings
from . import facts as read
from . import queries
from .model import (
    CERTIFICATE_MEASURES,
    COLUMNS,
    FORM_MEASURES,
    MEASURES,
    PROCEDURE_MEASURES,
    SMALL_GROUP,
    TICKET_MEASURES,
    WEEKDAY_LABELS,
    CategoryWait,
    Comparison,
    DailyWait,
    FieldShares,
    Grouping,
    HeatCell,
    LeadTime,
    Measure,
    MonthReport,
    Period,
    StatsRow,
    StatsTable,
    Unit,
    Value,
    WaitLevel,
)
from .percentiles import percentile, rounded

__all__ = ["NO_WINDOW", "StatsService"]

NO_WINDOW = "-"  # tickets never called, certificates issued without a window number
WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
FIRST_HOUR, LAST_HOUR = 8, 17  # the heat map's hours at least (local)
ARRIVALS = "arrivals"  # queries.ticket_counts: the tickets with a number, beside the statuses


@dataclass(frozen=True)
class _Labels:
    categories: dict[str, tuple[str, str, int, bool]]  # id -> (name, name_en, order, active)
    departments: dict[str, tuple[str, str, int]]


TICKET_PARTS = {
    Grouping.CATEGORY: "category",
    Grouping.WINDOW: "window",
    Grouping.HOUR: "hour",
    Grouping.WEEKDAY: "weekday",
    Grouping.DAY: "day",
}
PROCEDURE_PARTS = {
    Grouping.DEPARTMENT: "department",
    Grouping.PROCEDURE: "procedure",
    Grouping.EVENT: "event",
    Grouping.DAY: "day",
}


class StatsService:
    def __init__(self, db: Database, catalog: Catalog, *, clock: Clock = SYSTEM_CLOCK) -> None:
        self._db = db
        self._catalog = catalog
        self._clock = clock

    # -- tables -----------------------------------------------------------------------

    def table(self, actor: Actor, period: Period, grouping: Grouping) -> StatsTable:
        require(actor, Permission.VIEW_STATISTICS)
        with self._db.read() as session:
            return self._table(session, period, grouping, _labels(session))

    def compare(
        self, actor: Actor, before: Period, after: Period, grouping: Grouping
    ) -> Comparison:
        """The same grouping over two periods (before and after a reform date); a group
        found in one period only is in both, with nothing counted in the other."""
        return _compared(
            grouping, self.table(actor, before, grouping), self.table(actor, after, grouping)
        )

    # -- charts -----------------------------------------------------------------------

    def heatmap(self, actor: Actor, period: Period) -> tuple[HeatCell, ...]:
        require(actor, Permission.VIEW_STATISTICS)
        with self._db.read() as session:
            return _heatmap(session, period)

    def daily_waits(self, actor: Actor, period: Period) -> tuple[DailyWait, ...]:
        require(actor, Permission.VIEW_STATISTICS)
        with self._db.read() as session:
            return _daily_waits(session, period, _labels(session))

    def lead_times(self, actor: Actor, period: Period) -> tuple[LeadTime, ...]:
        require(actor, Permission.VIEW_STATISTICS)
        with self._db.read() as session:
            return _lead_times(session, period, _labels(session), self._clock.business_day())

    def field_shares(self, actor: Actor, period: Period) -> FieldShares:
        require(actor, Permission.VIEW_STATISTICS)
        with self._db.read() as session:
            return _field_shares(session, period)

    # -- the floor now ----------------------------------------------------------------

    def live_waits(self, actor: Actor) -> tuple[CategoryWait, ...]:
        """Each active category today: tickets waiting now, the longest wait, its level."""
        require(actor, Permission.VIEW_STATISTICS)
        now = self._clock.now()
        today = self._clock.business_day(now)
        with self._db.read() as session:
            categories = session.scalars(
                select(TicketCategory)
                .where(TicketCategory.active.is_(True))
                .order_by(TicketCategory.sort_order, TicketCategory.id)
            ).all()
            waiting = {
                category_id: (int(count), oldest)
                for category_id, count, oldest in session.execute(
                    select(Ticket.category_id, func.count(), func.min(Ticket.issued_at))
                    .where(
                        Ticket.business_day == today,
                        Ticket.status == TicketStatus.WAITING.value,
                    )
                    .group_by(Ticket.category_id)
                )
            }
        result = []
        for row in categories:
            count, oldest = waiting.get(row.id, (0, None))
            longest = None
            if oldest is not None:
                longest = round(max(0.0, (now - oldest).total_seconds() / 60), 1)
            level = WaitLevel.OK
            if longest is not None and longest > row.wait_limit_minutes:
                level = WaitLevel.RED
            elif longest is not None and longest > row.wait_target_minutes:
                level = WaitLevel.AMBER
            result.append(
                CategoryWait(
                    category_id=row.id,
                    label=row.name,
                    label_en=row.name_en,
                    prefix=row.prefix,
                    waiting=count,
                    longest_minutes=longest,
                    target_minutes=row.wait_target_minutes,
                    limit_minutes=row.wait_limit_minutes,
                    level=level,
                )
            )
        return tuple(result)

    # -- the month's report -----------------------------------------------------------

    def month_report(self, actor: Actor, year: int, month: int) -> MonthReport:
        require(actor, Permission.VIEW_STATISTICS)
        period = Period.month(year, month)
        previous = period.previous_month()
        today = self._clock.business_day()
        with self._db.read() as session:
            labels = _labels(session)

            def compared(grouping: Grouping) -> Comparison:
                return _compared(
                    grouping,
                    self._table(session, previous, grouping, labels),
                    self._table(session, period, grouping, labels),
                )

            return MonthReport(
                month=period,
                previous=previous,
                by_category=compared(Grouping.CATEGORY),
                by_department=compared(Grouping.DEPARTMENT),
                by_event=compared(Grouping.EVENT),
                by_certificate=self._table(session, period, Grouping.CERTIFICATE, labels),
                heatmap=_heatmap(session, period),
                daily_waits=_daily_waits(session, period, labels),
                lead_times=_lead_times(session, period, labels, today),
                fields=_field_shares(session, period),
                fields_previous=_field_shares(session, previous),
                municipality=settings.get_setting(session, settings.MUNICIPALITY_NAME) or "",
                generated_at=self._clock.now(),
            )

    # -- counting ---------------------------------------------------------------------

    def _table(
        self, session: Session, period: Period, grouping: Grouping, labels: _Labels
    ) -> StatsTable:
        measures = COLUMNS[grouping]
        wanted = set(measures)
        keyed = _Keys(grouping, self._catalog)
        rows: dict[str, dict[Measure, Value]] = defaultdict(lambda: _empty(measures))
        total = _empty(measures)
        tickets: dict[str, int] = defaultdict(int)  # per group, for "<3"
        if wanted & set(TICKET_MEASURES):
            part = TICKET_PARTS[grouping]
            per_group, all_tickets = _ticket_values(session, period, (part,))
            for (value,), (values, size) in per_group.items():
                key = _ticket_key(part, value)
                rows[key].update(values)
                tickets[key] = size
            total.update(all_tickets)
        if wanted & set(PROCEDURE_MEASURES):
            part = PROCEDURE_PARTS[grouping]
            counts = queries.procedure_counts(session, period, part)
            facts = queries.routing_facts(session, period, part)
            routing = {
                (_ticket_key(part, value),): counted
                for (value,), counted in _routing(facts, grouped=True).items()
            }
            visits = {}
            if grouping in (Grouping.EVENT, Grouping.DAY):
                visits = {
                    _ticket_key(part, k[0]): n
                    for k, n in queries.visit_counts(session, period, part).items()
                }
                for key in visits:
                    rows[key]  # a visit without procedures is still a visit of its group
            for (value,), (procedures, with_procedures) in counts.items():
                key = _ticket_key(part, value)
                visited = visits.get(key, with_procedures)
                counted = routing.get((key,), {})
                rows[key].update(_procedure_values(counted, procedures, visited))
            everything = _routing(facts, grouped=False).get((), {})
            all_procedures = sum(procedures for procedures, _ in counts.values())
            all_visits = queries.visit_counts(session, period, None).get((), 0)
            total.update(_procedure_values(everything, all_procedures, all_visits))
        if wanted & set(FORM_MEASURES):
            sums: dict[str, list[int]] = defaultdict(lambda: [0] * 6)
            by = {Grouping.DEPARTMENT: "procedures", Grouping.EVENT: "event"}.get(grouping, "day")
            for value, forms, fields in queries.form_sums(session, period, by):
                for key in keyed.form(value):
                    _add(sums[key], forms, fields)
                _add(sums["total"], forms, fields)
            for key, summed in sums.items():
                (total if key == "total" else rows[key]).update(_form_values(summed))
        if wanted & set(CERTIFICATE_MEASURES):
            by = {Grouping.CERTIFICATE: "kind", Grouping.WINDOW: "window"}.get(grouping, "day")
            for value, copies in read.certificate_copies(session, period, by):
                key = _certificate_key(by, value)
                rows[key][Measure.CERTIFICATES] += copies  # type: ignore[operator]
                total[Measure.CERTIFICATES] += copies  # type: ignore[operator]
            if grouping is Grouping.CERTIFICATE:  # the payments' lines, per kind
                for payment in read.payment_facts(session, period):
                    total[Measure.FEES_YEN] += payment.total_yen  # type: ignore[operator]
                    for kind_id, yen in payment.by_kind.items():
                        rows[kind_id][Measure.FEES_YEN] += yen  # type: ignore[operator]
            else:
                for value, yen in read.payment_sums(session, period, by):
                    key = _certificate_key(by, value)
                    rows[key][Measure.FEES_YEN] += yen  # type: ignore[operator]
                    total[Measure.FEES_YEN] += yen  # type: ignore[operator]
        if grouping is Grouping.CATEGORY:
            for category_id, (_, _, _, active) in labels.categories.items():
                if active:
                    rows[category_id]
        shown = []
        for key in sorted(rows, key=keyed.order(labels)):
            label, label_en = keyed.label(key, labels)
            small = _small_window(grouping, key, tickets.get(key, 0))
            values = dict.fromkeys(measures) if small else rows[key]
            shown.append(StatsRow(key, label, label_en, values, suppressed=small))
        return StatsTable(
            grouping=grouping,
            period=period,
            measures=measures,
            rows=tuple(shown),
            total=StatsRow("total", "合計", "Total", total),
        )


def _compared(grouping: Grouping, before: StatsTable, after: StatsTable) -> Comparison:
    return Comparison(grouping, _with_rows_of(before, after), _with_rows_of(after, before))


def _with_rows_of(table: StatsTable, other: StatsTable) -> StatsTable:
    """`table` with an empty row for each group only `other` has, in `other`'s order."""
    have = {row.key for row in table.rows}
    missing = [row for row in other.rows if row.key not in have]
    if not missing:
        return table
    empty = _empty(table.measures)
    added = [
        StatsRow(
            row.key,
            row.label,
            row.label_en,
            dict.fromkeys(table.measures) if _small_window(table.grouping, row.key, 0) else empty,
            suppressed=_small_window(table.grouping, row.key, 0),
        )
        for row in missing
    ]
    order = {row.key: i for i, row in enumerate(other.rows)}
    rows = sorted([*table.rows, *added], key=lambda r: (order.get(r.key, -1), r.key))
    return replace(table, rows=tuple(rows))


def _small_window(grouping: Grouping, key: str, tickets: int) -> bool:
    """A window's group of fewer than 3 tickets: shown as "<3" (not the tickets never
    called, which are nobody's desk)."""
    return grouping is Grouping.WINDOW and key != NO_WINDOW and tickets < SMALL_GROUP


def _labels(session: Session) -> _Labels:
    categories = {
        row.id: (row.name, row.name_en, row.sort_order, row.active)
        for row in session.scalars(select(TicketCategory))
    }
    departments = {
        row.id: (row.name, row.name_en, row.sort_order)
        for row in session.scalars(select(Department))
    }
    return _Labels(categories, departments)


# -- the measures of one group --------------------------------------------------------


def _empty(measures: tuple[Measure, ...]) -> dict[Measure, Value]:
    """A group with nothing counted yet: counts 0, times and shares None."""
    return {m: 0 if MEASURES[m].unit in (Unit.COUNT, Unit.YEN) else None for m in measures}


def _ticket_values(
    session: Session, period: Period, keys: tuple[str, ...]
) -> tuple[dict[tuple, tuple[dict[Measure, Value], int]], dict[Measure, Value]]:
    """Per group: its ticket measures and how many tickets it has; and the measures of all
    the period's tickets."""
    counts = queries.ticket_counts(session, period, keys)
    groups, everything = queries.ticket_percentiles(session, period, keys)
    every_count: dict[str, int] = defaultdict(int)
    result = {}
    nothing = ((None, None), (None, None))
    for key in counts.keys() | groups.keys():
        counted = counts.get(key, {})
        tickets = sum(n for status, n in counted.items() if status != ARRIVALS)
        result[key] = (_measured(counted, *groups.get(key, nothing)), tickets)
        for status, n in counted.items():
            every_count[status] += n
    return result, _measured(every_count, *everything)


def _measured(
    counted: dict[str, int], waits: Sequence[float | None], services: Sequence[float | None]
) -> dict[Measure, Value]:
    """The ticket measures of a group: its tickets per status and "arrivals" (tickets with
    a number), and its waits' and services' p50 and p90."""
    return {
        Measure.ISSUED: counted.get(ARRIVALS, 0),
        Measure.SERVED: counted.get(TicketStatus.DONE.value, 0),
        Measure.ABSENT: counted.get(TicketStatus.NO_SHOW.value, 0),
        Measure.CANCELLED: counted.get(TicketStatus.CANCELLED.value, 0),
        Measure.TRANSFERRED: counted.get(TicketStatus.TRANSFERRED.value, 0),
        Measure.WAIT_P50: rounded(waits[0]),
        Measure.WAIT_P90: rounded(waits[1]),
        Measure.SERVICE_P50: rounded(services[0]),
        Measure.SERVICE_P90: rounded(services[1]),
    }


def _ticket_key(part: str, value: object) -> str:
    """The key of a group as SQL gave it (a day may come back as a date or as text)."""
    match part:
        case "window":
            return NO_WINDOW if value is None else str(int(value))  # type: ignore[call-overload]
        case "hour":
            return f"{int(value):02d}"  # type: ignore[call-overload]
        case "weekday":
            return WEEKDAY_KEYS[_monday_first(value)]
        case "day":
            return queries.day_iso(value)
        case _:
            return str(value)


def _monday_first(sunday_first: object) -> int:
    """0 = Monday … 6 = Sunday, of SQL's 0 = Sunday … 6 = Saturday."""
    return (int(sunday_first) + 6) % 7  # type: ignore[call-overload]


def _routing(facts: list[tuple], *, grouped: bool) -> dict[tuple, dict]:
    """Per group of the routing facts' key (or all): procedures routed, decided with a due
    date and of those on time, returns, and the lead time's p50 and p90 in days."""
    groups: dict[tuple, list[tuple]] = defaultdict(list)
    for fact in facts:
        groups[(fact[0],) if grouped else ()].append(fact)
    result = {}
    for key, members in groups.items():
        leads = []
        due = on_time = routed = returns = 0
        for _key, _open, due_on, routed_at, decided_at, decided_on, back in members:
            returns += int(back or 0)
            if routed_at is None:
                continue
            routed += 1
            if decided_at is None:
                continue
            leads.append((decided_at - routed_at) / 86400.0)
            if due_on is not None:
                due += 1
                on_time += decided_on <= due_on
        leads.sort()
        result[key] = {
            "routed": routed,
            "decided_with_due": due,
            "on_time": on_time,
            "returns": returns,
            "lead_p50": percentile(leads, 0.5),
            "lead_p90": percentile(leads, 0.9),
        }
    return result


def _procedure_values(counted: dict, procedures: int, visits: int) -> dict[Measure, Value]:
    due = counted.get("decided_with_due", 0)
    return {
        Measure.VISITS: int(visits or 0),
        Measure.PROCEDURES: procedures,
        Measure.ROUTED: counted.get("routed", 0),
        Measure.LEAD_P50: rounded(counted.get("lead_p50")),
        Measure.LEAD_P90: rounded(counted.get("lead_p90")),
        Measure.ON_TIME: round(counted.get("on_time", 0) / due, 3) if due else None,
        Measure.RETURNS: counted.get("returns", 0),
    }


def _add(summed: list[int], forms: int, fields: list[int]) -> None:
    summed[0] += forms
    for index, value in enumerate(fields, start=1):
        summed[index] += value


def _form_values(summed: list[int]) -> dict[Measure, Value]:
    forms, records, clerk, computed, documents, resident = summed
    return {
        Measure.FORMS: forms,
        Measure.FIELDS_RECORDS: records,
        Measure.FIELDS_CLERK: clerk,
        Measure.FIELDS_COMPUTED: computed,
        Measure.FIELDS_DOCUMENTS: documents,
        Measure.FIELDS_RESIDENT: resident,
    }


def _field_shares(session: Session, period: Period) -> FieldShares:
    summed = [0] * 6
    for _all, forms, fields in queries.form_sums(session, period, None):
        _add(summed, forms, fields)
    _forms, records, clerk, computed, documents, resident = summed
    return FieldShares(records, clerk, computed, documents, resident)


# -- keys, labels and order of each grouping --------------------------------------------


def _window_key(window: int | None) -> str:
    return NO_WINDOW if window is None else str(window)


def _certificate_key(by: str, value) -> str:
    """The group of certificates or payments counted by kind, window or day."""
    if by == "window":
        return _window_key(value)
    return value.isoformat() if by == "day" else str(value)


class _Keys:
    """Which group a row belongs to under one grouping, and how the groups are named."""

    def __init__(self, grouping: Grouping, catalog: Catalog) -> None:
        self.grouping = grouping
        self.catalog = catalog

    def form(self, value: str) -> list[str]:
        """The groups of forms summed by `value`: the departments of a JSON list of
        procedures, or the event or day itself."""
        if self.grouping is Grouping.DEPARTMENT:
            return sorted(_form_departments(self.catalog, value))
        return [value]

    def order(self, labels: _Labels) -> Callable[[str], tuple]:
        catalog = self.catalog
        match self.grouping:
            case Grouping.CATEGORY:
                return lambda key: (labels.categories.get(key, ("", "", 1 << 30, False))[2], key)
            case Grouping.WINDOW:
                return lambda key: (key == NO_WINDOW, int(key) if key.isdigit() else 0, key)
            case Grouping.WEEKDAY:
                return lambda key: (WEEKDAY_KEYS.index(key), key)
            case Grouping.DEPARTMENT:
                return lambda key: (labels.departments.get(key, ("", "", 1 << 30))[2], key)
            case Grouping.PROCEDURE:
                index = {p.id: i for i, p in enumerate(catalog.procedures)}
                return lambda key: (index.get(key, 1 << 30), key)
            case Grouping.EVENT:
                index = {e.id: i for i, e in enumerate(catalog.life_events)}
                return lambda key: (index.get(key, 1 << 30), key)
            case Grouping.CERTIFICATE:
                index = {k.id: i for i, k in enumerate(catalog.certificates.kinds)}
                return lambda key: (index.get(key, 1 << 30), key)
            case _:
                return lambda key: (0, key)

    def label(self, key: str, labels: _Labels) -> tuple[str, str]:
        catalog = self.catalog
        match self.grouping:
            case Grouping.CATEGORY:
                named = labels.categories.get(key)
                return (named[0], named[1]) if named else (key, key)
            case Grouping.WINDOW:
                if key == NO_WINDOW:
                    return "窓口なし", "No window"
                return f"窓口{key}", f"Window {key}"
            case Grouping.HOUR:
                return f"{int(key)}時", f"{int(key)}:00"
            case Grouping.WEEKDAY:
                return WEEKDAY_LABELS[WEEKDAY_KEYS.index(key)]
            case Grouping.DAY:
                weekday = date.fromisoformat(key).weekday()
                ja, en = WEEKDAY_LABELS[weekday]
                return f"{key}（{ja}）", f"{key} ({en})"
            case Grouping.DEPARTMENT:
                department = labels.departments.get(key)
                return (department[0], department[1]) if department else (key, key)
            case Grouping.PROCEDURE:
                procedures = {p.id: p for p in catalog.procedures}
                procedure = procedures.get(key)
                return (procedure.name, procedure.name_en) if procedure else (key, key)
            case Grouping.EVENT:
                events = {e.id: e for e in catalog.life_events}
                event = events.get(key)
                return (event.name, event.name_en) if event else (key, key)
            case _:
                kinds = {k.id: k for k in catalog.certificates.kinds}
                kind = kinds.get(key)
                return (kind.name, kind.name_en) if kind else (key, key)


def _form_departments(catalog: Catalog, procedures: str) -> set[str]:
    """The departments a form serves: those owning its procedures (a shared form serves
    several and counts in each)."""
    owners = _owners(catalog)
    return {owners[p] for p in _procedure_ids(procedures) if p in owners}


@lru_cache(maxsize=4096)
def _procedure_ids(procedures: str) -> tuple[str, ...]:
    try:
        loaded = json.loads(procedures or "[]")
    except ValueError:
        return ()
    return tuple(str(p) for p in loaded) if isinstance(loaded, list) else ()


_OWNERS: dict[int, dict[str, str]] = {}


def _owners(catalog: Catalog) -> dict[str, str]:
    owners = _OWNERS.get(id(catalog))
    if owners is None:
        owners = {p.id: p.department for p in catalog.procedures}
        _OWNERS.clear()
        _OWNERS[id(catalog)] = owners
    return owners


# -- the charts ------------------------------------------------------------------------


def _heatmap(session: Session, period: Period) -> tuple[HeatCell, ...]:
    """Arrivals per hour × weekday, as a mean over the days of that weekday the office
    issued tickets on, and the median wait of the tickets issued in that hour."""
    open_days: dict[int, int] = defaultdict(int)
    for weekday, _day in queries.ticket_days(session, period):
        open_days[_monday_first(weekday)] += 1
    counts = queries.ticket_counts(session, period, ("weekday", "hour"))
    waited, _ = queries.ticket_percentiles(session, period, ("weekday", "hour"), (0.5,))
    arrivals = {(_monday_first(w), int(h)): c[ARRIVALS] for (w, h), c in counts.items()}
    medians = {(_monday_first(w), int(h)): wait[0] for (w, h), (wait, _) in waited.items()}
    hours = {FIRST_HOUR, LAST_HOUR} | {hour for _, hour in arrivals} | {h for _, h in medians}
    weekdays = sorted({0, 1, 2, 3, 4} | set(open_days))
    cells = []
    for weekday in weekdays:
        days = open_days.get(weekday, 0)
        for hour in range(min(hours), max(hours) + 1):
            cells.append(
                HeatCell(
                    weekday=weekday,
                    hour=hour,
                    arrivals=round(arrivals.get((weekday, hour), 0) / days, 2) if days else 0.0,
                    wait_p50=rounded(medians.get((weekday, hour))),
                )
            )
    return tuple(cells)


def _daily_waits(session: Session, period: Period, labels: _Labels) -> tuple[DailyWait, ...]:
    days = sorted({date.fromisoformat(day[:10]) for _, day in queries.ticket_days(session, period)})
    categories = {str(k[0]) for k in queries.ticket_counts(session, period, ("category",))}
    waited, _ = queries.ticket_percentiles(session, period, ("category", "day"))
    by_category: dict[str, dict[date, Sequence]] = defaultdict(dict)
    for (category_id, day), (wait, _) in waited.items():
        by_category[str(category_id)][date.fromisoformat(day)] = wait

    def order(category_id: str) -> tuple:
        return (labels.categories.get(category_id, ("", "", 1 << 30, False))[2], category_id)

    result = []
    for category_id in sorted(categories, key=order):
        named = labels.categories.get(category_id)
        label, label_en = (named[0], named[1]) if named else (category_id, category_id)
        per_day = by_category.get(category_id, {})
        series = tuple(
            (
                day,
                rounded(per_day.get(day, [None, None])[0]),
                rounded(per_day.get(day, [None, None])[1]),
            )
            for day in days
        )
        result.append(DailyWait(category_id, label, label_en, series))
    return tuple(result)


def _lead_times(
    session: Session, period: Period, labels: _Labels, today: date
) -> tuple[LeadTime, ...]:
    facts = queries.routing_facts(session, period, "department")
    counted = _routing(facts, grouped=True)
    extra: dict[str, dict] = defaultdict(lambda: {"decided": 0, "late_open": 0, "dues": []})
    for department, still_open, due_on, routed_at, decided_at, _on, _r in facts:
        if routed_at is None:
            continue
        more = extra[department]
        more["decided"] += decided_at is not None
        if due_on is not None:
            due = queries.day_of(due_on)
            more["late_open"] += bool(still_open) and due < today
            routed_on = datetime.fromtimestamp(routed_at, LOCAL_ZONE).date()
            more["dues"].append(float((due - routed_on).days))

    def order(department_id: str) -> tuple:
        return (labels.departments.get(department_id, ("", "", 1 << 30))[2], department_id)

    result = []
    routed_departments = [str(k[0]) for k, c in counted.items() if c.get("routed")]
    for department_id in sorted(routed_departments, key=order):
        values = _procedure_values(counted[(department_id,)], 0, 0)
        more = extra.get(department_id, {})
        named = labels.departments.get(department_id)
        label, label_en = (named[0], named[1]) if named else (department_id, department_id)
        result.append(
            LeadTime(
                department_id=department_id,
                label=label,
                label_en=label_en,
                routed=int(values[Measure.ROUTED] or 0),
                decided=int(more.get("decided", 0)),  # type: ignore[call-overload]
                lead_p50=values[Measure.LEAD_P50],  # type: ignore[arg-type]
                lead_p90=values[Measure.LEAD_P90],  # type: ignore[arg-type]
                due_days_p50=rounded(percentile(sorted(more.get("dues", [])), 0.5)),
                on_time=values[Measure.ON_TIME],  # type: ignore[arg-type]
                late_open=int(more.get("late_open", 0)),  # type: ignore[call-overload]
            )
        )
    return tuple(result)
