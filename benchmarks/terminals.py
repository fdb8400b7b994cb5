"""Terminals: N counter PCs (separate processes) doing a day's work on one PostgreSQL.

    .venv/bin/python benchmarks/terminals.py [--terminals 50] [--pace saturation|real]
                                             [--rounds 3 | --seconds S] [--seed 1]
                                             [--database postgresql+psycopg://…]

Two paces:
- saturation (the default): every terminal acts as fast as it can, to find what the
  system sustains (`--rounds`, default 3, or `--seconds`);
- real: a clerk's real rate. Each thing a clerk does (a ticket issued, a ticket
  called, a draft saved, a visit recorded, a claim, a decision …) is one act, and each
  terminal acts on average every 10 s (exponential pauses: a Poisson process per
  terminal, seeded with `--seed`), for `--seconds` (at least 180, the default). The windows then finish the visit they are serving (the tickets still
  waiting are left), after which the back office drains its backlog at full speed;
  ops_per_s counts the paced part only (until the windows are done).

The terminals start together behind a barrier, each with its own engine and login:
- floor terminals issue 届出 tickets (rounds: `rounds` tickets per window terminal in all;
  seconds: until the time is up, keeping about one waiting ticket per window);
- window terminals call the next ticket, serve it, open SC01's household (a birth) in
  the guide, answer it (at the real pace typing its ten answers one by one, the draft
  saved after each as the guide screen does), evaluate it, record the visit (its review
  procedures are routed to 子育て支援課 and 健康推進課), finish the ticket and close the
  visit; they follow the change feed (LISTEN/NOTIFY) and answer the departments'
  questions (差戻し) about their visits;
- back-office terminals of kodomo and kenko follow the change feed; when a new
  procedure of their department is published they read its row into their inbox at once,
  on their live connection (as the inbox screen does: it redraws without waiting for its
  clerk's own work) and note when it appeared there; `--racers` of
  them claim it (on purpose: one must win; at the real pace each at its next act, unless
  the feed showed it taken meanwhile), the winner returns one in five to the window with
  a question and approves or rejects (at the real pace: the act after the claim).
The run ends once every window has finished and no procedure is open any more.

Afterwards, from the database: ticket and visit numbers unique and without gaps
(duplicates), no procedure claimed by a second user while held (double_claims), every
action a terminal reports as done present in procedure_actions and every procedure a
terminal decided in that final state (lost_actions). Propagation (the last line's): the
moment the procedure appeared in another terminal's inbox (time.time(), same machine)
minus its routing's change feed `at`, written just before the window's unit of work
commits. The same from its `routed` action row is printed as well: that time is taken
when create_visit begins, so it adds create_visit's own latency (its waits for locks).
ops_per_s counts every service call (at the real pace: until the windows are done).

Each terminal keeps the connection budget of a real PC (counter_app.db.budget): a floor or
window terminal one connection, for its work and for LISTEN; a back-office terminal two,
its work and a live one on which it follows the feed and reads the rows a change names,
as the inbox screen does. `connections_peak` is the most client connections the server
held at once (pg_stat_activity, sampled every 20 ms, this process's two included): for
50 terminals at most 35 + 2 × 15 + 2 = 67. The default server is a throwaway cluster with PostgreSQL's stock
max_connections (100), as a city runs it.

The last line: `terminals n=… ops_per_s=… propagation_p95_ms=… duplicates=…
double_claims=… lost_actions=… create_visit_p95_ms=… connections_peak=…`; exit 1 on any
duplicate, double claim or lost action, a terminal's error, an unfinished procedure, a
propagation p95 above 1000 ms (saturation) / propagation or create_visit p95 above 300 ms
(real pace), or more connections than the terminals' budget plus this process's two
(for 50 terminals 67, within the 80 that leave a stock server headroom).
"""

from __future__ import annotations

import argparse
import collections
import math
import multiprocessing as mp
import random
import sys
import threading
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The project root, for the tests' helpers this benchmark shares.
sys.path.insert(0, str(ROOT))

import queue as queue_module  # noqa: E402

