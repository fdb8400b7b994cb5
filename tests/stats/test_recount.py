"""Every figure of every grouping equals a recount written here, over the raw rows (the
ORM's rows, not counter_app.stats), on SQLite and PostgreSQL: a week of a small office
built through the real services, with a ticket issued at 23:30 UTC (the next business day
in Tokyo) and one served across lunch."""

from __future__ import annotations

import json
import statistics
from collections import defaultdict
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, text

from counter_app.db.models import (
    CertificateIssue,
    FeePayment,
    FeeVoid,
    ProcedureAction,
    Ticket,
    TicketCategory,
    Visit,
    VisitForm,
    VisitProcedure,
)
from counter_app.errors import CounterAppError, ErrorCode
from counter_app.permissions import Actor, RoleCode, console_actor
from counter_app.queue.tickets import TicketService
from counter_app.stats.export import to_text
from counter_app.stats.model import COLUMNS, Grouping, Measure, Period, WaitLevel
from tests.helpers import open_app
from tests.stats.office import FLOOR, build_office

TOKYO = ZoneInfo("Asia/Tokyo")
CONSOLE = console_actor("TEST-01")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
TOLERANCE = 0.051  # the service rounds minutes and days to 0.1


@pytest.fixture
def office(database_url):
    app = open_app(database_url)
    yield build_office(app)
    app.close()


def p(values: list[float], q: int) -> float | None:
    """The q-th percentile, inclusive method (linear between closest ranks)."""
    values = sorted(values)
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def minutes(later: datetime, earlier: datetime) -> float:
    return (later - earlier).total_seconds() / 60


