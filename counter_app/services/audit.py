"""Writing to the audit log, verifying the chained logs and taking checkpoints of them
(the keyed chain itself: counter_app.security.chain)."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.engine import Database, describe_target
from ..db.models import AuditEntry, ChainHead
from ..db.models.base import utcnow
from ..errors import CounterAppError, ErrorCode
from ..permissions import Actor, Permission, require
from ..security import chain
from ..security.chain import AUDIT_LOG, CHAINED_LOGS, Mark
from ..security.chain_verify import LogReport, verify_log
from ..security.checkpoint import Checkpoint
from ..security.keyring import session_keys


def lock_chain(session: Session) -> None:
    """Hold the audit chain until the unit of work ends, so that a decision read from the
    log (e.g. an unused authorisation) cannot be taken twice. SQLite's write units of work
    are serial already; PostgreSQL locks the chain's head row."""
    chain.lock(session, AUDIT_LOG)


def append(
    session: Session,
    actor: Actor,
    action: str,
    *,
    subject_type: str | None = None,
    subject_id: object = None,
    purpose: str | None = None,
    detail: dict | None = None,
) -> AuditEntry:
    """Append one entry inside the caller's unit of work (it commits or rolls back with it).
    It is signed into the chain when the unit of work commits: its id is known from then."""
    entry = AuditEntry(
        at=utcnow(),
        user_id=actor.user_id,
        login=actor.login,
        terminal=actor.terminal,
        action=action,
        subject_type=subject_type,
        subject_id=None if subject_id is None else str(subject_id),
        purpose=purpose,
        detail=json.dumps(detail or {}, ensure_ascii=False, sort_keys=True),
    )
    chain.append(session, AUDIT_LOG, [entry])
    return entry


class AuditService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def verify(self, actor: Actor, checkpoint: Checkpoint | None = None) -> list[LogReport]:
        """One report per chained log (the audit log, then the visits' action log): its
        entries and what does not hold, against `checkpoint` too if given."""
        require(actor, Permission.VIEW_AUDIT_LOG)
        with self._db.read() as session:
            return [
                verify_log(session, log, checkpoint.marks[log.name] if checkpoint else None)
                for log in CHAINED_LOGS
            ]

    def checkpoint(self, actor: Actor, now: datetime | None = None) -> Checkpoint:
        """Where each log ends now, from its signed head (CHAIN_HEAD_MISSING or
        CHAIN_HEAD_INVALID when a head, or the entry it names, does not hold)."""
        require(actor, Permission.VIEW_AUDIT_LOG)
        with self._db.read() as session:
            marks = {log.name: _checked_head(session, log) for log in CHAINED_LOGS}
        database = describe_target(self._db.engine.url.render_as_string(hide_password=True))
        return Checkpoint(database, now or utcnow(), marks)

    def recent(self, actor: Actor, limit: int = 200) -> list[AuditEntry]:
        require(actor, Permission.VIEW_AUDIT_LOG)
        with self._db.read() as session:
            return list(
                session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit))
            )


def _checked_head(session: Session, log: chain.ChainedLog) -> Mark:
    head = session.get(ChainHead, log.name)
    if head is None:
        raise CounterAppError(ErrorCode.CHAIN_HEAD_MISSING, log=log.name)
    mark = chain.signed_head(session_keys(session), log, head)
    if mark is None or _digest_at(session, log, mark) != mark.digest:
        raise CounterAppError(ErrorCode.CHAIN_HEAD_INVALID, log=log.name)
    return mark


def _digest_at(session: Session, log: chain.ChainedLog, mark: Mark) -> str | None:
    """The stored digest of the entry `mark` names (the genesis hash before the first)."""
    if mark.last_id is None:
        return chain.GENESIS_HASH
    return session.scalar(select(log.model.entry_hash).where(log.model.id == mark.last_id))
