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

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
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
from ..visits import OPEN_STATUSES
from . import facts as read
from .model import (
    CERTIFICATE_MEASURES,
    COLUMNS,
    FORM_MEASURES,
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
    Value,
    WaitLevel,
)
from .percentiles import percentile, rounded

__all__ = ["NO_WINDOW", "StatsService"]

NO_WINDOW = "-"  # tickets never called, certificates issued without a window number
WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
FIRST_HOUR, LAST_HOUR = 8, 17  # the heat map's hours at least (local)
OPEN_STATUS_VALUES = frozenset(s.value for s in OPEN_STATUSES)
DAY_SECONDS = 86400.0


@dataclass
class _Facts:
    """What one period's statistics are counted from (read once, counted many ways)."""

    period: Period
    tickets: list[read.TicketFact] = field(default_factory=list)
    visits: list[read.VisitFact] = field(default_factory=list)
    procedures: list[read.ProcedureFact] = field(default_factory=list)
    forms: list[read.FormFact] = field(default_factory=list)
    certificates: list[read.CertificateFact] = field(default_factory=list)
    payments: list[read.PaymentFact] = field(default_factory=list)


@dataclass(frozen=True)
class _Labels:
    categories: dict[str, tuple[str, str, int, bool]]  # id -> (name, name_en, order, active)
    departments: dict[str, tuple[str, str, int]]


@dataclass
class _Bucket:
    tickets: list[read.TicketFact] = field(default_factory=list)
    procedures: list[read.ProcedureFact] = field(default_factory=list)
    visits: set[int] = field(default_factory=set)
    forms: list[read.FormFact] = field(default_factory=list)
    copies: int = 0
    fees: int = 0


