"""Each procedure's routing summed from its log in `procedure_routing`: its first
routing, its first decision (approved or rejected) and how many times it was returned
(差戻し), kept by a trigger as each entry of the append-only log is stored, so that the
statistics read a year of lead times without grouping the whole log again. The log
already stored is summed here.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06 05:10:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

ROUTED = "'routed'"
RETURNED = "'returned'"
DECISIONS = "('approved', 'rejected')"
LOGGED = "('routed', 'returned', 'approved', 'rejected')"


def upgrade() -> None:
    op.create_table(
        "procedure_routing",
        sa.Column("visit_procedure_id", sa.Integer(), nullable=False),
        sa.Column("routed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("returns", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["visit_procedure_id"],
            ["visit_procedures.id"],
            name=op.f("fk_procedure_routing_visit_procedure_id_visit_procedures"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("visit_procedure_id", name=op.f("pk_procedure_routing")),
    )
    op.execute(
        "INSERT INTO procedure_routing (visit_procedure_id, routed_at, decided_at, returns) "
        f"SELECT visit_procedure_id, min(CASE WHEN action = {ROUTED} THEN at END), "
        f"min(CASE WHEN action IN {DECISIONS} THEN at END), "
        f"sum(CASE WHEN action = {RETURNED} THEN 1 ELSE 0 END) "
        "FROM procedure_actions WHERE visit_procedure_id IS NOT NULL "
        f"AND action IN {LOGGED} GROUP BY visit_procedure_id"
    )
    # The earliest of each kept: the log is written in time order, but a clock set back
    # must not move a first routing later.
    keep = (
        "INSERT INTO procedure_routing (visit_procedure_id, routed_at, decided_at, returns) "
        "VALUES (NEW.visit_procedure_id, NULL, NULL, 0) {ignore}; "
        "UPDATE procedure_routing SET "
        f"routed_at = CASE WHEN NEW.action = {ROUTED} AND "
        "(routed_at IS NULL OR NEW.at < routed_at) THEN NEW.at ELSE routed_at END, "
        f"decided_at = CASE WHEN NEW.action IN {DECISIONS} AND "
        "(decided_at IS NULL OR NEW.at < decided_at) THEN NEW.at ELSE decided_at END, "
        f"returns = returns + CASE WHEN NEW.action = {RETURNED} THEN 1 ELSE 0 END "
        "WHERE visit_procedure_id = NEW.visit_procedure_id;"
    )
    when = f"NEW.visit_procedure_id IS NOT NULL AND NEW.action IN {LOGGED}"
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION procedure_routing_keep() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN {keep.format(ignore='ON CONFLICT DO NOTHING')} RETURN NEW; END $$"
        )
        op.execute(
            "CREATE TRIGGER procedure_routing_keep AFTER INSERT ON procedure_actions "
            f"FOR EACH ROW WHEN ({when}) EXECUTE FUNCTION procedure_routing_keep()"
        )
    else:
        body = keep.format(ignore="").replace("INSERT INTO", "INSERT OR IGNORE INTO", 1)
        op.execute(
            "CREATE TRIGGER procedure_routing_keep AFTER INSERT ON procedure_actions "
            f"WHEN {when} BEGIN {body} END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS procedure_routing_keep ON procedure_actions")
        op.execute("DROP FUNCTION IF EXISTS procedure_routing_keep()")
    else:
        op.execute("DROP TRIGGER IF EXISTS procedure_routing_keep")
    op.drop_table("procedure_routing")
