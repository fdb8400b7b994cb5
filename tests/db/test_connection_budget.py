"""A PC's connections to a shared PostgreSQL server (counter_app.db.budget): one for its
work and its live screens together, one for a command; a server with no free connection
is waited out, never a crash.

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
from counter_app.config import Config
from counter_app.db.engine import Database, make_engine
from counter_app.db.migrate import upgrade
from tests.changes.test_feed import Collector, publish_one
from tests.helpers import run_cli
from tests.postgres import ConnectionPeak, server_filled

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
