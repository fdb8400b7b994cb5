"""Following the change feed from a background thread.

    listener = ChangeListener(engine, on_changes, on_status=on_status)
    listener.start()   # on_changes(list[Change]) runs on the listener's thread
    ...
    listener.stop()

The listener reads the feed by cursor and hands every change over exactly once, in id
order, in batches. What wakes it depends on the database:
- PostgreSQL: the PC's one connection (counter_app.db.budget) LISTENs on
  `counter_app_changes` (listening.py) and the thread sleeps until a notification (or
  stop()) arrives. A notification carries its unit of
  work's changes (feed.changes_in): when they continue the cursor, id after id, they
  are handed over without reading the feed (every PC wakes at each commit, so a read
  each would be 50 reads per change); otherwise (a hole left by a rollback, too many
  changes to carry) the listener reads the feed from its cursor. Every
  `safety_seconds` it also checks that connection and reads the feed anyway (unless a
  unit of work holds the connection), so a lost notification costs at most that long. A
  lost connection is reported (`disconnected`) and reopened with backoff; the listener
  catches up from its cursor when it is back (`connected`).
- SQLite: one PC, or a few on one file: it reads the feed every `poll_seconds`.

The feed is the truth: a notification carries only rows its unit of work wrote, and
PostgreSQL delivers it only once they are committed; on any doubt the listener reads.
No Qt here: the ui wraps the listener in a QObject and re-emits on the GUI thread.
"""

from __future__ import annotations

import contextlib
import logging
import select
import socket
import threading
import time
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from ..db.backoff import Backoff
from ..db.engine import Database, make_engine
from .feed import Change, changes_in, changes_since, latest_id

if TYPE_CHECKING:  # psycopg is imported only where the feed runs on PostgreSQL
    from .listening import ListeningConnection

log = logging.getLogger(__name__)

MAX_BACKOFF_SECONDS = 30.0


class ListenerStatus(StrEnum):
    CONNECTED = "connected"
    DISCONNECTED = "disconnected"


