"""A PC's connections to a shared PostgreSQL server (counter_app.db.budget): a counter
PC's one for its work and its live screens together, a back-office PC's two (its work,
and a live one its inbox follows the feed on), one for a command; a server with no free
connection is waited out, never a crash.

The servers here run with PostgreSQL's stock max_connections (tests/postgres.py); a full
server is played by holding every connection it gives (`server_filled`)."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import text

from counter_app.app import CounterApp
from counter_app.changes import ChangeListener, ListenerStatus
from counter_app.changes.feed import latest_id
from counter_app.config import Config, TerminalKind
from counter_app.db.budget import LIVE_APPLICATION_NAME
from counter_app.db.engine import Database, make_engine
from counter_app.db.migrate import upgrade
from counter_app.permissions import RoleCode
from tests.changes.test_feed import Collector, publish_one
from tests.helpers import run_cli
from tests.postgres import ConnectionPeak, server_filled
from tests.visits import login, sc01

pytestmark = pytest.mark.postgres


def other_pc(url: str) -> Database:
    """Another PC's database, told apart from this one's in pg_stat_activity."""
    engine = make_engine(url, connect_args={"application_name": "other-pc"})
    upgrade(engine)
    return Database(engine)


def test_a_pc_works_and_follows_the_feed_on_one_connection(postgres_url):
    other = other_pc(postgres_url)
    app = CounterApp.open(Config(database_url=postgres_url, terminal_name="PC-1"))
    count = ConnectionPeak(postgres_url, "counter-app", interval=0.005)
    collector = Collector()
    listener = ChangeListener(app.engine, collector, safety_seconds=0.2)
    listener.start()
    failures: list[BaseException] = []
    stop = threading.Event()

    def work() -> None:  # two threads of this PC wanting the database at once
        try:
            while not stop.is_set():
                publish_one(app.db, "mine")
                latest_id(app.db)
        except BaseException as error:
            failures.append(error)

    workers = [threading.Thread(target=work) for _ in range(2)]
    try:
        for worker in workers:
            worker.start()
        for i in range(30):
            publish_one(other, f"other-{i}")
            time.sleep(0.01)
        stop.set()
        for worker in workers:
            worker.join()
        theirs = lambda: [c.entity_id for c in collector.changes if c.entity_id != "mine"]  # noqa: E731
        deadline = time.monotonic() + 10
        while len(theirs()) < 30 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop.set()
        listener.stop()
        peak = count.stop()
        app.close()
        other.engine.dispose()
    assert failures == []
    assert theirs() == [f"other-{i}" for i in range(30)]
    assert peak == 1


def test_a_back_office_pc_sees_a_routed_procedure_while_its_own_work_holds_its_connection(
    postgres_url,
):
    window = CounterApp.open(Config(database_url=postgres_url, terminal_name="MADO-01"))
    back = CounterApp.open(
        Config(
            database_url=postgres_url,
            terminal_name="GENKA-01",
            terminal_kind=TerminalKind.BACK_OFFICE,
            department="kodomo",
        )
    )
    work = ConnectionPeak(postgres_url, "counter-app", interval=0.005)
    live = ConnectionPeak(postgres_url, LIVE_APPLICATION_NAME, interval=0.005)
    clerk = login(window, "madoguchi", RoleCode.WINDOW_CLERK)
    login(window, "kodomo1", RoleCode.BACK_OFFICE, departments=("kodomo",))
    staff = back.auth.login("kodomo1", "correct horse", back.terminal)
    resident_id, case, result = sc01(window, clerk)
    collector = Collector()
    listener = ChangeListener(back.live_engine, collector, safety_seconds=30)
    listener.start()
    holding, release = threading.Event(), threading.Event()

    def clerks_own_write() -> None:  # a decision being written, slowly, on a busy server
        with back.db.write() as session:
            session.execute(text("SELECT 1"))
            holding.set()
            release.wait(30)

    writer = threading.Thread(target=clerks_own_write)
    writer.start()
    try:
        assert holding.wait(10)
        visit = window.visits.create_visit(clerk, case, result.procedures, resident_id=resident_id)
        routed = {p.id for p in visit.procedures if p.department_id == "kodomo"}
        heard = lambda: {  # noqa: E731
            int(c.entity_id) for c in collector.changes if c.topic == "procedure"
        }
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and not routed <= heard():
            time.sleep(0.02)
        assert len(routed) == 2 and routed <= heard()
        shown = back.live_inbox.inbox(staff, "kodomo", only=routed)
        assert {item.id for item in shown} == routed
        assert writer.is_alive(), "heard and read while the PC's own write unit was open"
    finally:
        release.set()
        writer.join()
        listener.stop()
        work_peak, live_peak = work.stop(), live.stop()
        back.close()
        window.close()
    # The window PC's one and the back-office PC's two.
    assert (work_peak, live_peak) == (2, 1)


def test_the_listener_waits_out_a_full_server_and_catches_up(postgres_url):
    other = other_pc(postgres_url)
    start = latest_id(other)  # the other PC's connection is open before the server fills
    collector = Collector()
    listener = ChangeListener(
        postgres_url, collector, last_id=start, on_status=collector.statuses.append
    )
    try:
        with server_filled(postgres_url):
            listener.start()
            deadline = time.monotonic() + 10
            while not collector.statuses and time.monotonic() < deadline:
                time.sleep(0.05)
            assert collector.statuses == [ListenerStatus.DISCONNECTED]
            publish_one(other, "while-full")
            time.sleep(0.5)
            assert collector.changes == []
        changes = collector.wait_for(1, timeout=40)  # within its backoff (at most 30 s)
    finally:
        listener.stop()
        other.engine.dispose()
    assert [c.entity_id for c in changes] == ["while-full"]
    assert collector.statuses == [ListenerStatus.DISCONNECTED, ListenerStatus.CONNECTED]


def test_a_command_on_a_full_server_says_so_in_one_line_and_exits_1(postgres_url):
    assert run_cli("db", "upgrade", "--database", postgres_url).returncode == 0
    with server_filled(postgres_url):
        refused = run_cli("db", "upgrade", "--database", postgres_url)
    assert refused.returncode == 1
    assert refused.stdout == ""
    lines = refused.stderr.strip().splitlines()
    port = postgres_url.rsplit(":", 1)[1].split("/")[0]
    assert len(lines) == 1, refused.stderr
    assert "接続数が上限に達しています" in lines[0]
    assert f"127.0.0.1:{port}" in lines[0] and "max_connections" in lines[0]


def test_a_command_uses_one_connection(postgres_url):
    count = ConnectionPeak(postgres_url, "counter-app", interval=0.005)
    try:
        loaded = run_cli(
            "demo-data", "--residents", "2000", "--database", postgres_url, timeout=600
        )
    finally:
        peak = count.stop()
    assert loaded.returncode == 0, loaded.stderr
    assert peak == 1


def test_threads_of_a_pc_take_the_connection_in_turn(postgres_url):
    """A worker going from one unit of work to the next does not keep the PC's one
    connection from a thread that asked for it meanwhile (the listener, a reload)."""
    engine = make_engine(postgres_url)
    db = Database(engine)
    stop = threading.Event()

    def busy_worker() -> None:
        while not stop.is_set():
            with db.read() as session:
                session.execute(text("SELECT pg_sleep(0.005)"))

    worker = threading.Thread(target=busy_worker)
    worker.start()
    waits = []
    try:
        time.sleep(0.1)
        for _ in range(20):
            started = time.perf_counter()
            with db.read() as session:
                waits.append(time.perf_counter() - started)
                session.execute(text("SELECT 1"))
    finally:
        stop.set()
        worker.join()
        engine.dispose()
    assert max(waits) < 0.5  # one unit of work ahead at most (5 ms), never starved