class StatsService:
    def __init__(self, db: Database, catalog: Catalog, *, clock: Clock = SYSTEM_CLOCK) -> None:
        self._db = db
        self._catalog = catalog
        self._clock = clock

    # -- tables -----------------------------------------------------------------------

    def table(self, actor: Actor, period: Period, grouping: Grouping) -> StatsTable:
        require(actor, Permission.VIEW_STATISTICS)
        facts, labels = self._read(period, _families(COLUMNS[grouping]))
        return self._table(facts, labels, grouping)

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
        facts, _ = self._read(period, {"tickets"})
        return _heatmap(facts.tickets)

    def daily_waits(self, actor: Actor, period: Period) -> tuple[DailyWait, ...]:
        require(actor, Permission.VIEW_STATISTICS)
        facts, labels = self._read(period, {"tickets"})
        return _daily_waits(facts.tickets, labels)

    def lead_times(self, actor: Actor, period: Period) -> tuple[LeadTime, ...]:
        require(actor, Permission.VIEW_STATISTICS)
        facts, labels = self._read(period, {"procedures"})
        return _lead_times(facts.procedures, labels, self._clock.business_day())

    def field_shares(self, actor: Actor, period: Period) -> FieldShares:
        require(actor, Permission.VIEW_STATISTICS)
        facts, _ = self._read(period, {"forms"})
        return _field_shares(facts.forms)

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
        everything = {"tickets", "visits", "procedures", "forms", "certificates"}
        now_facts, labels = self._read(period, everything)
        old_facts, _ = self._read(previous, everything)

        def compared(grouping: Grouping) -> Comparison:
            return _compared(
                grouping,
                self._table(old_facts, labels, grouping),
                self._table(now_facts, labels, grouping),
            )

        with self._db.read() as session:
            municipality = settings.get_setting(session, settings.MUNICIPALITY_NAME) or ""
        return MonthReport(
            month=period,
            previous=previous,
            by_category=compared(Grouping.CATEGORY),
            by_department=compared(Grouping.DEPARTMENT),
            by_event=compared(Grouping.EVENT),
            by_certificate=self._table(now_facts, labels, Grouping.CERTIFICATE),
            heatmap=_heatmap(now_facts.tickets),
            daily_waits=_daily_waits(now_facts.tickets, labels),
            lead_times=_lead_times(now_facts.procedures, labels, self._clock.business_day()),
            fields=_field_shares(now_facts.forms),
            fields_previous=_field_shares(old_facts.forms),
            municipality=municipality,
            generated_at=self._clock.now(),
        )

    # -- reading and counting ---------------------------------------------------------

    def _read(self, period: Period, families: set[str]) -> tuple[_Facts, _Labels]:
        facts = _Facts(period)
        with self._db.read() as session:
            if "tickets" in families:
                facts.tickets = read.ticket_facts(session, period)
            if "visits" in families:
                facts.visits = read.visit_facts(session, period)
            if "procedures" in families:
                facts.procedures = read.procedure_facts(session, period)
            if "forms" in families:
                facts.forms = read.form_facts(session, period)
            if "certificates" in families:
                facts.certificates = read.certificate_facts(session, period)
                facts.payments = read.payment_facts(session, period)
            labels = _labels(session)
        return facts, labels

    def _table(self, facts: _Facts, labels: _Labels, grouping: Grouping) -> StatsTable:
        measures = COLUMNS[grouping]
        keyed = _Keys(grouping, self._catalog)
        buckets: dict[str, _Bucket] = defaultdict(_Bucket)
        total = _Bucket()
        if set(measures) & set(TICKET_MEASURES):
            total.tickets = facts.tickets
            for ticket in facts.tickets:
                buckets[keyed.ticket(ticket)].tickets.append(ticket)
        if set(measures) & set(PROCEDURE_MEASURES):
            total.procedures = facts.procedures
            total.visits = {v.visit_id for v in facts.visits}
            for procedure in facts.procedures:
                bucket = buckets[keyed.procedure(procedure)]
                bucket.procedures.append(procedure)
                if grouping in (Grouping.DEPARTMENT, Grouping.PROCEDURE):
                    bucket.visits.add(procedure.visit_id)
            if grouping in (Grouping.EVENT, Grouping.DAY):
                for visit in facts.visits:
                    buckets[keyed.visit(visit)].visits.add(visit.visit_id)
        if set(measures) & set(FORM_MEASURES):
            total.forms = facts.forms
            for form in facts.forms:
                for key in keyed.form(form):
                    buckets[key].forms.append(form)
        if set(measures) & set(CERTIFICATE_MEASURES):
            for certificate in facts.certificates:
                buckets[keyed.certificate(certificate)].copies += certificate.copies
                total.copies += certificate.copies
            for payment in facts.payments:
                total.fees += payment.total_yen
                if grouping is Grouping.CERTIFICATE:
                    for kind_id, yen in payment.by_kind.items():
                        buckets[kind_id].fees += yen
                else:
                    buckets[keyed.payment(payment)].fees += payment.total_yen
        if grouping is Grouping.CATEGORY:
            for category_id, (_, _, _, active) in labels.categories.items():
                if active:
                    buckets.setdefault(category_id, _Bucket())
        rows = []
        for key in sorted(buckets, key=keyed.order(labels)):
            bucket = buckets[key]
            label, label_en = keyed.label(key, labels)
            small = (
                grouping is Grouping.WINDOW
                and key != NO_WINDOW
                and len(bucket.tickets) < SMALL_GROUP
            )
            values: dict[Measure, Value] = (
                dict.fromkeys(measures) if small else _values(bucket, measures)
            )
            rows.append(StatsRow(key, label, label_en, values, suppressed=small))
        return StatsTable(
            grouping=grouping,
            period=facts.period,
            measures=measures,
            rows=tuple(rows),
            total=StatsRow("total", "合計", "Total", _values(total, measures)),
        )


def _compared(grouping: Grouping, before: StatsTable, after: StatsTable) -> Comparison:
    return Comparison(grouping, _with_rows_of(before, after), _with_rows_of(after, before))


def _with_rows_of(table: StatsTable, other: StatsTable) -> StatsTable:
    """`table` with an empty row for each group only `other` has, in `other`'s order."""
    have = {row.key for row in table.rows}
    missing = [row for row in other.rows if row.key not in have]
    if not missing:
        return table
    empty = _values(_Bucket(), table.measures)
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


