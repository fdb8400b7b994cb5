"""A week of a small office built through the real services with a controlled clock:
tickets issued, called, served, absent, cancelled and transferred (one issued at 23:30 UTC,
the next business day in Tokyo; one served across lunch), SC01's visits with their forms
printed and routed procedures claimed, returned (差戻し), answered and decided, and
certificates with their fees (one payment voided).

    office = build_office(app)   # everything above; office.period covers it
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from counter_app.app import CounterApp
from counter_app.certificates.service import CertificateService
from counter_app.permissions import Actor, RoleCode
from counter_app.queue.calls import CallService
from counter_app.queue.tickets import TicketService
from counter_app.stats.model import Period
from counter_app.stats.service import StatsService
from counter_app.visits import ProcedureStatus
from counter_app.visits.inbox import InboxService
from counter_app.visits.service import VisitService
from tests.certificates.desk import build_desk_city, cash, desk_staff, request
from tests.visits import login, sc01

FLOOR = Actor(
    None, "floor1", "フロア 花子", frozenset({RoleCode.FLOOR_MANAGER}), terminal="FLOOR-01"
)
# Monday 2026-11-30 … Friday 2026-12-04 in Tokyo.
FIRST_DAY = date(2026, 11, 30)
DAYS = 5
PERIOD = Period(FIRST_DAY, FIRST_DAY + timedelta(days=DAYS - 1))
CATEGORIES = ("todokede", "hoken_nenkin", "kosodate_fukushi", "shomei")


class Clock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at

    def now(self) -> datetime:
        return self.at

    def business_day(self, at: datetime | None = None) -> date:
        from counter_app.clock import business_day

        return business_day(at or self.at)

    def local(self, day: date, hour: int, minute: int = 0) -> None:
        """Set the clock to `hour:minute` in Tokyo on `day`."""
        self.at = datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC) - timedelta(
            hours=9
        )

    def advance(self, **delta: float) -> None:
        self.at += timedelta(**delta)


@dataclass
class Office:
    app: CounterApp
    clock: Clock
    stats: StatsService
    clerk: Actor
    supervisor: Actor
    period: Period = PERIOD


def build_office(app: CounterApp, seed: int = 16) -> Office:
    rng = random.Random(seed)
    clock = Clock(datetime(2026, 11, 30, 0, 0, tzinfo=UTC))
    clerk, supervisor = desk_staff(app)
    kodomo = login(app, "kodomo1", RoleCode.BACK_OFFICE, departments=("kodomo",))
    kenko = login(app, "kenko1", RoleCode.BACK_OFFICE, departments=("kenko",))
    tickets = TicketService(app.db, now=clock)
    calls = CallService(app.db, now=clock)
    _queue_days(clock, tickets, calls, clerk, rng)
    _special_tickets(clock, tickets, calls, clerk)
    visits = VisitService(app.db, app.catalog, now=clock, residents=app.residents)
    inbox = InboxService(app.db, app.catalog, now=clock, residents=app.residents)
    _visits(app, clock, visits, inbox, clerk, {"kodomo": kodomo, "kenko": kenko}, rng)
    _certificates(app, clock, clerk, supervisor)
    return Office(app, clock, StatsService(app.db, app.catalog, clock=clock), clerk, supervisor)


def _queue_days(clock, tickets, calls, clerk, rng) -> None:
    for offset in range(DAYS):
        day = FIRST_DAY + timedelta(days=offset)
        clock.local(day, 8, 31)
        issued = []
        for _ in range(12 + offset):
            category = rng.choice(CATEGORIES)
            issued.append(tickets.issue(FLOOR, category).ticket.id)
            clock.advance(minutes=rng.randint(1, 9))
        if offset % 2 == 0:
            tickets.cancel(FLOOR, issued[-1])  # the resident left before the call
        clock.advance(minutes=5)
        for round_ in range(30):
            window = (1, 5, 7, 3)[round_ % 4]
            called = calls.call_next(clerk, window)
            clock.advance(minutes=rng.randint(1, 4))
            if called is None:
                continue
            fate = rng.random()
            if fate < 0.15:
                calls.no_show(clerk, called.id)
                continue
            calls.start_serving(clerk, called.id)
            clock.advance(minutes=rng.randint(3, 25))
            if fate < 0.3:
                calls.transfer(clerk, called.id, category_id=rng.choice(CATEGORIES))
            else:
                calls.finish(clerk, called.id)


def _special_tickets(clock, tickets, calls, clerk) -> None:
    # 23:30 UTC on Tuesday is 08:30 on Wednesday in Tokyo: Wednesday's ticket.
    clock.at = datetime(2026, 12, 1, 23, 30, tzinfo=UTC)
    early = tickets.issue(FLOOR, "okuyami", force=True).ticket
    # おくやみ served across lunch: called 11:50, started 11:55, done 13:25 (counts whole).
    clock.local(date(2026, 12, 2), 11, 50)
    called = calls.call_next(clerk, 9)
    assert called is not None and called.id == early.id
    clock.advance(minutes=5)
    calls.start_serving(clerk, early.id)
    clock.advance(minutes=90)
    calls.finish(clerk, early.id)
    # Still waiting at the end of Friday (never called): a ticket without a window.
    clock.local(date(2026, 12, 4), 17, 0)
    tickets.issue(FLOOR, "shomei")


def _visits(app, clock, visits, inbox, clerk, department_staff, rng) -> None:
    resident_id, case, result = sc01(app, clerk)
    for offset in range(DAYS - 1):
        day = FIRST_DAY + timedelta(days=offset)
        for n in range(1 + offset % 2):
            clock.local(day, 10 + n, 15)
            number = visits.reserve_number(clerk)
            printed = (offset + n) % 2 == 0
            bundle = app.guide.forms_bundle(clerk, resident_id, case, result.procedures, number)
            visit = visits.create_visit(
                clerk,
                case,
                result.procedures,
                resident_id=resident_id,
                visit_number=number,
                forms=bundle,
                forms_printed=printed,
            )
            for procedure in visit.procedures:
                if procedure.status is not ProcedureStatus.ROUTED:
                    continue
                staff = department_staff.get(procedure.department_id)
                if staff is None or rng.random() < 0.2:
                    continue  # left open
                clock.advance(hours=rng.randint(1, 30))
                inbox.claim(staff, procedure.id)
                if rng.random() < 0.4:
                    clock.advance(hours=2)
                    inbox.return_to_window(staff, procedure.id, "添付書類を確認してください")
                    clock.advance(hours=1)
                    visits.answer(clerk, procedure.id, "確認しました")
                clock.advance(days=rng.choice((1, 3, 10, 20)), hours=rng.randint(0, 8))
                if rng.random() < 0.8:
                    inbox.approve(staff, procedure.id, "可")
                else:
                    inbox.reject(staff, procedure.id, "否")


def _certificates(app, clock, clerk, supervisor) -> None:
    city = build_desk_city(app)
    desk = CertificateService(app.db, app.catalog.certificates, app.residents, now=clock)
    asked = [
        (FIRST_DAY, 3, request(city.taro, copies=2)),
        (FIRST_DAY, 1, request(city.taro, "inkan", seal_card="S00000001")),
        (FIRST_DAY + timedelta(days=1), 3, request(city.hanako)),
        (FIRST_DAY + timedelta(days=2), None, request(city.ichiro, copies=3)),
        (FIRST_DAY + timedelta(days=3), 3, request(city.taro)),
    ]
    receipts = []
    for day, window, item in asked:
        clock.local(day, 14, 0)
        receipts.append(desk.issue(clerk, item, cash(5000), window=window).payment.receipt_number)
    clock.local(FIRST_DAY + timedelta(days=1), 15, 0)
    desk.void(supervisor, receipts[2], "請求誤り")
