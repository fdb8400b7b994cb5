"""One print outbox for everything a ticket printer prints: print_jobs gets a kind, the
content of a job that is not a ticket (a JSON snapshot of its receipt) and a label (what
the floor screen's alarms show: a ticket's or a visit's number); ticket_id is empty for
a receipt. The jobs already stored are tickets, labelled with their ticket's number.

Going back deletes the jobs that are not tickets: the older schema cannot hold them.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04 12:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("print_jobs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kind", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("content", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("label", sa.String(length=40), nullable=True))
        batch_op.alter_column("ticket_id", existing_type=sa.Integer(), nullable=True)
    op.execute(
        "UPDATE print_jobs SET kind = 'ticket', label = "
        "(SELECT tickets.display_number FROM tickets WHERE tickets.id = print_jobs.ticket_id)"
    )
    with op.batch_alter_table("print_jobs", schema=None) as batch_op:
        batch_op.alter_column("kind", existing_type=sa.String(length=16), nullable=False)
        batch_op.alter_column("label", existing_type=sa.String(length=40), nullable=False)
        batch_op.create_index("ix_print_jobs_created_at", ["created_at"], unique=False)


def downgrade() -> None:
    op.execute("DELETE FROM print_jobs WHERE kind <> 'ticket'")
    with op.batch_alter_table("print_jobs", schema=None) as batch_op:
        batch_op.drop_index("ix_print_jobs_created_at")
        batch_op.alter_column("ticket_id", existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column("label")
        batch_op.drop_column("content")
        batch_op.drop_column("kind")
