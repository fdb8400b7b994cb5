"""The visits' action log, chained and signed like the audit log (counter_app.security.chain).

`queue` only keeps an entry in the unit of work; its entries are signed and written when
it commits, under the log's lock, so that the lock is held for a few statements instead
of the whole unit of work. Before taking the lock, the rows they refer to are locked FOR
KEY SHARE (PostgreSQL): the inserts' foreign-key checks then never wait, under the lock,
for a unit of work that itself waits for the lock (closing a visit locks it FOR UPDATE
while a department may be acting on one of its procedures). The writer runs before the
change feed's, whose lock must be the last a unit of work takes (changes/feed.py); a
unit of work that appends to the audit log took that lock earlier, so the locks are
always taken in one order: audit log, action log, feed.
"""

from __future__ import annotations

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from ..db.models import ProcedureAction, StaffUser, Visit, VisitProcedure
from ..security import chain
from ..security.chain import VISIT_LOG

_PENDING = "counter_app.visit_log.pending"


def queue(session: Session, entry: ProcedureAction) -> None:
    """Append `entry` (unsaved) to the log when the unit of work commits."""
    session.info.setdefault(_PENDING, []).append(entry)


@event.listens_for(Session, "before_commit", insert=True)
def _write_pending(session: Session) -> None:
    pending: list[ProcedureAction] = session.info.pop(_PENDING, None)
    if not pending:
        return
    session.flush()
    if session.get_bind().dialect.name == "postgresql":
        _share_referenced_rows(session, pending)
    chain.lock(session, VISIT_LOG)
    chain.link(session, VISIT_LOG, pending)


@event.listens_for(Session, "after_transaction_end")
def _forget_pending(session: Session, transaction) -> None:
    # A rolled-back unit of work appends nothing (a committed one has written its own).
    if transaction.parent is None:
        session.info.pop(_PENDING, None)


def _share_referenced_rows(session: Session, pending: list[ProcedureAction]) -> None:
    for column, ids in (
        (Visit.id, {e.visit_id for e in pending}),
        (VisitProcedure.id, {e.visit_procedure_id for e in pending}),
        (StaffUser.id, {e.user_id for e in pending}),
    ):
        ids.discard(None)
        if ids:
            session.execute(
                select(column)
                .where(column.in_(sorted(ids)))
                .order_by(column)
                .with_for_update(read=True, key_share=True)
            )
