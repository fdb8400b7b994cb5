from __future__ import annotations

from datetime import UTC, datetime
from functools import cache

from sqlalchemy import DateTime, MetaData, String, event, inspect
from sqlalchemy.orm import DeclarativeBase, Mapper
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.types import TypeDecorator

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


def utcnow() -> datetime:
    return datetime.now(UTC)


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
    found = []
    for key, is_text in _checked_attributes(state.mapper):
        value = state.dict.get(key)
        if value is None:
            continue
        if value is UNREADABLE:
            set_committed_value(instance, key, None)
            reason = "not a date"
        elif is_text and not isinstance(value, str):
            text = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
            set_committed_value(instance, key, text)
            reason = f"{type(value).__name__}, not text"
        elif is_text and "\ufffd" in value:
            reason = "text that is not UTF-8"
        else:
            continue
        found.append(key)
        row = ",".join(map(str, state.identity or ()))
        note_unreadable(state.mapper.local_table.name, row, key, reason)
    if found:
        state.info[_UNREADABLE_COLUMNS] = unreadable_columns(instance) | set(found)


@cache
def _checked_attributes(mapper: Mapper) -> tuple[tuple[str, bool], ...]:
    """(attribute, holds text) of the columns whose stored values may be unreadable."""
    checked = []
    for attribute in mapper.column_attrs:
        column_type = attribute.columns[0].type
        if isinstance(column_type, TolerantReading | String):
            checked.append((attribute.key, isinstance(column_type, String)))
    return tuple(checked)
