"""The demo history: business days of tickets, calls, visits, routed procedures and
certificates, played through the services; the same seed gives the same rows; the shape a
floor manager would recognise (busy Monday mornings, the lunchtime queue, late decisions)."""

from __future__ import annotations

import random
import statistics
from collections import Counter
from collections.abc import Iterator
from datetime import date, time, timedelta

import pytest
from sqlalchemy import text

from counter_app.clock import local
from counter_app.demo.city import fill_demo_city
from counter_app.demo.history import HistoryError, build_history
from counter_app.demo.history_plan import (
    Follow,
    business_days,
    follow_up,
    plan_day,
)
from counter_app.demo.staff import finish_demo
from counter_app.permissions import console_actor
from counter_app.queue.categories import load_categories
from tests import helpers

RESIDENTS = 300
SCALE = 60  # tickets a day: enough to see every kind of step, quick to play
END = date(2026, 12, 4)  # a Friday
# The rows a history is made of, without their ids' own order where it could differ.
HISTORY_ROWS = (
    "SELECT business_day, category_id, number, display_number, status, window_number, "
    "issued_at, called_at, started_at, finished_at, recalls, terminal FROM tickets "
    "ORDER BY id",
    "SELECT visit_number, business_day, event_type, resident_id, status, created_at, closed_at "
    "FROM visits ORDER BY id",
    "SELECT procedure_id, department_id, kind, status, due_on, updated_at, question, answer "
    "FROM visit_procedures ORDER BY id",
    "SELECT visit_id, visit_procedure_id, at, login, action, reason, entry_hash IS NOT NULL "
    "FROM procedure_actions ORDER BY id",
    "SELECT receipt_number, business_day, window, total_yen, method, paid_at FROM fee_payments "
    "ORDER BY id",
    "SELECT visit_id, title, printed_at FROM visit_forms ORDER BY id",
)


def demo_app(url: str):
    app = helpers.open_app(url)
    actor = console_actor(helpers.TERMINAL)

    def staff(connection):
        with app.db.write_within(connection) as session:
            finish_demo(session, actor)

    fill_demo_city(app.engine, RESIDENTS, seed=2, progress=False, keys=app.keys, finish=staff)
    return app


@pytest.fixture
def history(database_url) -> Iterator:
    app = demo_app(database_url)
    summary = build_history(app, 3, seed=5, end=END, scale=SCALE)
    yield app, summary
    app.close()


def rows(app, query: str) -> list:
    with app.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(query))]


def test_the_same_seed_gives_the_same_history(tmp_path):
    built = []
    for name in ("a", "b"):
        app = demo_app(f"sqlite:///{tmp_path / name}.sqlite3")
        build_history(app, 2, seed=7, end=END, scale=SCALE)
        built.append([rows(app, query) for query in HISTORY_ROWS])
        app.close()
    assert built[0] == built[1]
    tickets, visits, procedures, actions, payments, _forms = built[0]
    assert len(tickets) > 60 and visits and procedures and actions and payments


# What the bulk path must write exactly as the services do: every ticket with its times
# and status, the printed ticket jobs, and the procedures' statistics.
SAME_ROWS = (
    "SELECT id, business_day, category_id, number, display_number, status, window_number, "
    "issued_at, called_at, last_called_at, started_at, finished_at, recalls, terminal, "
    "transferred_from_id, waiting_ahead, estimated_wait_minutes FROM tickets ORDER BY id",
    "SELECT ticket_id, label, status, attempts, created_at, printed_at FROM print_jobs ORDER BY id",
    "SELECT business_day, category_id, last FROM ticket_counters ORDER BY 1, 2",
    "SELECT v.event_type, p.department_id, p.status, count(*), min(p.due_on), max(p.due_on) "
    "FROM visit_procedures p JOIN visits v ON v.id = p.visit_id "
    "GROUP BY v.event_type, p.department_id, p.status ORDER BY 1, 2, 3",
    "SELECT action, count(*), min(at), max(at) FROM procedure_actions GROUP BY action "
    "ORDER BY action",
    "SELECT count(*), sum(total_yen) FROM fee_payments",
)


def test_the_bulk_path_writes_what_the_services_write(database_url, tmp_path):
    built = []
    for url, bulk in ((database_url, True), (f"sqlite:///{tmp_path / 'services'}.sqlite3", False)):
        app = demo_app(url)
        build_history(app, 2, seed=9, end=END, scale=SCALE, bulk=bulk)
        built.append([[_plain(row) for row in rows(app, query)] for query in SAME_ROWS])
        app.close()
    for query, bulk, services in zip(SAME_ROWS, *built, strict=True):
        assert bulk == services, query
    assert built[0][0] and built[0][3]


def test_the_history_is_business_days_within_opening_hours(history):
    app, summary = history
    assert (summary.days, summary.first, summary.last) == (3, date(2026, 12, 2), END)
    hours = {c.id: (c.opens, c.closes) for c in load_categories()}
    tickets = rows(
        app,
        "SELECT business_day, category_id, issued_at, number, status, called_at, finished_at "
        "FROM tickets",
    )
    assert {_as_date(t[0]) for t in tickets} == {date(2026, 12, 2), date(2026, 12, 3), END}
    for day, category, issued_at, number, _status, _called, _finished in tickets:
        moment = local(_aware(issued_at))
        assert moment.date() == _as_date(day) and moment.weekday() < 5
        if number is not None:  # issued at the floor (a transfer's ticket is queued later)
            opens, closes = hours[category]
            assert opens <= moment.time() < closes, (category, moment)
    statuses = Counter(t[4] for t in tickets)
    assert statuses["done"] > 0.85 * len(tickets)
    assert summary.tickets == sum(1 for t in tickets if t[3] is not None)
    # Every call after the issue, every end after the call; nothing left open at night.
    assert all(_aware(t[5]) >= _aware(t[2]) for t in tickets if t[5] is not None)
    assert set(statuses) <= {"done", "no_show", "cancelled", "transferred"}
    # Visits were recorded at the windows, procedures routed, some decided already.
    events = {e for (e,) in rows(app, "SELECT DISTINCT event_type FROM visits")}
    assert len(events) >= 3, events
    assert summary.visits and summary.routed and summary.certificates
    actions = {a for (a,) in rows(app, "SELECT DISTINCT action FROM procedure_actions")}
    assert {"routed", "claimed", "closed", "done"} <= actions


