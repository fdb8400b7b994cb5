"""The certificate desk: certificates issued (one row per copy, 発行番号), fee payments
(領収書), their voids, the day's cash counts (金種表) and sign-offs, the counters of the
certificate and receipt numbers; 印鑑登録 gets its abolition date and 税務課 its
assessments by 年度 (所得・課税証明書, 納税証明書).

The desk's records are append-only: triggers refuse UPDATE and DELETE, as for the audit
log (a void is a row of its own).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05 03:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from counter_app.db.append_only import drop_append_only, make_append_only

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

APPEND_ONLY = ("fee_payments", "certificate_issues", "fee_voids", "cash_counts", "cash_sign_offs")


def upgrade() -> None:
    op.create_table(
        "desk_counters",
        sa.Column("business_day", sa.Date(), nullable=False),
        sa.Column("series", sa.String(length=1), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("business_day", "series", name=op.f("pk_desk_counters")),
    )
    op.create_table(
        "cash_counts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("business_day", sa.Date(), nullable=False),
        sa.Column("window", sa.Integer(), nullable=True),
        sa.Column("counts", sa.Text(), nullable=False),
        sa.Column("counted_yen", sa.Integer(), nullable=False),
        sa.Column("expected_yen", sa.Integer(), nullable=False),
        sa.Column("difference_yen", sa.Integer(), nullable=False),
        sa.Column("counted_by", sa.Integer(), nullable=True),
        sa.Column("counted_by_login", sa.String(length=64), nullable=False),
        sa.Column("terminal", sa.String(length=64), nullable=False),
        sa.Column("counted_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["counted_by"], ["staff_users.id"], name=op.f("fk_cash_counts_counted_by_staff_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cash_counts")),
    )
    with op.batch_alter_table("cash_counts", schema=None) as batch_op:
        batch_op.create_index(
            "ix_cash_counts_business_day_window", ["business_day", "window"], unique=False
        )

    op.create_table(
        "cash_sign_offs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cash_count_id", sa.Integer(), nullable=False),
        sa.Column("signed_off_by", sa.Integer(), nullable=True),
        sa.Column("signed_off_by_login", sa.String(length=64), nullable=False),
        sa.Column("terminal", sa.String(length=64), nullable=False),
        sa.Column("signed_off_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["cash_count_id"],
            ["cash_counts.id"],
            name=op.f("fk_cash_sign_offs_cash_count_id_cash_counts"),
        ),
        sa.ForeignKeyConstraint(
            ["signed_off_by"],
            ["staff_users.id"],
            name=op.f("fk_cash_sign_offs_signed_off_by_staff_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cash_sign_offs")),
        sa.UniqueConstraint("cash_count_id", name=op.f("uq_cash_sign_offs_cash_count_id")),
    )
    op.create_table(
        "tax_assessments",
        sa.Column("resident_id", sa.Integer(), nullable=False),
        sa.Column("fiscal_year", sa.Integer(), nullable=False),
        sa.Column("income_yen", sa.Integer(), nullable=False),
        sa.Column("taxable_income_yen", sa.Integer(), nullable=False),
        sa.Column("municipal_tax_yen", sa.Integer(), nullable=False),
        sa.Column("prefectural_tax_yen", sa.Integer(), nullable=False),
        sa.Column("paid_yen", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["resident_id"],
            ["residents.id"],
            name=op.f("fk_tax_assessments_resident_id_residents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("resident_id", "fiscal_year", name=op.f("pk_tax_assessments")),
    )
    op.create_table(
        "fee_payments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("receipt_number", sa.String(length=20), nullable=False),
        sa.Column("business_day", sa.Date(), nullable=False),
        sa.Column("window", sa.Integer(), nullable=True),
        sa.Column("terminal", sa.String(length=64), nullable=False),
        sa.Column("clerk_id", sa.Integer(), nullable=True),
        sa.Column("clerk_login", sa.String(length=64), nullable=False),
        sa.Column("paid_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lines", sa.Text(), nullable=False),
        sa.Column("total_yen", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.Column("received_yen", sa.Integer(), nullable=True),
        sa.Column("change_yen", sa.Integer(), nullable=True),
        sa.Column("cashless_method", sa.String(length=32), nullable=True),
        sa.Column("cashless_reference", sa.String(length=64), nullable=True),
        sa.Column("exemption_id", sa.String(length=64), nullable=True),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.Column("visit_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["clerk_id"], ["staff_users.id"], name=op.f("fk_fee_payments_clerk_id_staff_users")
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_fee_payments_ticket_id_tickets")
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visits.id"], name=op.f("fk_fee_payments_visit_id_visits")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fee_payments")),
        sa.UniqueConstraint("receipt_number", name=op.f("uq_fee_payments_receipt_number")),
    )
    with op.batch_alter_table("fee_payments", schema=None) as batch_op:
        batch_op.create_index(
            "ix_fee_payments_business_day_window", ["business_day", "window"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_fee_payments_visit_id"), ["visit_id"], unique=False)

    op.create_table(
        "certificate_issues",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("issue_number", sa.String(length=20), nullable=False),
        sa.Column("payment_id", sa.Integer(), nullable=False),
        sa.Column("business_day", sa.Date(), nullable=False),
        sa.Column("kind_id", sa.String(length=64), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(length=16), nullable=False),
        sa.Column("options", sa.Text(), nullable=False),
        sa.Column("members", sa.Text(), nullable=False),
        sa.Column("copy_number", sa.Integer(), nullable=False),
        sa.Column("fiscal_year", sa.Integer(), nullable=True),
        sa.Column("requester_kind", sa.String(length=16), nullable=False),
        sa.Column("requester_name", sa.String(length=200), nullable=True),
        sa.Column("identity_document", sa.String(length=64), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=True),
        sa.Column("content_digest", sa.String(length=64), nullable=False),
        sa.Column("sealed_content", sa.Text(), nullable=False),
        sa.Column("clerk_id", sa.Integer(), nullable=True),
        sa.Column("clerk_login", sa.String(length=64), nullable=False),
        sa.Column("terminal", sa.String(length=64), nullable=False),
        sa.Column("window", sa.Integer(), nullable=True),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["clerk_id"],
            ["staff_users.id"],
            name=op.f("fk_certificate_issues_clerk_id_staff_users"),
        ),
        sa.ForeignKeyConstraint(
            ["payment_id"],
            ["fee_payments.id"],
            name=op.f("fk_certificate_issues_payment_id_fee_payments"),
        ),
        sa.ForeignKeyConstraint(
            ["subject_id"],
            ["residents.id"],
            name=op.f("fk_certificate_issues_subject_id_residents"),
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visits.id"], name=op.f("fk_certificate_issues_visit_id_visits")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certificate_issues")),
        sa.UniqueConstraint("issue_number", name=op.f("uq_certificate_issues_issue_number")),
    )
    with op.batch_alter_table("certificate_issues", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_certificate_issues_payment_id"), ["payment_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_certificate_issues_subject_id"), ["subject_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_certificate_issues_visit_id"), ["visit_id"], unique=False
        )

    op.create_table(
        "fee_voids",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("payment_id", sa.Integer(), nullable=False),
        sa.Column("voided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("voided_by", sa.Integer(), nullable=True),
        sa.Column("voided_by_login", sa.String(length=64), nullable=False),
        sa.Column("terminal", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["payment_id"], ["fee_payments.id"], name=op.f("fk_fee_voids_payment_id_fee_payments")
        ),
        sa.ForeignKeyConstraint(
            ["voided_by"], ["staff_users.id"], name=op.f("fk_fee_voids_voided_by_staff_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fee_voids")),
        sa.UniqueConstraint("payment_id", name=op.f("uq_fee_voids_payment_id")),
    )
    with op.batch_alter_table("seal_registrations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("abolished_on", sa.Date(), nullable=True))
    make_append_only(
        APPEND_ONLY,
        "certificate_desk_append_only",
        "the certificate desk's records are append-only",
    )


def downgrade() -> None:
    drop_append_only(APPEND_ONLY, "certificate_desk_append_only")
    with op.batch_alter_table("seal_registrations", schema=None) as batch_op:
        batch_op.drop_column("abolished_on")

    op.drop_table("fee_voids")
    with op.batch_alter_table("certificate_issues", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_certificate_issues_visit_id"))
        batch_op.drop_index(batch_op.f("ix_certificate_issues_subject_id"))
        batch_op.drop_index(batch_op.f("ix_certificate_issues_payment_id"))

    op.drop_table("certificate_issues")
    with op.batch_alter_table("fee_payments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fee_payments_visit_id"))
        batch_op.drop_index("ix_fee_payments_business_day_window")

    op.drop_table("fee_payments")
    op.drop_table("tax_assessments")
    op.drop_table("cash_sign_offs")
    with op.batch_alter_table("cash_counts", schema=None) as batch_op:
        batch_op.drop_index("ix_cash_counts_business_day_window")

    op.drop_table("cash_counts")
    op.drop_table("desk_counters")
