"""Writing to and verifying the hash-chained audit log."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import AuditEntry
from ..db.models.base import utcnow
from ..permissions import Actor, Permission, require

GENESIS_HASH = "0" * 64
# Any constant: PostgreSQL serialises chain appends on this advisory lock.
_AUDIT_LOCK_KEY = 0x41554449


def entry_digest(
    *,
    previous_hash: str,
    at: datetime,
    user_id: int | None,
    login: str,
    terminal: str,
    action: str,
    subject_type: str | None,
    subject_id: str | None,
    purpose: str | None,
    detail: str,
) -> str:
    canonical = json.dumps(
        [
            previous_hash,
            at.isoformat(timespec="microseconds"),
            user_id,
            login,
            terminal,
            action,
            subject_type,
            subject_id,
            purpose,
            detail,
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def lock_chain(session: Session) -> None:
    """Hold the audit chain until the unit of work ends, so that a decision read from the
    log (e.g. an unused authorisation) cannot be taken twice. SQLite's write units of work
    are serial already; PostgreSQL takes a transaction-scoped advisory lock."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _AUDIT_LOCK_KEY})


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
    """Append one entry inside the caller's unit of work (it commits or rolls back with it)."""
    lock_chain(session)
    previous = session.scalar(select(AuditEntry.entry_hash).order_by(AuditEntry.id.desc()).limit(1))
    fields = {
        "previous_hash": previous or GENESIS_HASH,
        "at": utcnow(),
        "user_id": actor.user_id,
        "login": actor.login,
        "terminal": actor.terminal,
        "action": action,
        "subject_type": subject_type,
        "subject_id": None if subject_id is None else str(subject_id),
        "purpose": purpose,
        "detail": json.dumps(detail or {}, ensure_ascii=False, sort_keys=True),
    }
    entry = AuditEntry(**fields, entry_hash=entry_digest(**fields))
    session.add(entry)
    session.flush()
    return entry


@dataclass(frozen=True)
class ChainBreak:
    entry_id: int
    reason: str  # "content" (row altered) or "link" (row removed or inserted)


def verify_chain(rows: Iterator[AuditEntry]) -> ChainBreak | None:
    """The first entry whose content or link does not match, or None if the chain holds."""
    expected_previous = GENESIS_HASH
    for row in rows:
        if row.previous_hash != expected_previous:
            return ChainBreak(row.id, "link")
        digest = entry_digest(
            previous_hash=row.previous_hash,
            at=row.at,
            user_id=row.user_id,
            login=row.login,
            terminal=row.terminal,
            action=row.action,
            subject_type=row.subject_type,
            subject_id=row.subject_id,
            purpose=row.purpose,
            detail=row.detail,
        )
        if digest != row.entry_hash:
            return ChainBreak(row.id, "content")
        expected_previous = row.entry_hash
    return None


class AuditService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def verify(self, actor: Actor) -> tuple[int, ChainBreak | None]:
        require(actor, Permission.VIEW_AUDIT_LOG)
        with self._db.read() as session:
            count = 0

            def counted() -> Iterator[AuditEntry]:
                nonlocal count
                for row in session.scalars(
                    select(AuditEntry).order_by(AuditEntry.id).execution_options(yield_per=5000)
                ):
                    count += 1
                    yield row

            broken = verify_chain(counted())
        return count, broken

    def recent(self, actor: Actor, limit: int = 200) -> list[AuditEntry]:
        require(actor, Permission.VIEW_AUDIT_LOG)
        with self._db.read() as session:
            return list(
                session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit))
            )