def recount(app, period: Period, grouping: Grouping) -> dict[str, dict[Measure, object]]:
    """Every group's figures, counted here from the rows (key "total": all of them)."""
    with app.db.read() as s:
        tickets = [
            t for t in s.scalars(select(Ticket)) if period.first <= t.business_day <= period.last
        ]
        visits = {
            v.id: v
            for v in s.scalars(select(Visit))
            if period.first <= v.business_day <= period.last
        }
        procedures = [
            vp
            for vp in s.scalars(select(VisitProcedure))
            if vp.visit_id in visits and vp.status != "cancelled"
        ]
        actions = defaultdict(list)
        for action in s.scalars(select(ProcedureAction).order_by(ProcedureAction.at)):
            actions[action.visit_procedure_id].append(action)
        forms = [
            f
            for f in s.scalars(select(VisitForm))
            if f.visit_id in visits and f.printed_at is not None
        ]
        voided = set(s.scalars(select(FeeVoid.payment_id)))
        issues = [
            c
            for c in s.scalars(select(CertificateIssue))
            if period.first <= c.business_day <= period.last and c.payment_id not in voided
        ]
        payments = [
            f
            for f in s.scalars(select(FeePayment))
            if period.first <= f.business_day <= period.last and f.id not in voided
        ]
        departments = {p.id: p.department for p in app.catalog.procedures}
        active = [
            c.id for c in s.scalars(select(TicketCategory).where(TicketCategory.active.is_(True)))
        ]

    def window(n):
        return "-" if n is None else str(n)

    def ticket_key(t):
        match grouping:
            case Grouping.CATEGORY:
                return t.category_id
            case Grouping.WINDOW:
                return window(t.window_number)
            case Grouping.HOUR:
                return f"{t.issued_at.astimezone(TOKYO).hour:02d}"
            case Grouping.WEEKDAY:
                return WEEKDAYS[t.issued_at.astimezone(TOKYO).weekday()]
            case _:
                return t.issued_at.astimezone(TOKYO).date().isoformat()

    groups: dict[str, dict] = defaultdict(lambda: defaultdict(list))
    measures = COLUMNS[grouping]
    if Measure.ISSUED in measures:
        for t in tickets:
            for key in (ticket_key(t), "total"):
                groups[key]["tickets"].append(t)
        if grouping is Grouping.CATEGORY:
            for c in active:
                groups[c].setdefault("tickets", [])
    if Measure.VISITS in measures:
        for vp in procedures:
            visit = visits[vp.visit_id]
            key = {
                Grouping.DEPARTMENT: vp.department_id,
                Grouping.PROCEDURE: vp.procedure_id,
                Grouping.EVENT: visit.event_type,
                Grouping.DAY: visit.business_day.isoformat(),
            }[grouping]
            groups[key]["procedures"].append(vp)
            groups["total"]["procedures"].append(vp)
            if grouping in (Grouping.DEPARTMENT, Grouping.PROCEDURE):
                groups[key]["visits"].append(vp.visit_id)
        for visit in visits.values():
            groups["total"]["visits"].append(visit.id)
            if grouping is Grouping.EVENT:
                groups[visit.event_type]["visits"].append(visit.id)
            elif grouping is Grouping.DAY:
                groups[visit.business_day.isoformat()]["visits"].append(visit.id)
    if Measure.FORMS in measures:
        for form in forms:
            visit = visits[form.visit_id]
            if grouping is Grouping.DEPARTMENT:
                keys = {departments[p] for p in json.loads(form.procedures) if p in departments}
            elif grouping is Grouping.EVENT:
                keys = {visit.event_type}
            else:
                keys = {visit.business_day.isoformat()}
            for key in [*keys, "total"]:
                groups[key]["forms"].append(form)
    if Measure.CERTIFICATES in measures:
        for issue in issues:
            key = {
                Grouping.CERTIFICATE: issue.kind_id,
                Grouping.WINDOW: window(issue.window),
                Grouping.DAY: issue.business_day.isoformat(),
            }[grouping]
            for k in (key, "total"):
                groups[k]["copies"].append(1)
        for payment in payments:
            groups["total"]["fees"].append(payment.total_yen)
            if grouping is Grouping.CERTIFICATE:
                for line in json.loads(payment.lines):
                    groups[line["kind_id"]]["fees"].append(line["amount_yen"])
            else:
                key = (
                    window(payment.window)
                    if grouping is Grouping.WINDOW
                    else payment.business_day.isoformat()
                )
                groups[key]["fees"].append(payment.total_yen)

    result = {}
    for key, group in groups.items():
        figures: dict[Measure, object] = {}
        ts = group.get("tickets", [])
        if Measure.ISSUED in measures:
            waits = [minutes(t.called_at, t.issued_at) for t in ts if t.called_at]
            services = [minutes(t.finished_at, t.started_at) for t in ts if t.status == "done"]
            figures |= {
                Measure.ISSUED: sum(1 for t in ts if t.number is not None),
                Measure.SERVED: sum(1 for t in ts if t.status == "done"),
                Measure.ABSENT: sum(1 for t in ts if t.status == "no_show"),
                Measure.CANCELLED: sum(1 for t in ts if t.status == "cancelled"),
                Measure.TRANSFERRED: sum(1 for t in ts if t.status == "transferred"),
                Measure.WAIT_P50: p(waits, 50),
                Measure.WAIT_P90: p(waits, 90),
                Measure.SERVICE_P50: p(services, 50),
                Measure.SERVICE_P90: p(services, 90),
            }
            if grouping is Grouping.WINDOW and key not in ("-", "total") and len(ts) < 3:
                figures = {m: None for m in measures}
                result[key] = figures
                continue
        if Measure.VISITS in measures:
            vps = group.get("procedures", [])
            leads, on_time = [], []
            routed = 0
            for vp in vps:
                log = actions[vp.id]
                routed_at = next((a.at for a in log if a.action == "routed"), None)
                decided_at = next((a.at for a in log if a.action in ("approved", "rejected")), None)
                if routed_at is None:
                    continue
                routed += 1
                if decided_at is not None:
                    leads.append((decided_at - routed_at).total_seconds() / 86400)
                    if vp.due_on is not None:
                        on_time.append(decided_at.astimezone(TOKYO).date() <= vp.due_on)
            figures |= {
                Measure.VISITS: len(set(group.get("visits", []))),
                Measure.PROCEDURES: len(vps),
                Measure.ROUTED: routed,
                Measure.LEAD_P50: p(leads, 50),
                Measure.LEAD_P90: p(leads, 90),
                Measure.ON_TIME: sum(on_time) / len(on_time) if on_time else None,
                Measure.RETURNS: sum(
                    1 for vp in vps for a in actions[vp.id] if a.action == "returned"
                ),
            }
        if Measure.FORMS in measures:
            sources = defaultdict(int)
            for form in group.get("forms", []):
                for field in json.loads(form.fields):
                    sources[field["source"]] += 1
            figures |= {
                Measure.FORMS: len(group.get("forms", [])),
                Measure.FIELDS_RECORDS: sources["records"],
                Measure.FIELDS_CLERK: sources["clerk"],
                Measure.FIELDS_COMPUTED: sources["computed"],
                Measure.FIELDS_DOCUMENTS: sources["document"],
                Measure.FIELDS_RESIDENT: sources["resident"],
            }
        if Measure.CERTIFICATES in measures:
            figures |= {
                Measure.CERTIFICATES: len(group.get("copies", [])),
                Measure.FEES_YEN: sum(group.get("fees", [])),
            }
        result[key] = {m: figures.get(m) for m in measures}
    return result


