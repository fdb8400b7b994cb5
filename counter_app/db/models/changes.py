"""The change feed: one row per committed change, read by every PC from its own cursor.

`id` is the cursor. It only ever grows (AUTOINCREMENT on SQLite, a sequence on
PostgreSQL), so pruning old rows never lets a new change reuse an id a listener has
already passed. See counter_app/changes for how rows are written in commit order.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UtcDateTime, utcnow


class ChangeRow(Base):
    __tablename__ = "change_feed"
    __table_args__ = (Index("ix_change_feed_at", "at"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    # What changed: "visit", "procedure", "ticket" … and the id of that entity.
    topic: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(64))
    # The department concerned, so a back-office inbox can skip the others' changes.
    department_id: Mapped[str | None] = mapped_column(String(32))
    # The terminal that made the change, so a PC can tell its own changes apart.
    terminal: Mapped[str] = mapped_column(String(64), default="")
