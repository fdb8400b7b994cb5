"""The append-only audit log: who did what to which record, from which terminal.

Rows are chained: `entry_hash` covers the row's content and the previous row's hash, so
altering or deleting a row breaks the chain (checked by `counter-app audit verify`).
Database triggers refuse UPDATE and DELETE.
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