class ChangeListener:
    def __init__(
        self,
        url_or_engine: str | Engine,
        on_changes: Callable[[list[Change]], None],
        *,
        poll_seconds: float = 0.5,
        safety_seconds: float = 3.0,
        last_id: int | None = None,
        on_status: Callable[[ListenerStatus], None] | None = None,
        batch_size: int = 500,
    ) -> None:
        """`last_id`: the cursor to continue from (None: only changes committed after
        start()). `poll_seconds`: the polling interval on SQLite; `safety_seconds`: how
        often the PostgreSQL listener reads the feed without a notification."""
        if isinstance(url_or_engine, str):
            self._engine = make_engine(url_or_engine)
            self._owns_engine = True
        else:
            self._engine = url_or_engine
            self._owns_engine = False
        self._db = Database(self._engine)
        self._postgres = self._engine.dialect.name == "postgresql"
        self._on_changes = on_changes
        self._on_status = on_status
        self.poll_seconds = poll_seconds
        self.safety_seconds = safety_seconds
        self._batch_size = batch_size
        self._cursor = last_id
        self._status: ListenerStatus | None = None
        self._backoff = Backoff(most=MAX_BACKOFF_SECONDS)  # reset once connected
        self._stopping = threading.Event()
        self._wake_recv, self._wake_send = socket.socketpair()
        self._wake_recv.setblocking(False)
        # Woken from pool events too: never block a thread returning its connection (a
        # full buffer already holds a wake-up).
        self._wake_send.setblocking(False)
        self._thread: threading.Thread | None = None

    @property
    def last_id(self) -> int | None:
        """The id of the last change handed over (the cursor)."""
        return self._cursor

    @property
    def status(self) -> ListenerStatus | None:
        return self._status

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("ChangeListener.start() called twice")
        if self._cursor is None:
            # Fix the cursor now, so a change committed right after start() is seen; if
            # the database is unreachable the thread fixes it once connected.
            try:
                self._cursor = latest_id(self._db)
            except Exception:
                log.warning("change feed unreachable at start", exc_info=True)
        self._thread = threading.Thread(target=self._run, name="counter-app-changes", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop the thread (returns within about a second; no callback runs after it)."""
        self._stopping.set()
        with contextlib.suppress(OSError):
            self._wake_send.send(b"x")
        if self._thread is not None:
            self._thread.join(timeout)
        self._wake_send.close()
        self._wake_recv.close()
        if self._owns_engine:
            self._engine.dispose()

    # The thread.

    def _run(self) -> None:
        tap = self._tap() if self._postgres else None
        try:
            self._follow(tap)
        finally:
            if tap is not None:
                tap.close()

    def _tap(self) -> ListeningConnection:
        from .listening import ListeningConnection  # psycopg: only on PostgreSQL

        return ListeningConnection(self._engine, self._wake)

    def _follow(self, tap: ListeningConnection | None) -> None:
        while not self._stopping.is_set():
            try:
                if tap is not None:
                    self._listen(tap)
                else:
                    self._poll()
            except Exception:
                if self._stopping.is_set():
                    break
                wait = self._backoff.next_wait()
                log.warning("change feed: connection lost, retrying in %.1fs", wait, exc_info=True)
                self._set_status(ListenerStatus.DISCONNECTED)
                self._stopping.wait(wait)

    def _poll(self) -> None:
        while not self._stopping.is_set():
            self._catch_up()
            self._set_status(ListenerStatus.CONNECTED)
            self._stopping.wait(self.poll_seconds)

    def _listen(self, tap: ListeningConnection) -> None:
        """Follow the feed on the PC's own connection (listening.py)."""
        tap.pump()  # connects (and LISTENs) if need be
        # Listening first, then reading: nothing committed in between is missed.
        tap.take_fresh()
        self._catch_up()
        self._set_status(ListenerStatus.CONNECTED)
        next_check = time.monotonic() + self.safety_seconds
        while not self._stopping.is_set():
            busy = tap.busy()  # then the unit of work takes the notifications in
            socket_ = None if busy else tap.socket
            if socket_ is None and not busy:
                tap.pump()  # the connection was lost: make a new one (or raise)
            watched = [self._wake_recv] + ([socket_] if socket_ is not None else [])
            timeout = max(0.0, next_check - time.monotonic())
            readable, _, _ = select.select(watched, [], [], timeout)
            if self._stopping.is_set():
                return
            if self._wake_recv in readable:
                self._drain_wake()
            if socket_ is not None and socket_ in readable:
                tap.pump()  # raises on a lost connection
            if tap.take_fresh():
                self._catch_up()  # a new connection: read what no connection heard
            if payloads := tap.take_payloads():
                self._take(payloads)
            if time.monotonic() >= next_check and not tap.busy():
                self._catch_up()  # also checks the connection (pool_pre_ping)
                next_check = time.monotonic() + self.safety_seconds

    def _wake(self) -> None:
        with contextlib.suppress(OSError):
            self._wake_send.send(b"x")

    def _drain_wake(self) -> None:
        try:
            while self._wake_recv.recv(64):
                pass
        except (BlockingIOError, OSError):
            pass

    def _take(self, payloads: list[str]) -> None:
        """Hand over what the notifications carry if it continues the cursor without a
        gap; else read the feed (which then holds all of it, committed before it came)."""
        if self._cursor is None:
            self._catch_up()
            return
        carried: list[Change] = []
        expected = self._cursor + 1
        for payload in payloads:
            changes = changes_in(payload)
            if changes is None:
                self._catch_up()
                return
            for change in changes:
                if change.id < expected:
                    continue  # read already (a catch-up after the notification was sent)
                if change.id != expected:
                    self._catch_up()
                    return
                carried.append(change)
                expected += 1
        if carried:
            self._hand_over(carried)

    def _hand_over(self, changes: list[Change]) -> None:
        self._cursor = changes[-1].id
        try:
            self._on_changes(changes)
        except Exception:
            log.exception(
                "change feed: on_changes failed (changes %s-%s skipped)",
                changes[0].id,
                changes[-1].id,
            )

    def _catch_up(self) -> None:
        if self._cursor is None:
            self._cursor = latest_id(self._db)
            return
        while not self._stopping.is_set():
            changes = changes_since(self._db, self._cursor, limit=self._batch_size)
            if not changes:
                return
            self._hand_over(changes)
            if len(changes) < self._batch_size:
                return

    def _set_status(self, status: ListenerStatus) -> None:
        if status == ListenerStatus.CONNECTED:
            self._backoff.reset()
        if status == self._status:
            return
        self._status = status
        if self._on_status is not None:
            try:
                self._on_status(status)
            except Exception:
                log.exception("change feed: on_status failed")