def assert_same(got: dict, expected: dict, where: str) -> None:
    for measure, value in expected.items():
        actual = got[measure]
        if value is None or actual is None:
            assert actual == value, f"{where} {measure}: {actual} != {value}"
        elif isinstance(value, float) or isinstance(actual, float):
            assert abs(actual - value) <= TOLERANCE, f"{where} {measure}: {actual} != {value}"
        else:
            assert actual == value, f"{where} {measure}: {actual} != {value}"


@pytest.mark.parametrize("grouping", list(Grouping))
def test_every_figure_equals_the_recount(office, grouping):
    table = office.stats.table(CONSOLE, office.period, grouping)
    expected = recount(office.app, office.period, grouping)
    rows = {row.key: row for row in table.rows}
    assert set(rows) | {"total"} == set(expected), grouping
    assert table.measures == COLUMNS[grouping]
    for key, row in rows.items():
        assert_same(row.values, expected[key], f"{grouping}/{key}")
    assert_same(table.total.values, expected["total"], f"{grouping}/total")


def test_the_tokyo_day_boundary_and_lunch(office):
    """23:30 UTC on Tuesday is Wednesday 08:30 in Tokyo; おくやみ served 11:55 → 13:25."""
    by_day = office.stats.table(CONSOLE, office.period, Grouping.DAY)
    days = [row.key for row in by_day.rows]
    assert days == [(office.period.first + timedelta(days=n)).isoformat() for n in range(5)]
    category = {
        r.key: r for r in office.stats.table(CONSOLE, office.period, Grouping.CATEGORY).rows
    }
    okuyami = category["okuyami"].values
    assert okuyami[Measure.ISSUED] == 1 and okuyami[Measure.SERVED] == 1
    assert okuyami[Measure.SERVICE_P50] == 90.0  # lunch is inside the service: counted whole
    wednesday = Period(date(2026, 12, 2), date(2026, 12, 2))
    only = {r.key: r for r in office.stats.table(CONSOLE, wednesday, Grouping.CATEGORY).rows}
    assert only["okuyami"].values[Measure.ISSUED] == 1
    tuesday = Period(date(2026, 12, 1), date(2026, 12, 1))
    assert {r.key: r for r in office.stats.table(CONSOLE, tuesday, Grouping.CATEGORY).rows}[
        "okuyami"
    ].values[Measure.ISSUED] == 0
    # 200 minutes from 08:30 to the call at 11:50, in the 8 o'clock hour of a Wednesday.
    assert okuyami[Measure.WAIT_P50] == 200.0
    cells = {(c.weekday, c.hour): c for c in office.stats.heatmap(CONSOLE, wednesday)}
    assert cells[2, 8].arrivals >= 1


