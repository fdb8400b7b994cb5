"""What someone with the schema owner's rights (or the SQLite file) can do to the chained
logs once the append-only triggers are lifted: delete, alter, and chain them anew."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from sqlalchemy import Engine, delete, select, text, update
from sqlalchemy.orm import Session

from counter_app.db.models import ChainHead
from counter_app.security.chain import GENESIS_HASH, ChainedLog, Mark, canonical, head_data

_SQLITE_TRIGGERS = (
    "audit_log_no_update",
    "audit_log_no_delete",
    "procedure_actions_no_update",
    "procedure_actions_no_delete",
    "chain_heads_no_delete",
)


def lift_triggers(engine: Engine) -> None:
    with engine.begin() as connection:
        if engine.dialect.name == "sqlite":
            for trigger in _SQLITE_TRIGGERS:
                connection.execute(text(f"DROP TRIGGER IF EXISTS {trigger}"))
        else:
            for table in ("audit_log", "procedure_actions", "chain_heads"):
                connection.execute(text(f"ALTER TABLE {table} DISABLE TRIGGER USER"))


def entry_ids(engine: Engine, log: ChainedLog) -> list[int]:
    with Session(engine) as session:
        return list(session.scalars(select(log.model.id).order_by(log.model.id)))


def delete_newest(engine: Engine, log: ChainedLog, count: int) -> None:
    doomed = entry_ids(engine, log)[-count:]
    with Session(engine) as session, session.begin():
        session.execute(delete(log.model).where(log.model.id.in_(doomed)))


def empty(engine: Engine, log: ChainedLog) -> None:
    with Session(engine) as session, session.begin():
        session.execute(delete(log.model))


def alter(engine: Engine, log: ChainedLog, entry_id: int) -> None:
    with Session(engine) as session, session.begin():
        session.execute(
            update(log.model).where(log.model.id == entry_id).values(login="someone-else")
        )


def sha256(data: str) -> str:
    """The app's digest before it was keyed."""
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def chain_anew(
    engine: Engine, log: ChainedLog, sign: Callable[[str], str], key_id: str, *, altered: int
) -> None:
    """Alter entry `altered`, then compute every digest and the head again with `sign`,
    as the app would (same canonical form), naming `key_id` as the key."""
    alter(engine, log, altered)
    with Session(engine) as session, session.begin():
        previous, entries, last_id = GENESIS_HASH, 0, None
        for entry in session.scalars(select(log.model).order_by(log.model.id)):
            digest = sign(canonical(previous, key_id, [getattr(entry, f) for f in log.fields]))
            entry.previous_hash, entry.entry_hash, entry.key_id = previous, digest, key_id
            previous, entries, last_id = digest, entries + 1, entry.id
        head = session.get(ChainHead, log.name)
        mark = Mark(entries, last_id, previous)
        head.entries, head.last_id, head.last_hash = entries, last_id, previous
        head.key_id, head.signature = key_id, sign(head_data(log, mark))
