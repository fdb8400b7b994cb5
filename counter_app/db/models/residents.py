"""The resident register (住民基本台帳): households and the people in them.

Field names follow shared/domain/residents-schema.md (`resident.*`, `household.*`).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..tolerant import TolerantDate
from .base import Base, UtcDateTime, utcnow


class Household(Base):
    """世帯."""

    __tablename__ = "households"
    __table_args__ = (Index("ix_households_address_key", "address_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    household_no: Mapped[str] = mapped_column(String(16), unique=True)
    postal_code: Mapped[str | None] = mapped_column(String(8))
    address: Mapped[str] = mapped_column(String(200))
    katagaki: Mapped[str | None] = mapped_column(String(100))
    address_code: Mapped[str | None] = mapped_column(String(20))
    school_district: Mapped[str | None] = mapped_column(String(60))
    # Search key (counter_app.search.keys.address_key), kept in step with the address.
    address_key: Mapped[str] = mapped_column(String(300), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    members: Mapped[list[Resident]] = relationship(
        back_populates="household", order_by="Resident.id"
    )


class Resident(Base):
    """住民票: one person. The household membership and 続柄 are the person's own items."""

    __tablename__ = "residents"
    __table_args__ = (
        Index("ix_residents_birth_date", "birth_date"),
        Index("ix_residents_household_id", "household_id"),
        Index("ix_residents_kana_key", "kana_key"),
        Index("ix_residents_given_kana_key", "given_kana_key"),
        Index("ix_residents_name_key", "name_key"),
        Index("ix_residents_given_name_key", "given_name_key"),
        Index("ix_residents_phone_key", "phone_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    atena_no: Mapped[str] = mapped_column(String(10), unique=True)
    juminhyo_code: Mapped[str | None] = mapped_column(String(11), unique=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id"))
    relationship_to_head: Mapped[str] = mapped_column(String(20))
    surname_kanji: Mapped[str] = mapped_column(String(40))
    given_name_kanji: Mapped[str] = mapped_column(String(40))
    surname_kana: Mapped[str] = mapped_column(String(60))
    given_name_kana: Mapped[str] = mapped_column(String(60))
    old_surname: Mapped[str | None] = mapped_column(String(40))
    old_surname_kana: Mapped[str | None] = mapped_column(String(60))
    birth_date: Mapped[date] = mapped_column(TolerantDate)
    sex: Mapped[str] = mapped_column(String(6))
    honseki: Mapped[str | None] = mapped_column(String(200))
    hittosha: Mapped[str | None] = mapped_column(String(80))
    became_resident_on: Mapped[date | None] = mapped_column(TolerantDate)
    address_since: Mapped[date | None] = mapped_column(TolerantDate)
    notified_on: Mapped[date | None] = mapped_column(TolerantDate)
    previous_address: Mapped[str | None] = mapped_column(String(200))
    last_change_reason: Mapped[str | None] = mapped_column(String(20))
    last_change_on: Mapped[date | None] = mapped_column(TolerantDate)
    status: Mapped[str] = mapped_column(String(16), default="resident")
    voter_registered: Mapped[bool] = mapped_column(Boolean, default=False)
    contact_phone: Mapped[str | None] = mapped_column(String(20))
    nationality: Mapped[str | None] = mapped_column(String(40))
    residence_status: Mapped[str | None] = mapped_column(String(40))
    residence_card_number: Mapped[str | None] = mapped_column(String(12))
    period_of_stay_until: Mapped[date | None] = mapped_column(TolerantDate)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)
    # Search keys (counter_app.search.keys): kept in step with the name by whoever writes it.
    name_key: Mapped[str] = mapped_column(String(80), default="", server_default="")
    given_name_key: Mapped[str] = mapped_column(String(40), default="", server_default="")
    kana_key: Mapped[str] = mapped_column(String(120), default="", server_default="")
    given_kana_key: Mapped[str] = mapped_column(String(60), default="", server_default="")
    phone_key: Mapped[str | None] = mapped_column(String(20))

    household: Mapped[Household] = relationship(back_populates="members")

    @property
    def name_kanji(self) -> str:
        return f"{self.surname_kanji}\u3000{self.given_name_kanji}"

    @property
    def name_kana(self) -> str:
        return f"{self.surname_kana}\u3000{self.given_name_kana}"

    @property
    def is_head(self) -> bool:
        return self.relationship_to_head == "世帯主"


class ResidentMyNumber(Base):
    """個人番号, kept apart from the other items so every read of it is deliberate, and
    sealed with the key file (`security.my_numbers`): the database never holds it in clear."""

    __tablename__ = "resident_my_numbers"

    resident_id: Mapped[int] = mapped_column(
        ForeignKey("residents.id", ondelete="CASCADE"), primary_key=True
    )
    sealed: Mapped[str] = mapped_column(Text)  # KeyRing token: key id, AES-GCM of the number
