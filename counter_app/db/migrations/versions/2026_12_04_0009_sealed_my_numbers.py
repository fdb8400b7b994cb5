"""My Numbers sealed with the key file: `resident_my_numbers.my_number` (in clear) becomes
`sealed` (AES-GCM, bound to the resident), existing rows sealed in place.

The sealed values wait in a scratch table while the old rows are removed so that no copy
in clear stays behind in the database's files: PostgreSQL's TRUNCATE gives the table a new
file (the old one is deleted at commit; UPDATE or DROP COLUMN would leave the numbers in
dead or live tuples), and SQLite's secure_delete zeroes the freed pages.

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
SCRATCH = "resident_my_numbers_sealing"

my_numbers = sa.table(
    "resident_my_numbers",
    sa.column("resident_id", sa.Integer),
    sa.column("my_number", sa.String),
    sa.column("sealed", sa.Text),
)


def upgrade() -> None:
    from counter_app.security.my_numbers import seal_my_number

    keys = _keys_for_rows(needed_for="seal")
    connection = op.get_bind()
    sqlite = connection.dialect.name == "sqlite"
    if keys is not None:
        scratch = op.create_table(
            SCRATCH,
            sa.Column("resident_id", sa.Integer(), primary_key=True),
            sa.Column("sealed", sa.Text(), nullable=False),
        )
        _copy_converted(
            my_numbers.c.my_number,
            scratch,
            lambda resident_id, number: seal_my_number(keys, resident_id, number),
        )
        if sqlite:
            secure_delete = connection.exec_driver_sql("PRAGMA secure_delete").scalar()
            connection.exec_driver_sql("PRAGMA secure_delete=ON")
            connection.execute(sa.delete(my_numbers))
        else:
            connection.exec_driver_sql("TRUNCATE resident_my_numbers")
    with op.batch_alter_table("resident_my_numbers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sealed", sa.Text(), nullable=False))
        batch_op.drop_column("my_number")
    if keys is not None:
        connection.execute(
            sa.insert(my_numbers).from_select(
                ["resident_id", "sealed"], sa.select(scratch.c.resident_id, scratch.c.sealed)
            )
        )
        op.drop_table(SCRATCH)
        if sqlite:
            connection.exec_driver_sql(f"PRAGMA secure_delete={int(secure_delete)}")


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
    statement = (
        sa.update(my_numbers)
        .where(my_numbers.c.resident_id == sa.bindparam("b_resident_id"))
        .values({target.name: sa.bindparam("b_value")})
    )
    for rows in _chunks(source):
        op.get_bind().execute(
            statement,
            [{"b_resident_id": rid, "b_value": convert(rid, value)} for rid, value in rows],
        )


def _copy_converted(source: sa.Column, scratch: sa.Table, convert: Callable[[int, str], str]):
    """scratch gets (resident_id, convert(resident_id, source)) of every row."""
    for rows in _chunks(source):
        op.get_bind().execute(
            sa.insert(scratch),
            [{"resident_id": rid, "sealed": convert(rid, value)} for rid, value in rows],
        )


def _chunks(source: sa.Column):
    """(resident_id, source) of every row, CHUNK rows at a time in resident id order."""
    after = -1
    while (
        rows := op.get_bind()
        .execute(
            sa.select(my_numbers.c.resident_id, source)
            .where(my_numbers.c.resident_id > after)
            .order_by(my_numbers.c.resident_id)
            .limit(CHUNK)
        )
        .all()
    ):
        yield rows
        after = rows[-1][0]