def test_a_stored_day_that_is_no_date_is_left_out_of_every_figure(sqlite_url):
    """SQLite keeps any text in a date column: a ticket and a visit whose day was
    overwritten with something that is no date (a typo, an impossible date with trailing
    text) are left out; every grouping, chart and report still comes out. (Payments and
    certificates are append-only: their days cannot be overwritten.)"""
    app = open_app(sqlite_url)
    office = build_office(app)
    before = office.stats.table(CONSOLE, office.period, Grouping.DAY).total.values
    with app.engine.begin() as connection:
        for table, value in (("tickets", "2026-12-02 昼"), ("visits", "2026-11-31")):
            first = connection.execute(text(f"SELECT min(id) FROM {table}")).scalar_one()
            connection.execute(
                text(f"UPDATE {table} SET business_day = :day WHERE id = :id"),
                {"day": value, "id": first},
            )
    for grouping in Grouping:
        office.stats.table(CONSOLE, office.period, grouping)
    office.stats.daily_waits(CONSOLE, office.period)
    office.stats.heatmap(CONSOLE, office.period)
    office.stats.lead_times(CONSOLE, office.period)
    office.stats.month_report(CONSOLE, 2026, 12)
    after = office.stats.table(CONSOLE, office.period, Grouping.DAY).total.values
    assert after[Measure.ISSUED] == before[Measure.ISSUED] - 1
    assert after[Measure.VISITS] == before[Measure.VISITS] - 1
    app.close()


def test_a_window_of_fewer_than_three_tickets_shows_less_than_three(office):
    table = office.stats.table(CONSOLE, office.period, Grouping.WINDOW)
    rows = {row.key: row for row in table.rows}
    assert rows["9"].suppressed  # おくやみ: one resident at window 9
    assert all(v is None for v in rows["9"].values.values())
    assert not rows["1"].suppressed and rows["1"].values[Measure.SERVED] > 0
    assert not rows["-"].suppressed  # the tickets never called: nobody's desk
    text = to_text(table, "ja")
    line = next(line for line in text.splitlines() if line.startswith("窓口9"))
    assert "<3" in line


def test_charts_equal_the_recount(office):
    period = office.period
    with office.app.db.read() as s:
        tickets = list(s.scalars(select(Ticket)))
    open_days = defaultdict(set)
    for t in tickets:
        open_days[t.business_day.weekday()].add(t.business_day)
    for cell in office.stats.heatmap(CONSOLE, period):
        here = [
            t
            for t in tickets
            if t.business_day.weekday() == cell.weekday
            and t.issued_at.astimezone(TOKYO).hour == cell.hour
        ]
        arrivals = sum(1 for t in here if t.number is not None)
        assert cell.arrivals == pytest.approx(arrivals / len(open_days[cell.weekday]), abs=0.006)
        waited = [minutes(t.called_at, t.issued_at) for t in here if t.called_at]
        expected = p(waited, 50)
        assert (cell.wait_p50 is None) == (expected is None)
        if expected is not None:
            assert abs(cell.wait_p50 - expected) <= TOLERANCE
    for series in office.stats.daily_waits(CONSOLE, period):
        for day, p50, p90 in series.days:
            waited = [
                minutes(t.called_at, t.issued_at)
                for t in tickets
                if t.category_id == series.category_id and t.business_day == day and t.called_at
            ]
            for got, want in ((p50, p(waited, 50)), (p90, p(waited, 90))):
                assert (got is None) == (want is None)
                if want is not None:
                    assert abs(got - want) <= TOLERANCE
    by_department = recount(office.app, period, Grouping.DEPARTMENT)
    for lead in office.stats.lead_times(CONSOLE, period):
        want = by_department[lead.department_id]
        assert lead.routed == want[Measure.ROUTED]
        assert_same(
            {Measure.LEAD_P50: lead.lead_p50, Measure.LEAD_P90: lead.lead_p90},
            {Measure.LEAD_P50: want[Measure.LEAD_P50], Measure.LEAD_P90: want[Measure.LEAD_P90]},
            lead.department_id,
        )
        assert lead.on_time == pytest.approx(want[Measure.ON_TIME], abs=0.001)
    day = recount(office.app, period, Grouping.EVENT)["total"]
    shares = office.stats.field_shares(CONSOLE, period)
    assert (shares.records, shares.clerk, shares.computed, shares.documents, shares.resident) == (
        day[Measure.FIELDS_RECORDS],
        day[Measure.FIELDS_CLERK],
        day[Measure.FIELDS_COMPUTED],
        day[Measure.FIELDS_DOCUMENTS],
        day[Measure.FIELDS_RESIDENT],
    )


