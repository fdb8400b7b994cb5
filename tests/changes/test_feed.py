"""The change feed: published in the unit of work, followed live by every listener."""

from __future__ import annotations

import argparse
import contextlib
import statistics
import subprocess
import sys
import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import delete, event, insert, select, text, update
from sqlalchemy.orm import Session

from counter_app.changes import (
    Change,
    ChangeListener,
    ListenerStatus,
    Topic,
    changes_since,
    latest_id,
    prune,
    prune_if_due,
    publish,
)
from counter_app.cli import changes_cmd
from counter_app.cli.common import add_common_options
from counter_app.db.engine import Database, make_engine
from counter_app.db.migrate import upgrade
from counter_app.db.models import ChangeRow
from counter_app.db.models.base import utcnow
from tests.helpers import PROJECT_ROOT

DELIVERY_LIMIT_SECONDS = 1.0


@pytest.fixture
def db(database_url):
    engine = make_engine(database_url)
    upgrade(engine)
    yield Database(engine)
    engine.dispose()


class Collector:
    """on_changes for the tests: keeps every change and when it arrived."""

    def __init__(self) -> None:
        self.changes: list[Change] = []
        self.arrived: dict[str, float] = {}
        self.statuses: list[ListenerStatus] = []
        self._lock = threading.Lock()
        self._grew = threading.Condition(self._lock)

    def __call__(self, changes: list[Change]) -> None:
        now = time.perf_counter()
        with self._lock:
            self.changes.extend(changes)
            for change in changes:
                self.arrived[change.entity_id] = now
            self._grew.notify_all()

    def wait_for(self, count: int, timeout: float = 10.0) -> list[Change]:
        deadline = time.monotonic() + timeout
        with self._lock:
            while len(self.changes) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._grew.wait(left)
            return list(self.changes)


def listening(db: Database, collector: Collector, **kwargs) -> ChangeListener:
    listener = ChangeListener(
        db.engine, collector, poll_seconds=0.05, on_status=collector.statuses.append, **kwargs
    )
    listener.start()
    return listener


def publish_one(db: Database, entity_id: str, **kwargs) -> None:
    with db.write() as session:
        publish(session, Topic.VISIT, entity_id, **kwargs)


def assert_in_order_without_duplicates(changes: list[Change]) -> None:
    ids = [change.id for change in changes]
    assert ids == sorted(set(ids)), "delivered out of order or twice"


def test_a_change_published_in_a_write_unit_reaches_a_listener(db):
    collector = Collector()
    listener = listening(db, collector)
    try:
        publish_one(db, "v-1", department_id="hoken_nenkin", terminal="PC-07")
        [change] = collector.wait_for(1)
    finally:
        listener.stop()
    assert (change.topic, change.entity_id) == ("visit", "v-1")
    assert (change.department_id, change.terminal) == ("hoken_nenkin", "PC-07")
    assert change.at.tzinfo is not None
    assert listener.last_id == change.id == latest_id(db)
    assert collector.statuses == [ListenerStatus.CONNECTED]


def test_the_change_is_written_with_the_unit_of_work_and_a_rollback_publishes_nothing(db):
    with pytest.raises(RuntimeError), db.write() as session:
        publish(session, Topic.PROCEDURE, "p-1")
        raise RuntimeError("the unit of work fails")
    assert changes_since(db, 0) == []
    # The session that rolled back leaves nothing queued for the next unit of work.
    with db.write() as session:
        publish(session, Topic.TICKET, 42)
    assert [(c.topic, c.entity_id) for c in changes_since(db, 0)] == [("ticket", "42")]
    # A read unit of work never commits, so it publishes nothing.
    with db.read() as session:
        publish(session, Topic.TICKET, 43)
    assert len(changes_since(db, 0)) == 1


def test_a_listener_never_hears_of_a_rolled_back_change(db):
    collector = Collector()
    listener = listening(db, collector)
    try:
        with pytest.raises(RuntimeError), db.write() as session:
            publish(session, Topic.VISIT, "rolled-back")
            raise RuntimeError
        publish_one(db, "kept")
        changes = collector.wait_for(1)
        time.sleep(0.3)
    finally:
        listener.stop()
    assert [c.entity_id for c in collector.changes] == ["kept"]
    assert changes[0].entity_id == "kept"


