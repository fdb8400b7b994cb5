"""Acceptance: 10 processes issuing tickets at once for the same category, on SQLite and
on PostgreSQL, draw the numbers 1..N with no duplicate and no gap."""

from __future__ import annotations

import multiprocessing
import subprocess
import sys

import pytest

from counter_app.db.engine import Database, make_engine
from counter_app.permissions import Actor, RoleCode
from counter_app.queue.tickets import TicketService
from tests.helpers import PROJECT_ROOT, open_app

PROCESSES = 10
TICKETS_EACH = 5


def _issue_tickets(url: str, terminal: str, barrier, results) -> None:
    """One floor PC: wait for the others, then issue its tickets as fast as it can."""
    engine = make_engine(url)
    tickets = TicketService(Database(engine))
    actor = Actor(None, "floor", "フロア", frozenset({RoleCode.FLOOR_MANAGER}), terminal=terminal)
    barrier.wait()
    numbers = [
        tickets.issue(actor, "todokede", force=True).ticket.number for _ in range(TICKETS_EACH)
    ]
    engine.dispose()
    results.put((terminal, numbers))


@pytest.mark.slow
def test_ten_processes_issuing_at_once_get_every_number_once(database_url):
    open_app(database_url).close()  # the schema and the categories, before the rush
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(PROCESSES), context.Queue()
    workers = [
        context.Process(
            target=_issue_tickets, args=(database_url, f"FLOOR-{n:02d}", barrier, results)
        )
        for n in range(PROCESSES)
    ]
    for worker in workers:
        worker.start()
    issued = dict(results.get(timeout=120) for _ in workers)
    for worker in workers:
        worker.join(timeout=30)
        assert worker.exitcode == 0
    everything = sorted(n for numbers in issued.values() for n in numbers)
    assert everything == list(range(1, PROCESSES * TICKETS_EACH + 1))
    for numbers in issued.values():
        assert numbers == sorted(numbers), "each PC's own numbers increase"


@pytest.mark.slow
def test_ten_cli_processes_issuing_at_once(database_url):
    """The same through `counter-app ticket issue`, as IT staff would run it."""
    open_app(database_url).close()
    command = [sys.executable, "-m", "station.launcher", "ticket", "issue", "--category", "shomei"]
    runs = [
        subprocess.Popen(
            [*command, "--database", database_url],
            cwd=PROJECT_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(PROCESSES)
    ]
    printed = []
    for run in runs:
        out, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
        printed.append(out.strip())
    assert sorted(printed) == [f"E-{n:03d}" for n in range(1, PROCESSES + 1)]
