"""The certificate desk: certificates issued, the fees paid for them (領収書), their voids
(取消), the day's cash counts (金種表) and their sign-offs, and the counters numbering
certificates and receipts.

Everything here is a record of what happened at the window and is never changed: a void
is a row of its own pointing at the payment, a recount a new cash count, a sign-off a row
pointing at the count. Database triggers refuse UPDATE and DELETE of these tables, as for
the audit log. A certificate's content is kept sealed with the key file (it may hold a My
Number), its digest in clear: the verification code printed on the paper.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..tolerant import TolerantDate
from .base import Base, UtcDateTime

APPEND_ONLY_TABLES = (
    "fee_payments",
    "certificate_issues",
    "fee_voids",
    "cash_counts",
    "cash_sign_offs",
)


class DeskCounter(Base):
    """The last number drawn of a series ("C": 発行番号, "R": 領収番号) on a business day,
    office-wide, incremented in the issuing unit of work (counter_app.db.counters)."""

    __tablename__ = "desk_counters"

    business_day: Mapped[date] = mapped_column(TolerantDate, primary_key=True)
    series: Mapped[str] = mapped_column(String(1), primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)


class FeePayment(Base):
    """One payment at the desk: its 領収番号, lines (JSON text), total and how it was paid."""

    __tablename__ = "fee_payments"
    __table_args__ = (Index("ix_fee_payments_business_day_window", "business_day", "window"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    receipt_number: Mapped[str] = mapped_column(String(20), unique=True)
    business_day: Mapped[date] = mapped_column(TolerantDate)
    window: Mapped[int | None] = mapped_column(Integer)
    terminal: Mapped[str] = mapped_column(String(64))
    clerk_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    clerk_login: Mapped[str] = mapped_column(String(64))
    paid_at: Mapped[datetime] = mapped_column(UtcDateTime)
    lines: Mapped[str] = mapped_column(Text)  # JSON text: the FeeLines
    total_yen: Mapped[int] = mapped_column(Integer)
    method: Mapped[str] = mapped_column(String(16))  # cash | cashless | exempt
    received_yen: Mapped[int | None] = mapped_column(Integer)
    change_yen: Mapped[int | None] = mapped_column(Integer)
    cashless_method: Mapped[str | None] = mapped_column(String(32))
    cashless_reference: Mapped[str | None] = mapped_column(String(64))
    exemption_id: Mapped[str | None] = mapped_column(String(64))
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visits.id"), index=True)


class CertificateIssue(Base):
    """One copy of a certificate: its 発行番号, what was asked, by whom, for whom."""

    __tablename__ = "certificate_issues"
    __table_args__ = (Index("ix_certificate_issues_business_day", "business_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    issue_number: Mapped[str] = mapped_column(String(20), unique=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("fee_payments.id"), index=True)
    business_day: Mapped[date] = mapped_column(TolerantDate)
    kind_id: Mapped[str] = mapped_column(String(64))
    subject_id: Mapped[int] = mapped_column(ForeignKey("residents.id"), index=True)
    scope: Mapped[str] = mapped_column(String(16))
    options: Mapped[str] = mapped_column(Text, default="[]")  # JSON text: option ids
    members: Mapped[str] = mapped_column(Text, default="[]")  # JSON text: atena numbers
    copy_number: Mapped[int] = mapped_column(Integer)  # 1 … copies of its line
    fiscal_year: Mapped[int | None] = mapped_column(Integer)
    requester_kind: Mapped[str] = mapped_column(String(16))
    requester_name: Mapped[str | None] = mapped_column(String(200))
    identity_document: Mapped[str] = mapped_column(String(64))
    purpose: Mapped[str | None] = mapped_column(Text)
    content_digest: Mapped[str] = mapped_column(String(64))
    sealed_content: Mapped[str] = mapped_column(Text)  # KeyRing token of the document
    clerk_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    clerk_login: Mapped[str] = mapped_column(String(64))
    terminal: Mapped[str] = mapped_column(String(64))
    window: Mapped[int | None] = mapped_column(Integer)
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime)
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visits.id"), index=True)


class FeeVoid(Base):
    """取消 of a payment (and its certificates) by a supervisor, with the reason."""

    __tablename__ = "fee_voids"

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("fee_payments.id"), unique=True)
    voided_at: Mapped[datetime] = mapped_column(UtcDateTime)
    voided_by: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    voided_by_login: Mapped[str] = mapped_column(String(64))
    terminal: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text)


class CashCountRow(Base):
    """A 金種表 entered by the clerk: pieces per denomination (JSON text) and the result.
    A recount is a new row; the latest one of a day and window counts."""

    __tablename__ = "cash_counts"
    __table_args__ = (Index("ix_cash_counts_business_day_window", "business_day", "window"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    business_day: Mapped[date] = mapped_column(TolerantDate)
    window: Mapped[int | None] = mapped_column(Integer)
    counts: Mapped[str] = mapped_column(Text)  # JSON text: {"10000": 3, …}
    counted_yen: Mapped[int] = mapped_column(Integer)
    expected_yen: Mapped[int] = mapped_column(Integer)
    difference_yen: Mapped[int] = mapped_column(Integer)
    counted_by: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    counted_by_login: Mapped[str] = mapped_column(String(64))
    terminal: Mapped[str] = mapped_column(String(64))
    counted_at: Mapped[datetime] = mapped_column(UtcDateTime)


class CashSignOff(Base):
    """A supervisor's sign-off of one cash count."""

    __tablename__ = "cash_sign_offs"

    id: Mapped[int] = mapped_column(primary_key=True)
    cash_count_id: Mapped[int] = mapped_column(ForeignKey("cash_counts.id"), unique=True)
    signed_off_by: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    signed_off_by_login: Mapped[str] = mapped_column(String(64))
    terminal: Mapped[str] = mapped_column(String(64))
    signed_off_at: Mapped[datetime] = mapped_column(UtcDateTime)