def test_200_changes_from_4_threads_arrive_in_order_once_each(db):
    collector = Collector()
    listener = listening(db, collector)
    errors: list[BaseException] = []

    def writer(number: int) -> None:
        try:
            for i in range(50):
                publish_one(db, f"w{number}-{i}", terminal=f"PC-{number}")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        changes = collector.wait_for(200)
        time.sleep(0.2)
    finally:
        listener.stop()
    assert errors == []
    assert len(collector.changes) == 200
    assert_in_order_without_duplicates(collector.changes)
    assert {c.entity_id for c in changes} == {f"w{n}-{i}" for n in range(4) for i in range(50)}
    for number in range(4):
        mine = [c.entity_id for c in changes if c.terminal == f"PC-{number}"]
        assert mine == [f"w{number}-{i}" for i in range(50)]


def test_a_listener_started_late_catches_up_from_its_cursor(db):
    publish_one(db, "before")
    cursor = latest_id(db)
    for i in range(7):
        publish_one(db, f"missed-{i}")
    collector = Collector()
    listener = listening(db, collector, last_id=cursor, batch_size=3)
    try:
        collector.wait_for(7)
        publish_one(db, "after")
        changes = collector.wait_for(8)
    finally:
        listener.stop()
    assert [c.entity_id for c in changes] == [f"missed-{i}" for i in range(7)] + ["after"]
    assert_in_order_without_duplicates(changes)


def test_a_new_listener_starts_after_the_changes_already_there(db):
    publish_one(db, "old")
    collector = Collector()
    listener = listening(db, collector)
    try:
        publish_one(db, "new")
        changes = collector.wait_for(1)
        time.sleep(0.2)
    finally:
        listener.stop()
    assert [c.entity_id for c in changes] == ["new"]


def _delivery_seconds(db: Database, count: int) -> list[float]:
    """Publish `count` changes one by one; how long each took to reach a listener with
    the default settings (the same figures the benchmark reports)."""
    collector = Collector()
    listener = ChangeListener(db.engine, collector)
    listener.start()
    sent: dict[str, float] = {}
    try:
        for i in range(count):
            key = f"lat-{i}"
            sent[key] = time.perf_counter()
            publish_one(db, key)
            collector.wait_for(i + 1, timeout=5)
            time.sleep(0.01)
    finally:
        listener.stop()
    assert len(collector.changes) == count
    return sorted(collector.arrived[key] - sent[key] for key in sent)


def _report(label: str, seconds: list[float]) -> tuple[float, float]:
    p50 = statistics.median(seconds)
    p95 = seconds[int(len(seconds) * 0.95) - 1]
    print(f"{label}: p50={p50 * 1000:.1f} ms p95={p95 * 1000:.1f} ms n={len(seconds)}")
    return p50, p95


@pytest.mark.postgres
def test_postgresql_notifications_deliver_within_a_second(postgres_url):
    engine = make_engine(postgres_url)
    upgrade(engine)
    try:
        _, p95 = _report(
            "change delivery (PostgreSQL NOTIFY)", _delivery_seconds(Database(engine), 50)
        )
    finally:
        engine.dispose()
    assert p95 < DELIVERY_LIMIT_SECONDS


def test_polling_delivers_within_a_second(sqlite_url):
    engine = make_engine(sqlite_url)
    upgrade(engine)
    try:
        _, p95 = _report(
            "change delivery (SQLite polling)", _delivery_seconds(Database(engine), 20)
        )
    finally:
        engine.dispose()
    assert p95 < DELIVERY_LIMIT_SECONDS


@pytest.mark.postgres
def test_postgresql_wakes_on_the_notification_not_on_the_safety_poll(postgres_url):
    engine = make_engine(postgres_url)
    upgrade(engine)
    db = Database(engine)
    collector = Collector()
    listener = ChangeListener(engine, collector, safety_seconds=60)
    listener.start()
    try:
        time.sleep(0.2)
        started = time.perf_counter()
        publish_one(db, "notified")
        collector.wait_for(1, timeout=5)
        elapsed = time.perf_counter() - started
    finally:
        listener.stop()
        engine.dispose()
    assert [c.entity_id for c in collector.changes] == ["notified"]
    assert elapsed < 0.5


