"""Index on households.address_key, so address fragments are found by prefix.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 20:00:00.000000
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("households", schema=None) as batch_op:
        batch_op.create_index("ix_households_address_key", ["address_key"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("households", schema=None) as batch_op:
        batch_op.drop_index("ix_households_address_key")
