"""Each stored visit form's fields counted by source (records, clerk, computed, document,
resident) in `visit_form_sources`, kept by a trigger as the form is stored and deleted
with it, so that the statistics sum a year of forms without reading their JSON again.
The forms already stored are counted here.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06 03:15:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

SOURCES = ("records", "clerk", "computed", "document", "resident")


def _counted(fields: str, dialect: str) -> str:
    """The SQL of each source's field count of the JSON array `fields`."""
    if dialect == "postgresql":
        each = (
            "(SELECT count(*) FROM json_array_elements(CAST({f} AS json)) AS e "
            "WHERE e ->> 'source' = '{s}')"
        )
    else:
        each = "(SELECT count(*) FROM json_each({f}) WHERE json_extract(value, '$.source') = '{s}')"
    return ", ".join(each.format(f=fields, s=source) for source in SOURCES)


def upgrade() -> None:
    op.create_table(
        "visit_form_sources",
        sa.Column("visit_form_id", sa.Integer(), nullable=False),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.Column("clerk", sa.Integer(), nullable=False),
        sa.Column("computed", sa.Integer(), nullable=False),
        sa.Column("document", sa.Integer(), nullable=False),
        sa.Column("resident", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["visit_form_id"],
            ["visit_forms.id"],
            name=op.f("fk_visit_form_sources_visit_form_id_visit_forms"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("visit_form_id", name=op.f("pk_visit_form_sources")),
    )
    dialect = op.get_bind().dialect.name
    columns = "visit_form_id, " + ", ".join(SOURCES)
    op.execute(
        f"INSERT INTO visit_form_sources ({columns}) "
        f"SELECT id, {_counted('fields', dialect)} FROM visit_forms"
    )
    fill = (
        "DELETE FROM visit_form_sources WHERE visit_form_id = NEW.id; "
        f"INSERT INTO visit_form_sources ({columns}) VALUES (NEW.id, {_counted('NEW.fields', dialect)});"
    )
    if dialect == "postgresql":
        op.execute(
            "CREATE FUNCTION visit_form_sources_fill() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN {fill} RETURN NEW; END $$"
        )
        op.execute(
            "CREATE TRIGGER visit_form_sources_fill AFTER INSERT OR UPDATE OF fields "
            "ON visit_forms FOR EACH ROW EXECUTE FUNCTION visit_form_sources_fill()"
        )
    else:
        op.execute(
            f"CREATE TRIGGER visit_form_sources_insert AFTER INSERT ON visit_forms BEGIN {fill} END"
        )
        op.execute(
            "CREATE TRIGGER visit_form_sources_update AFTER UPDATE OF fields ON visit_forms "
            f"BEGIN {fill} END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS visit_form_sources_fill ON visit_forms")
        op.execute("DROP FUNCTION IF EXISTS visit_form_sources_fill()")
    else:
        op.execute("DROP TRIGGER IF EXISTS visit_form_sources_insert")
        op.execute("DROP TRIGGER IF EXISTS visit_form_sources_update")
    op.drop_table("visit_form_sources")