def _families(measures: Iterable[Measure]) -> set[str]:
    wanted = set(measures)
    families = set()
    if wanted & set(TICKET_MEASURES):
        families.add("tickets")
    if wanted & set(PROCEDURE_MEASURES):
        families |= {"visits", "procedures"}
    if wanted & set(FORM_MEASURES):
        families.add("forms")
    if wanted & set(CERTIFICATE_MEASURES):
        families.add("certificates")
    return families


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


def _values(bucket: _Bucket, measures: tuple[Measure, ...]) -> dict:
    values: dict[Measure, Value] = {}
    wanted = set(measures)
    if wanted & set(TICKET_MEASURES):
        values.update(_ticket_values(bucket.tickets))
    if wanted & set(PROCEDURE_MEASURES):
        values.update(_procedure_values(bucket.procedures, len(bucket.visits)))
    if wanted & set(FORM_MEASURES):
        values.update(_form_values(bucket.forms))
    if wanted & set(CERTIFICATE_MEASURES):
        values[Measure.CERTIFICATES] = bucket.copies
        values[Measure.FEES_YEN] = bucket.fees
    return {m: values.get(m) for m in measures}


def waits(tickets: Iterable[read.TicketFact]) -> list[float]:
    """Minutes from issue to the first call, of the tickets that were called, sorted."""
    return sorted((t.called - t.issued) / 60 for t in tickets if t.called is not None)


def _ticket_values(tickets: list[read.TicketFact]) -> dict[Measure, Value]:
    statuses: dict[str, int] = defaultdict(int)
    issued = 0
    services = []
    for ticket in tickets:
        statuses[ticket.status] += 1
        issued += ticket.arrival
        if (
            ticket.status == TicketStatus.DONE.value
            and ticket.started is not None
            and ticket.finished is not None
        ):
            services.append((ticket.finished - ticket.started) / 60)
    waited = waits(tickets)
    services.sort()
    return {
        Measure.ISSUED: issued,
        Measure.SERVED: statuses[TicketStatus.DONE.value],
        Measure.ABSENT: statuses[TicketStatus.NO_SHOW.value],
        Measure.CANCELLED: statuses[TicketStatus.CANCELLED.value],
        Measure.TRANSFERRED: statuses[TicketStatus.TRANSFERRED.value],
        Measure.WAIT_P50: rounded(percentile(waited, 0.5)),
        Measure.WAIT_P90: rounded(percentile(waited, 0.9)),
        Measure.SERVICE_P50: rounded(percentile(services, 0.5)),
        Measure.SERVICE_P90: rounded(percentile(services, 0.9)),
    }


def _decided_on_time(procedure: read.ProcedureFact) -> bool | None:
    """Decided on or before its due date (local date); None when it has no due date or
    is not decided."""
    if procedure.decided is None or procedure.due_on is None:
        return None
    return _local_date(procedure.decided) <= procedure.due_on


def _procedure_values(procedures: list[read.ProcedureFact], visits: int) -> dict[Measure, Value]:
    routed = [p for p in procedures if p.routed is not None]
    leads = sorted(
        (p.decided - p.routed) / DAY_SECONDS
        for p in routed
        if p.decided is not None and p.routed is not None
    )
    timely = [on for p in routed if (on := _decided_on_time(p)) is not None]
    return {
        Measure.VISITS: visits,
        Measure.PROCEDURES: len(procedures),
        Measure.ROUTED: len(routed),
        Measure.LEAD_P50: rounded(percentile(leads, 0.5)),
        Measure.LEAD_P90: rounded(percentile(leads, 0.9)),
        Measure.ON_TIME: round(sum(timely) / len(timely), 3) if timely else None,
        Measure.RETURNS: sum(p.returns for p in procedures),
    }


