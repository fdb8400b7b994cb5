"""Visits, their procedures routed to the departments, the append-only action log and
the clerk's drafts.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 10:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "visit_counters",
        sa.Column("business_day", sa.Date(), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("business_day", name=op.f("pk_visit_counters")),
    )
    op.create_table(
        "visits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_number", sa.String(length=20), nullable=False),
        sa.Column("business_day", sa.Date(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.Column("resident_id", sa.Integer(), nullable=True),
        sa.Column("household_no", sa.String(length=16), nullable=True),
        sa.Column("event_type", sa.String(length=32), nullable=False),
        sa.Column("event_date", sa.Date(), nullable=True),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.Column("person_answers", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("terminal", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by"], ["staff_users.id"], name=op.f("fk_visits_created_by_staff_users")
        ),
        sa.ForeignKeyConstraint(
            ["resident_id"], ["residents.id"], name=op.f("fk_visits_resident_id_residents")
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_visits_ticket_id_tickets")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visits")),
        sa.UniqueConstraint("visit_number", name=op.f("uq_visits_visit_number")),
    )
    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.create_index(
            "ix_visits_business_day_status", ["business_day", "status"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_visits_resident_id"), ["resident_id"], unique=False)

    op.create_table(
        "visit_procedures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.Column("procedure_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("department_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("persons", sa.Text(), nullable=False),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("holder_user_id", sa.Integer(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("question", sa.Text(), nullable=True),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["departments.id"],
            name=op.f("fk_visit_procedures_department_id_departments"),
        ),
        sa.ForeignKeyConstraint(
            ["holder_user_id"],
            ["staff_users.id"],
            name=op.f("fk_visit_procedures_holder_user_id_staff_users"),
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visits.id"], name=op.f("fk_visit_procedures_visit_id_visits")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_procedures")),
    )
    with op.batch_alter_table("visit_procedures", schema=None) as batch_op:
        batch_op.create_index(
            "ix_visit_procedures_department_status", ["department_id", "status"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_visit_procedures_visit_id"), ["visit_id"], unique=False
        )

    op.create_table(
        "procedure_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.Column("visit_procedure_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("login", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("terminal", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["staff_users.id"], name=op.f("fk_procedure_actions_user_id_staff_users")
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visits.id"], name=op.f("fk_procedure_actions_visit_id_visits")
        ),
        sa.ForeignKeyConstraint(
            ["visit_procedure_id"],
            ["visit_procedures.id"],
            name=op.f("fk_procedure_actions_visit_procedure_id_visit_procedures"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_procedure_actions")),
    )
    with op.batch_alter_table("procedure_actions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_procedure_actions_visit_id"), ["visit_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_procedure_actions_visit_procedure_id"),
            ["visit_procedure_id"],
            unique=False,
        )
    _make_append_only()

    op.create_table(
        "visit_drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("terminal", sa.String(length=64), nullable=False),
        sa.Column("resident_id", sa.Integer(), nullable=True),
        sa.Column("event_type", sa.String(length=32), nullable=True),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.Column("person_answers", sa.Text(), nullable=False),
        sa.Column("selections", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["staff_users.id"],
            name=op.f("fk_visit_drafts_user_id_staff_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_drafts")),
        sa.UniqueConstraint("user_id", "terminal", name="uq_visit_drafts_user_id_terminal"),
    )


def downgrade() -> None:
    op.drop_table("visit_drafts")
    _drop_append_only()
    with op.batch_alter_table("procedure_actions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_procedure_actions_visit_procedure_id"))
        batch_op.drop_index(batch_op.f("ix_procedure_actions_visit_id"))

    op.drop_table("procedure_actions")
    with op.batch_alter_table("visit_procedures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visit_procedures_visit_id"))
        batch_op.drop_index("ix_visit_procedures_department_status")

    op.drop_table("visit_procedures")
    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visits_resident_id"))
        batch_op.drop_index("ix_visits_business_day_status")

    op.drop_table("visits")
    op.drop_table("visit_counters")


def _make_append_only() -> None:
    """procedure_actions is a log: triggers refuse UPDATE and DELETE, as for audit_log."""
    if op.get_bind().dialect.name == "sqlite":
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER procedure_actions_no_{event.lower()} BEFORE {event} "
                "ON procedure_actions "
                "BEGIN SELECT RAISE(ABORT, 'procedure_actions is append-only'); END"
            )
        return
    op.execute(
        "CREATE FUNCTION procedure_actions_append_only() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'procedure_actions is append-only'; END $$"
    )
    op.execute(
        "CREATE TRIGGER procedure_actions_no_change BEFORE UPDATE OR DELETE "
        "ON procedure_actions FOR EACH ROW EXECUTE FUNCTION procedure_actions_append_only()"
    )


def _drop_append_only() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS procedure_actions_no_update")
        op.execute("DROP TRIGGER IF EXISTS procedure_actions_no_delete")
        return
    op.execute("DROP TRIGGER IF EXISTS procedure_actions_no_change ON procedure_actions")
    op.execute("DROP FUNCTION IF EXISTS procedure_actions_append_only()")
