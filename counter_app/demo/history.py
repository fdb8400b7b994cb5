"""History for demos, screenshots and benchmarks: N business days of the one-stop window
played through the real services with a simulated clock.

    summary = build_history(app, days=20, seed=1)     # ends the business day before today
    counter-app demo-data --history-days 20 [--seed S]

The database must hold the demo city and its staff (`counter-app demo-data`). Each
day the office is open (Monday to Friday except holidays and 年末年始:
counter_app.office_calendar) is first
simulated with no database (`history_plan.plan_day`: arrivals by hour and category, the
windows calling in the queue's order, lunch, service times, no-shows, give-ups,
transfers), then replayed step by step through the services — `TicketService`,
`CallService`, `GuideService`, `VisitService`, `InboxService`, `CertificateService` —
each built here with a clock set to the step's moment. So every row is one the app
itself would write: ticket numbers, visit numbers, due dates, the hash-chained action
log, the forms kept with a visit, receipts and fees. A call that does not get the ticket
the simulation expected stops the build (the simulation and the queue disagree).

The residents a visit is about are drawn from the demo city (`history_events`): a mother
for a birth, someone over 70 for a death, a household head for a move …; one who moved
out or died is not drawn again for half a year (the register itself does not change).
Routed procedures are claimed, sometimes returned with a question the window answers,
and approved or rejected by the demo staff of their
department (保険年金課, 介護保険課, 子育て支援課) over the following business days
(`history_plan.follow_up`); some are decided after their due date; those of departments
without demo staff, and those whose turn falls after the last day, stay open.

Deterministic: the same seed, days and end give the same rows (only the audit log's own
timestamps, which the services take from the real clock, differ).

Which path: `bulk=False` (the default) calls a service for every step, one transaction
each, as the windows would: use it for a few days and in tests of the services. `bulk=True`
(`history_bulk`) writes the floor's steps as the ticket rows they end in and lends one
transaction per day to the services for the rest: the same rows (a test compares both
paths), about three times faster; `counter-app demo-data --history-days` uses it, and a
benchmark year should. Measured on SQLite, the 5,000-resident demo city, ~600 tickets a
day (more in March and April), one core of the development machine:

    days   through the services   bulk
    1      7.6 s                  2.7 s
    20     214 s (3.6 min)        69 s
    250    (about 45 min)         16 min (157,000 tickets, 17,500 visits, 53,000 payments)
"""

from __future__ import annotations

import heapq
import random
import time as timer
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import select

from ..app import CounterApp
from ..certificates import (
    CertificateItem,
    CertificateRequest,
    PaymentInput,
    PaymentMethod,
    Requester,
    RequesterKind,
)
from ..certificates.service import CertificateService
from ..clock import business_day
from ..clock import today as clock_today
from ..db.engine import Database
from ..db.models import (
    DepartmentMembership,
    Resident,
    SealRegistration,
    StaffUser,
    SupportMeasure,
    UserRole,
)
from ..errors import CounterAppError
from ..outbox import PrintOutbox
from ..permissions import Actor, RoleCode
from ..queue.calls import CallService
from ..queue.rows import active_categories
from ..queue.tickets import TicketService
from ..services.guide import GuideService
from ..visits import ProcedureStatus
from ..visits.inbox import InboxService
from ..visits.service import VisitService
from . import history_events as events
from .history_bulk import DayDatabase, DayTickets
from .history_plan import (
    DEFAULT_SCALE,
    DayPlan,
    Follow,
    Op,
    business_days,
    follow_up,
    plan_day,
    previous_business_day,
)

FLOOR_TERMINAL = "FLOOR-01"
CLERKS = ("madoguchi", "kantoku")  # the demo staff at the windows, by window parity
FLOOR_MANAGER = "floor"
DEPARTMENT_STAFF = {"hoken_nenkin": "hoken", "kaigo": "kaigo", "kodomo": "kodomo"}
FORMS_PRINTED = 0.7  # share of visits whose forms the window prints
QUESTIONS = ("添付書類の写しが不鮮明です。再提出をお願いします。", "口座名義を確認してください。")
ANSWERS = ("再提出を受け付けました。", "ご本人に確認しました。")
NOTES = {
    Follow.APPROVE: "審査の結果、承認します。",
    Follow.REJECT: "要件を満たさないため却下します。",
}

Progress = Callable[[date, int, int], None]  # (day done, days done, days in all)


@dataclass(frozen=True)
class HistorySummary:
    days: int
    first: date | None
    last: date | None
    tickets: int  # issued (transfers not counted)
    visits: int
    routed: int
    decided: int
    certificates: int  # payments at the certificate desk
    seconds: float


class HistoryError(ValueError):
    """The database is not ready for a history (no demo city or staff), or the services
    did not do what the simulation planned."""


