"""Keyed hash chains: the audit log and the visits' action log.

Each entry's `entry_hash` is an HMAC-SHA256, under the log's own key derived from the key
file (`KeyRing.digest(purpose, …, key_id)`), of the previous entry's hash, the signing
key's id and the entry's fields. Each log's `ChainHead` records how many entries it has
and the last one's id and digest, signed the same way and moved in the unit of work of
every append. So, without the key file:
- an altered entry no longer matches its digest,
- a removed or inserted entry breaks the next one's link,
- removing the newest entries or emptying the log leaves it shorter than its head,
- a chain recomputed with plain SHA-256 or with another key matches nothing.
Whoever holds the key file could rewrite a log and its head; a checkpoint kept outside
the database (`counter-app audit checkpoint`) shows that too, since the log must still
reach the checkpoint's `Mark` unchanged (counter_app.security.chain_verify).

Appends are serial, so ids are drawn in the chain's order. `append` only queues entries
in the unit of work; they are signed and written when it commits, under the log's lock,
so a log is held for its last few statements and the commit instead of the whole unit of
work (50 counter PCs queue for these locks). The lock is the log's head row, locked FOR
UPDATE on PostgreSQL by the statement that reads it (SQLite's write units of work are
serial already). A unit of work that decides from what a log holds (e.g. an unused
authorisation) takes the lock early (`lock`), so the decision cannot be taken twice.

Locks at commit are taken in one order, so no two units of work wait for each other:
first the rows the entries refer to that others lock FOR UPDATE (visits, procedures),
shared FOR KEY SHARE so the inserts' foreign-key checks never wait under a log's lock;
then the logs in CHAINED_LOGS order; then the change feed's (changes/feed.py), which
must come last. An early `lock` is of the audit log, the first.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import event, func, insert, select, text, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from ..db.models import AuditEntry, ChainHead, ProcedureAction, StaffUser, Visit, VisitProcedure
from ..errors import CounterAppError, ErrorCode
from .keyring import KeyRing, Purpose, session_keys
from .registry import register_key_ring, registered_keys

GENESIS_HASH = "0" * 64
_PENDING = "counter_app.chain.pending"  # log name → entries to append at commit


@dataclass(frozen=True)
class ChainedLog:
    name: str  # the table, and its head's `log`
    purpose: Purpose
    model: type
    fields: tuple[str, ...]  # the columns each digest covers, in this order
    # (an entry's field, the key it refers to): rows other units of work lock FOR UPDATE
    references: tuple[tuple[str, InstrumentedAttribute], ...] = field(default=(), compare=False)


AUDIT_LOG = ChainedLog(
    "audit_log",
    Purpose.AUDIT_CHAIN,
    AuditEntry,
    (
        "at",
        "user_id",
        "login",
        "terminal",
        "action",
        "subject_type",
        "subject_id",
        "purpose",
        "detail",
    ),
)
VISIT_LOG = ChainedLog(
    "procedure_actions",
    Purpose.VISIT_LOG,
    ProcedureAction,
    (
        "visit_id",
        "visit_procedure_id",
        "at",
        "user_id",
        "login",
        "role",
        "terminal",
        "action",
        "reason",
    ),
    (
        ("visit_id", Visit.id),  # closing a visit locks it FOR UPDATE
        ("visit_procedure_id", VisitProcedure.id),  # each action locks its procedure
        ("user_id", StaffUser.id),
    ),
)
CHAINED_LOGS = (AUDIT_LOG, VISIT_LOG)


@dataclass(frozen=True)
class Mark:
    """A position in a log: its first `entries` entries end with entry `last_id`, whose
    digest is `digest` (no entry and the genesis hash for an empty log)."""

    entries: int
    last_id: int | None
    digest: str


EMPTY = Mark(0, None, GENESIS_HASH)


def canonical(previous_hash: str, key_id: str, values: list[object]) -> str:
    """What an entry's digest covers. ASCII-only JSON, so any stored text encodes."""
    plain = [_text(v) if isinstance(v, datetime) else v for v in values]
    return json.dumps([previous_hash, key_id, *plain], ensure_ascii=True, separators=(",", ":"))


