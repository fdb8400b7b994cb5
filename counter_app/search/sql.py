"""The SQL expressions a search is made of, written once for SQLite and PostgreSQL.

A prefix has two forms: `prefix_range`, which an index answers (key >= 'タカハシ' AND
key < 'タカハシ' + U+10FFFF), for the criterion that drives a statement; and `starts_with`
(substr(key, 1, n) = 'タカハシ'), which no index answers, for the criteria that only
filter the driver's rows, so that no planner leaves the driver's bounded range for an
unbounded one. `Contains` is a plain substring test (instr / strpos): no LIKE pattern,
so nothing typed is a wildcard and no pattern is ever too complex.
"""

from __future__ import annotations

from sqlalchemy import Boolean, ColumnElement, Date, and_, bindparam, exists, func, or_
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from ..db.models import Resident, SupportMeasure

# Above every character, also those outside the BMP (𡈽 …) that U+FFFF would not cover.
_AFTER_ALL = "\U0010ffff"


def prefix_range(column, key: str) -> ColumnElement[bool]:
    return and_(column >= key, column < key + _AFTER_ALL)


def starts_with(column, key: str) -> ColumnElement[bool]:
    return func.substr(column, 1, len(key)) == key


class Contains(FunctionElement):
    """Whether the text column (first argument) contains the text (second)."""

    type = Boolean()
    inherit_cache = True


@compiles(Contains)
def _contains(element, compiler, **kw) -> str:
    column, text = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"(instr({column}, {text}) > 0)"


@compiles(Contains, "postgresql")
def _contains_postgresql(element, compiler, **kw) -> str:
    column, text = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"(strpos({column}, {text}) > 0)"


# Executed with {"today": date}: the statements are built once, whatever the day.
TODAY = bindparam("today", type_=Date)
UNDER_SUPPORT_MEASURE = exists().where(
    SupportMeasure.resident_id == Resident.id,
    SupportMeasure.started_on <= TODAY,
    or_(SupportMeasure.ends_on.is_(None), SupportMeasure.ends_on >= TODAY),
)
"""Whether a support measure (支援措置) protects the resident on the day `today`."""
