"""Each ticket's wait (issue → first call) and service (start → end) in minutes, kept
beside it by the database as the ticket is written, so that the statistics read a year of
tickets without working out four timestamps a row. The tickets already stored are
filled here.

The minutes are worked out exactly as the statistics did before (seconds since the epoch
of each timestamp, subtracted, over 60), so no figure changes. A service is kept whatever
the ticket's status; the statistics count those of tickets done.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06 05:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

WATCHED = "issued_at, called_at, started_at, finished_at"


def _minutes(end: str, start: str, dialect: str) -> str:
    if dialect == "postgresql":
        epoch = "CAST(extract(epoch FROM {}) AS double precision)"
    else:
        epoch = "((julianday({}) - 2440587.5) * 86400.0)"
    return f"(({epoch.format(end)} - {epoch.format(start)}) / 60.0)"


def upgrade() -> None:
    op.add_column("tickets", sa.Column("wait_minutes", sa.Float(), nullable=True))
    op.add_column("tickets", sa.Column("service_minutes", sa.Float(), nullable=True))
    dialect = op.get_bind().dialect.name

    def assignments(row: str) -> str:
        wait = _minutes(f"{row}called_at", f"{row}issued_at", dialect)
        service = _minutes(f"{row}finished_at", f"{row}started_at", dialect)
        return f"wait_minutes = {wait}, service_minutes = {service}"

    op.execute(f"UPDATE tickets SET {assignments('')}")
    if dialect == "postgresql":
        op.execute(
            "CREATE FUNCTION tickets_minutes() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"NEW.wait_minutes := {_minutes('NEW.called_at', 'NEW.issued_at', dialect)}; "
            f"NEW.service_minutes := {_minutes('NEW.finished_at', 'NEW.started_at', dialect)}; "
            "RETURN NEW; END $$"
        )
        op.execute(
            f"CREATE TRIGGER tickets_minutes BEFORE INSERT OR UPDATE OF {WATCHED} "
            "ON tickets FOR EACH ROW EXECUTE FUNCTION tickets_minutes()"
        )
    else:
        fill = f"UPDATE tickets SET {assignments('NEW.')} WHERE id = NEW.id;"
        op.execute(
            f"CREATE TRIGGER tickets_minutes_insert AFTER INSERT ON tickets BEGIN {fill} END"
        )
        op.execute(
            f"CREATE TRIGGER tickets_minutes_update AFTER UPDATE OF {WATCHED} ON tickets "
            f"BEGIN {fill} END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS tickets_minutes ON tickets")
        op.execute("DROP FUNCTION IF EXISTS tickets_minutes()")
    else:
        op.execute("DROP TRIGGER IF EXISTS tickets_minutes_insert")
        op.execute("DROP TRIGGER IF EXISTS tickets_minutes_update")
    # Not in batch mode: copying tickets would break the print jobs' references to it.
    op.execute("ALTER TABLE tickets DROP COLUMN service_minutes")
    op.execute("ALTER TABLE tickets DROP COLUMN wait_minutes")
