"""LISTEN on the PC's own pooled PostgreSQL connection (counter_app.db.budget).

The PC keeps one connection; it does the units of work and receives the change feed's
notifications. Whichever thread uses it takes in what has arrived: psycopg hands the
notifications read during a unit of work to `_received` (a notify handler), and while the
connection lies idle in the pool the listener's thread watches its socket and, when
something arrives, checks it out briefly to read it (`pump`). Either way the payloads wait
in `take_payloads()` for the listener's thread, which is woken through `wake`.

Every connection the pool hands out LISTENs before use (the pool's checkout event), so a
connection replaced after a failover listens again; `take_fresh()` then tells the
listener to read the feed, for what was committed while no connection listened.
"""

from __future__ import annotations

import collections
import itertools
import logging
import threading
import weakref
from collections.abc import Callable

import psycopg
from psycopg.pq import TransactionStatus
from sqlalchemy import Engine, event

from .feed import CHANNEL

log = logging.getLogger(__name__)

_LISTENERS = "counter_app_listeners"  # connection info: the taps listening on it
_tap_ids = itertools.count(1)


class ListeningConnection:
    def __init__(self, engine: Engine, wake: Callable[[], None]) -> None:
        self._engine = engine
        self._wake = wake
        self._id = next(_tap_ids)
        self._lock = threading.Lock()
        self._payloads: collections.deque[str] = collections.deque()
        self._socket: int | None = None
        self._raw = None  # the psycopg connection that listens, while it is open
        self._fresh = False
        self._events = install_pool_events(engine)
        self._events.add(self)

    @property
    def socket(self) -> int | None:
        """The listening connection's socket, None while there is no open connection."""
        return self._socket

    def busy(self) -> bool:
        """Whether a unit of work holds the connection (it takes the notifications in)."""
        return self._engine.pool.checkedout() > 0

    def take_payloads(self) -> list[str]:
        with self._lock:
            payloads = list(self._payloads)
            self._payloads.clear()
        return payloads

    def take_fresh(self) -> bool:
        """Whether a new connection began listening since the last call."""
        with self._lock:
            fresh, self._fresh = self._fresh, False
        return fresh

    def pump(self) -> None:
        """Check the connection out (which makes one, listening, if there is none) and
        take in what has arrived on it; raises the driver's error if the server is away."""
        with self._engine.connect() as connection:
            pgconn = connection.connection.driver_connection.pgconn
            try:
                pgconn.consume_input()
            except psycopg.OperationalError:
                connection.invalidate()  # dropped since the check-out's ping: replace it
                raise
            while (notify := pgconn.notifies()) is not None:
                self._keep(notify.extra.decode("utf-8", "replace"))

    def close(self) -> None:
        """Stop listening: the events go, and the open connection UNLISTENs (unless another
        listener of this PC still listens on it); psycopg would otherwise keep every later
        notification for a reader that never comes."""
        self._events.discard(self)
        raw, self._raw, self._socket = self._raw, None, None
        if raw is None:
            return
        try:
            with self._engine.connect() as connection:
                if connection.connection.driver_connection is raw:
                    self._stop_listening(connection.connection.info, raw)
        except Exception:  # the connection is gone, and its LISTEN with it
            log.info("change feed: could not UNLISTEN", exc_info=True)

    # Pool events (on whichever thread uses the connection), handed on by PoolEvents.

    def _on_checkout(self, raw, record, _proxy) -> None:
        taps = record.info.setdefault(_LISTENERS, set())
        if self._id in taps or raw.info.transaction_status != TransactionStatus.IDLE:
            return  # listening already, or not between transactions (the next checkout is)
        if not taps:
            _execute_outside_transaction(raw, f"LISTEN {CHANNEL}")
        raw.add_notify_handler(self._received)
        taps.add(self._id)
        with self._lock:
            self._raw, self._socket, self._fresh = raw, raw.pgconn.socket, True
        self._wake()

    def _on_checkin(self, _raw, _record) -> None:
        self._wake()  # the listener watches the socket again now that the pool holds it

    def _on_close(self, raw, _record) -> None:
        self._forget(raw)

    def _on_invalidate(self, raw, _record, _exception) -> None:
        self._forget(raw)

    def _forget(self, raw) -> None:
        with self._lock:
            if raw is self._raw:
                self._raw, self._socket = None, None
        self._wake()

    def _received(self, notify) -> None:
        self._keep(notify.payload)

    def _keep(self, payload: str) -> None:
        with self._lock:
            self._payloads.append(payload)
        self._wake()

    def _stop_listening(self, info: dict, raw) -> None:
        raw.remove_notify_handler(self._received)
        taps = info.get(_LISTENERS, set())
        taps.discard(self._id)
        if not taps:
            _execute_outside_transaction(raw, f"UNLISTEN {CHANNEL}")


class PoolEvents:
    """An engine's pool events, registered once, handed to the taps listening on it.

    SQLAlchemy runs an event's handlers by iterating a deque: a handler registered or
    removed on one thread while another thread's connection is being checked in makes
    that check-in fail ("deque mutated during iteration"), and a failed check-in never
    returns its connection to the pool. With the PC's one connection (counter_app.db.budget)
    every later unit of work would then wait in vain. So the handlers are registered when
    the engine is made (make_engine, before any thread uses it) and taps come and go in a
    tuple that is replaced, never changed, under a lock."""

    def __init__(self, engine: Engine) -> None:
        self._taps: tuple[ListeningConnection, ...] = ()
        self._lock = threading.Lock()
        event.listen(engine, "checkout", self._checkout)
        event.listen(engine, "checkin", self._checkin)
        event.listen(engine, "close", self._close)
        event.listen(engine, "invalidate", self._invalidate)

    def add(self, tap: ListeningConnection) -> None:
        with self._lock:
            self._taps = (*self._taps, tap)

    def discard(self, tap: ListeningConnection) -> None:
        with self._lock:
            self._taps = tuple(t for t in self._taps if t is not tap)

    def _checkout(self, raw, record, proxy) -> None:
        for tap in self._taps:
            tap._on_checkout(raw, record, proxy)

    def _checkin(self, raw, record) -> None:
        for tap in self._taps:
            tap._on_checkin(raw, record)

    def _close(self, raw, record) -> None:
        for tap in self._taps:
            tap._on_close(raw, record)

    def _invalidate(self, raw, record, exception) -> None:
        for tap in self._taps:
            tap._on_invalidate(raw, record, exception)


_pool_events: weakref.WeakKeyDictionary[Engine, PoolEvents] = weakref.WeakKeyDictionary()
_pool_events_lock = threading.Lock()


def install_pool_events(engine: Engine) -> PoolEvents:
    """The engine's PoolEvents, registered on first call: make_engine calls it for every
    PostgreSQL engine before the engine is used, so no registration races a check-in."""
    with _pool_events_lock:
        events = _pool_events.get(engine)
        if events is None:
            events = _pool_events[engine] = PoolEvents(engine)
        return events


def _execute_outside_transaction(raw, statement: str) -> None:
    """LISTEN and UNLISTEN take effect at once only outside a transaction."""
    autocommit, raw.autocommit = raw.autocommit, True
    try:
        raw.execute(statement)
    finally:
        raw.autocommit = autocommit
