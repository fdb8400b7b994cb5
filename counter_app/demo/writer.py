"""Writes row batches in the order they were drawn, all in one transaction: a fill that
fails or is interrupted leaves nothing behind. What must stand or fall with the rows (the
demo staff, the demo flag) goes into the same transaction through `finish`.

A database server does its share of the work in its own process, so for PostgreSQL the
batches go to a second thread and drawing the next batch overlaps the inserts. SQLite works
inside this process and its driver gives up the GIL only briefly for each row, so a second
thread only adds contention: SQLite batches are written on the caller's thread.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import TracebackType

from sqlalchemy import Connection, Engine

from ..db.engine import WRITE_OPTION
from .batch import TABLES_IN_INSERT_ORDER, RowBatch

SQLITE_FILL_CACHE_KIB = 65_536
OnWritten = Callable[[RowBatch], None]
Submit = Callable[[RowBatch], None]
# Runs on the writing connection after the last batch, before the one commit.
Finish = Callable[[Connection], None]


@contextmanager
def batch_writer(
    engine: Engine, on_written: OnWritten, finish: Finish | None = None
) -> Iterator[Submit]:
    """Yields `submit(batch)`; every submitted batch is written, then `finish` runs and
    all of it commits together, when the block ends without an error."""
    if engine.dialect.name != "sqlite":
        with _WriterThread(engine, on_written, finish) as thread:
            yield thread.submit
        return
    with _writing_connection(engine) as connection:
        yield lambda batch: _write(connection, batch, on_written)
        if finish is not None:
            finish(connection)


class _Cancelled(Exception):
    """The caller failed while drawing the city: nothing it submitted may be kept."""


class _WriterThread:
    def __init__(self, engine: Engine, on_written: OnWritten, finish: Finish | None) -> None:
        self._engine = engine
        self._on_written = on_written
        self._finish = finish
        self._queue: queue.Queue[RowBatch | None] = queue.Queue(maxsize=1)
        self._thread = threading.Thread(target=self._run, name="demo-city-writer", daemon=True)
        self._error: BaseException | None = None
        self._cancelled = False

    def __enter__(self) -> _WriterThread:
        self._thread.start()
        return self

    def submit(self, batch: RowBatch) -> None:
        if self._error is not None:
            raise self._error
        self._queue.put(batch)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._cancelled = exc_type is not None
        self._queue.put(None)
        self._thread.join()
        if exc_type is None and self._error is not None:
            raise self._error

    def _run(self) -> None:
        try:
            with _writing_connection(self._engine) as connection:
                while (batch := self._queue.get()) is not None:
                    if not self._cancelled:
                        _write(connection, batch, self._on_written)
                if self._cancelled:
                    raise _Cancelled  # leaves the transaction rolled back
                if self._finish is not None:
                    self._finish(connection)
        except _Cancelled:
            pass
        except BaseException as exc:  # handed to the caller's thread by submit() or __exit__
            self._error = exc
            while self._queue.get() is not None:
                pass  # keep taking batches so the caller never blocks on a full queue


def _write(connection: Connection, batch: RowBatch, on_written: OnWritten) -> None:
    batch.write(connection)
    on_written(batch)


@contextmanager
def _writing_connection(engine: Engine) -> Iterator[Connection]:
    """A connection whose transactions take the write lock at once (see db.engine).

    On SQLite it also skips fsync and uses a larger page cache while filling: a crash
    mid-fill may then corrupt the file, which only ever holds demo data.
    """
    with engine.connect() as connection:
        connection.execution_options(**{WRITE_OPTION: True})
        if connection.dialect.name != "sqlite":
            with connection.begin():
                yield connection
                _advance_sequences(connection)
            return
        _pragmas(connection, "synchronous=OFF", f"cache_size=-{SQLITE_FILL_CACHE_KIB}")
        try:
            with connection.begin():
                yield connection
        finally:
            _pragmas(connection, "synchronous=NORMAL", "cache_size=-2000")


def _pragmas(connection: Connection, *settings: str) -> None:
    # Straight to the driver: SQLAlchemy would open a transaction first, and SQLite refuses
    # to change `synchronous` inside one.
    driver_connection = connection.connection.driver_connection
    for setting in settings:
        driver_connection.execute(f"PRAGMA {setting}")


def _advance_sequences(connection: Connection) -> None:
    """COPY wrote explicit ids; move PostgreSQL's id sequences past them so that later
    plain inserts (an import, a new resident) do not collide."""
    for table in TABLES_IN_INSERT_ORDER:
        if "id" not in table.c or not table.c.id.autoincrement:
            continue
        connection.exec_driver_sql(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
            f"COALESCE((SELECT max(id) FROM {table.name}), 0) + 1, false)"
        )
