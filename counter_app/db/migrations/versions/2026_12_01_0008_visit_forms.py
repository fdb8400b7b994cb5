"""The forms prepared at the window for each visit, as printed (My Numbers masked).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 12:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "visit_forms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("form_id", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("department", sa.String(length=200), nullable=False),
        sa.Column("procedures", sa.Text(), nullable=False),
        sa.Column("person_atena", sa.String(length=16), nullable=True),
        sa.Column("person_name", sa.String(length=200), nullable=True),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column("municipality", sa.String(length=200), nullable=False),
        sa.Column("prepared_on", sa.Date(), nullable=False),
        sa.Column("printed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visits.id"], name=op.f("fk_visit_forms_visit_id_visits")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_forms")),
        sa.UniqueConstraint("visit_id", "position", name="uq_visit_forms_visit_id_position"),
    )
    with op.batch_alter_table("visit_forms", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_visit_forms_visit_id"), ["visit_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("visit_forms", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visit_forms_visit_id"))
    op.drop_table("visit_forms")
