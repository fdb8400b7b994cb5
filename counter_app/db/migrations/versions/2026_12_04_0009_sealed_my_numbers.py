"""My Numbers sealed with the key file: `resident_my_numbers.my_number` (in clear) becomes
`sealed` (AES-GCM, bound to the resident), existing rows sealed in place.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 12:00:00.000000
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

CHUNK = 5_000

my_numbers = sa.table(
    "resident_my_numbers",
    sa.column("resident_id", sa.Integer),
    sa.column("my_number", sa.String),
    sa.column("sealed", sa.Text),
)


def upgrade() -> None:
    from counter_app.security.my_numbers import seal_my_number

    keys = _keys_for_rows(needed_for="seal")
    with op.batch_alter_table("resident_my_numbers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sealed", sa.Text(), nullable=True))
    if keys is not None:
        _rewrite(
            my_numbers.c.my_number,
            my_numbers.c.sealed,
            lambda resident_id, number: seal_my_number(keys, resident_id, number),
        )
    with op.batch_alter_table("resident_my_numbers", schema=None) as batch_op:
        batch_op.drop_column("my_number")
        batch_op.alter_column("sealed", existing_type=sa.Text(), nullable=False)


def downgrade() -> None:
    from counter_app.security.my_numbers import open_my_number

    keys = _keys_for_rows(needed_for="open")
    with op.batch_alter_table("resident_my_numbers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("my_number", sa.String(length=12), nullable=True))
    if keys is not None:
        _rewrite(
            my_numbers.c.sealed,
            my_numbers.c.my_number,
            lambda resident_id, sealed: open_my_number(keys, resident_id, sealed),
        )
    with op.batch_alter_table("resident_my_numbers", schema=None) as batch_op:
        batch_op.drop_column("sealed")
        batch_op.alter_column("my_number", existing_type=sa.String(length=12), nullable=False)


def _keys_for_rows(needed_for: str):
    """The key ring given to the upgrade, or None when there is nothing to seal or open;
    MY_NUMBER_NEEDS_KEYS, with nothing changed, when rows exist and no keys were given."""
    from counter_app.errors import CounterAppError, ErrorCode

    count = op.get_bind().scalar(sa.select(sa.func.count()).select_from(my_numbers))
    if not count:
        return None
    keys = op.get_context().config.attributes.get("keys")
    if keys is None:
        if needed_for == "seal":
            raise CounterAppError(ErrorCode.MY_NUMBER_NEEDS_KEYS, count=count)
        raise RuntimeError(f"opening {count} sealed My Numbers needs the key ring")
    return keys


def _rewrite(source: sa.Column, target: sa.Column, convert: Callable[[int, str], str]) -> None:
    """target = convert(resident_id, source) for every row, in chunks by resident id."""
    connection = op.get_bind()
    statement = (
        sa.update(my_numbers)
        .where(my_numbers.c.resident_id == sa.bindparam("b_resident_id"))
        .values({target.name: sa.bindparam("b_value")})
    )
    after = -1
    while rows := connection.execute(
        sa.select(my_numbers.c.resident_id, source)
        .where(my_numbers.c.resident_id > after)
        .order_by(my_numbers.c.resident_id)
        .limit(CHUNK)
    ).all():
        connection.execute(
            statement,
            [{"b_resident_id": rid, "b_value": convert(rid, value)} for rid, value in rows],
        )
        after = rows[-1][0]