class SimulatedClock:
    """A `counter_app.ports.Clock` the history moves forward step by step."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def now(self) -> datetime:
        return self.moment

    def business_day(self, at: datetime | None = None) -> date:
        return business_day(at or self.moment)


@dataclass
class _Counts:
    tickets: int = 0
    visits: int = 0
    routed: int = 0
    decided: int = 0
    certificates: int = 0


@dataclass(order=True)
class _Pending:
    at: datetime
    seq: int
    action: Follow = field(compare=False)
    procedure_id: int = field(compare=False)
    department: str = field(compare=False)


def history_end(end: date | None = None) -> date:
    """The last day of a history: `end`, or the business day before today."""
    return end if end is not None else previous_business_day(clock_today())


def build_history(
    app: CounterApp,
    days: int,
    seed: int,
    end: date | None = None,
    progress: Progress | None = None,
    *,
    scale: int = DEFAULT_SCALE,
    bulk: bool = False,
) -> HistorySummary:
    """Play `days` business days ending on `end` (default: the business day before today)
    through the services (see the module). Needs the demo staff (HistoryError
    otherwise) and the demo city's residents."""
    started = timer.perf_counter()
    if days < 0:
        raise ValueError("days must not be negative")
    calendar = business_days(history_end(end), days)
    player = _Player(app, seed, bulk)
    for done, day in enumerate(calendar, start=1):
        player.play(plan_day(day, player.categories, _day_random(seed, day), scale))
        if progress is not None:
            progress(day, done, len(calendar))
    counts = player.counts
    return HistorySummary(
        days=len(calendar),
        first=calendar[0] if calendar else None,
        last=calendar[-1] if calendar else None,
        tickets=counts.tickets,
        visits=counts.visits,
        routed=counts.routed,
        decided=counts.decided,
        certificates=counts.certificates,
        seconds=timer.perf_counter() - started,
    )


def _day_random(seed: int, day: date) -> random.Random:
    return random.Random(f"counter-app history {seed} {day.isoformat()}")


