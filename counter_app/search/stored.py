"""Reading stored values for a search so that one bad row spoils only itself.

A search reads every resident sharing a name; one record with a value the driver cannot
turn into Python (an SQLite date 'garbage' or '1985-02-30', a PostgreSQL date
'infinity' or beyond the year 9999) must not fail the search for all of them. The birth
date is therefore read as text and parsed here: a date that cannot be is None, shown
empty. Text columns that hold something else (a blob written past the app) read as "".
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class DateText(FunctionElement):
    """A date column as 'YYYY-MM-DD' text, whatever the session's DateStyle."""

    type = String()
    inherit_cache = True


@compiles(DateText)
def _date_text(element, compiler, **kw) -> str:
    return f"CAST({compiler.process(element.clauses, **kw)} AS TEXT)"


@compiles(DateText, "postgresql")
def _date_text_postgresql(element, compiler, **kw) -> str:
    # 'BC' appends AD or BC, so a date before the common era never reads as one after it.
    return f"to_char({compiler.process(element.clauses, **kw)}, 'YYYY-MM-DD BC')"


def stored_date(text: object) -> date | None:
    """The date `text` (from DateText) holds, or None if it holds none Python can have."""
    if not isinstance(text, str):
        return None
    value = text.removesuffix(" AD")
    if len(value) != 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def stored_text(value: object) -> str:
    return value if isinstance(value, str) else ""
