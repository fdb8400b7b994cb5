"""The audit log and the visits' action log become keyed chains with signed heads.

Every existing entry is signed again, in id order, with the key file's current key
(HMAC-SHA256 under a key derived per log), the UPDATE/DELETE triggers lifted for it and
restored; `chain_heads` records where each log ends, signed too. Nothing of the plain
SHA-256 chain remains to fall back to. PostgreSQL now refuses TRUNCATE of
procedure_actions as of audit_log, and DELETE or TRUNCATE of chain_heads.

The keys arrive as config.attributes["keys"] (counter_app.db.migrate.upgrade): logs with
entries are not migrated without them (CHAIN_NEEDS_KEYS). Without keys the logs are
empty and get their heads when the database first meets its key file (CounterApp.open).

The digests are spelled out here as they are at this revision, not imported: this
migration must go on producing what revision 0010's code verifies. A downgrade keeps the
keyed digests (an older counter-app's `audit verify` reports them as altered).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 12:00:00.000000
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from counter_app.errors import CounterAppError, ErrorCode
from counter_app.security.keyring import Purpose

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

GENESIS_HASH = "0" * 64
BATCH = 2000
LOGS = {
    "audit_log": (
        Purpose.AUDIT_CHAIN,
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
    ),
    "procedure_actions": (
        Purpose.VISIT_LOG,
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
    ),
}


def upgrade() -> None:
    bind = op.get_bind()
    keys = op.get_context().config.attributes.get("keys")
    if keys is None and any(
        bind.execute(sa.text(f"SELECT 1 FROM {name} LIMIT 1")).first() for name in LOGS
    ):
        raise CounterAppError(ErrorCode.CHAIN_NEEDS_KEYS, revision=revision)
    _lift_append_only()
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("key_id", sa.String(length=64), nullable=True))
    with op.batch_alter_table("procedure_actions", schema=None) as batch_op:
        for column in ("previous_hash", "entry_hash", "key_id"):
            batch_op.add_column(sa.Column(column, sa.String(length=64), nullable=True))
    heads = {name: _sign_again(bind, keys, name) for name in LOGS} if keys else {}
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.alter_column("key_id", existing_type=sa.String(length=64), nullable=False)
    with op.batch_alter_table("procedure_actions", schema=None) as batch_op:
        for column in ("previous_hash", "entry_hash", "key_id"):
            batch_op.alter_column(column, existing_type=sa.String(length=64), nullable=False)
    chain_heads = op.create_table(
        "chain_heads",
        sa.Column("log", sa.String(length=32), nullable=False),
        sa.Column("entries", sa.BigInteger(), nullable=False),
        sa.Column("last_id", sa.BigInteger(), nullable=True),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.Column("key_id", sa.String(length=64), nullable=False),
        sa.Column("signature", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("log", name=op.f("pk_chain_heads")),
    )
    if heads:
        op.bulk_insert(chain_heads, [_signed_head(keys, name, *heads[name]) for name in LOGS])
    _restore_append_only()
    _keep_heads()


def downgrade() -> None:
    _drop_kept_heads()
    op.drop_table("chain_heads")
    _lift_append_only()
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS procedure_actions_no_truncate ON procedure_actions")
    with op.batch_alter_table("procedure_actions", schema=None) as batch_op:
        for column in ("key_id", "entry_hash", "previous_hash"):
            batch_op.drop_column(column)
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_column("key_id")
    _restore_append_only(truncate=False)


# -- signing -------------------------------------------------------------------------------


def _canonical(previous_hash: str, key_id: str, values: list[object]) -> str:
    plain = [_utc_text(v) if isinstance(v, datetime) else v for v in values]
    return json.dumps([previous_hash, key_id, *plain], ensure_ascii=True, separators=(",", ":"))


def _utc_text(moment: datetime) -> str:
    # SQLite hands timestamps back without a zone; they were stored in UTC.
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return moment.isoformat(timespec="microseconds")


def _sign_again(bind, keys, name: str) -> tuple[int, int | None, str]:
    """Chain every entry of `name` anew under the current key, a batch at a time in id
    order; returns where the log ends (entries, last id, last digest)."""
    purpose, fields = LOGS[name]
    table = sa.table(
        name,
        sa.column("id", sa.BigInteger()),
        sa.column("previous_hash", sa.String()),
        sa.column("entry_hash", sa.String()),
        sa.column("key_id", sa.String()),
        *(sa.column(f, sa.DateTime(timezone=True) if f == "at" else None) for f in fields),
    )
    signed = (
        sa.update(table)
        .where(table.c.id == sa.bindparam("row_id"))
        .values(
            previous_hash=sa.bindparam("row_previous"),
            entry_hash=sa.bindparam("row_hash"),
            key_id=sa.bindparam("row_key"),
        )
    )
    key_id = keys.current.id
    previous, entries, last_id = GENESIS_HASH, 0, None
    while True:
        query = sa.select(table.c.id, *(table.c[f] for f in fields)).order_by(table.c.id)
        if last_id is not None:
            query = query.where(table.c.id > last_id)
        rows = bind.execute(query.limit(BATCH)).all()
        if not rows:
            return entries, last_id, previous
        batch = []
        for row_id, *values in rows:
            digest = keys.digest(purpose, _canonical(previous, key_id, values), key_id)
            batch.append(
                {"row_id": row_id, "row_previous": previous, "row_hash": digest, "row_key": key_id}
            )
            previous, last_id = digest, row_id
        entries += len(rows)
        bind.execute(signed, batch)


def _signed_head(keys, name: str, entries: int, last_id: int | None, last_hash: str) -> dict:
    purpose, _fields = LOGS[name]
    key_id = keys.current.id
    data = json.dumps(["head", name, entries, last_id, last_hash], separators=(",", ":"))
    return {
        "log": name,
        "entries": entries,
        "last_id": last_id,
        "last_hash": last_hash,
        "key_id": key_id,
        "signature": keys.digest(purpose, data, key_id),
    }


# -- triggers ------------------------------------------------------------------------------


def _lift_append_only() -> None:
    """Drop the triggers refusing UPDATE and DELETE of the logs (their TRUNCATE triggers
    on PostgreSQL stay: neither step truncates)."""
    if op.get_bind().dialect.name == "sqlite":
        for name in LOGS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}_no_update")
            op.execute(f"DROP TRIGGER IF EXISTS {name}_no_delete")
        return
    for name in LOGS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}_no_change ON {name}")


def _restore_append_only(*, truncate: bool = True) -> None:
    """The triggers of revisions 0001 and 0007 again; with `truncate`, PostgreSQL refuses
    TRUNCATE of procedure_actions too (audit_log's TRUNCATE trigger was never lifted)."""
    if op.get_bind().dialect.name == "sqlite":
        for name in LOGS:
            for event in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {name}_no_{event.lower()} BEFORE {event} ON {name} "
                    f"BEGIN SELECT RAISE(ABORT, '{name} is append-only'); END"
                )
        return
    for name in LOGS:
        op.execute(
            f"CREATE TRIGGER {name}_no_change BEFORE UPDATE OR DELETE ON {name} "
            f"FOR EACH ROW EXECUTE FUNCTION {name}_append_only()"
        )
    if truncate:
        op.execute(
            "CREATE TRIGGER procedure_actions_no_truncate BEFORE TRUNCATE ON procedure_actions "
            "FOR EACH STATEMENT EXECUTE FUNCTION procedure_actions_append_only()"
        )


def _keep_heads() -> None:
    """A head moves with every append but is never deleted."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE TRIGGER chain_heads_no_delete BEFORE DELETE ON chain_heads "
            "BEGIN SELECT RAISE(ABORT, 'chain_heads are never deleted'); END"
        )
        return
    op.execute(
        "CREATE FUNCTION chain_heads_kept() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'chain_heads are never deleted'; END $$"
    )
    op.execute(
        "CREATE TRIGGER chain_heads_no_delete BEFORE DELETE ON chain_heads "
        "FOR EACH ROW EXECUTE FUNCTION chain_heads_kept()"
    )
    op.execute(
        "CREATE TRIGGER chain_heads_no_truncate BEFORE TRUNCATE ON chain_heads "
        "FOR EACH STATEMENT EXECUTE FUNCTION chain_heads_kept()"
    )


def _drop_kept_heads() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS chain_heads_no_delete")
        return
    op.execute("DROP TRIGGER IF EXISTS chain_heads_no_delete ON chain_heads")
    op.execute("DROP TRIGGER IF EXISTS chain_heads_no_truncate ON chain_heads")
    op.execute("DROP FUNCTION IF EXISTS chain_heads_kept()")
