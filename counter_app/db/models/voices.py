"""Residents' voices (住民の声) and staff letters (職員からの手紙).

A voice is what a resident said (a complaint, a request, a question, thanks, a proposal),
recorded by whoever heard it. It is routed to each department concerned
(`VoiceRouting`: one row per department, worked like a routed procedure: claim, answer,
close, reassign) and every step is kept in `voice_actions`, which the database refuses
to change (append-only, as the audit log).

A voice names no resident unless the resident consented (`resident_id`, `consent_at`);
personal data typed into the text is flagged when recorded (`personal_data`) and masked
in every export.

A staff letter is an improvement proposal any staff member writes; colleagues support it
(one row per supporter) and comment; 業務改革担当 moves it through its statuses, each
move kept in `letter_transitions` (append-only).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..tolerant import TolerantDate
from .base import Base, UtcDateTime, utcnow

APPEND_ONLY_TABLES = ("voice_actions", "letter_transitions")


class Voice(Base):
    __tablename__ = "voices"
    __table_args__ = (Index("ix_voices_business_day", "business_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    business_day: Mapped[date] = mapped_column(TolerantDate)
    channel: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(16))
    topics: Mapped[str] = mapped_column(Text, default="[]")  # JSON text: topic ids
    text: Mapped[str] = mapped_column(Text)
    search_text: Mapped[str] = mapped_column(Text)  # NFKC, lower case: what search reads
    reply_wanted: Mapped[bool] = mapped_column(Boolean, default=False)
    reply_method: Mapped[str | None] = mapped_column(String(16))
    personal_data: Mapped[str] = mapped_column(Text, default="[]")  # JSON text: kinds found
    resident_id: Mapped[int | None] = mapped_column(ForeignKey("residents.id"))
    consent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visits.id"))
    wait_minutes: Mapped[int | None] = mapped_column(Integer)
    window: Mapped[int | None] = mapped_column(Integer)
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    recorded_by_login: Mapped[str] = mapped_column(String(64))
    terminal: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="open")
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class VoiceRouting(Base):
    """The voice in one department's inbox."""

    __tablename__ = "voice_routings"
    __table_args__ = (Index("ix_voice_routings_department_status", "department_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    voice_id: Mapped[int] = mapped_column(ForeignKey("voices.id"), index=True)
    department_id: Mapped[str] = mapped_column(ForeignKey("departments.id"))
    status: Mapped[str] = mapped_column(String(16))
    holder_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    due_on: Mapped[date] = mapped_column(TolerantDate)
    answer: Mapped[str | None] = mapped_column(Text)
    change_made: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class VoiceAction(Base):
    __tablename__ = "voice_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    voice_id: Mapped[int] = mapped_column(ForeignKey("voices.id"), index=True)
    routing_id: Mapped[int | None] = mapped_column(ForeignKey("voice_routings.id"))
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    login: Mapped[str] = mapped_column(String(64))
    terminal: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(Text)


class StaffLetter(Base):
    __tablename__ = "staff_letters"

    id: Mapped[int] = mapped_column(primary_key=True)
    written_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    author_login: Mapped[str] = mapped_column(String(64))
    author_name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    voice_ids: Mapped[str] = mapped_column(Text, default="[]")  # JSON text: linked voices
    status: Mapped[str] = mapped_column(String(16), default="received")
    status_reason: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class LetterSupport(Base):
    __tablename__ = "letter_supports"

    letter_id: Mapped[int] = mapped_column(ForeignKey("staff_letters.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"), primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class LetterComment(Base):
    __tablename__ = "letter_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("staff_letters.id"), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    login: Mapped[str] = mapped_column(String(64))
    author_name: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)


class LetterTransition(Base):
    __tablename__ = "letter_transitions"

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("staff_letters.id"), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    login: Mapped[str] = mapped_column(String(64))
    from_status: Mapped[str] = mapped_column(String(16))
    to_status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)


# Made by the migration outside the models: SQLite's FTS5 table of the voices' text (and
# the shadow tables FTS5 keeps) and PostgreSQL's pg_trgm index on it.
SEARCH_OBJECTS_PREFIX = "voices_fts"
SEARCH_INDEX = "ix_voices_text_trgm"


def is_schema_object(obj, name, type_, reflected, compare_to) -> bool:
    """Alembic's include_object: leave the text search's own objects out of comparisons."""
    if type_ == "table" and name and name.startswith(SEARCH_OBJECTS_PREFIX):
        return False
    return not (type_ == "index" and name == SEARCH_INDEX)
