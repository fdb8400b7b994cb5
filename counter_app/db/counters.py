"""Gapless numbers from a counter row (tickets per day and category, visits per day).

The row is created at 0 by the first draw of its key, then `last + 1 … RETURNING` in the
caller's unit of work: the row stays locked until that unit commits, so two PCs never
draw the same number, and a rolled-back unit gives its number back.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def next_number(session: Session, counter, **key: object) -> int:
    """`counter` is a model with a `last` column; `key` names its row."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.execute(insert(counter).values(**key, last=0).on_conflict_do_nothing())
    return session.execute(
        update(counter)
        .where(*(getattr(counter, column) == value for column, value in key.items()))
        .values(last=counter.last + 1)
        .returning(counter.last)
        .execution_options(synchronize_session=False)
    ).scalar_one()