def _form_values(forms: list[read.FormFact]) -> dict[Measure, Value]:
    shares = _field_shares(forms)
    return {
        Measure.FORMS: len(forms),
        Measure.FIELDS_RECORDS: shares.records,
        Measure.FIELDS_CLERK: shares.clerk,
        Measure.FIELDS_COMPUTED: shares.computed,
        Measure.FIELDS_DOCUMENTS: shares.documents,
        Measure.FIELDS_RESIDENT: shares.resident,
    }


def _field_shares(forms: Iterable[read.FormFact]) -> FieldShares:
    counted: dict[str, int] = defaultdict(int)
    for form in forms:
        for source, fields in form.fields.items():
            counted[source] += fields
    return FieldShares(
        records=counted["records"],
        clerk=counted["clerk"],
        computed=counted["computed"],
        documents=counted["document"],
        resident=counted["resident"],
    )


# -- keys, labels and order of each grouping --------------------------------------------


@lru_cache(maxsize=65536)
def _local(epoch: float) -> datetime:
    return datetime.fromtimestamp(epoch, LOCAL_ZONE)


def _local_date(epoch: float) -> date:
    return _local(epoch).date()


def local_hour(epoch: float) -> int:
    return _local(epoch).hour


def _window_key(window: int | None) -> str:
    return NO_WINDOW if window is None else str(window)


class _Keys:
    """Which group a fact belongs to under one grouping, and how the groups are named."""

    def __init__(self, grouping: Grouping, catalog: Catalog) -> None:
        self.grouping = grouping
        self.catalog = catalog

    def ticket(self, ticket: read.TicketFact) -> str:
        match self.grouping:
            case Grouping.CATEGORY:
                return ticket.category_id
            case Grouping.WINDOW:
                return _window_key(ticket.window)
            case Grouping.HOUR:
                return f"{local_hour(ticket.issued):02d}"
            case Grouping.WEEKDAY:
                return WEEKDAY_KEYS[ticket.day.weekday()]
            case _:
                return ticket.day.isoformat()

    def procedure(self, procedure: read.ProcedureFact) -> str:
        match self.grouping:
            case Grouping.DEPARTMENT:
                return procedure.department_id
            case Grouping.PROCEDURE:
                return procedure.procedure_id
            case Grouping.EVENT:
                return procedure.event
            case _:
                return procedure.day.isoformat()

    def visit(self, visit: read.VisitFact) -> str:
        return visit.event if self.grouping is Grouping.EVENT else visit.day.isoformat()

    def form(self, form: read.FormFact) -> list[str]:
        match self.grouping:
            case Grouping.DEPARTMENT:
                return sorted(_form_departments(self.catalog, form.procedures))
            case Grouping.EVENT:
                return [form.event]
            case _:
                return [form.day.isoformat()]

    def certificate(self, certificate: read.CertificateFact) -> str:
        match self.grouping:
            case Grouping.CERTIFICATE:
                return certificate.kind_id
            case Grouping.WINDOW:
                return _window_key(certificate.window)
            case _:
                return certificate.day.isoformat()

    def payment(self, payment: read.PaymentFact) -> str:
        if self.grouping is Grouping.WINDOW:
            return _window_key(payment.window)
        return payment.day.isoformat()

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


def _form_departments(catalog: Catalog, procedures: tuple[str, ...]) -> set[str]:
    """The departments a form serves: those owning its procedures (a shared form serves
    several and counts in each)."""
    owners = _owners(catalog)
    return {owners[p] for p in procedures if p in owners}


_OWNERS: dict[int, dict[str, str]] = {}


def _owners(catalog: Catalog) -> dict[str, str]:
    owners = _OWNERS.get(id(catalog))
    if owners is None:
        owners = {p.id: p.department for p in catalog.procedures}
        _OWNERS.clear()
        _OWNERS[id(catalog)] = owners
    return owners


# -- the charts ------------------------------------------------------------------------


