"""Residents' voices (住民の声) routed to departments, and staff letters (職員からの手紙);
the role 業務改革担当 that decides the letters.

Full-text search of a voice's text (kept in NFKC and lower case beside the text as typed,
so width and case do not matter): on SQLite an FTS5 table with the trigram tokenizer
(kept by a trigger; a voice's text never changes), on PostgreSQL a pg_trgm GIN index
(pg_trgm is a trusted extension shipped with PostgreSQL: the schema owner that runs
`db upgrade` creates it). The voices' action log and the letters' transitions are
append-only.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05 21:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from counter_app.db.append_only import drop_append_only, make_append_only

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

APPEND_ONLY = ("voice_actions", "letter_transitions")


def upgrade() -> None:
    op.create_table(
        "voices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("business_day", sa.Date(), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("topics", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("reply_wanted", sa.Boolean(), nullable=False),
        sa.Column("reply_method", sa.String(length=16), nullable=True),
        sa.Column("personal_data", sa.Text(), nullable=False),
        sa.Column("resident_id", sa.Integer(), nullable=True),
        sa.Column("consent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.Column("visit_id", sa.Integer(), nullable=True),
        sa.Column("wait_minutes", sa.Integer(), nullable=True),
        sa.Column("window", sa.Integer(), nullable=True),
        sa.Column("recorded_by", sa.Integer(), nullable=True),
        sa.Column("recorded_by_login", sa.String(length=64), nullable=False),
        sa.Column("terminal", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["recorded_by"], ["staff_users.id"], name=op.f("fk_voices_recorded_by_staff_users")
        ),
        sa.ForeignKeyConstraint(
            ["resident_id"], ["residents.id"], name=op.f("fk_voices_resident_id_residents")
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_voices_ticket_id_tickets")
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visits.id"], name=op.f("fk_voices_visit_id_visits")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_voices")),
    )
    op.create_index("ix_voices_business_day", "voices", ["business_day"], unique=False)

    op.create_table(
        "voice_routings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("voice_id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("holder_user_id", sa.Integer(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("change_made", sa.Text(), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["departments.id"],
            name=op.f("fk_voice_routings_department_id_departments"),
        ),
        sa.ForeignKeyConstraint(
            ["holder_user_id"],
            ["staff_users.id"],
            name=op.f("fk_voice_routings_holder_user_id_staff_users"),
        ),
        sa.ForeignKeyConstraint(
            ["voice_id"], ["voices.id"], name=op.f("fk_voice_routings_voice_id_voices")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_voice_routings")),
    )
    op.create_index(
        "ix_voice_routings_department_status",
        "voice_routings",
        ["department_id", "status"],
        unique=False,
    )
    op.create_index(
        op.f("ix_voice_routings_voice_id"), "voice_routings", ["voice_id"], unique=False
    )

    op.create_table(
        "voice_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("voice_id", sa.Integer(), nullable=False),
        sa.Column("routing_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("login", sa.String(length=64), nullable=False),
        sa.Column("terminal", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["routing_id"],
            ["voice_routings.id"],
            name=op.f("fk_voice_actions_routing_id_voice_routings"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["staff_users.id"], name=op.f("fk_voice_actions_user_id_staff_users")
        ),
        sa.ForeignKeyConstraint(
            ["voice_id"], ["voices.id"], name=op.f("fk_voice_actions_voice_id_voices")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_voice_actions")),
    )
    op.create_index(op.f("ix_voice_actions_voice_id"), "voice_actions", ["voice_id"], unique=False)

    op.create_table(
        "staff_letters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("written_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("author_login", sa.String(length=64), nullable=False),
        sa.Column("author_name", sa.String(length=200), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("voice_ids", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("status_reason", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"], ["staff_users.id"], name=op.f("fk_staff_letters_author_id_staff_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_letters")),
    )
    op.create_table(
        "letter_supports",
        sa.Column("letter_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["letter_id"],
            ["staff_letters.id"],
            name=op.f("fk_letter_supports_letter_id_staff_letters"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["staff_users.id"], name=op.f("fk_letter_supports_user_id_staff_users")
        ),
        sa.PrimaryKeyConstraint("letter_id", "user_id", name=op.f("pk_letter_supports")),
    )
    op.create_table(
        "letter_comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("letter_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("login", sa.String(length=64), nullable=False),
        sa.Column("author_name", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["letter_id"],
            ["staff_letters.id"],
            name=op.f("fk_letter_comments_letter_id_staff_letters"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["staff_users.id"], name=op.f("fk_letter_comments_user_id_staff_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letter_comments")),
    )
    op.create_index(
        op.f("ix_letter_comments_letter_id"), "letter_comments", ["letter_id"], unique=False
    )
    op.create_table(
        "letter_transitions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("letter_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("login", sa.String(length=64), nullable=False),
        sa.Column("from_status", sa.String(length=16), nullable=False),
        sa.Column("to_status", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["letter_id"],
            ["staff_letters.id"],
            name=op.f("fk_letter_transitions_letter_id_staff_letters"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["staff_users.id"],
            name=op.f("fk_letter_transitions_user_id_staff_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letter_transitions")),
    )
    op.create_index(
        op.f("ix_letter_transitions_letter_id"), "letter_transitions", ["letter_id"], unique=False
    )
    roles = sa.table(
        "roles",
        sa.column("code", sa.String),
        sa.column("name", sa.String),
        sa.column("name_en", sa.String),
    )
    op.bulk_insert(
        roles,
        [{"code": "reform_officer", "name": "業務改革担当", "name_en": "Service reform officer"}],
    )
    _make_text_searchable()
    make_append_only(
        APPEND_ONLY, "voices_append_only", "the voices' and letters' logs are append-only"
    )


def downgrade() -> None:
    drop_append_only(APPEND_ONLY, "voices_append_only")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS voices_fts_insert")
        op.execute("DROP TABLE IF EXISTS voices_fts")
    else:
        op.execute("DROP INDEX IF EXISTS ix_voices_text_trgm")
    op.execute("DELETE FROM user_roles WHERE role_code = 'reform_officer'")
    op.execute("DELETE FROM roles WHERE code = 'reform_officer'")
    for table in (
        "letter_transitions",
        "letter_comments",
        "letter_supports",
        "staff_letters",
        "voice_actions",
        "voice_routings",
        "voices",
    ):
        op.drop_table(table)


def _make_text_searchable() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE voices_fts USING fts5("
            "search_text, content='voices', content_rowid='id', tokenize='trigram')"
        )
        op.execute(
            "CREATE TRIGGER voices_fts_insert AFTER INSERT ON voices BEGIN "
            "INSERT INTO voices_fts(rowid, search_text) VALUES (new.id, new.search_text); END"
        )
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.execute("CREATE INDEX ix_voices_text_trgm ON voices USING gin (search_text gin_trgm_ops)")
