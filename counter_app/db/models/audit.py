"""The append-only audit log: who did what to which record, from which terminal, and the
signed heads of the chained logs.

Rows are chained: `entry_hash` is an HMAC, under the key `key_id` of the key file, of
the row's content and the previous row's hash, so altering, deleting or re-chaining a row
without the key breaks the chain; each log's `ChainHead` (signed the same way) records
how many entries it has and its last one, so removing the newest rows or emptying the log
shows too (`counter-app audit verify`, counter_app.security.chain). Database triggers
refuse UPDATE and DELETE of the entries, and DELETE of the heads.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UtcDateTime


class AuditEntry(Base):
    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_subject", "subject_type", "subject_id"),
        Index("ix_audit_log_user_id", "user_id"),
        Index("ix_audit_log_at", "at"),
    )

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    login: Mapped[str] = mapped_column(String(64))
    terminal: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(48))
    subject_type: Mapped[str | None] = mapped_column(String(32))
    subject_id: Mapped[str | None] = mapped_column(String(40))
    purpose: Mapped[str | None] = mapped_column(Text)
    detail: Mapped[str] = mapped_column(Text, default="{}")
    previous_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64), unique=True)
    key_id: Mapped[str] = mapped_column(String(64))


class ChainHead(Base):
    """Where a chained log ends (`log`: its table): its number of entries, the last one's
    id and digest, signed under the key `key_id`. Moved by every append, in its unit of
    work, under the log's lock."""

    __tablename__ = "chain_heads"

    log: Mapped[str] = mapped_column(String(32), primary_key=True)
    entries: Mapped[int] = mapped_column(BigInteger)
    last_id: Mapped[int | None] = mapped_column(BigInteger)
    last_hash: Mapped[str] = mapped_column(String(64))
    key_id: Mapped[str] = mapped_column(String(64))
    signature: Mapped[str] = mapped_column(String(64))