def _heatmap(tickets: list[read.TicketFact]) -> tuple[HeatCell, ...]:
    """Arrivals per hour × weekday, as a mean over the days of that weekday the office
    issued tickets on, and the median wait of the tickets issued in that hour."""
    open_days: dict[int, set[date]] = defaultdict(set)
    arrivals: dict[tuple[int, int], int] = defaultdict(int)
    waited: dict[tuple[int, int], list[float]] = defaultdict(list)
    hours = {FIRST_HOUR, LAST_HOUR}
    for ticket in tickets:
        weekday = ticket.day.weekday()
        hour = local_hour(ticket.issued)
        hours.add(hour)
        open_days[weekday].add(ticket.day)
        if ticket.arrival:
            arrivals[weekday, hour] += 1
        if ticket.called is not None:
            waited[weekday, hour].append((ticket.called - ticket.issued) / 60)
    weekdays = sorted({0, 1, 2, 3, 4} | set(open_days))
    cells = []
    for weekday in weekdays:
        days = len(open_days[weekday])
        for hour in range(min(hours), max(hours) + 1):
            cell_waits = sorted(waited.get((weekday, hour), ()))
            cells.append(
                HeatCell(
                    weekday=weekday,
                    hour=hour,
                    arrivals=round(arrivals[weekday, hour] / days, 2) if days else 0.0,
                    wait_p50=rounded(percentile(cell_waits, 0.5)),
                )
            )
    return tuple(cells)


def _daily_waits(tickets: list[read.TicketFact], labels: _Labels) -> tuple[DailyWait, ...]:
    days = sorted({t.day for t in tickets})
    by_category: dict[str, dict[date, list[float]]] = defaultdict(lambda: defaultdict(list))
    for ticket in tickets:
        per_day = by_category[ticket.category_id]
        if ticket.called is not None:
            per_day[ticket.day].append((ticket.called - ticket.issued) / 60)
        else:
            per_day.setdefault(ticket.day, [])
    result = []

    def order(category_id: str) -> tuple:
        return (labels.categories.get(category_id, ("", "", 1 << 30, False))[2], category_id)

    for category_id in sorted(by_category, key=order):
        named = labels.categories.get(category_id)
        label, label_en = (named[0], named[1]) if named else (category_id, category_id)
        per_day = by_category[category_id]
        series = []
        for day in days:
            day_waits = sorted(per_day.get(day, ()))
            series.append(
                (
                    day,
                    rounded(percentile(day_waits, 0.5)),
                    rounded(percentile(day_waits, 0.9)),
                )
            )
        result.append(DailyWait(category_id, label, label_en, tuple(series)))
    return tuple(result)


def _lead_times(
    procedures: list[read.ProcedureFact], labels: _Labels, today: date
) -> tuple[LeadTime, ...]:
    by_department: dict[str, list[read.ProcedureFact]] = defaultdict(list)
    for procedure in procedures:
        if procedure.routed is not None:
            by_department[procedure.department_id].append(procedure)

    def order(department_id: str) -> tuple:
        return (labels.departments.get(department_id, ("", "", 1 << 30))[2], department_id)

    result = []
    for department_id in sorted(by_department, key=order):
        routed = by_department[department_id]
        values = _procedure_values(routed, 0)
        dues = sorted(
            float((p.due_on - _local_date(p.routed)).days)
            for p in routed
            if p.due_on is not None and p.routed is not None
        )
        named = labels.departments.get(department_id)
        label, label_en = (named[0], named[1]) if named else (department_id, department_id)
        result.append(
            LeadTime(
                department_id=department_id,
                label=label,
                label_en=label_en,
                routed=len(routed),
                decided=sum(1 for p in routed if p.decided is not None),
                lead_p50=values[Measure.LEAD_P50],  # type: ignore[arg-type]
                lead_p90=values[Measure.LEAD_P90],  # type: ignore[arg-type]
                due_days_p50=rounded(percentile(dues, 0.5)),
                on_time=values[Measure.ON_TIME],  # type: ignore[arg-type]
                late_open=sum(
                    1
                    for p in routed
                    if p.status in OPEN_STATUS_VALUES and p.due_on is not None and p.due_on < today
                ),
            )
        )
    return tuple(result)
