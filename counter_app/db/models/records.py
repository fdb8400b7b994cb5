"""Linked department records, one table per department system, keyed by the resident.

A row exists only where the department has a record; absence means "no record".
Paths in comments are those of shared/domain/residents-schema.md §4.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ..tolerant import TolerantDate
from .base import Base


def _resident_pk():
    return mapped_column(ForeignKey("residents.id", ondelete="CASCADE"), primary_key=True)


def _resident_ref():
    return mapped_column(ForeignKey("residents.id"))


class HealthCover(Base):
    """resident.health_insurance.*: which health cover the person has (summary)."""

    __tablename__ = "health_cover"

    resident_id: Mapped[int] = _resident_pk()
    # nhi | kouki | employer_insured | employer_dependent | public_assistance | none
    kind: Mapped[str] = mapped_column(String(24))
    insured_via_id: Mapped[int | None] = _resident_ref()
    public_assistance: Mapped[bool] = mapped_column(Boolean, default=False)


class NhiRecord(Base):
    """resident.nhi.*: 国民健康保険."""

    __tablename__ = "nhi_records"

    resident_id: Mapped[int] = _resident_pk()
    enrolled: Mapped[bool] = mapped_column(Boolean, default=True)
    symbol_number: Mapped[str] = mapped_column(String(20))
    branch_number: Mapped[str | None] = mapped_column(String(2))
    acquired_on: Mapped[date] = mapped_column(TolerantDate)
    lost_on: Mapped[date | None] = mapped_column(TolerantDate)
    nhi_head_id: Mapped[int | None] = _resident_ref()
    pseudo_head: Mapped[bool] = mapped_column(Boolean, default=False)
    elderly_recipient_ratio: Mapped[int | None] = mapped_column(Integer)


class KoukiRecord(Base):
    """resident.kouki.*: 後期高齢者医療."""

    __tablename__ = "kouki_records"

    resident_id: Mapped[int] = _resident_pk()
    enrolled: Mapped[bool] = mapped_column(Boolean, default=True)
    insured_number: Mapped[str] = mapped_column(String(8))
    acquired_on: Mapped[date] = mapped_column(TolerantDate)
    burden_ratio: Mapped[int] = mapped_column(Integer)
    disability_certified: Mapped[bool] = mapped_column(Boolean, default=False)


class LtcRecord(Base):
    """resident.ltc.*: 介護保険."""

    __tablename__ = "ltc_records"

    resident_id: Mapped[int] = _resident_pk()
    category: Mapped[str] = mapped_column(String(2))  # "1" (65+) | "2" (40–64)
    insured_number: Mapped[str | None] = mapped_column(String(10))
    certified: Mapped[bool] = mapped_column(Boolean, default=False)
    care_level: Mapped[str | None] = mapped_column(String(8))
    cert_valid_until: Mapped[date | None] = mapped_column(TolerantDate)
    premium_collection: Mapped[str | None] = mapped_column(String(10))  # special | ordinary


class PensionRecord(Base):
    """resident.pension.*: 国民年金."""

    __tablename__ = "pension_records"

    resident_id: Mapped[int] = _resident_pk()
    category: Mapped[str] = mapped_column(String(4))  # "1" | "2" | "3" | "none"
    basic_pension_no: Mapped[str | None] = mapped_column(String(11))
    mynumber_linked: Mapped[bool] = mapped_column(Boolean, default=True)
    receiving: Mapped[bool] = mapped_column(Boolean, default=False)
    basic_only: Mapped[bool] = mapped_column(Boolean, default=False)
    only_type1_periods: Mapped[bool] = mapped_column(Boolean, default=False)
    qualifying_months: Mapped[int | None] = mapped_column(Integer)


class ChildAllowance(Base):
    """resident.child_allowance.*: 児童手当, held by the recipient (usually a parent)."""

    __tablename__ = "child_allowances"

    recipient_id: Mapped[int] = _resident_pk()
    recipient_number: Mapped[str] = mapped_column(String(12))
    started_on: Mapped[date] = mapped_column(TolerantDate)


class ChildAllowanceChild(Base):
    """resident.child_allowance.children: the children a recipient is paid for."""

    __tablename__ = "child_allowance_children"
    __table_args__ = (Index("ix_child_allowance_children_child_id", "child_id"),)

    recipient_id: Mapped[int] = mapped_column(
        ForeignKey("child_allowances.recipient_id", ondelete="CASCADE"), primary_key=True
    )
    child_id: Mapped[int] = mapped_column(
        ForeignKey("residents.id", ondelete="CASCADE"), primary_key=True
    )


class ChildMedical(Base):
    """resident.child_medical.*: 子ども医療費助成, held by the child."""

    __tablename__ = "child_medical"

    resident_id: Mapped[int] = _resident_pk()
    certificate_number: Mapped[str] = mapped_column(String(12))
    guardian_id: Mapped[int | None] = _resident_ref()
    insurance_kind: Mapped[str | None] = mapped_column(String(24))
    valid_until: Mapped[date | None] = mapped_column(TolerantDate)


class ChildSupport(Base):
    """resident.child_support.*: 児童扶養手当."""

    __tablename__ = "child_support"

    resident_id: Mapped[int] = _resident_pk()
    certificate_number: Mapped[str] = mapped_column(String(12))


class SingleParentMedical(Base):
    """resident.single_parent_medical.*: ひとり親家庭等医療費助成."""

    __tablename__ = "single_parent_medical"

    resident_id: Mapped[int] = _resident_pk()
    certificate_number: Mapped[str] = mapped_column(String(12))


class SchoolEnrollment(Base):
    """resident.school.*: 学齢簿 (compulsory-age children)."""

    __tablename__ = "school_enrollments"

    resident_id: Mapped[int] = _resident_pk()
    school_type: Mapped[str] = mapped_column(String(12))  # public | private | national
    school_name: Mapped[str] = mapped_column(String(60))
    grade: Mapped[str] = mapped_column(String(8))


class SealRegistration(Base):
    """resident.seal.*: 印鑑登録."""

    __tablename__ = "seal_registrations"

    resident_id: Mapped[int] = _resident_pk()
    registration_number: Mapped[str] = mapped_column(String(12))
    registered_on: Mapped[date] = mapped_column(TolerantDate)
    # 廃止: the registration ended (the card returned or lost); no certificate after it.
    abolished_on: Mapped[date | None] = mapped_column(TolerantDate)


class MyNumberCard(Base):
    """resident.mynumber_card.*: マイナンバーカード and its electronic certificates."""

    __tablename__ = "mynumber_cards"

    resident_id: Mapped[int] = _resident_pk()
    valid_until: Mapped[date] = mapped_column(TolerantDate)
    has_signature_cert: Mapped[bool] = mapped_column(Boolean, default=True)
    has_user_cert: Mapped[bool] = mapped_column(Boolean, default=True)
    certs_valid_until: Mapped[date | None] = mapped_column(TolerantDate)


class DisabilityHandbook(Base):
    """resident.disability.*: 障害者手帳 (a person may hold more than one kind)."""

    __tablename__ = "disability_handbooks"
    __table_args__ = (Index("ix_disability_handbooks_resident_id", "resident_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id", ondelete="CASCADE"))
    handbook_type: Mapped[str] = mapped_column(String(12))  # physical | intellectual | mental
    grade: Mapped[str] = mapped_column(String(8))
    handbook_number: Mapped[str] = mapped_column(String(16))


class TaxStatus(Base):
    """resident.tax.*: 税務課 flags the window needs."""

    __tablename__ = "tax_status"

    resident_id: Mapped[int] = _resident_pk()
    property_taxpayer: Mapped[bool] = mapped_column(Boolean, default=False)
    light_vehicle_owner: Mapped[bool] = mapped_column(Boolean, default=False)


class TaxAssessment(Base):
    """税務課: one 年度's 住民税 assessment of a resident (所得・課税証明書, 納税証明書)."""

    __tablename__ = "tax_assessments"

    resident_id: Mapped[int] = _resident_pk()
    fiscal_year: Mapped[int] = mapped_column(Integer, primary_key=True)  # 年度
    income_yen: Mapped[int] = mapped_column(Integer)  # 総所得金額 (the previous year's)
    taxable_income_yen: Mapped[int] = mapped_column(Integer)  # 課税標準額
    municipal_tax_yen: Mapped[int] = mapped_column(Integer)  # 市民税
    prefectural_tax_yen: Mapped[int] = mapped_column(Integer)  # 県民税
    paid_yen: Mapped[int] = mapped_column(Integer)  # 納付済額

    @property
    def assessed_yen(self) -> int:
        return self.municipal_tax_yen + self.prefectural_tax_yen


class SupportMeasure(Base):
    """支援措置 (DV・ストーカー・児童虐待等): the record must not be shown to others."""

    __tablename__ = "support_measures"
    __table_args__ = (Index("ix_support_measures_resident_id", "resident_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))  # dv | stalking | abuse | other
    started_on: Mapped[date] = mapped_column(TolerantDate)
    ends_on: Mapped[date | None] = mapped_column(TolerantDate)

    def active_on(self, day: date) -> bool:
        """A date that could not be read (None on the loaded row) never lifts the measure:
        an unreadable start counts as started, an unreadable end as not yet reached."""
        started = self.started_on is None or self.started_on <= day
        return started and (self.ends_on is None or day <= self.ends_on)
