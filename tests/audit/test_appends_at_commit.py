"""Chained entries are written when their unit of work commits: a log is held for the last
statements only, many PCs appending at once leave both chains whole, and a decision read
from the audit log (`lock_chain`) still waits for the unit of work before it."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from sqlalchemy import func, select, text

from counter_app.app import CounterApp
from counter_app.config import Config
from counter_app.db.engine import make_engine
from counter_app.db.models import AuditEntry, ProcedureAction
from counter_app.permissions import RoleCode, console_actor
from counter_app.services import audit
from counter_app.visits.inbox import InboxService
from counter_app.visits.service import VisitService
from tests import helpers
from tests.visits import NOW, login, sc01, services

pytestmark = pytest.mark.postgres  # SQLite runs write units one at a time anyway
ADMIN = console_actor(helpers.TERMINAL)


@pytest.fixture
def app(postgres_url):
    """Several PCs at once: each thread of these tests stands for one, so the engine has
    a connection for each (a real PC keeps one, counter_app.db.budget)."""
    helpers.open_app(postgres_url).close()  # the schema and the reference data
    config = Config(database_url=postgres_url, terminal_name=helpers.TERMINAL)
    opened = CounterApp(make_engine(postgres_url, pool_size=4), config)
    yield opened
    opened.close()


def in_thread(work: Callable[[], None]) -> tuple[threading.Thread, list[BaseException]]:
    failures: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as error:  # reported by the test
            failures.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, failures


def test_a_logged_read_holds_the_audit_log_only_while_it_commits(app):
    """A clerk's unit of work that logged a read and goes on working does not hold up
    another clerk's: the other's entry comes first in the chain."""
    appended, release = threading.Event(), threading.Event()
    released: list[bool] = []

    def long_unit() -> None:
        with app.db.write() as session:
            audit.append(session, ADMIN, "test.slow")
            appended.set()
            released.append(release.wait(30))

    thread, failures = in_thread(long_unit)
    assert appended.wait(10)
    with app.db.write() as session:
        audit.append(session, ADMIN, "test.quick")
    release.set()
    thread.join(30)

    assert not failures and released == [True]  # the quick one never waited for the slow
    with app.db.read() as session:
        order = session.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.action.like("test.%"))
            .order_by(AuditEntry.id)
        ).all()
    assert order == ["test.quick", "test.slow"]
    assert all(report.ok for report in app.audit.verify(ADMIN))


def test_a_decision_read_from_the_log_waits_for_the_unit_of_work_before_it(app):
    """lock_chain: the second unit reads the log only once the first has committed, so it
    sees the entry the first wrote (an authorisation is used once)."""
    locked, seen = threading.Event(), []

    def first() -> None:
        with app.db.write() as session:
            audit.lock_chain(session)
            locked.set()
            threading.Event().wait(0.5)  # still deciding
            audit.append(session, ADMIN, "test.used")

    thread, failures = in_thread(first)
    assert locked.wait(10)
    with app.db.write() as session:
        audit.lock_chain(session)
        seen.append(
            session.scalar(
                select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "test.used")
            )
        )
        audit.append(session, ADMIN, "test.second")
    thread.join(30)

    assert not failures and seen == [1]
    assert all(report.ok for report in app.audit.verify(ADMIN))


def test_an_entry_that_waited_for_the_log_is_numbered_after_it_got_it(app):
    """Ids are drawn under the log's lock, so in the chain's order: an id drawn by anyone
    while the entry waits is smaller than the entry's."""
    holding, release = threading.Event(), threading.Event()

    def holder() -> None:
        with app.db.write() as session:
            audit.lock_chain(session)
            holding.set()
            release.wait(30)
            audit.append(session, ADMIN, "test.holder")

    def waiter() -> None:
        with app.db.write() as session:
            audit.append(session, ADMIN, "test.waiter")

    first, first_failures = in_thread(holder)
    assert holding.wait(10)
    second, second_failures = in_thread(waiter)
    wait_until_a_unit_of_work_waits_for_a_lock(app)
    with app.db.write() as session:
        drawn = session.scalar(text("SELECT nextval(pg_get_serial_sequence('audit_log', 'id'))"))
    release.set()
    for thread in (first, second):
        thread.join(30)

    assert not first_failures and not second_failures
    with app.db.read() as session:
        ids = dict(
            session.execute(
                select(AuditEntry.action, AuditEntry.id).where(AuditEntry.action.like("test.%"))
            ).all()
        )
    assert drawn < ids["test.holder"] < ids["test.waiter"]
    assert all(report.ok for report in app.audit.verify(ADMIN))


def wait_until_a_unit_of_work_waits_for_a_lock(app) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with app.engine.connect() as connection:
            if connection.scalar(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                    "AND datname = current_database()"
                )
            ):
                return
        time.sleep(0.01)
    raise AssertionError("nobody waited for the log")


def test_pcs_reading_and_acting_on_one_visit_at_once_leave_both_chains_whole(app):
    """Reads (audit log), claims and releases in two departments and the window closing
    the visit meanwhile (visits' log, change feed): every unit of work commits, none
    deadlocks, and both logs verify with every entry there."""
    clerk = login(app, "madoguchi", RoleCode.WINDOW_CLERK)
    visits, _ = services(app)
    resident_id, case, result = sc01(app, clerk)
    visit = visits.create_visit(clerk, case, result.procedures, resident_id=resident_id)
    staff = {
        "child_allowance_claim": login(
            app, "kodomo1", RoleCode.BACK_OFFICE, departments=("kodomo",)
        ),
        "child_medical_subsidy": login(
            app, "kodomo2", RoleCode.BACK_OFFICE, departments=("kodomo",)
        ),
        "prenatal_support_2nd": login(app, "kenko1", RoleCode.BACK_OFFICE, departments=("kenko",)),
    }
    with app.db.read() as session:
        entries_before = session.scalar(select(func.count()).select_from(AuditEntry))
        actions_before = session.scalar(select(func.count()).select_from(ProcedureAction))
    rounds = 15
    start = threading.Barrier(len(staff) + 2)

    def reader() -> None:
        own = VisitService(app.db, app.catalog, now=lambda: NOW, residents=app.residents)
        start.wait()
        for _ in range(rounds):
            own.visit(clerk, visit.visit_number)

    def department(procedure_id: str) -> Callable[[], None]:
        def work() -> None:
            inbox = InboxService(app.db, app.catalog, now=lambda: NOW, residents=app.residents)
            pid = visit.procedure(procedure_id).id
            start.wait()
            for _ in range(rounds):
                inbox.claim(staff[procedure_id], pid)
                inbox.release(staff[procedure_id], pid)

        return work

    def window() -> None:
        own = VisitService(app.db, app.catalog, now=lambda: NOW, residents=app.residents)
        start.wait()
        own.close(clerk, visit.visit_number)

    running = [in_thread(reader), in_thread(window)]
    running += [in_thread(department(procedure_id)) for procedure_id in staff]
    for thread, _ in running:
        thread.join(120)
    failures = [failure for _, failed in running for failure in failed]
    assert not failures, failures

    with app.db.read() as session:
        entries = session.scalar(select(func.count()).select_from(AuditEntry))
        actions = session.scalar(select(func.count()).select_from(ProcedureAction))
    assert entries - entries_before == rounds  # one `visit.read` each
    assert actions - actions_before == len(staff) * rounds * 2 + 1  # claims, releases, close
    reports = app.audit.verify(ADMIN)
    assert [(r.log, r.ok) for r in reports] == [("audit_log", True), ("procedure_actions", True)]
