"""The PC's one PostgreSQL connection survives listeners starting and stopping while
other threads work on it (a live feed reconnecting while the database worker saves a
draft). Registering a pool event while another thread checked its connection in made
that check-in fail, and the connection never came back to the pool: every later unit of
work on the PC waited for it in vain (seen in CI as a 30 s pool timeout)."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import event, text

from counter_app.changes.listening import ListeningConnection
from counter_app.db import budget
from counter_app.db.engine import make_engine

pytestmark = pytest.mark.postgres


def test_listeners_coming_and_going_never_lose_the_pcs_connection(postgres_url, monkeypatch):
    monkeypatch.setattr(budget, "POOL_TIMEOUT_SECONDS", 5)
    engine = make_engine(postgres_url)
    # A check-in that takes a moment (as a real one with a LISTEN connection does), so
    # another thread's tap comes or goes while the pool runs the check-in's handlers.
    event.listen(engine, "checkin", lambda *_: time.sleep(0.0005))
    stop, failures, units = threading.Event(), [], [0]

    def database_worker() -> None:
        while not stop.is_set():
            try:
                with engine.connect() as connection:
                    connection.execute(text("SELECT 1"))
                units[0] += 1
            except Exception as error:  # reported below, with the test's own assertion
                failures.append(error)
                stop.set()

    worker = threading.Thread(target=database_worker)
    worker.start()
    try:
        deadline = time.monotonic() + 4
        while time.monotonic() < deadline and not stop.is_set():
            tap = ListeningConnection(engine, wake=lambda: None)
            tap.close()
    finally:
        stop.set()
        worker.join(10)
    try:
        assert failures == []
        assert units[0] > 100, "the worker hardly ran: the race was not exercised"
        assert engine.pool.checkedout() == 0
        with engine.connect() as connection:  # the PC's connection is still there
            assert connection.execute(text("SELECT 1")).scalar() == 1
    finally:
        engine.dispose()