class FeedReads:
    """Counts the statements an engine sends that read the change feed's rows."""

    def __init__(self, engine) -> None:
        self.count = 0
        self._engine = engine
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, _conn, _cursor, statement, *_args) -> None:
        if "FROM change_feed" in statement and "change_feed.topic" in statement:
            self.count += 1

    def close(self) -> None:
        event.remove(self._engine, "before_cursor_execute", self._seen)


@pytest.fixture
def postgres_pair(postgres_url):
    """A database and a separate engine for the listener (its reads counted)."""
    engine = make_engine(postgres_url)
    upgrade(engine)
    listening_engine = make_engine(postgres_url)
    reads = FeedReads(listening_engine)
    yield Database(engine), listening_engine, reads
    reads.close()
    listening_engine.dispose()
    engine.dispose()


def connected(listener: ChangeListener) -> None:
    """Wait until the listener listens (and has read the feed once, on connecting)."""
    deadline = time.monotonic() + 10
    while listener.status is not ListenerStatus.CONNECTED and time.monotonic() < deadline:
        time.sleep(0.01)
    assert listener.status is ListenerStatus.CONNECTED


@pytest.mark.postgres
def test_postgresql_listeners_take_the_changes_the_notification_carries(postgres_pair):
    """Every PC wakes at every commit: the changes come with the notification, so 50 PCs
    do not read the feed 50 times. In order, once each, with what was published."""
    db, listening_engine, reads = postgres_pair
    collector = Collector()
    listener = ChangeListener(listening_engine, collector, safety_seconds=60)
    listener.start()
    try:
        connected(listener)
        read_at_start = reads.count
        for i in range(20):
            with db.write() as session:
                publish(session, Topic.PROCEDURE, f"p{i}", department_id="kodomo", terminal="W-1")
                publish(session, Topic.VISIT, f"v{i}", terminal="W-1")
        changes = collector.wait_for(40)
    finally:
        listener.stop()
    assert [c.entity_id for c in changes] == [x for i in range(20) for x in (f"p{i}", f"v{i}")]
    assert_in_order_without_duplicates(changes)
    assert changes == changes_since(db, changes[0].id - 1, limit=100)  # as the feed has them
    assert reads.count == read_at_start


@pytest.mark.postgres
def test_changes_too_many_to_carry_are_read_from_the_feed(postgres_pair):
    db, listening_engine, reads = postgres_pair
    collector = Collector()
    listener = ChangeListener(listening_engine, collector, safety_seconds=60)
    listener.start()
    try:
        connected(listener)
        read_at_start = reads.count
        with db.write() as session:
            for i in range(200):
                publish(session, Topic.VISIT, f"{i:064d}", terminal="W-1")
        publish_one(db, "after")
        changes = collector.wait_for(201)
    finally:
        listener.stop()
    assert [c.entity_id for c in changes] == [f"{i:064d}" for i in range(200)] + ["after"]
    assert_in_order_without_duplicates(changes)
    assert reads.count > read_at_start


@pytest.mark.postgres
def test_a_notification_that_is_not_ours_makes_the_listener_read_the_feed(postgres_pair):
    db, listening_engine, _reads = postgres_pair
    collector = Collector()
    listener = ChangeListener(listening_engine, collector, safety_seconds=60)
    listener.start()
    try:
        with db.write() as session:
            publish(session, Topic.VISIT, "first")
        collector.wait_for(1)
        foreign = make_engine(str(db.engine.url))  # another program on the same server
        with foreign.begin() as connection:
            connection.execute(text("SELECT pg_notify('counter_app_changes', '[1, \"x\"')"))
            publish_one(db, "second")
        foreign.dispose()
        changes = collector.wait_for(2)
    finally:
        listener.stop()
    assert [c.entity_id for c in changes] == ["first", "second"]


