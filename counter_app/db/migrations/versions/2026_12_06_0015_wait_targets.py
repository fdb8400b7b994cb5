"""The floor's wait targets per ticket category (amber past the target, red past the
limit), and an index the statistics read certificates by (their business day).

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06 02:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("ticket_categories", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("wait_target_minutes", sa.Integer(), nullable=False, server_default="20")
        )
        batch_op.add_column(
            sa.Column("wait_limit_minutes", sa.Integer(), nullable=False, server_default="30")
        )
    # Not in batch mode: certificate_issues is append-only (its triggers stay).
    op.create_index(
        op.f("ix_certificate_issues_business_day"),
        "certificate_issues",
        ["business_day"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_certificate_issues_business_day"), table_name="certificate_issues")
    # Not in batch mode either: recreating ticket_categories would break the foreign keys
    # of the tickets referring to it (SQLite drops a plain column in place since 3.35).
    op.execute("ALTER TABLE ticket_categories DROP COLUMN wait_limit_minutes")
    op.execute("ALTER TABLE ticket_categories DROP COLUMN wait_target_minutes")
