"""Lock-outs per typed user ID (login_lockouts), real or not, instead of per staff user.

A lock-out in progress moves to the new table when the key file is at hand (the app
always passes it); the columns then leave staff_users. SQLite drops them with its own
ALTER TABLE … DROP COLUMN: re-creating staff_users would delete it first, which the
rows that point at it (roles, the audit log) do not allow.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04 11:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context, op

from counter_app.security.keyring import Purpose

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    lockouts = op.create_table(
        "login_lockouts",
        sa.Column("login_digest", sa.String(length=64), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("login_digest", name=op.f("pk_login_lockouts")),
    )
    keys = context.config.attributes.get("keys")
    if keys is not None:
        users = op.get_bind().execute(
            sa.text(
                "SELECT login, failed_logins, locked_until FROM staff_users "
                "WHERE failed_logins > 0 OR locked_until IS NOT NULL"
            ).columns(locked_until=sa.DateTime(timezone=True))
        )
        rows = [
            {
                "login_digest": keys.digest(Purpose.LOGIN_ID, login),
                "failed_logins": failed,
                "locked_until": until,
            }
            for login, failed, until in users
        ]
        if rows:
            op.bulk_insert(lockouts, rows)
    with op.batch_alter_table("staff_users", recreate="never") as batch_op:
        batch_op.drop_column("locked_until")
        batch_op.drop_column("failed_logins")


def downgrade() -> None:
    with op.batch_alter_table("staff_users", recreate="never") as batch_op:
        batch_op.add_column(
            sa.Column("failed_logins", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True))
    op.drop_table("login_lockouts")
