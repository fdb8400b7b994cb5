"""The statistics over a year of history: every grouping and the month's report.

    .venv/bin/python benchmarks/stats.py                  # SQLite, the history cached in /tmp
    .venv/bin/python benchmarks/stats.py --postgres       # a throwaway PostgreSQL
    .venv/bin/python benchmarks/stats.py --database URL   # an existing database (filled if empty)
    .venv/bin/python benchmarks/stats.py --history services   # played through the services

The history is --days days the office is open (Monday to Friday except holidays and
年末年始: counter_app.office_calendar), ending 2026-12-04, of about --tickets tickets a
day. `--history bulk` (the default) writes the rows the services would write straight
into the tables in one transaction a day: tickets with their arrivals by hour (lunch
peaks; Mondays and the first day after a holiday busier), waits growing with the load, service times by
category, absences, cancellations and transfers (the new ticket of a transfer served in
turn); visits by life event with the catalog's procedures, routed ones logged `routed`,
some returned (差戻し), decided after a few business days (some late, some still open);
printed forms with fields by source; certificate payments with their copies (a few
voided). `--history services` plays `counter_app.demo.history.build_history` instead —
every row through the real services, hours for a year. Either is cached under
/tmp/counter-app-stats-bench/ keyed by history, days, tickets and seed, so a rerun does
not rebuild (PostgreSQL is filled afresh each run, with the bulk history).

Then each grouping's table over the last full month (period=month: what the screen and
the monthly report ask) and over the whole history (period=year), --repeat times each
(20: the p95 is then the 19th slowest run, not the one slowest), and the month's report
of the last full month. Prints the median and the p95 of each:

    stats days=250 tickets=167503 by=category period=month p50_ms=… p95_ms=…
    …
    stats days=250 tickets=167503 by=category period=year p50_ms=… p95_ms=…
    …
    stats report month=2026-11 p50_ms=… p95_ms=…

Exits 1 over the issue's bounds (1 s a grouping, 3 s the report).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, insert, select  # noqa: E402

from counter_app import office_calendar  # noqa: E402
from counter_app.app import CounterApp  # noqa: E402
from counter_app.config import Config  # noqa: E402
from counter_app.db.models import (  # noqa: E402
    CertificateIssue,
    FeePayment,
    FeeVoid,
    ProcedureAction,
    Resident,
    Ticket,
    Visit,
    VisitForm,
    VisitProcedure,
)
from counter_app.demo.history_plan import business_days  # noqa: E402
from counter_app.permissions import console_actor  # noqa: E402
from counter_app.stats.model import Grouping, Period  # noqa: E402

GROUPING_BOUND_MS = 1000.0
REPORT_BOUND_MS = 3000.0
LAST_DAY = date(2026, 12, 4)
CACHE = Path("/tmp/counter-app-stats-bench")
TOKYO = timedelta(hours=9)
# Arrivals per local hour (share of the day), with the late-morning and after-lunch peaks.
HOURS = {8: 0.10, 9: 0.16, 10: 0.15, 11: 0.12, 12: 0.11, 13: 0.13, 14: 0.10, 15: 0.08, 16: 0.05}
CATEGORIES = {  # id: (share, windows, service minutes)
    "todokede": (0.35, (1, 2, 3, 4), 15),
    "hoken_nenkin": (0.2, (5, 6, 4), 12),
    "kosodate_fukushi": (0.15, (7, 8, 6), 15),
    "okuyami": (0.02, (9,), 45),
    "shomei": (0.28, (3, 1, 2), 5),
}
SOURCES = ("records", "clerk", "computed", "document", "resident")


def _utc(day: date, minutes: float) -> datetime:
    """`minutes` after local midnight of `day`, in UTC."""
    return datetime(day.year, day.month, day.day, tzinfo=UTC) - TOKYO + timedelta(minutes=minutes)


class _Ids:
    def __init__(self) -> None:
        self.next: dict[str, int] = {}

    def __call__(self, table: str) -> int:
        self.next[table] = self.next.get(table, 0) + 1
        return self.next[table]


def bulk_history(app: CounterApp, days: int, tickets_a_day: int, seed: int) -> int:
    """Write the history straight into the tables; the number of tickets."""
    rng = random.Random(seed)
    ids = _Ids()
    catalog = app.catalog
    events = [e.id for e in catalog.life_events]
    procedures = list(catalog.procedures)
    kinds = [(k.id, k.fee_yen) for k in catalog.certificates.kinds]
    forms = [(f.id, f.title) for f in catalog.forms]
    with app.db.read() as session:
        subjects = list(session.scalars(select(Resident.id).limit(200)))
    total = 0
    for day in business_days(LAST_DAY, days):
        rows: dict[str, list[dict]] = {
            name: []
            for name in ("tickets", "visits", "vp", "actions", "forms", "pay", "issues", "voids")
        }
        busier = day.weekday() == 0 or office_calendar.after_holiday(day)
        load = tickets_a_day * (1.2 if busier else 1.0) * rng.uniform(0.85, 1.15)
        numbers: dict[str, int] = {}
        for hour, share in HOURS.items():
            for _ in range(int(load * share)):
                category = rng.choices(list(CATEGORIES), [c[0] for c in CATEGORIES.values()])[0]
                _ticket(rows, ids, rng, day, hour, category, numbers, hour >= 11 and hour <= 13)
        total += len(rows["tickets"])
        for _ in range(int(load / 5)):
            _visit(rows, ids, rng, day, rng.choice(events), procedures, forms)
        for _ in range(int(load / 4)):
            _payment(rows, ids, rng, day, kinds, subjects)
        with app.db.write() as session:
            for table, key in (
                (Ticket, "tickets"),
                (Visit, "visits"),
                (VisitProcedure, "vp"),
                (ProcedureAction, "actions"),
                (VisitForm, "forms"),
                (FeePayment, "pay"),
                (CertificateIssue, "issues"),
                (FeeVoid, "voids"),
            ):
                if rows[key]:
                    session.execute(insert(table), rows[key])
    return total


def _ticket(rows, ids, rng, day, hour, category, numbers, busy) -> None:
    _share, windows, service = CATEGORIES[category]
    numbers[category] = numbers.get(category, 0) + 1
    issued = _utc(day, hour * 60 + rng.uniform(30 if hour == 8 else 0, 60))
    wait = rng.lognormvariate(math.log(25 if busy else 12), 0.6)
    fate = rng.random()
    ticket = {
        "id": ids("tickets"),
        "business_day": day,
        "category_id": category,
        "number": numbers[category],
        "display_number": f"{category[0].upper()}-{numbers[category]:03d}",
        "priority": False,
        "status": "done",
        "window_number": rng.choice(windows),
        "assigned_window": None,
        "issued_at": issued,
        "called_at": issued + timedelta(minutes=wait),
        "last_called_at": issued + timedelta(minutes=wait),
        "recalls": 0,
        "started_at": None,
        "finished_at": None,
        "transferred_from_id": None,
        "terminal": "FLOOR-01",
        "waiting_ahead": 0,
        "estimated_wait_minutes": 0,
    }
    rows["tickets"].append(ticket)  # before the ticket a transfer queues (its foreign key)
    called = ticket["called_at"]
    if fate < 0.03:  # gave up before the call
        ticket |= {
            "status": "cancelled",
            "window_number": None,
            "called_at": None,
            "last_called_at": None,
            "finished_at": called,
        }
    elif fate < 0.08:
        ticket |= {"status": "no_show", "finished_at": called + timedelta(minutes=3)}
    else:
        started = called + timedelta(minutes=rng.uniform(0.5, 2))
        finished = started + timedelta(minutes=rng.lognormvariate(math.log(service), 0.4))
        ticket |= {"started_at": started, "finished_at": finished}
        if fate < 0.16:  # sent on to another category, served there in turn
            ticket["status"] = "transferred"
            other = rng.choice([c for c in CATEGORIES if c != category])
            again = finished + timedelta(minutes=rng.lognormvariate(math.log(10), 0.5))
            start = again + timedelta(minutes=1)
            rows["tickets"].append(
                ticket
                | {
                    "id": ids("tickets"),
                    "category_id": other,
                    "number": None,
                    "window_number": rng.choice(CATEGORIES[other][1]),
                    "transferred_from_id": ticket["id"],
                    "status": "done",
                    "issued_at": finished,
                    "called_at": again,
                    "last_called_at": again,
                    "started_at": start,
                    "finished_at": start + timedelta(minutes=CATEGORIES[other][2]),
                }
            )


def _action(rows, ids, visit_id, vp_id, at, action) -> None:
    rows["actions"].append(
        {
            "id": ids("actions"),
            "visit_id": visit_id,
            "visit_procedure_id": vp_id,
            "at": at,
            "user_id": None,
            "login": "bench",
            "role": "back_office",
            "terminal": "BENCH",
            "action": action,
            "reason": None,
            "previous_hash": "0" * 64,
            "entry_hash": "0" * 64,
            "key_id": "bench",
        }
    )


def _visit(rows, ids, rng, day, event, procedures, forms) -> None:
    visit_id = ids("visits")
    at = _utc(day, rng.uniform(9 * 60, 17 * 60))
    rows["visits"].append(
        {
            "id": visit_id,
            "visit_number": f"V-{day:%Y%m%d}-{visit_id:06d}",
            "business_day": day,
            "ticket_id": None,
            "resident_id": None,
            "household_no": None,
            "event_type": event,
            "event_date": day,
            "answers": "{}",
            "person_answers": "{}",
            "status": "closed",
            "created_by": None,
            "terminal": "BENCH",
            "created_at": at,
            "closed_at": at,
        }
    )
    chosen = rng.sample(procedures, rng.randint(2, 6))
    for procedure in chosen:
        vp_id = ids("vp")
        routed = procedure.kind == "review"
        due = day + timedelta(days=procedure.time_limit_days or 14) if routed else None
        status = "routed" if routed else "done"
        _action(rows, ids, visit_id, vp_id, at, "routed" if routed else "done")
        if routed:
            moment = at + timedelta(hours=rng.uniform(2, 30))
            _action(rows, ids, visit_id, vp_id, moment, "claimed")
            status = "claimed"
            if rng.random() < 0.1:
                moment += timedelta(hours=3)
                _action(rows, ids, visit_id, vp_id, moment, "returned")
                moment += timedelta(hours=20)
                _action(rows, ids, visit_id, vp_id, moment, "answered")
            lead = rng.lognormvariate(math.log(7), 0.7)
            decided = at + timedelta(days=lead)
            if decided.date() <= LAST_DAY:
                verdict = "approved" if rng.random() < 0.9 else "rejected"
                _action(rows, ids, visit_id, vp_id, max(decided, moment), verdict)
                status = verdict
        rows["vp"].append(
            {
                "id": vp_id,
                "visit_id": visit_id,
                "procedure_id": procedure.id,
                "name": procedure.name,
                "department_id": procedure.department,
                "kind": procedure.kind,
                "persons": "[]",
                "reasons": "[]",
                "status": status,
                "holder_user_id": None,
                "due_on": due,
                "updated_at": at,
            }
        )
    for position, (form_id, title) in enumerate(rng.sample(forms, rng.randint(1, 3))):
        fields = [
            {"key": f"f{n}", "label": "項目", "source": rng.choice(SOURCES), "text": "…"}
            for n in range(rng.randint(8, 24))
        ]
        rows["forms"].append(
            {
                "id": ids("forms"),
                "visit_id": visit_id,
                "position": position,
                "form_id": form_id,
                "title": title,
                "department": "",
                "procedures": json.dumps([p.id for p in chosen[:2]]),
                "person_atena": None,
                "person_name": None,
                "fields": json.dumps(fields, ensure_ascii=False),
                "municipality": "デモ市",
                "prepared_on": day,
                "printed_at": at,
            }
        )


def _payment(rows, ids, rng, day, kinds, subjects) -> None:
    payment_id = ids("pay")
    at = _utc(day, rng.uniform(8.5 * 60, 17 * 60))
    window = rng.choice((1, 2, 3))
    lines = []
    for kind_id, fee in rng.sample(kinds, rng.randint(1, 2)):
        copies = rng.choice((1, 1, 1, 2, 3))
        lines.append(
            {
                "kind_id": kind_id,
                "name": kind_id,
                "copies": copies,
                "unit_yen": fee,
                "amount_yen": fee * copies,
            }
        )
        for copy in range(1, copies + 1):
            number = ids("issues")
            rows["issues"].append(
                {
                    "id": number,
                    "issue_number": f"C{number:09d}",
                    "payment_id": payment_id,
                    "business_day": day,
                    "kind_id": kind_id,
                    "subject_id": rng.choice(subjects),
                    "scope": "person",
                    "options": "[]",
                    "members": "[]",
                    "copy_number": copy,
                    "fiscal_year": None,
                    "requester_kind": "self",
                    "requester_name": None,
                    "identity_document": "drivers_license",
                    "purpose": None,
                    "content_digest": "0" * 64,
                    "sealed_content": "-",
                    "clerk_id": None,
                    "clerk_login": "bench",
                    "terminal": "BENCH",
                    "window": window,
                    "issued_at": at,
                    "visit_id": None,
                }
            )
    rows["pay"].append(
        {
            "id": payment_id,
            "receipt_number": f"R{payment_id:09d}",
            "business_day": day,
            "window": window,
            "terminal": "BENCH",
            "clerk_id": None,
            "clerk_login": "bench",
            "paid_at": at,
            "lines": json.dumps(lines),
            "total_yen": sum(line["amount_yen"] for line in lines),
            "method": "cash",
            "received_yen": 5000,
            "change_yen": 5000 - sum(line["amount_yen"] for line in lines),
        }
    )
    if rng.random() < 0.01:
        rows["voids"].append(
            {
                "id": ids("voids"),
                "payment_id": payment_id,
                "voided_at": at + timedelta(minutes=5),
                "voided_by": None,
                "voided_by_login": "bench",
                "terminal": "BENCH",
                "reason": "請求誤り",
            }
        )


def _open(url: str) -> CounterApp:
    return CounterApp.open(Config(database_url=url, terminal_name="BENCH"), prune_changes=False)


def _fill(url: str, args: argparse.Namespace) -> None:
    from counter_app.demo.city import fill_demo_city

    app = _open(url)
    try:
        with app.db.read() as session:
            if session.scalar(select(func.count()).select_from(Ticket)):
                return
        started = time.perf_counter()
        if args.history == "services":
            from counter_app.cli.main import build_parser, run_command

            app.close()
            argv = ["demo-data", "--history-days", str(args.days), "--seed", str(args.seed)]
            argv += ["--history-scale", str(args.tickets), "--database", url]
            if run_command(build_parser().parse_args(argv)) != 0:
                raise SystemExit("demo-data failed")
            app = _open(url)
        else:
            fill_demo_city(app.engine, 500, seed=args.seed, progress=False, keys=app.keys)
            bulk_history(app, args.days, args.tickets, args.seed)
        print(f"# history built in {time.perf_counter() - started:.0f} s", flush=True)
    finally:
        app.close()


def measure(url: str, args: argparse.Namespace) -> int:
    _fill(url, args)
    app = _open(url)
    failed = False
    try:
        actor = console_actor("BENCH")
        calendar = business_days(LAST_DAY, args.days)
        month = LAST_DAY.replace(day=1) - timedelta(days=1)
        periods = {
            "month": Period.month(month.year, month.month),
            "year": Period(calendar[0], calendar[-1]),
        }
        with app.db.read() as session:
            tickets = session.scalar(select(func.count()).select_from(Ticket))
        for name, period in periods.items():
            for grouping in Grouping:
                timings = []
                for _ in range(args.repeat):
                    started = time.perf_counter()
                    app.stats.table(actor, period, grouping)
                    timings.append((time.perf_counter() - started) * 1000)
                p95 = _p95(timings)
                failed |= p95 > GROUPING_BOUND_MS
                print(
                    f"stats days={args.days} tickets={tickets} by={grouping.value} "
                    f"period={name} p50_ms={statistics.median(timings):.0f} p95_ms={p95:.0f}",
                    flush=True,
                )
        timings = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            app.stats.month_report(actor, month.year, month.month)
            timings.append((time.perf_counter() - started) * 1000)
        p95 = _p95(timings)
        failed |= p95 > REPORT_BOUND_MS
        median = statistics.median(timings)
        print(f"stats report month={month:%Y-%m} p50_ms={median:.0f} p95_ms={p95:.0f}", flush=True)
    finally:
        app.close()
    return 1 if failed else 0


def _p95(timings: list[float]) -> float:
    if len(timings) == 1:
        return timings[0]
    return statistics.quantiles(timings, n=100, method="inclusive")[94]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=250)
    parser.add_argument("--tickets", type=int, default=600, help="tickets on an ordinary day")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--repeat", type=int, default=20, help="runs of each (p95 of 20 is the 19th slowest)"
    )
    parser.add_argument("--history", choices=("bulk", "services"), default="bulk")
    parser.add_argument("--database", metavar="URL", help="an existing database (filled if empty)")
    parser.add_argument("--postgres", action="store_true", help="a throwaway PostgreSQL")
    args = parser.parse_args(argv)
    if args.database:
        return measure(args.database, args)
    if args.postgres:
        from tests.postgres import ThrowawayCluster

        cluster = ThrowawayCluster()
        cluster.start()
        try:
            return measure(cluster.new_database("stats"), args)
        finally:
            cluster.stop()
    CACHE.mkdir(parents=True, exist_ok=True)
    # "-open": the office's open days (holidays and 年末年始 left out since 2026-12-06).
    name = f"{args.history}-d{args.days}-t{args.tickets}-s{args.seed}-open.sqlite3"
    cached = CACHE / name
    if not cached.exists():
        building = CACHE / f"{name}.building"
        for stale in CACHE.glob(f"{name}.building*"):
            stale.unlink()
        _fill(f"sqlite:///{building}", args)
        building.replace(cached)
    return measure(f"sqlite:///{cached}", args)


if __name__ == "__main__":
    sys.exit(main())