def test_a_change_committed_late_is_not_skipped_by_a_later_one(db):
    """Ids must commit in order: if B (id n+1) committed while A (id n) was still
    committing, a listener would move its cursor past n and never see A."""
    a_written = threading.Event()

    def slow_commit(session: Session) -> None:
        if session.info.get("slow"):
            a_written.set()
            time.sleep(0.5)

    collector = Collector()
    listener = listening(db, collector)
    # Registered after the feed's own hook, so it runs once A's row is written.
    event.listen(Session, "before_commit", slow_commit)
    try:

        def unit_a() -> None:
            with db.write() as session:
                session.info["slow"] = True
                publish(session, Topic.VISIT, "A")

        thread = threading.Thread(target=unit_a)
        thread.start()
        assert a_written.wait(5)
        publish_one(db, "B")
        thread.join()
        changes = collector.wait_for(2)
        time.sleep(0.2)
    finally:
        event.remove(Session, "before_commit", slow_commit)
        listener.stop()
    assert [c.entity_id for c in changes] == ["A", "B"]
    assert_in_order_without_duplicates(collector.changes)


def test_a_rolled_back_change_leaves_a_hole_that_holds_nothing_up(db):
    """A draws an id and rolls back while B waits to publish: B and C still arrive at
    once, and the listener's cursor passes the hole."""
    written = threading.Event()

    def doomed(session: Session) -> None:
        if session.info.get("doomed"):
            written.set()
            time.sleep(0.3)
            raise RuntimeError("rolled back on purpose")

    def unit_a() -> None:
        with contextlib.suppress(RuntimeError), db.write() as session:
            session.info["doomed"] = True
            publish(session, Topic.VISIT, "A")

    collector = Collector()
    listener = listening(db, collector)
    # Registered after the feed's own hook, so it runs once A's row is written.
    event.listen(Session, "before_commit", doomed)
    try:
        thread = threading.Thread(target=unit_a)
        thread.start()
        assert written.wait(5)
        publish_one(db, "B")
        thread.join()
        publish_one(db, "C")
        changes = collector.wait_for(2)
        time.sleep(0.2)
    finally:
        event.remove(Session, "before_commit", doomed)
        listener.stop()
    assert [c.entity_id for c in changes] == ["B", "C"]
    assert listener.last_id == changes[-1].id == latest_id(db)


PUBLISHER = """
import sys
from counter_app.changes import publish
from counter_app.db.engine import Database, make_engine
db = Database(make_engine(sys.argv[1]))
for i in range(5):
    with db.write() as session:
        publish(session, "ticket", f"other-{i}", terminal="OTHER-PC")
"""


def test_a_change_made_by_another_process_reaches_this_one(db, database_url):
    collector = Collector()
    listener = listening(db, collector)
    try:
        subprocess.run(
            [sys.executable, "-c", PUBLISHER, database_url],
            check=True,
            cwd=PROJECT_ROOT,
            timeout=60,
        )
        changes = collector.wait_for(5)
    finally:
        listener.stop()
    assert [c.entity_id for c in changes] == [f"other-{i}" for i in range(5)]
    assert {c.terminal for c in changes} == {"OTHER-PC"}


def test_stop_is_prompt(db):
    collector = Collector()
    listener = ChangeListener(db.engine, collector, poll_seconds=30, safety_seconds=30)
    listener.start()
    time.sleep(0.3)
    started = time.perf_counter()
    listener.stop()
    assert time.perf_counter() - started < 1.0
    publish_one(db, "after-stop")
    time.sleep(0.2)
    assert collector.changes == []


@pytest.mark.postgres
def test_a_dropped_connection_is_replaced_and_the_listener_catches_up(postgres_url):
    """The server drops the PC's connection (a failover, an admin): the next use finds it
    dead and opens a listening one at once; nothing committed meanwhile is missed."""
    from sqlalchemy import create_engine, text

    engine = make_engine(postgres_url)
    upgrade(engine)
    db = Database(engine)
    collector = Collector()
    listener = ChangeListener(engine, collector, on_status=collector.statuses.append)
    listener.start()
    try:
        publish_one(db, "before")
        collector.wait_for(1)
        admin = create_engine(postgres_url, connect_args={"application_name": "admin"})
        with admin.begin() as connection:  # the PC's one connection, as a failover drops it
            killed = connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE application_name = 'counter-app'"
                )
            ).all()
        admin.dispose()
        assert len(killed) == 1
        publish_one(db, "while-away")
        changes = collector.wait_for(2, timeout=10)
    finally:
        listener.stop()
        engine.dispose()
    assert [c.entity_id for c in changes] == ["before", "while-away"]
    assert collector.statuses == [ListenerStatus.CONNECTED]  # replaced, never away