class _Player:
    """Replays day plans through the services, carrying the departments' pending work
    from one day to the next."""

    def __init__(self, app: CounterApp, seed: int, bulk: bool = False) -> None:
        self.app = app
        self.seed = seed
        self.clock = SimulatedClock(datetime(2000, 1, 1, tzinfo=UTC))
        self.bulk = bulk
        self.use(app.db)
        with app.db.read() as session:
            self.categories = active_categories(session)
            self.staff = _staff(session)
            self.register = _register(session)
            self.seals = dict(
                session.execute(
                    select(Resident.atena_no, SealRegistration.registration_number)
                    .join(SealRegistration, SealRegistration.resident_id == Resident.id)
                    .where(SealRegistration.abolished_on.is_(None), Resident.status == "resident")
                    .order_by(Resident.id)
                ).all()
            )
        missing = [login for login in (*CLERKS, FLOOR_MANAGER) if login not in self.staff]
        if missing or not self.register.households:
            raise HistoryError(
                "the demo city and its staff come first (counter-app demo-data): "
                + (f"no demo staff {', '.join(missing)}" if missing else "no residents")
            )
        self.floor = _at(self.staff[FLOOR_MANAGER], FLOOR_TERMINAL)
        self.pending: list[_Pending] = []
        self.seq = 0
        self.counts = _Counts()

    def use(self, db: Database) -> None:
        """Build the services over `db` (the app's, or the day's for the bulk path)."""
        app, now = self.app, self.clock.now
        self.tickets = TicketService(db, now=now)
        self.calls = CallService(db, now=now)
        self.outbox = PrintOutbox(db, now=now)
        self.visits = VisitService(db, app.catalog, now=now, residents=app.residents)
        self.inbox = InboxService(db, app.catalog, now=now, residents=app.residents)
        self.certificates = CertificateService(db, app.catalog.certificates, app.residents, now=now)
        self.guide = GuideService(db, app.catalog, app.residents, today=self.clock.business_day)

    def clerk(self, window: int) -> Actor:
        return _at(self.staff[CLERKS[window % 2]], f"WINDOW-{window:02d}")

    # -- a day --------------------------------------------------------------------------

    def play(self, plan: DayPlan) -> None:
        if not self.bulk:
            self.steps(plan)
            return
        with self.app.db.write() as session:
            self.use(DayDatabase(session, self.app.keys))
            try:
                self.steps(plan, DayTickets(plan, self.categories, FLOOR_TERMINAL), session)
            finally:
                self.use(self.app.db)

    def steps(self, plan: DayPlan, rows: DayTickets | None = None, session=None) -> None:
        """Replay the day's steps: through the services, or (`rows`) the floor's as rows
        in the day's `session`."""
        ids: dict[int, Callable[[], int]] = {}
        windows: dict[int, int] = {}
        moved = {t.transferred_from: t.key for t in plan.tickets if t.transferred_from is not None}
        for position, step in enumerate(plan.steps):
            self.catch_up(step.at)
            self.clock.moment = step.at
            key, op = step.ticket, step.op
            if op is Op.CALL:
                windows[key] = step.window
            clerk = self.clerk(windows[key]) if key in windows else self.floor
            if rows is not None:
                if op is Op.ISSUE:
                    ids[key] = _row_id(session, rows.issue(session, key, position))
                    self.counts.tickets += 1
                elif op is Op.TRANSFER:
                    ids[moved[key]] = _row_id(
                        session, rows.transfer(session, key, moved[key], clerk.terminal)
                    )
            elif op is Op.ISSUE:
                issued = self.tickets.issue(self.floor, step.category, terminal=FLOOR_TERMINAL)
                self.outbox.mark_printed(issued.print_job.id)  # the floor's printer, at once
                ids[key] = _fixed(issued.ticket.id)
                self.counts.tickets += 1
            elif op is Op.CALL:
                called = self.calls.call_next(clerk, step.window)
                if called is None or called.id != ids[key]():
                    raise HistoryError(
                        f"history: window {step.window} called {called and called.display_number}"
                        f" at {step.at:%Y-%m-%d %H:%M}, not the ticket the plan expected"
                    )
            elif op is Op.CANCEL:
                self.tickets.cancel(self.floor, ids[key]())
            elif op is Op.TRANSFER:
                new = self.calls.transfer(clerk, ids[key](), category_id=step.category)
                ids[moved[key]] = _fixed(new.id)
            elif op in _FLOOR_STEPS:
                _FLOOR_STEPS[op](self.calls, clerk, ids[key]())
            if op is Op.VISIT:
                self.record_visit(
                    clerk, ids[key](), plan.tickets[key].event, plan.tickets[key].seed
                )
            elif op is Op.CERTIFICATE:
                self.issue_certificate(clerk, ids[key](), plan.tickets[key].seed)
        self.catch_up(None, until=plan.day)
        if rows is not None:
            rows.finish(session)

    # -- visits ---------------------------------------------------------------------------

    def record_visit(self, clerk: Actor, ticket_id: int, event: str, seed: int) -> None:
        rng = random.Random(seed)
        day = self.clock.business_day()
        chosen = events.pick(self.register, event, day, rng)
        if chosen is None:
            return
        member, household = chosen
        answers, per_person, incoming = events.first_answers(event, member, household, day, rng)
        case = self.guide.household_case(clerk, member.resident_id, event, on=day)
        case = events.answered(self.guide, case, answers, per_person, incoming, day)
        result = self.guide.evaluate(case)
        if not result.procedures:
            return
        number = self.visits.reserve_number(clerk)
        printed = rng.random() < FORMS_PRINTED
        bundle = (
            self.guide.forms_bundle(clerk, member.resident_id, case, result.procedures, number)
            if printed
            else None
        )
        visit = self.visits.create_visit(
            clerk,
            case,
            result.procedures,
            ticket_id=ticket_id,
            resident_id=member.resident_id,
            visit_number=number,
            forms=bundle,
            forms_printed=printed,
        )
        self.visits.close(clerk, visit.visit_number)
        self.counts.visits += 1
        if event == "death":
            self.register.leave((member,), day)
        elif event == "move_out":
            self.register.leave(household, day)
        for position, procedure in enumerate(visit.procedures):
            if procedure.status is not ProcedureStatus.ROUTED:
                continue
            self.counts.routed += 1
            if procedure.department_id not in DEPARTMENT_STAFF:
                continue  # no demo staff: it stays in the department's inbox
            for at, action in follow_up(seed * 64 + position, self.clock.moment, day):
                self.seq += 1
                heapq.heappush(
                    self.pending,
                    _Pending(at, self.seq, action, procedure.id, procedure.department_id),
                )

    def catch_up(self, moment: datetime | None, *, until: date | None = None) -> None:
        """Do the departments' work due before `moment` (or during the day `until`)."""
        while self.pending:
            head = self.pending[0]
            if moment is not None and head.at > moment:
                return
            if until is not None and business_day(head.at) > until:
                return
            heapq.heappop(self.pending)
            self.clock.moment = head.at
            self.follow(head)

    def follow(self, pending: _Pending) -> None:
        staff = _at(self.staff[DEPARTMENT_STAFF[pending.department]], "BACKOFFICE-01")
        procedure_id, action = pending.procedure_id, pending.action
        if action is Follow.CLAIM:
            self.inbox.claim(staff, procedure_id)
        elif action is Follow.RETURN:
            question = QUESTIONS[procedure_id % len(QUESTIONS)]
            self.inbox.return_to_window(staff, procedure_id, question)
        elif action is Follow.ANSWER:
            self.visits.answer(self.clerk(1), procedure_id, ANSWERS[procedure_id % len(ANSWERS)])
        elif action is Follow.APPROVE:
            self.inbox.approve(staff, procedure_id, NOTES[action])
            self.counts.decided += 1
        else:
            self.inbox.reject(staff, procedure_id, NOTES[action])
            self.counts.decided += 1

    # -- the certificate desk -------------------------------------------------------------

    def issue_certificate(self, clerk: Actor, ticket_id: int, seed: int) -> None:
        rng = random.Random(seed)
        households = list(self.register.households.values())
        for _draw in range(8):  # someone still in the city (most draws are)
            member = rng.choice(rng.choice(households))
            if member.resident_id not in self.register.gone:
                break
        else:
            return
        roll = rng.random()
        if roll < 0.15 and self.seals:
            atena = rng.choice(sorted(self.seals))
            item = CertificateItem("inkan", seal_card_number=self.seals[atena])
        elif roll < 0.3:
            atena = member.atena_no
            item = CertificateItem("shotoku", fiscal_year=2026)
        else:
            atena = member.atena_no
            item = CertificateItem("juminhyo", copies=rng.choice((1, 1, 1, 2, 3)))
        request = CertificateRequest(
            subject=atena,
            requester=Requester(
                RequesterKind.SELF, rng.choice(("mynumber_card", "drivers_license"))
            ),
            items=(item,),
            ticket_id=ticket_id,
        )
        try:
            total = self.certificates.quote(request).total_yen
            received = -(-total // 1000) * 1000
            payment = PaymentInput(PaymentMethod.CASH, received_yen=received)
            if rng.random() < 0.25:
                payment = PaymentInput(
                    PaymentMethod.CASHLESS, cashless_method="qr", cashless_reference=f"Q{seed}"
                )
            self.certificates.issue(clerk, request, payment, window=clerk_window(clerk))
        except CounterAppError:
            return  # refused at the desk (a tax not assessed, …): logged by the service
        self.counts.certificates += 1


_FLOOR_STEPS = {
    Op.RECALL: CallService.recall,
    Op.NO_SHOW: CallService.no_show,
    Op.START: CallService.start_serving,
    Op.FINISH: CallService.finish,
}


def _fixed(value: int) -> Callable[[], int]:
    return lambda: value


def _row_id(session, row) -> Callable[[], int]:
    """The row's id, flushed when first asked for."""

    def read() -> int:
        if row.id is None:
            session.flush()
        return row.id

    return read


def clerk_window(actor: Actor) -> int:
    return int(actor.terminal.rsplit("-", 1)[1])


def _at(actor: Actor, terminal: str) -> Actor:
    return Actor(
        actor.user_id, actor.login, actor.display_name, actor.roles, actor.departments, terminal
    )


def _staff(session) -> dict[str, Actor]:
    """The active staff by login, as actors (roles and departments from the database)."""
    users = session.scalars(select(StaffUser).where(StaffUser.active.is_(True))).all()
    roles: dict[int, set[RoleCode]] = {}
    for user_id, code in session.execute(select(UserRole.user_id, UserRole.role_code)):
        roles.setdefault(user_id, set()).add(RoleCode(code))
    departments: dict[int, set[str]] = {}
    for user_id, department in session.execute(
        select(DepartmentMembership.user_id, DepartmentMembership.department_id)
    ):
        departments.setdefault(user_id, set()).add(department)
    return {
        user.login: Actor(
            user.id,
            user.login,
            user.display_name,
            frozenset(roles.get(user.id, ())),
            frozenset(departments.get(user.id, ())),
        )
        for user in users
    }


def _register(session) -> events.Register:
    """The demo city's residents by household, leaving out every household with a member
    under a support measure (the window opens those only under an authorisation)."""
    protected = set(
        session.scalars(
            select(Resident.household_id).join(
                SupportMeasure, SupportMeasure.resident_id == Resident.id
            )
        )
    )
    rows = session.execute(
        select(
            Resident.id,
            Resident.atena_no,
            Resident.household_id,
            Resident.relationship_to_head,
            Resident.birth_date,
            Resident.sex,
            Resident.surname_kanji,
        )
        .where(Resident.status == "resident")
        .order_by(Resident.id)
    )
    households: dict[int, list[events.Member]] = {}
    for row in rows:
        if row.household_id not in protected:
            households.setdefault(row.household_id, []).append(events.Member(*row))
    return events.Register({k: tuple(v) for k, v in households.items()})