def test_a_history_needs_the_demo_city_first(tmp_path):
    app = helpers.open_app(f"sqlite:///{tmp_path / 'empty'}.sqlite3")
    try:
        with pytest.raises(HistoryError):
            build_history(app, 1, seed=1, end=END)
    finally:
        app.close()


# -- the shape, from the simulation itself (no database: many days cost nothing) -------------


@pytest.fixture(scope="module")
def weeks():
    categories = load_categories()
    rng = random.Random(11)
    return [plan_day(day, categories, rng) for day in business_days(END, 40)]


def test_about_600_tickets_a_day_and_more_on_monday_mornings_than_thursday_afternoons(weeks):
    issued = [[t for t in plan.tickets if t.transferred_from is None] for plan in weeks]
    assert 520 <= statistics.mean(len(day) for day in issued) <= 680
    monday_mornings, thursday_afternoons = [], []
    for plan, tickets in zip(weeks, issued, strict=True):
        hours = [local(t.issued_at).hour for t in tickets]
        if plan.day.weekday() == 0:
            monday_mornings.append(sum(1 for h in hours if 9 <= h < 12))
        if plan.day.weekday() == 3:
            thursday_afternoons.append(sum(1 for h in hours if 14 <= h < 17))
    assert statistics.mean(monday_mornings) > 1.3 * statistics.mean(thursday_afternoons)


def test_the_queue_grows_at_lunchtime_while_half_the_windows_eat(weeks):
    waits: dict[int, list[float]] = {}
    for plan in weeks:
        for ticket in plan.tickets:
            if ticket.called_at is not None and ticket.transferred_from is None:
                hour = local(ticket.issued_at).hour
                minutes = (ticket.called_at - ticket.issued_at).total_seconds() / 60
                waits.setdefault(hour, []).append(minutes)
    lunch = statistics.mean(waits[12])
    assert lunch > statistics.mean(waits[15]) and lunch > statistics.mean(waits[16])


def test_no_ticket_is_issued_outside_the_opening_hours_or_on_a_weekend(weeks):
    hours = {c.id: (c.opens, c.closes) for c in load_categories()}
    for plan in weeks:
        assert plan.day.weekday() < 5
        for ticket in plan.tickets:
            if ticket.transferred_from is None:
                opens, closes = hours[ticket.category_id]
                assert opens <= local(ticket.issued_at).time() < closes


def test_some_procedures_are_decided_after_their_due_date_and_some_returned():
    day = date(2026, 11, 2)
    routed = local_moment(day, time(10, 0))
    late = returned = 0
    for seed in range(1000):
        steps = follow_up(seed, routed, day)
        assert steps[0][1] is Follow.CLAIM and steps[-1][1] in (Follow.APPROVE, Follow.REJECT)
        assert [at for at, _ in steps] == sorted(at for at, _ in steps)
        assert all(local(at).weekday() < 5 for at, _ in steps)
        if local(steps[-1][0]).date() > day + timedelta(days=14):
            late += 1
        returned += any(action is Follow.RETURN for _, action in steps)
    assert 50 < late < 300 and 50 < returned < 200


def test_demo_data_with_history_days_on_a_fresh_file_and_again(tmp_path):
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    history = ("--history-days", "3", "--history-scale", "60", "--database", url)
    first = helpers.run_cli("demo-data", "--residents", "300", *history, timeout=300)
    assert first.returncode == 0, first.stderr
    assert "demo-data history days=3 tickets=" in first.stdout
    again = helpers.run_cli("demo-data", *history, timeout=300)
    assert again.returncode == 1
    assert "already has" in again.stderr and "tickets" in again.stderr


def local_moment(day: date, moment: time):
    from counter_app.demo.history_plan import at_local

    return at_local(day, moment)


def _aware(moment):
    from datetime import UTC, datetime

    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _plain(row: tuple) -> tuple:
    """A row as both databases give it: dates and moments as UTC text, no timezone."""
    from datetime import datetime

    plain = []
    for value in row:
        moment_text = isinstance(value, str) and len(value) >= 19 and value[10:11] == " "
        if isinstance(value, datetime) or moment_text:
            value = _aware(value).isoformat(sep=" ")
        elif isinstance(value, date):
            value = value.isoformat()
        plain.append(value)
    return tuple(plain)


def _as_date(value):
    return value if isinstance(value, date) else date.fromisoformat(value)


def test_nobody_comes_on_a_holiday_and_more_come_the_day_after(weeks):
    """40 open days up to 4 December 2026 skip 文化の日 and 勤労感謝の日; the Tuesday after
    the Monday holiday is busier than the other Tuesdays."""
    days = [plan.day for plan in weeks]
    assert date(2026, 11, 3) not in days and date(2026, 11, 23) not in days
    issued = {
        plan.day: sum(1 for t in plan.tickets if t.transferred_from is None) for plan in weeks
    }
    others = [n for day, n in issued.items() if day.weekday() == 1 and day != date(2026, 11, 24)]
    assert issued[date(2026, 11, 24)] > 1.1 * statistics.mean(others)
