"""Publishing changes to the feed and reading it by cursor.

    with db.write() as session:
        ...  # change a visit
        publish(session, Topic.VISIT, str(visit.id), department_id="hoken_nenkin",
                terminal=terminal.name)

A published change becomes a row of `change_feed` inside the caller's unit of work: it
is committed with the change it describes or not at all. On PostgreSQL the same
transaction also sends one `NOTIFY counter_app_changes`, which PostgreSQL delivers only
at commit, so a listener never hears of a change it cannot read yet. The notification
carries the rows as written (JSON, `changes_in`) when they fit, else the newest id; a
listener whose cursor they continue takes them from it instead of reading the feed.

Listeners read the feed by cursor (`changes_since`), so the feed must never show an id
before a smaller one commits: a reader that saw id 11 would otherwise skip id 10 when
it commits a moment later. Two things make ids commit in order:
- the rows are written at the very end of the unit of work, just before COMMIT
  (publish() only queues them in the session), after every other lock it takes;
- writing them takes the write lock of the feed first (a transaction-scoped advisory
  lock on PostgreSQL; the write lock of BEGIN IMMEDIATE on SQLite, which every write
  unit takes already), released by the commit itself. On PostgreSQL one statement takes
  the lock, draws the ids, writes the rows with the time the lock was had (`at`) and
  sends the notification, so the lock is held for that statement and the commit.
An id lost to a rolled-back unit of work leaves a hole that never fills, which readers
need not wait for.

publish() inside a `db.read()` unit of work publishes nothing: reads never commit.

The feed keeps a change for `[changes] keep_days` (7 by default): every PC calls
prune_if_due() when it starts. Nobody needs older changes: a screen reloads whenever its
live connection comes back, so a listener only ever needs the changes since it last
connected. Ids are never reused (AUTOINCREMENT on SQLite, a sequence on PostgreSQL), so a
cursor that points into a pruned range simply continues with the next change there is.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from sqlalchemy import delete, event, func, insert, select, text
from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import ChangeRow
from ..db.models.base import utcnow

CHANNEL = "counter_app_changes"
_FEED_LOCK_KEY = 0x43484746  # "CHGF": PostgreSQL advisory lock for writing the feed
_PENDING = "counter_app_changes.pending"
PRUNE_BATCH_SIZE = 2000  # rows deleted per unit of work: short transactions, short locks


class Topic(StrEnum):
    """The topics the core publishes; any short string works, these are the known ones."""

    VISIT = "visit"
    PROCEDURE = "procedure"
    TICKET = "ticket"
    VOICE = "voice"  # a voice routed, claimed, answered or closed (department: its inbox)
    LETTER = "letter"  # a staff letter written, supported, commented or moved


@dataclass(frozen=True, slots=True)
class Change:
    id: int
    at: datetime
    topic: str
    entity_id: str
    department_id: str | None
    terminal: str


def publish(
    session: Session,
    topic: str,
    entity_id: str | int,
    *,
    department_id: str | None = None,
    terminal: str = "",
) -> None:
    """Queue a change in the caller's unit of work; written and notified at its commit."""
    topic = str(topic)
    if not topic or len(topic) > 32:
        raise ValueError(f"topic must be 1-32 characters: {topic!r}")
    session.info.setdefault(_PENDING, []).append(
        {
            "topic": topic,
            "entity_id": str(entity_id),
            "department_id": department_id,
            "terminal": terminal,
        }
    )


_COLUMNS = ("topic", "entity_id", "department_id", "terminal")
# The lock is taken (the materialised CTE) before any row is made, so before any id is
# drawn; clock_timestamp(): the time once the lock is held. One notification however
# many rows, carrying them (`changes_in`) while they fit, else only the newest id.
_LOCK_WRITE_NOTIFY = text(
    """
    WITH locked AS MATERIALIZED (SELECT pg_advisory_xact_lock(:key)),
    inserted AS (
        INSERT INTO change_feed (at, topic, entity_id, department_id, terminal)
        SELECT clock_timestamp(), c.topic, c.entity_id, c.department_id, c.terminal
        FROM locked, unnest(
            CAST(:topic AS text[]), CAST(:entity_id AS text[]),
            CAST(:department_id AS text[]), CAST(:terminal AS text[])
        ) WITH ORDINALITY AS c(topic, entity_id, department_id, terminal, n)
        ORDER BY c.n
        RETURNING id, at, topic, entity_id, department_id, terminal
    ),
    batch AS (
        SELECT max(id) AS newest, CAST(json_agg(json_build_array(
            id, at, topic, entity_id, department_id, terminal) ORDER BY id) AS text) AS rows
        FROM inserted
    )
    SELECT pg_notify(:channel, CASE WHEN octet_length(rows) <= :room
                                    THEN rows ELSE CAST(newest AS text) END)
    FROM batch
    """
)
PAYLOAD_ROOM = 7000  # bytes of changes a notification carries (PostgreSQL allows < 8000)