def test_live_waits_turn_amber_then_red_past_the_category_targets(office):
    clock = office.clock
    tickets = TicketService(office.app.db, now=clock)
    clock.local(date(2026, 12, 7), 9, 0)
    tickets.issue(FLOOR, "shomei")  # target 10, limit 15
    clock.advance(minutes=2)
    tickets.issue(FLOOR, "shomei")
    levels = {w.category_id: w for w in office.stats.live_waits(CONSOLE)}
    assert levels["shomei"].waiting == 2 and levels["shomei"].level is WaitLevel.OK
    assert levels["todokede"].waiting == 0 and levels["todokede"].longest_minutes is None
    clock.advance(minutes=9)  # the first has waited 11 minutes
    shomei = {w.category_id: w for w in office.stats.live_waits(CONSOLE)}["shomei"]
    assert (shomei.longest_minutes, shomei.level) == (11.0, WaitLevel.AMBER)
    clock.advance(minutes=5)
    shomei = {w.category_id: w for w in office.stats.live_waits(CONSOLE)}["shomei"]
    assert (shomei.target_minutes, shomei.limit_minutes, shomei.level) == (10, 15, WaitLevel.RED)


def test_only_supervisors_floor_managers_and_administrators_see_statistics(office):
    clerk = Actor(None, "c", "窓口", frozenset({RoleCode.WINDOW_CLERK}))
    back = Actor(None, "b", "課", frozenset({RoleCode.BACK_OFFICE}))
    for actor in (clerk, back):
        with pytest.raises(CounterAppError) as refused:
            office.stats.table(actor, office.period, Grouping.CATEGORY)
        assert refused.value.code is ErrorCode.PERMISSION_DENIED
        with pytest.raises(CounterAppError):
            office.stats.live_waits(actor)
    for role in (RoleCode.SUPERVISOR, RoleCode.FLOOR_MANAGER, RoleCode.ADMINISTRATOR):
        actor = Actor(None, "x", "x", frozenset({role}))
        assert office.stats.table(actor, office.period, Grouping.CATEGORY).rows


def test_the_month_report_compares_with_the_previous_month(office):
    report = office.stats.month_report(CONSOLE, 2026, 12)
    assert report.month == Period(date(2026, 12, 1), date(2026, 12, 31))
    assert report.previous == Period(date(2026, 11, 1), date(2026, 11, 30))
    november = recount(office.app, report.previous, Grouping.CATEGORY)
    december = recount(office.app, report.month, Grouping.CATEGORY)
    for row in report.by_category.rows():
        assert_same(row.before, november[row.key], f"before/{row.key}")
        assert_same(row.after, december[row.key], f"after/{row.key}")
    assert report.municipality == "みどり市"
    assert report.generated_at == office.clock.now()