KEEP = timedelta(days=7)


def add_changes(db: Database, count: int, *, age: timedelta, prefix: str) -> None:
    """`count` changes written `age` ago, in one unit of work."""
    at = utcnow() - age
    with db.write() as session:
        session.execute(
            insert(ChangeRow),
            [
                {"at": at, "topic": "visit", "entity_id": f"{prefix}-{i}", "terminal": ""}
                for i in range(count)
            ],
        )


def age_changes(db: Database, up_to_id: int, age: timedelta) -> None:
    """Make the changes up to `up_to_id` look `age` old."""
    with db.write() as session:
        session.execute(update(ChangeRow).where(ChangeRow.id <= up_to_id).values(at=utcnow() - age))


def entity_ids(db: Database) -> list[str]:
    return [change.entity_id for change in changes_since(db, 0, limit=100_000)]


class Statements:
    """The SQL statements an engine runs while in the `with` block."""

    def __init__(self, db: Database) -> None:
        self._engine = db.engine
        self.seen: list[str] = []

    def _record(self, _conn, _cursor, statement, *_args) -> None:
        self.seen.append(statement)

    def __enter__(self) -> Statements:
        event.listen(self._engine, "before_cursor_execute", self._record)
        return self

    def __exit__(self, *_exc) -> None:
        event.remove(self._engine, "before_cursor_execute", self._record)

    def on_the_feed(self) -> list[str]:
        return [s for s in self.seen if "change_feed" in s]


def test_prune_if_due_deletes_the_changes_older_than_keep_and_keeps_the_others(db):
    add_changes(db, 5, age=timedelta(days=30), prefix="month")
    add_changes(db, 3, age=KEEP + timedelta(minutes=1), prefix="just-over")
    add_changes(db, 2, age=KEEP - timedelta(minutes=1), prefix="just-under")
    publish_one(db, "today")
    assert prune_if_due(db, KEEP) == 8
    assert entity_ids(db) == ["just-under-0", "just-under-1", "today"]
    assert prune_if_due(db, KEEP) == 0


def test_prune_if_due_only_reads_the_oldest_time_when_nothing_is_due(db):
    with Statements(db) as empty:
        assert prune_if_due(db, KEEP) == 0
    add_changes(db, 3, age=KEEP - timedelta(hours=1), prefix="recent")
    with Statements(db) as recent:
        assert prune_if_due(db, KEEP) == 0
    for statements in (empty, recent):
        [query] = statements.on_the_feed()
        assert query.lstrip().upper().startswith("SELECT MIN(")
    assert len(entity_ids(db)) == 3


def test_prune_deletes_in_bounded_batches(db):
    add_changes(db, 10, age=KEEP * 2, prefix="old")
    add_changes(db, 1, age=timedelta(0), prefix="new")
    with Statements(db) as statements:
        assert prune(db, KEEP, batch_size=3) == 10
    deletes = [s for s in statements.on_the_feed() if s.lstrip().upper().startswith("DELETE")]
    assert len(deletes) == 4  # 3 + 3 + 3 + 1, each in a unit of work of its own
    assert entity_ids(db) == ["new-0"]


def test_many_pcs_pruning_at_once_delete_each_old_change_once_and_nothing_else(db):
    add_changes(db, 400, age=KEEP * 2, prefix="old")
    add_changes(db, 20, age=timedelta(hours=1), prefix="new")
    deleted: list[int] = []
    errors: list[BaseException] = []
    start = threading.Barrier(6)

    def pc() -> None:
        try:
            start.wait()
            deleted.append(prune(db, KEEP, batch_size=25))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=pc) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert sum(deleted) == 400
    assert entity_ids(db) == [f"new-{i}" for i in range(20)]
    assert prune_if_due(db, KEEP) == 0