def changes_in(payload: str) -> list[Change] | None:
    """The changes a notification carries, oldest first; None when it carries only the
    newest id (too many to carry, or sent by an older version)."""
    if not payload.startswith("["):
        return None
    try:
        return [
            Change(
                id=int(id_),
                at=datetime.fromisoformat(at).astimezone(UTC),
                topic=topic,
                entity_id=entity_id,
                department_id=department_id,
                terminal=terminal,
            )
            for id_, at, topic, entity_id, department_id, terminal in json.loads(payload)
        ]
    except (ValueError, TypeError):  # not ours: read the feed instead
        return None


@event.listens_for(Session, "before_commit")
def _write_pending(session: Session) -> None:
    pending = session.info.pop(_PENDING, None)
    if not pending:
        return
    # Everything else first, so the feed lock is the last lock this transaction takes.
    session.flush()
    if session.get_bind().dialect.name != "postgresql":
        session.execute(insert(ChangeRow), [{"at": utcnow(), **values} for values in pending])
        return
    session.execute(
        _LOCK_WRITE_NOTIFY,
        {
            "key": _FEED_LOCK_KEY,
            "channel": CHANNEL,
            "room": PAYLOAD_ROOM,
            **{column: [values[column] for values in pending] for column in _COLUMNS},
        },
    )


@event.listens_for(Session, "after_transaction_end")
def _forget_pending(session: Session, transaction) -> None:
    # A rolled-back unit of work publishes nothing (a committed one has written its own).
    if transaction.parent is None:
        session.info.pop(_PENDING, None)


def _to_change(row: ChangeRow) -> Change:
    return Change(
        id=row.id,
        at=row.at,
        topic=row.topic,
        entity_id=row.entity_id,
        department_id=row.department_id,
        terminal=row.terminal,
    )


def changes_since(db: Database, last_id: int, *, limit: int = 500) -> list[Change]:
    """The committed changes after `last_id`, oldest first, at most `limit`."""
    with db.read() as session:
        rows = session.scalars(
            select(ChangeRow).where(ChangeRow.id > last_id).order_by(ChangeRow.id).limit(limit)
        )
        return [_to_change(row) for row in rows]


def latest_id(db: Database) -> int:
    """The cursor of the newest change (0 for an empty feed): start here to see new ones.
    An empty feed, even one pruned empty, may safely answer 0: ids are never reused, so
    every change still to come has a larger id than any change there ever was."""
    with db.read() as session:
        return session.scalar(select(func.max(ChangeRow.id))) or 0


def prune_if_due(db: Database, keep: timedelta) -> int:
    """Delete the changes older than `keep`, if there are any; returns how many. When none
    is due this is one read of the oldest change's time (off the index on `at`), cheap
    enough for every PC to call when it starts."""
    if keep <= timedelta(0):
        raise ValueError(f"keep must be positive: {keep}")
    with db.read() as session:
        oldest = session.scalar(select(func.min(ChangeRow.at)))
    if oldest is None or oldest >= utcnow() - keep:
        return 0
    return prune(db, keep)


def prune(db: Database, older_than: timedelta, *, batch_size: int = PRUNE_BATCH_SIZE) -> int:
    """Delete the changes older than `older_than`, `batch_size` per unit of work; returns
    how many this call deleted.

    Many PCs may prune at once. On PostgreSQL each batch locks its rows FOR UPDATE SKIP
    LOCKED, so a PC never waits for another's batch (nor deadlocks with it): it takes the
    rows nobody has taken, and stops at a short batch. SQLite runs write units one at a
    time anyway; a PC that comes second finds nothing left. Publishers are never held
    up: they only insert new rows, which no batch touches."""
    cutoff = utcnow() - older_than
    batch = (
        select(ChangeRow.id)
        .where(ChangeRow.at < cutoff)
        .order_by(ChangeRow.at)
        .limit(batch_size)
        .with_for_update(skip_locked=True)
    )
    deleted = 0
    while True:
        with db.write() as session:
            count = session.execute(delete(ChangeRow).where(ChangeRow.id.in_(batch))).rowcount
        deleted += count
        if count < batch_size:
            return deleted
