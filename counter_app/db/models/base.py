from __future__ import annotations

from datetime import UTC, datetime
from functools import cache

from sqlalchemy import DateTime, MetaData, String, event, inspect
from sqlalchemy.orm import DeclarativeBase, Mapper
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.types import TypeDecorator

from ...clock import utcnow  # noqa: F401  (re-exported: the models' default)
from ..tolerant import UNREADABLE, TolerantReading, note_unreadable

# Named constraints keep Alembic's batch mode on SQLite and autogenerate deterministic.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
_UNREADABLE_COLUMNS = "unreadable_columns"


class UtcDateTime(TolerantReading, TypeDecorator[datetime]):
    """Timestamps stored in UTC and always handed back timezone-aware (SQLite keeps none);
    a stored value that is no timestamp reads as UNREADABLE (counter_app.db.tolerant)."""

    impl = DateTime(timezone=True)
    cache_ok = True
    expected = datetime

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass an aware datetime (UTC)")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def unreadable_columns(instance: Base) -> frozenset[str]:
    """The attributes of a loaded row whose stored value could not be read: None on the
    instance when a date, U+FFFD where text bytes were not UTF-8."""
    return inspect(instance).info.get(_UNREADABLE_COLUMNS, frozenset())


@event.listens_for(Base, "load", propagate=True)
def _settle_loaded(instance: Base, _context) -> None:
    _settle(instance)


@event.listens_for(Base, "refresh", propagate=True)
def _settle_refreshed(instance: Base, _context, _attributes) -> None:
    _settle(instance)


def _settle(instance: Base) -> None:
    """Replace what could not be read by what the code expects of a missing value (None
    for a date, text with U+FFFD), without marking the row changed; note each one."""
    state = inspect(instance)
    values = state.dict
    dates, texts = _checked_attributes(state.mapper)
    # Comprehensions, not one loop with branches: this runs for every row loaded.
    bad_dates = [key for key in dates if values.get(key) is UNREADABLE]
    odd_texts = [
        key
        for key in texts
        if (value := values.get(key)) is not None
        # `type(…) is str` first: the common case without a call; a StrEnum is text too.
        and ((type(value) is not str and not isinstance(value, str)) or "\ufffd" in value)
    ]
    if not (bad_dates or odd_texts):
        return
    found: list[tuple[str, str]] = []
    for key in bad_dates:
        set_committed_value(instance, key, None)
        found.append((key, "not a date"))
    for key in odd_texts:
        value = values[key]
        if isinstance(value, str):
            found.append((key, "text that is not UTF-8"))
            continue
        text = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
        set_committed_value(instance, key, text)
        found.append((key, f"{type(value).__name__}, not text"))
    row = ",".join(map(str, state.identity or ()))
    for key, reason in found:
        note_unreadable(state.mapper.local_table.name, row, key, reason)
    state.info[_UNREADABLE_COLUMNS] = unreadable_columns(instance) | {key for key, _ in found}


@cache
def _checked_attributes(mapper: Mapper) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(date attributes, text attributes): the columns whose stored values may be unreadable.
    Primary keys are left alone: they are the row's identity, never None."""
    dates, texts = [], []
    for attribute in mapper.column_attrs:
        column = attribute.columns[0]
        column_type = column.type
        if column.primary_key:
            continue
        if isinstance(column_type, TolerantReading):
            dates.append(attribute.key)
        elif isinstance(column_type, String):
            texts.append(attribute.key)
    return tuple(dates), tuple(texts)