@pytest.mark.postgres
def test_a_prune_never_waits_for_another_pcs_batch(postgres_url):
    """PostgreSQL: the rows another PC's batch holds are skipped, not waited for."""
    engine = make_engine(postgres_url)
    upgrade(engine)
    db = Database(engine)
    try:
        add_changes(db, 10, age=KEEP * 2, prefix="old")
        with db.write() as session:  # another PC, in the middle of its first batch
            taken = select(ChangeRow.id).order_by(ChangeRow.id).limit(4)
            first = session.execute(
                delete(ChangeRow).where(ChangeRow.id.in_(taken)).returning(ChangeRow.id)
            ).all()
            # In a thread: a prune that waited would otherwise wait for this very test.
            pruned: list[int] = []
            pruner = Database(make_engine(postgres_url))  # this PC
            pruning = threading.Thread(target=lambda: pruned.append(prune(pruner, KEEP)))
            pruning.start()
            pruning.join(2.0)
            assert pruned == [6], "the prune waited for the other PC's batch"
        pruning.join()
        pruner.engine.dispose()
        assert len(first) == 4
        assert entity_ids(db) == []
    finally:
        engine.dispose()


def test_a_listener_whose_cursor_was_pruned_continues_with_the_next_change(db):
    for i in range(5):
        publish_one(db, f"c{i}")
    published = changes_since(db, 0)
    age_changes(db, published[3].id, KEEP * 2)
    assert prune_if_due(db, KEEP) == 4
    collector = Collector()
    listener = listening(db, collector, last_id=published[1].id)  # c1 is gone
    try:
        collector.wait_for(1)
        publish_one(db, "after")
        changes = collector.wait_for(2)
        time.sleep(0.2)
    finally:
        listener.stop()
    assert [c.entity_id for c in collector.changes] == ["c4", "after"]
    assert changes[-1].id > changes[0].id


def test_ids_are_never_reused_after_a_prune_empties_the_feed(db):
    for i in range(3):
        publish_one(db, f"old-{i}")
    last = latest_id(db)
    age_changes(db, last, KEEP * 2)
    assert prune_if_due(db, KEEP) == 3
    assert changes_since(db, 0) == []
    assert latest_id(db) == 0  # an empty feed: every change to come is newer than any cursor
    new_pc, old_pc = Collector(), Collector()
    listeners = [listening(db, new_pc), listening(db, old_pc, last_id=last)]
    try:
        publish_one(db, "new")
        new_pc.wait_for(1)
        old_pc.wait_for(1)
    finally:
        for listener in listeners:
            listener.stop()
    [change] = changes_since(db, 0)
    assert change.id > last
    assert latest_id(db) == change.id
    assert new_pc.changes == old_pc.changes == [change]


def test_prune_if_due_refuses_a_keep_that_would_delete_everything(db):
    publish_one(db, "kept")
    for keep in (timedelta(0), timedelta(days=-1)):
        with pytest.raises(ValueError, match="keep"):
            prune_if_due(db, keep)
    assert entity_ids(db) == ["kept"]


def test_the_prune_command_deletes_what_is_older_than_the_days_given(db, database_url, capsys):
    add_changes(db, 4, age=timedelta(days=10), prefix="old")
    add_changes(db, 2, age=timedelta(days=4), prefix="mid")
    publish_one(db, "new")
    parser = argparse.ArgumentParser()
    common = argparse.ArgumentParser(add_help=False)
    add_common_options(common, suppress=True)
    changes_cmd.register(parser.add_subparsers(), common)

    def run(*extra: str) -> str:
        args = parser.parse_args(["changes", "prune", "--database", database_url, *extra])
        assert args.handler(args) == 0
        return capsys.readouterr().out.strip()

    assert run() == "changes pruned=4 keep_days=7"
    assert run("--keep-days", "3") == "changes pruned=2 keep_days=3"
    assert entity_ids(db) == ["new"]
    with pytest.raises(SystemExit):
        parser.parse_args(["changes", "prune", "--keep-days", "0"])