def _text(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def entry_digest(ring: KeyRing, log: ChainedLog, previous_hash: str, key_id: str, values) -> str:
    return ring.digest(log.purpose, canonical(previous_hash, key_id, list(values)), key_id)


def head_data(log: ChainedLog, mark: Mark) -> str:
    """What a head's signature covers."""
    return json.dumps(
        ["head", log.name, mark.entries, mark.last_id, mark.digest], separators=(",", ":")
    )


def head_signature(ring: KeyRing, log: ChainedLog, mark: Mark, key_id: str) -> str:
    return ring.digest(log.purpose, head_data(log, mark), key_id)


def append(session: Session, log: ChainedLog, entries: Sequence) -> None:
    """Queue `entries`, new rows of `log`, as its next entries: signed and written when
    the unit of work commits (their ids are known then), in the order appended."""
    session.info.setdefault(_PENDING, {}).setdefault(log.name, []).extend(entries)


def lock(session: Session, log: ChainedLog) -> None:
    """Hold the log until the unit of work ends (PostgreSQL; SQLite's writes are serial)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            select(ChainHead.log).where(ChainHead.log == log.name).with_for_update()
        ).all()


@event.listens_for(Session, "before_commit", insert=True)
def _write_pending(session: Session) -> None:
    # insert=True: before the change feed's writer, whose lock must be the last taken.
    pending: dict[str, list] = session.info.pop(_PENDING, None)
    if not pending:
        return
    session.flush()
    logs = [(log, pending[log.name]) for log in CHAINED_LOGS if log.name in pending]
    if session.get_bind().dialect.name == "postgresql":
        _share_referenced_rows(session, [(log, e) for log, entries in logs for e in entries])
    for log, entries in logs:
        _link(session, log, entries)


@event.listens_for(Session, "after_transaction_end")
def _forget_pending(session: Session, transaction) -> None:
    # A rolled-back unit of work appends nothing (a committed one has written its own).
    if transaction.parent is None:
        session.info.pop(_PENDING, None)


def _share_referenced_rows(session: Session, entries: list[tuple[ChainedLog, object]]) -> None:
    """Lock FOR KEY SHARE, in one statement, the rows `entries` refer to that other units
    of work lock FOR UPDATE (see the module's lock order)."""
    keys: dict[str, tuple[InstrumentedAttribute, set[int]]] = {}
    for log, entry in entries:
        for name, key in log.references:
            value = getattr(entry, name)
            if value is not None:
                keys.setdefault(str(key), (key, set()))[1].add(value)
    if not keys:
        return
    shared = [
        select(key)
        .where(key.in_(sorted(ids)))
        .order_by(key)
        .with_for_update(read=True, key_share=True)
        .cte(f"shared_{n}")
        for n, (key, ids) in enumerate(keys.values())
    ]
    session.execute(
        select(*(select(func.count()).select_from(c).scalar_subquery() for c in shared))
    )


# PostgreSQL: lock the head row, read it and draw the entries' ids, in one statement. The
# ids are drawn for the locked row (a subquery on it), so after the lock: in chain order.
_LOCK_HEAD_DRAW_IDS = text(
    """
    WITH head AS MATERIALIZED (
        SELECT entries, last_hash FROM chain_heads WHERE log = :log FOR UPDATE
    )
    SELECT entries, last_hash, ARRAY(
        SELECT nextval(pg_get_serial_sequence(:table, 'id'))
        FROM generate_series(head.entries + 1, head.entries + :count)
    ) AS ids
    FROM head
    """
)


def _link(session: Session, log: ChainedLog, entries: Sequence) -> None:
    """Sign `entries` as the log's next entries under its lock, save them and move the
    log's signed head to the last: on PostgreSQL two statements (lock, read and number;
    write), whatever the number of entries."""
    ring = session_keys(session)
    table = log.model.__table__
    postgres = session.get_bind().dialect.name == "postgresql"
    if postgres:
        head = session.execute(
            _LOCK_HEAD_DRAW_IDS, {"log": log.name, "table": table.name, "count": len(entries)}
        ).one_or_none()
    else:
        head = session.execute(
            select(ChainHead.entries, ChainHead.last_hash).where(ChainHead.log == log.name)
        ).one_or_none()
    if head is None:
        raise CounterAppError(ErrorCode.CHAIN_HEAD_MISSING, log=log.name)
    key_id = ring.current.id
    previous = head.last_hash
    for entry in entries:
        entry.previous_hash = previous
        entry.key_id = key_id
        entry.entry_hash = entry_digest(
            ring, log, previous, key_id, (getattr(entry, f) for f in log.fields)
        )
        previous = entry.entry_hash
    columns = (*log.fields, "previous_hash", "entry_hash", "key_id")
    rows = [{column: getattr(entry, column) for column in columns} for entry in entries]
    if postgres:
        for entry, row, id_ in zip(entries, rows, head.ids, strict=True):
            entry.id = row["id"] = id_
        written = insert(table).values(rows).cte("written")
    else:
        ids = session.scalars(
            insert(table).returning(table.c.id, sort_by_parameter_order=True), rows
        ).all()
        for entry, id_ in zip(entries, ids, strict=True):
            entry.id = id_
        written = None
    mark = Mark(head.entries + len(entries), entries[-1].id, previous)
    heads = ChainHead.__table__
    moved = (
        update(heads)
        .where(heads.c.log == log.name)
        .values(
            entries=mark.entries,
            last_id=mark.last_id,
            last_hash=mark.digest,
            key_id=key_id,
            signature=head_signature(ring, log, mark, key_id),
        )
    )
    session.execute(moved if written is None else moved.add_cte(written))


def _move_head(ring: KeyRing, log: ChainedLog, head: ChainHead, mark: Mark) -> None:
    head.entries, head.last_id, head.last_hash = mark.entries, mark.last_id, mark.digest
    head.key_id = ring.current.id
    head.signature = head_signature(ring, log, mark, head.key_id)


def signed_head(ring: KeyRing, log: ChainedLog, head: ChainHead) -> Mark | None:
    """The head's mark if its signature holds under a key of `ring`, else None."""
    if not ring.has(head.key_id):
        return None
    mark = Mark(head.entries, head.last_id, head.last_hash)
    return mark if head.signature == head_signature(ring, log, mark, head.key_id) else None


def register_keys(session: Session, ring: KeyRing) -> None:
    """`register_key_ring`; a database meeting its first keys also gets the heads its
    migrations could not sign without them (`start_chains`)."""
    first = not registered_keys(session)
    register_key_ring(session, ring)
    if first:
        start_chains(session)


def start_chains(session: Session) -> None:
    """Give each empty log without a head its first signed head. Only for a database
    whose migrations ran without a key file (its logs were empty then), when it first
    meets its keys: later, a missing head means it was deleted and it stays missing."""
    ring = session_keys(session)
    for log in CHAINED_LOGS:
        if session.get(ChainHead, log.name) is not None:
            continue
        if session.scalar(select(log.model.id).limit(1)) is not None:
            continue
        head = ChainHead(log=log.name)
        _move_head(ring, log, head, EMPTY)
        session.add(head)
    session.flush()
