"""How many connections a PC opens to the office's PostgreSQL server, and why.

A server takes a fixed number of clients (PostgreSQL's stock `max_connections` is 100,
three of them kept for superusers), shared by every PC of the office. So:
- a counter PC (window, floor, hall display, admin) keeps exactly one. The database
  worker (ui/db_runner.py) runs one unit of work at a time on it, and between them the
  change listener (counter_app.changes.listener) reads the notifications that connection
  LISTENs for; any other thread that needs the database waits its turn for it
  (POOL_TIMEOUT_SECONDS). Its screens show what changes at a clerk's pace (its own
  visits' status, the calls) and redraw after the clerk's own action anyway.
- a back-office PC keeps two: the same one for its work, and a live one
  (`LIVE_APPLICATION_NAME`) for LISTEN, the feed and the inbox's refresh reads. Its
  colleagues race it for the same procedures, so its inbox must show a procedure routed
  or taken elsewhere at once, also while its own claim or decision is being written
  (a second or more on a busy server): PostgreSQL hands a notification to a connection
  only between its transactions, and a refresh read behind the clerk's own write would
  show a taken procedure as free.
- a command (`counter-app …`) uses one connection while it runs.
A connection is never idle to give back: it listens while the PC does no work, and a PC
that let it go would miss its screens' changes. No other connection is ever opened (no
overflow), so there is none to return either. An office of 35 counter PCs and 15
back-office PCs holds 35 + 2 × 15 = 65 connections; the README's "Several PCs on one
PostgreSQL server" gives the arithmetic.

SQLite (one PC, or a few on one file) keeps SQLAlchemy's defaults: connections to a file
cost nothing on a server, and one listener polls the file.
"""

from __future__ import annotations

import collections
import threading

from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.pool import QueuePool

POOL_SIZE = 1  # the PC's one connection for its work (and a second engine's for live)
MAX_OVERFLOW = 0  # never a second one, even when two threads want the database at once
# A thread waits this long for the PC's connection before its call fails; the longest
# unit of work (an import of a whole city) finishes well within it.
POOL_TIMEOUT_SECONDS = 120
CONNECT_TIMEOUT_SECONDS = 5  # a server that does not answer is reported as away, not waited on
# Notice a silently dropped network (a failover, a pulled cable) within about 11 s, so the
# screen says the database is away instead of waiting on a dead socket; ignored on Unix
# sockets.
KEEPALIVES = {
    "keepalives": 1,
    "keepalives_idle": 5,
    "keepalives_interval": 2,
    "keepalives_count": 3,
}


class FairQueuePool(QueuePool):
    """A QueuePool that hands its connection to threads in the order they asked for it.

    With one connection, QueuePool is unfair: a thread that returns the connection and
    asks again at once (a worker going from one unit of work to the next) takes it back
    before a thread that has been waiting is woken, so that thread (the change listener
    reading the feed, a screen's reload) can wait for seconds. Here the threads queue."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._turns: collections.deque[threading.Event] = collections.deque()
        self._turns_lock = threading.Lock()
        self._inside = threading.local()

    def _do_get(self):
        if getattr(self._inside, "active", False):  # QueuePool asking itself again
            return super()._do_get()
        turn = threading.Event()
        with self._turns_lock:
            self._turns.append(turn)
            if self._turns[0] is turn:
                turn.set()
        try:
            if not turn.wait(self._timeout):
                raise PoolTimeout(
                    f"no turn for the PC's database connection within {self._timeout:.0f} s"
                )
            self._inside.active = True
            try:
                return super()._do_get()
            finally:
                self._inside.active = False
        finally:
            with self._turns_lock:
                self._turns.remove(turn)
                if self._turns:
                    self._turns[0].set()


# Which PCs keep the live connection apart (see above), and how pg_stat_activity names it.
LIVE_APART = frozenset({"back_office"})  # config.TerminalKind values
LIVE_APPLICATION_NAME = "counter-app-live"


def keeps_live_connection_apart(terminal_kind: str, backend: str) -> bool:
    """Whether a PC of this kind follows the feed on a second connection of its own."""
    return backend == "postgresql" and terminal_kind in LIVE_APART


def postgres_pool_options() -> dict:
    """create_engine() options for a PostgreSQL engine: one pooled connection, handed out
    in turn, checked before use (a connection the server dropped while idle is replaced,
    not failed on)."""
    return {
        "poolclass": FairQueuePool,
        "pool_size": POOL_SIZE,
        "max_overflow": MAX_OVERFLOW,
        "pool_timeout": POOL_TIMEOUT_SECONDS,
        "pool_pre_ping": True,
    }


def postgres_connect_args(application_name: str) -> dict:
    return {
        "connect_timeout": CONNECT_TIMEOUT_SECONDS,
        "application_name": application_name,
        **KEEPALIVES,
    }
