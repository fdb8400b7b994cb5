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
        self._events = (
            ("checkout", self._on_checkout),
            ("checkin", self._on_checkin),
            ("close", self._on_close),
            ("invalidate", self._on_invalidate),
        )
        for name, handler in self._events:
            event.listen(engine, name, handler)

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
        for name, handler in self._events:
            event.remove(self._engine, name, handler)
        raw, self._raw, self._socket = self._raw, None, None
        if raw is None:
            return
        try:
            with self._engine.connect() as connection:
                if connection.connection.driver_connection is raw:
                    self._stop_listening(connection.connection.info, raw)
        except Exception:  # the connection is gone, and its LISTEN with it
            log.info("change feed: could not UNLISTEN", exc_info=True)

    # Pool events (on whichever thread uses the connection).

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


def _execute_outside_transaction(raw, statement: str) -> None:
    """LISTEN and UNLISTEN take effect at once only outside a transaction."""
    autocommit, raw.autocommit = raw.autocommit, True
    try:
        raw.execute(statement)
    finally:
        raw.autocommit = autocommit
