"""Reading stored values that are not what their column promises, without failing.

SQLite keeps whatever was written into any column (`'garbage'` in a date column, bytes that
are not UTF-8 in a text column); PostgreSQL holds dates Python cannot represent
(`infinity`, years before 1 or after 9999). One such value must not make every query that
touches its row fail, so reading is tolerant at the lowest level:

- Date and date-time columns use TolerantDate / UtcDateTime: a stored value their
  processing cannot turn into a date comes back as UNREADABLE instead of raising.
- On SQLite, undecodable bytes in text become U+FFFD (`decode_text`, the connection's text
  factory); on PostgreSQL, dates and timestamps out of Python's range load as UNREADABLE.
- ORM instances never carry UNREADABLE: the models turn it into None when a row is loaded
  and name the column in `unreadable_columns(instance)` (counter_app.db.models.base).
  Core selects of a date column get UNREADABLE itself.

`note_unreadable` logs each bad value once: the table, row and column, never the value.
"""

from __future__ import annotations

import logging
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import Date
from sqlalchemy.types import TypeDecorator

log = logging.getLogger(__name__)

_NOTED_LIMIT = 10_000
_noted: set[tuple[str, str, str]] = set()


class Unreadable:
    """A stored value that cannot be read as its column's type (there is one: UNREADABLE)."""

    _instance: Unreadable | None = None

    def __new__(cls) -> Unreadable:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNREADABLE"


UNREADABLE = Unreadable()


def decode_text(data: bytes) -> str:
    """sqlite3's text factory: what is not UTF-8 reads as U+FFFD instead of failing the
    query. (A plain function: a partial of str with keywords costs twice as much per value.)"""
    return data.decode("utf-8", "replace")


class TolerantReading:
    """For a TypeDecorator: the result processing of the type (its own and its impl's) runs
    as usual, and whatever it cannot turn into `expected` comes back as UNREADABLE."""

    expected: type = object

    def result_processor(self, dialect, coltype):
        # TypeDecorator builds the usual chain; it is wrapped here rather than in
        # process_result_value because the impl's own processing (SQLite's date parsing)
        # is what raises.
        inner = super().result_processor(dialect, coltype)  # type: ignore[misc]
        expected = self.expected

        def process(value: Any) -> Any:
            if value is None or value is UNREADABLE:
                return value
            try:
                result = value if inner is None else inner(value)
            except (ValueError, TypeError, OverflowError, AttributeError):
                return UNREADABLE
            return result if isinstance(result, expected) else UNREADABLE

        return process


class TolerantDate(TolerantReading, TypeDecorator[date]):
    """A date column whose unreadable values read as UNREADABLE."""

    impl = Date
    cache_ok = True
    expected = date


def note_unreadable(table: str, row: object, column: str, reason: str) -> None:
    """Log a value that could not be read, once per table, row and column."""
    key = (table, str(row), column)
    if key in _noted:
        return
    if len(_noted) < _NOTED_LIMIT:
        _noted.add(key)
    log.warning("unreadable stored value: table=%s row=%s column=%s (%s)", *key, reason)


@cache
def _tolerant_postgres_loaders() -> tuple[tuple[int, type], ...]:
    """(oid, loader) for the date and timestamp types: psycopg's own loader, except that a
    value Python cannot hold (infinity, year 0 or 10000) loads as UNREADABLE."""
    import psycopg
    from psycopg.adapt import Loader
    from psycopg.pq import Format

    loaders = []
    for name in ("date", "timestamptz", "timestamp"):
        oid = psycopg.adapters.types[name].oid
        for format_ in (Format.TEXT, Format.BINARY):
            wrapped = psycopg.adapters.get_loader(oid, format_)
            if wrapped is None:
                continue

            class TolerantLoader(Loader):
                format = format_
                _wrapped = wrapped

                def __init__(self, oid: int, context=None) -> None:
                    super().__init__(oid, context)
                    self._inner = self._wrapped(oid, context)

                def load(self, data):
                    try:
                        return self._inner.load(data)
                    except psycopg.DataError:
                        return UNREADABLE

            loaders.append((oid, TolerantLoader))
    return tuple(loaders)


def tolerate_postgres_out_of_range(dbapi_connection, _record=None) -> None:
    """On each new PostgreSQL connection (an engine "connect" listener): dates and
    timestamps out of Python's range load as UNREADABLE instead of failing the query."""
    for oid, loader in _tolerant_postgres_loaders():
        dbapi_connection.adapters.register_loader(oid, loader)