CATEGORY = "todokede"
PASSWORD = "correct horse"
DEPARTMENTS = ("kodomo", "kenko")
RETURN_SHARE = 0.2
REJECT_SHARE = 0.1
PROPAGATION_LIMIT_MS = 1000.0  # saturation
REAL_LIMIT_MS = 300.0  # real pace: propagation and create_visit, p95
REAL_INTERVAL_S = 10.0  # real pace: a terminal's mean time between two acts
REAL_MIN_SECONDS = 180.0
OPEN = ("routed", "claimed", "returned", "answered")
# counter_app.db.budget: a counter PC's work and LISTEN share one; a back-office PC keeps
# a live one apart.
CONNECTIONS = {"floor": 1, "window": 1, "back": 2}
ORCHESTRATOR_CONNECTIONS = 2  # this process: the sampler below and the drain check


# -- the plan: who is which terminal ----------------------------------------------------------


def plan_terminals(n: int) -> list[tuple[str, int, str | None]]:
    """(role, index, department) for each terminal: a tenth floor, three tenths back
    office (two kodomo for one kenko: SC01 routes two procedures to kodomo, one to kenko),
    the rest windows."""
    if n < 4:
        raise SystemExit("--terminals must be at least 4 (floor, window, kodomo, kenko)")
    floors = max(1, n // 10)
    back = max(2, round(n * 0.3))
    kenko = max(1, back // 3)
    kodomo = back - kenko
    windows = n - floors - back
    plan = [("floor", i + 1, None) for i in range(floors)]
    plan += [("window", i + 1, None) for i in range(windows)]
    plan += [("back", i + 1, "kodomo") for i in range(kodomo)]
    plan += [("back", i + 1, "kenko") for i in range(kenko)]
    return plan


def login_of(role: str, index: int, department: str | None) -> str:
    return f"{department or role}{index:02d}"


def terminal_of(role: str, index: int, department: str | None) -> str:
    return f"{(department or role).upper()}-{index:02d}"


# -- preparing the database (once, in the main process) ----------------------------------------


def prepare(url: str, plan: list[tuple[str, int, str | None]]) -> dict:
    from sqlalchemy import select, update

    from counter_app.app import CounterApp
    from counter_app.config import Config
    from counter_app.db.models import Resident, TicketCategory
    from counter_app.demo.scenario_households import load_scenario_households
    from counter_app.guide.scenario_file import read_scenario_file
    from counter_app.permissions import RoleCode
    from tests.helpers import add_user

    app = CounterApp.open(Config(database_url=url, terminal_name="BENCH-SETUP"))
    try:
        public = read_scenario_file(ROOT / "tests" / "guide" / "data" / "public.yaml", app.catalog)
        if public.problems:
            raise SystemExit(f"public scenarios: {public.problems[0]}")
        load_scenario_households(app.db, public)
        windows = [index for role, index, _ in plan if role == "window"]
        with app.db.write() as session:
            resident_id = session.scalar(select(Resident.id).where(Resident.atena_no == "A0101"))
            # A city hall with this many windows: every window serves 届出. The terminals
            # build their apps without CounterApp.open, so this survives (open re-syncs
            # the categories from the file).
            session.execute(
                update(TicketCategory).where(TicketCategory.id == CATEGORY).values(windows=windows)
            )
        roles = {"floor": RoleCode.FLOOR_MANAGER, "window": RoleCode.WINDOW_CLERK}
        for role, index, department in plan:
            add_user(
                app,
                login_of(role, index, department),
                roles.get(role, RoleCode.BACK_OFFICE),
                password=PASSWORD,
                departments=(department,) if department else (),
            )
    finally:
        app.close()
    return {"resident_id": resident_id}


# -- a terminal (one process) --------------------------------------------------------------------


class Pace:
    """When a terminal acts next: at once (saturation), or after an exponential pause of
    REAL_INTERVAL_S on average (real), until `drain` is set (the windows are done)."""

    def __init__(self, real: bool, name: str, seed: int, drain) -> None:
        self.real = real
        self._rng = random.Random(f"{seed}:{name}")
        self._drain = drain

    @property
    def paced(self) -> bool:
        return self.real and not self._drain.is_set()

    def wait(self) -> None:
        if self.paced:
            self._drain.wait(self._rng.expovariate(1.0 / REAL_INTERVAL_S))


class Terminal:
    """What every kind of terminal shares: its app, its login, the clock of its calls."""

    def __init__(self, url: str, role: str, index: int, department: str | None) -> None:
        from counter_app.app import CounterApp
        from counter_app.catalog import load_catalog
        from counter_app.config import Config, TerminalKind
        from counter_app.db.engine import make_engine

        self.role, self.index, self.department = role, index, department
        self.name = terminal_of(role, index, department)
        kinds = {"floor": TerminalKind.FLOOR, "window": TerminalKind.WINDOW}
        config = Config(
            database_url=url,
            terminal_name=self.name,
            terminal_kind=kinds.get(role, TerminalKind.BACK_OFFICE),
            window_number=index if role == "window" else None,
            department=department,
        )
        engine = make_engine(url)  # the PC's connection budget (counter_app.db.budget)
        self.app = CounterApp(engine, config, load_catalog(config.catalog_dir))
        self.actor = self.app.auth.login(
            login_of(role, index, department), PASSWORD, self.app.terminal
        )
        self.times: dict[str, list[float]] = collections.defaultdict(list)
        self.done: list[tuple[str, int, int]] = []  # (action, procedure id, user id)
        self.tickets: list[int] = []
        self.decided: dict[int, str] = {}
        self.seen: list[tuple[int, float, float]] = []  # (procedure, appeared, feed at)
        self.errors: list[str] = []
        self.last_op = 0.0
        self.paced_ops = 0
        self.pace: Pace | None = None
        self.listener = None

    def call(self, kind: str, function, *args, **kwargs):
        """One service call, timed under `kind` (`kind_failed` when it raises)."""
        started = time.time()
        try:
            result = function(*args, **kwargs)
        except Exception:
            self._record(kind + "_failed", started)
            raise
        self._record(kind, started)
        return result

    def _record(self, kind: str, started: float) -> None:
        end = time.time()
        self.times[kind].append((end - started) * 1000)
        self.last_op = max(self.last_op, end)
        if self.pace is not None and self.pace.paced:
            self.paced_ops += 1

    def listen(self, on_changes) -> None:
        from counter_app.changes import ChangeListener

        # The PC's live connection: its one on a counter PC, a second on a back-office PC
        # (counter_app.db.budget).
        self.listener = ChangeListener(self.app.live_engine, on_changes, safety_seconds=2.0)
        self.listener.start()

    def report(self) -> dict:
        return {
            "terminal": self.name,
            "role": self.role,
            "times": dict(self.times),
            "done": self.done,
            "tickets": self.tickets,
            "decided": self.decided,
            "seen": self.seen,
            "errors": self.errors,
            "last_op": self.last_op,
            "paced_ops": self.paced_ops,
        }

    def close(self) -> None:
        if self.listener is not None:
            self.listener.stop()
        self.app.close()


def run_floor(t: Terminal, shared: dict) -> None:
    quota = shared["floor_quota"].get(t.index)
    deadline = shared["deadline"]
    windows = shared["windows"]
    issued = 0
    while True:
        t.pace.wait()
        if quota is not None and issued >= quota:
            break
        if quota is None and 0 < deadline.value <= time.time():
            break
        if quota is None and t.call("waiting", t.app.tickets.waiting, CATEGORY) >= windows:
            if not t.pace.real:
                time.sleep(0.05)
            continue
        ticket = t.call("issue", t.app.tickets.issue, t.actor, CATEGORY, force=True)
        t.tickets.append(ticket.ticket.id)
        issued += 1


def run_window(t: Terminal, shared: dict) -> None:
    from counter_app.errors import CounterAppError, ErrorCode
    from counter_app.guide.scenario_file import read_scenario_file
    from counter_app.visits import ProcedureStatus

    public = read_scenario_file(ROOT / "tests" / "guide" / "data" / "public.yaml", t.app.catalog)
    scenario = next(s.case for s in public.scenarios if s.case.case_id == "SC01")
    resident_id = shared["resident_id"]
    mine: dict[int, str] = {}  # routed procedure id → visit number
    others: set[int] = set()  # procedures another terminal changed (maybe before `mine`)
    dirty: set[str] = set()
    lock = threading.Lock()

    def on_changes(changes) -> None:
        with lock:
            for change in changes:
                if change.topic == "procedure" and change.terminal != t.name:
                    pid = int(change.entity_id)
                    others.add(pid)
                    number = mine.get(pid)
                    if number is not None:
                        dirty.add(number)

    t.listen(on_changes)
    answered: set[int] = set()

    def answer_questions() -> None:
        with lock:
            numbers = sorted(dirty)
            dirty.clear()
        for number in numbers:
            t.pace.wait()
            visit = t.call("visit", t.app.visits.visit, t.actor, number)
            for procedure in visit.procedures:
                if procedure.status is ProcedureStatus.RETURNED and procedure.id not in answered:
                    t.pace.wait()
                    t.call("answer", t.app.visits.answer, t.actor, procedure.id, "確認しました")
                    answered.add(procedure.id)
                    t.done.append(("answered", procedure.id, t.actor.user_id))

    shared["barrier"].wait()
    floors_done, all_done = shared["floors_done"], shared["all_done"]
    deadline = shared["deadline"]
    while True:
        answer_questions()
        if t.pace.real and 0 < deadline.value <= time.time():
            break  # the tickets still waiting are left for another day
        t.pace.wait()
        ticket = t.call("call_next", t.app.calls.call_next, t.actor, t.index)
        if ticket is None:
            if floors_done.is_set() and t.call("waiting", t.app.tickets.waiting, CATEGORY) == 0:
                break
            if not t.pace.real:
                time.sleep(0.05)
            continue
        t.tickets.append(ticket.id)
        t.pace.wait()
        t.call("start_serving", t.app.calls.start_serving, t.actor, ticket.id)
        t.pace.wait()
        case = t.call(
            "household_case",
            t.app.guide.household_case,
            t.actor,
            resident_id,
            "birth",
            on=scenario.reference_date,
        )
        case = t.app.guide.with_answers(
            case,
            event_date=scenario.event.date,
            answers=scenario.event.answers,
            person_answers=scenario.event.person_answers,
            newborn=scenario.event.newborn,
        )
        if t.pace.real:
            type_answers(t, resident_id, scenario.event)
        result = t.call("evaluate", t.app.guide.evaluate, case)
        t.pace.wait()
        try:
            visit = t.call(
                "create_visit",
                t.app.visits.create_visit,
                t.actor,
                case,
                result.procedures,
                ticket_id=ticket.id,
                resident_id=resident_id,
            )
        except CounterAppError as error:
            if error.code is not ErrorCode.SUPPORT_MEASURE_BLOCKED:
                raise
            continue
        with lock:
            for procedure in visit.procedures:
                if procedure.status is ProcedureStatus.ROUTED:
                    mine[procedure.id] = visit.visit_number
                    if procedure.id in others:
                        dirty.add(visit.visit_number)
        for procedure in visit.procedures:
            kind = "routed" if procedure.status is ProcedureStatus.ROUTED else "done"
            t.done.append((kind, procedure.id, t.actor.user_id))
        t.pace.wait()
        t.call("finish", t.app.calls.finish, t.actor, ticket.id)
        t.pace.wait()
        t.call("close_visit", t.app.visits.close, t.actor, visit.visit_number)
    shared["windows_done"].put(t.name)
    while not all_done.wait(0.05):
        answer_questions()


def type_answers(t: Terminal, resident_id: int, event) -> None:
    """The clerk types the case's answers one by one; the guide saves the draft after
    each (as the screen does while the clerk types): one act each."""
    typed = [("answer", key, value) for key, value in event.answers.items()]
    typed += [
        ("person", (atena, key), value)
        for atena, values in event.person_answers.items()
        for key, value in values.items()
    ]
    answers: dict = {}
    person_answers: dict = {}
    for kind, key, value in typed:
        if kind == "answer":
            answers[key] = value
        else:
            atena, name = key
            person_answers.setdefault(atena, {})[name] = value
        t.pace.wait()
        t.call(
            "save_draft",
            t.app.visits.save_draft,
            t.actor,
            resident_id,
            event.type,
            answers,
            person_answers,
            {},
        )


def run_back_office(t: Terminal, shared: dict) -> None:
    from counter_app.errors import CounterAppError, ErrorCode

    department = t.department
    racers = shared["racers"][department]
    rng = random.Random(t.name)
    seen: set[int] = set()
    to_claim: list[int] = []
    returned: set[int] = set()
    answered: list[int] = []
    lock = threading.Lock()
    wake = threading.Event()

    def on_changes(changes) -> None:
        new: dict[int, float] = {}
        for change in changes:
            if change.topic != "procedure" or change.department_id != department:
                continue
            pid = int(change.entity_id)
            if pid in returned and change.terminal != t.name:
                with lock:
                    returned.discard(pid)
                    answered.append(pid)
                    wake.set()
            if t.pace.real and pid in seen and change.terminal != t.name:
                # The screen shows it taken: a clerk at the real pace does not try.
                with lock:
                    if pid in to_claim:
                        to_claim.remove(pid)
            if pid not in seen and pid not in new:
                new[pid] = change.at.timestamp()
        if not new:
            return
        # What the inbox screen does: read the rows the feed named, on the live connection.
        items = t.call("inbox", t.app.live_inbox.inbox, t.actor, department, only=new)
        appeared = time.time()
        with lock:
            for item in items:
                if item.id in new and item.id not in seen:
                    seen.add(item.id)
                    t.seen.append((item.id, appeared, new[item.id]))
                    if item.id % shared["back_counts"][department] in racers_of(t.index):
                        to_claim.append(item.id)
            seen.update(new)  # decided before this reload: never to appear
            wake.set()

    def racers_of(index: int) -> set[int]:
        count = shared["back_counts"][department]
        return {(index - 1 - j) % count for j in range(racers)}

    def work_on(pid: int) -> None:
        """Claim it; if won, return it with a question or decide it (the next act)."""
        try:
            t.call("claim", t.app.inbox.claim, t.actor, pid)
        except CounterAppError as error:
            if error.code in (ErrorCode.VISIT_ALREADY_CLAIMED, ErrorCode.VISIT_PROCEDURE_STATE):
                t.times["claim_lost"].append(t.times["claim_failed"].pop())
                return
            raise
        t.done.append(("claimed", pid, t.actor.user_id))
        t.pace.wait()
        if rng.random() < RETURN_SHARE:
            with lock:
                returned.add(pid)
            t.call("return", t.app.inbox.return_to_window, t.actor, pid, "続柄の確認を")
            t.done.append(("returned", pid, t.actor.user_id))
        else:
            decide(t, rng, pid)

    def next_act() -> tuple[bool, int] | None:
        """(an answered one to decide?, procedure) for the real pace's next act."""
        with lock:
            if answered:
                return True, answered.pop(0)
            if to_claim:
                return False, to_claim.pop(rng.randrange(len(to_claim)))
        return None

    t.listen(on_changes)
    shared["barrier"].wait()
    all_done = shared["all_done"]
    while not all_done.is_set():
        if t.pace.paced:
            with lock:
                idle = not (to_claim or answered)
            if idle:
                wake.wait(0.1)
                wake.clear()
                continue
            t.pace.wait()  # the work may be gone meanwhile (taken by a racer)
            act = next_act()
            if act is not None:
                answered_one, pid = act
                if answered_one:
                    decide(t, rng, pid)
                else:
                    work_on(pid)
            continue
        wake.wait(0.1)
        with lock:
            wake.clear()
            claims, to_claim[:] = to_claim[:], []
            answers, answered[:] = answered[:], []
        rng.shuffle(claims)
        for pid in claims:
            work_on(pid)
        for pid in answers:
            decide(t, rng, pid)


def decide(t: Terminal, rng: random.Random, pid: int) -> None:
    if rng.random() < REJECT_SHARE:
        t.call("reject", t.app.inbox.reject, t.actor, pid, "要件を満たさない")
        t.done.append(("rejected", pid, t.actor.user_id))
        t.decided[pid] = "rejected"
    else:
        t.call("approve", t.app.inbox.approve, t.actor, pid, "支給決定")
        t.done.append(("approved", pid, t.actor.user_id))
        t.decided[pid] = "approved"


def terminal_main(url, role, index, department, shared, results) -> None:
    t = None
    try:
        t = Terminal(url, role, index, department)
        t.pace = Pace(shared["pace"] == "real", t.name, shared["seed"], shared["drain"])
        if role == "floor":
            shared["barrier"].wait()
            run_floor(t, shared)
            shared["floors_left"].put(t.name)
        elif role == "window":
            run_window(t, shared)
        else:
            run_back_office(t, shared)
    except BaseException:
        text = traceback.format_exc()
        if t is None:
            results.put({"terminal": terminal_of(role, index, department), "fatal": text})
            shared["barrier"].abort()
            return
        t.errors.append(text)
        if role == "floor":
            shared["floors_left"].put(t.name)
        if role == "window":
            shared["windows_done"].put(t.name)
    try:
        results.put(t.report())
    finally:
        t.close()


# -- checking the database afterwards ------------------------------------------------------------


def check(url: str, reports: list[dict]) -> dict:
    from sqlalchemy import text

    from counter_app.db.engine import make_engine

    engine = make_engine(url)
    figures: dict = {}
    with engine.connect() as db:
        rows = db.execute(
            text(
                "SELECT business_day, category_id, count(number), count(DISTINCT number), "
                "max(number) FROM tickets WHERE number IS NOT NULL "
                "GROUP BY business_day, category_id"
            )
        ).all()
        figures["ticket_duplicates"] = sum(c - d for _, _, c, d, _ in rows)
        figures["ticket_gaps"] = sum(m - d for _, _, _, d, m in rows)
        figures["tickets"] = sum(c for _, _, c, _, _ in rows)
        counters = dict(
            ((day, cat), last)
            for day, cat, last in db.execute(
                text("SELECT business_day, category_id, last FROM ticket_counters")
            )
        )
        figures["ticket_gaps"] += sum(
            abs(counters.get((day, cat), 0) - m) for day, cat, _, _, m in rows
        )
        numbers = [n for (n,) in db.execute(text("SELECT visit_number FROM visits"))]
        figures["visits"] = len(numbers)
        figures["visit_duplicates"] = len(numbers) - len(set(numbers))
        by_day = collections.defaultdict(list)
        for number in set(numbers):
            by_day[number[:10]].append(int(number[11:]))
        figures["visit_gaps"] = sum(max(v) - len(v) for v in by_day.values())
        ticket_ids = {i for (i,) in db.execute(text("SELECT id FROM tickets"))}
        actions = db.execute(
            text(
                "SELECT visit_procedure_id, action, user_id, at FROM procedure_actions "
                "WHERE visit_procedure_id IS NOT NULL ORDER BY id"
            )
        ).all()
        statuses = dict(db.execute(text("SELECT id, status FROM visit_procedures")).all())
    engine.dispose()

    # Double claims: a CLAIMED by another user while the procedure is held.
    holder: dict[int, int | None] = {}
    double: set[int] = set()
    logged = collections.Counter()
    routed_at: dict[int, float] = {}
    for pid, action, user_id, at in actions:
        logged[(action, pid, user_id)] += 1
        if action == "routed":
            routed_at[pid] = at.timestamp()
        if action == "claimed":
            if holder.get(pid) is not None and holder[pid] != user_id:
                double.add(pid)
            holder[pid] = user_id
        elif action == "released":
            holder[pid] = None
        elif action == "reassigned":
            holder[pid] = -1
    reported_claims = collections.defaultdict(set)
    for report in reports:
        for action, pid, user_id in report.get("done", ()):
            if action == "claimed":
                reported_claims[pid].add(user_id)
    double |= {pid for pid, users in reported_claims.items() if len(users) > 1}
    figures["double_claims"] = len(double)

    # Lost actions: reported but not logged; decided but not in that state; tickets.
    reported = collections.Counter()
    decided: dict[int, str] = {}
    issued: list[int] = []
    for report in reports:
        reported.update(tuple(d) for d in report.get("done", ()))
        decided.update(report.get("decided", {}))
        if report.get("role") == "floor":
            issued += report.get("tickets", [])
    lost = sum(max(0, count - logged[key]) for key, count in reported.items())
    lost += sum(1 for pid, outcome in decided.items() if statuses.get(pid) != outcome)
    lost += sum(1 for ticket in issued if ticket not in ticket_ids)
    figures["lost_actions"] = lost
    figures["reported_actions"] = sum(reported.values())
    figures["issued_reported"] = len(issued)
    figures["unfinished"] = sum(1 for s in statuses.values() if s in OPEN)
    figures["final"] = collections.Counter(statuses.values())
    figures["routed_at"] = routed_at
    return figures


# -- the run -----------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terminals", type=int, default=50)
    parser.add_argument("--pace", choices=("saturation", "real"), default="saturation")
    parser.add_argument("--seed", type=int, default=1, help="the real pace's pauses")
    bound = parser.add_mutually_exclusive_group()
    bound.add_argument("--rounds", type=int, help="tickets per window terminal (default 3)")
    bound.add_argument("--seconds", type=float, help="issue tickets for this long instead")
    parser.add_argument("--racers", type=int, default=3, help="terminals racing per claim")
    parser.add_argument("--drain-timeout", type=float, default=180.0)
    parser.add_argument(
        "--database", help="an empty PostgreSQL database (default: a throwaway cluster)"
    )
    args = parser.parse_args()
    if args.pace == "real":
        if args.rounds is not None:
            parser.error("--pace real runs for --seconds, not --rounds")
        if args.seconds is None:
            args.seconds = REAL_MIN_SECONDS
        if args.seconds < REAL_MIN_SECONDS:
            parser.error(f"--pace real needs --seconds of at least {REAL_MIN_SECONDS:.0f}")
    rounds = args.rounds if args.rounds is not None or args.seconds is not None else 3
    plan = plan_terminals(args.terminals)
    started_wall = time.time()

    cluster = None
    url = args.database
    if url is None:
        from tests.postgres import ThrowawayCluster

        cluster = ThrowawayCluster()
        cluster.start()
        url = cluster.new_database("terminals")
    try:
        return run(args, plan, url, rounds, started_wall)
    finally:
        if cluster is not None:
            cluster.stop()


def run(args, plan, url: str, rounds: int | None, started_wall: float) -> int:
    from sqlalchemy import text

    from counter_app.db.engine import make_engine

    setup = time.time()
    prepared = prepare(url, plan)
    setup_s = time.time() - setup
    counts = collections.Counter(d or r for r, _, d in plan)
    floors = [i for r, i, _ in plan if r == "floor"]
    windows = counts["window"]
    quota = {}
    if rounds is not None:
        total = rounds * windows
        quota = {
            i: total // len(floors) + (1 if k < total % len(floors) else 0)
            for k, i in enumerate(floors)
        }
    context = mp.get_context("spawn")
    shared = {
        "barrier": context.Barrier(len(plan) + 1),
        "floors_done": context.Event(),
        "all_done": context.Event(),
        "drain": context.Event(),  # the windows are done: the real pace ends
        "pace": args.pace,
        "seed": args.seed,
        "floors_left": context.Queue(),
        "windows_done": context.Queue(),
        "floor_quota": quota,
        "deadline": context.Value("d", 0.0),  # set once the terminals are all ready
        "windows": windows,
        "resident_id": prepared["resident_id"],
        "racers": {d: min(args.racers, counts[d]) for d in DEPARTMENTS},
        "back_counts": {d: counts[d] for d in DEPARTMENTS},
    }
    results = context.Queue()
    from tests.postgres import ConnectionPeak

    connections = ConnectionPeak(url)
    processes = [
        context.Process(target=terminal_main, args=(url, r, i, d, shared, results), daemon=True)
        for r, i, d in plan
    ]
    spawn = time.time()
    for process in processes:
        process.start()
    try:
        shared["barrier"].wait(timeout=600)
    except threading.BrokenBarrierError:
        fatal = []
        while not results.empty():
            fatal.append(results.get())
        for process in processes:
            process.kill()
        print("terminals: a terminal failed to start:", fatal[:1], file=sys.stderr)
        connections.stop()
        return 1
    t0 = time.time()
    if args.seconds is not None:
        shared["deadline"].value = t0 + args.seconds
    print(
        f"terminals plan pace={args.pace} floor={len(floors)} window={windows} "
        f"kodomo={counts['kodomo']} kenko={counts['kenko']} racers={args.racers} "
        + (f"rounds={rounds}" if rounds is not None else f"seconds={args.seconds}")
        + f" setup_s={setup_s:.1f} start_s={t0 - spawn:.1f}",
        flush=True,
    )
    for _ in floors:
        shared["floors_left"].get(timeout=3600 if args.seconds is None else args.seconds + 600)
    shared["floors_done"].set()
    for _ in range(windows):
        shared["windows_done"].get(timeout=3600)
    windows_finished = time.time()
    shared["drain"].set()
    engine = make_engine(url)
    drained = False
    deadline = time.time() + args.drain_timeout
    while time.time() < deadline:
        with engine.connect() as db:
            open_count = db.execute(
                text(
                    "SELECT count(*) FROM visit_procedures "
                    "WHERE status IN ('routed', 'claimed', 'returned', 'answered')"
                )
            ).scalar_one()
        if open_count == 0:
            drained = True
            break
        time.sleep(0.1)
    engine.dispose()
    shared["all_done"].set()
    reports = []
    for _ in processes:
        try:
            reports.append(results.get(timeout=120))
        except queue_module.Empty:
            break
    for process in processes:
        process.join(timeout=30)
        if process.is_alive():
            process.kill()
    peak = connections.stop()
    return summarise(args, url, reports, t0, windows_finished, drained, started_wall, peak)


def summarise(args, url, reports, t0, windows_finished, drained, started_wall, peak) -> int:
    figures = check(url, reports)
    times: dict[str, list[float]] = collections.defaultdict(list)
    errors = []
    for report in reports:
        if "fatal" in report:
            errors.append(f"{report['terminal']}: {report['fatal']}")
            continue
        for kind, values in report["times"].items():
            times[kind] += values
        errors += [f"{report['terminal']}: {e}" for e in report["errors"]]
    real = args.pace == "real"
    if real:  # the paced part only: the back office's drain afterwards is not a clerk's pace
        end = windows_finished
        ops = sum(r.get("paced_ops", 0) for r in reports)
    else:
        end = max((r.get("last_op", 0.0) for r in reports), default=t0)
        ops = sum(len(v) for v in times.values())
    elapsed = max(end - t0, 1e-9)
    for kind in sorted(k for k, v in times.items() if v):
        values = times[kind]
        print(
            f"terminals op {kind:<16} n={len(values):>6} p50_ms={percentile(values, 0.5):8.1f} "
            f"p95_ms={percentile(values, 0.95):8.1f} max_ms={max(values):8.1f}"
        )
    routed_at = figures["routed_at"]
    from_row, from_feed = [], []
    for report in reports:
        for pid, appeared, feed_at in report.get("seen", ()):
            if pid in routed_at:
                from_row.append((appeared - routed_at[pid]) * 1000)
            from_feed.append((appeared - feed_at) * 1000)
    p95 = percentile(from_feed, 0.95)
    print(
        f"terminals propagation from_feed_commit n={len(from_feed)} "
        f"p50_ms={percentile(from_feed, 0.5):.1f} p95_ms={p95:.1f} "
        f"max_ms={max(from_feed, default=float('nan')):.1f}"
    )
    print(
        f"terminals propagation from_routed_row n={len(from_row)} "
        f"p50_ms={percentile(from_row, 0.5):.1f} p95_ms={percentile(from_row, 0.95):.1f} "
        f"max_ms={max(from_row, default=float('nan')):.1f} (includes create_visit itself)"
    )
    final = ", ".join(f"{k}={v}" for k, v in sorted(figures["final"].items()))
    print(
        f"terminals database tickets={figures['tickets']} (floors reported "
        f"{figures['issued_reported']}) visits={figures['visits']} procedures: {final}"
    )
    print(
        f"terminals checks ticket_duplicates={figures['ticket_duplicates']} "
        f"ticket_gaps={figures['ticket_gaps']} visit_duplicates={figures['visit_duplicates']} "
        f"visit_gaps={figures['visit_gaps']} reported_actions={figures['reported_actions']} "
        f"unfinished={figures['unfinished']} drained={drained} errors={len(errors)}"
    )
    print(
        f"terminals time work_s={elapsed:.1f} windows_s={windows_finished - t0:.1f} "
        f"total_s={time.time() - started_wall:.1f} ops={ops}"
    )
    for error in errors[:3]:
        print(error, file=sys.stderr)
    duplicates = (
        figures["ticket_duplicates"]
        + figures["ticket_gaps"]
        + figures["visit_duplicates"]
        + figures["visit_gaps"]
    )
    create_visit_p95 = percentile(times["create_visit"], 0.95)
    print(
        f"terminals n={args.terminals} ops_per_s={ops / elapsed:.1f} "
        f"propagation_p95_ms={p95:.1f} duplicates={duplicates} "
        f"double_claims={figures['double_claims']} lost_actions={figures['lost_actions']} "
        f"create_visit_p95_ms={create_visit_p95:.1f} connections_peak={peak}"
    )
    plan = plan_terminals(args.terminals)
    budget = sum(CONNECTIONS[role] for role, _, _ in plan) + ORCHESTRATOR_CONNECTIONS
    within = (
        p95 <= REAL_LIMIT_MS and create_visit_p95 <= REAL_LIMIT_MS
        if real
        else p95 <= PROPAGATION_LIMIT_MS
    )
    failed = (
        duplicates
        or figures["double_claims"]
        or figures["lost_actions"]
        or errors
        or figures["unfinished"]
        or len(reports) != args.terminals
        or not within
        or peak > budget
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
