"""The resident record as the screens see it: plain frozen dataclasses, no ORM rows.

`ResidentService.open_record` builds one `ResidentRecord`; everything in it is a copy, so
it can cross threads and outlive the database session. Codes (sex, health-cover kind,
pension category …) stay codes: the screens turn them into words.

A stored item that could not be read (a date column holding text, text that is not UTF-8)
is UNREADABLE (counter_app.db.tolerant) and the screens mark it as such; the other items
are shown as usual. Control and invisible format characters in stored text are made
visible (`<U+202E>`, counter_app.safe_text).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from ..db.tolerant import Unreadable
from ..visits import VisitStatus

StoredDate = date | Unreadable
StoredText = str | Unreadable


@dataclass(frozen=True)
class ForeignResidentItems:
    """住基法30条の45: items of a foreign resident."""

    nationality: StoredText | None
    residence_status: StoredText | None
    residence_card_number: StoredText | None
    period_of_stay_until: StoredDate | None


@dataclass(frozen=True)
class Person:
    resident_id: int
    atena_no: StoredText
    juminhyo_code: StoredText | None
    name: str  # 氏名, exactly as registered (surname, ideographic space, given name)
    kana: str
    surname: StoredText
    given_name: StoredText
    old_surname: StoredText | None
    old_surname_kana: StoredText | None
    birth_date: StoredDate
    birth_wareki: str  # empty when the birth date is unreadable
    age: int | None
    sex: StoredText
    relationship: StoredText  # 世帯主との続柄
    honseki: StoredText | None
    hittosha: StoredText | None
    became_resident_on: StoredDate | None
    address_since: StoredDate | None
    notified_on: StoredDate | None
    previous_address: StoredText | None
    last_change_reason: StoredText | None
    last_change_on: StoredDate | None
    status: StoredText
    voter_registered: bool
    contact_phone: StoredText | None
    foreign: ForeignResidentItems | None

    @property
    def is_head(self) -> bool:
        return self.relationship == "世帯主"


@dataclass(frozen=True)
class HouseholdMember:
    resident_id: int
    name: str
    kana: str
    relationship: StoredText
    birth_date: StoredDate
    birth_wareki: str
    age: int | None
    sex: StoredText
    is_self: bool


@dataclass(frozen=True)
class HouseholdView:
    household_no: StoredText
    postal_code: StoredText | None
    address: StoredText
    katagaki: StoredText | None
    school_district: StoredText | None
    members: tuple[HouseholdMember, ...]

    @property
    def head(self) -> HouseholdMember | None:
        return next((m for m in self.members if m.relationship == "世帯主"), None)


@dataclass(frozen=True)
class HealthCoverView:
    kind: str  # nhi | kouki | employer_insured | employer_dependent | public_assistance | none
    insured_via_name: str | None
    public_assistance: bool


@dataclass(frozen=True)
class NhiView:
    enrolled: bool
    symbol_number: StoredText
    branch_number: StoredText | None
    acquired_on: StoredDate
    lost_on: StoredDate | None
    nhi_head_name: str | None
    pseudo_head: bool
    elderly_recipient_ratio: int | None


@dataclass(frozen=True)
class KoukiView:
    enrolled: bool
    insured_number: StoredText
    acquired_on: StoredDate
    burden_ratio: int
    disability_certified: bool


@dataclass(frozen=True)
class LtcView:
    category: str  # "1" | "2"
    insured_number: StoredText | None
    certified: bool
    care_level: StoredText | None
    cert_valid_until: StoredDate | None
    premium_collection: str | None  # special | ordinary


@dataclass(frozen=True)
class PensionView:
    category: str  # "1" | "2" | "3" | "none"
    basic_pension_no: StoredText | None
    mynumber_linked: bool
    receiving: bool
    basic_only: bool


@dataclass(frozen=True)
class AllowanceChild:
    resident_id: int
    name: str
    birth_date: StoredDate
    age: int | None


@dataclass(frozen=True)
class ChildAllowanceView:
    """児童手当 paid to this person (the recipient)."""

    recipient_number: StoredText
    started_on: StoredDate
    children: tuple[AllowanceChild, ...]


@dataclass(frozen=True)
class ChildMedicalView:
    certificate_number: StoredText
    guardian_name: str | None
    insurance_kind: StoredText | None
    valid_until: StoredDate | None


@dataclass(frozen=True)
class SchoolView:
    school_type: str  # public | private | national
    school_name: StoredText
    grade: StoredText


@dataclass(frozen=True)
class SealView:
    registration_number: StoredText
    registered_on: StoredDate


@dataclass(frozen=True)
class MyNumberCardView:
    valid_until: StoredDate
    has_signature_cert: bool
    has_user_cert: bool
    certs_valid_until: StoredDate | None


@dataclass(frozen=True)
class DisabilityHandbookView:
    handbook_type: str  # physical | intellectual | mental
    grade: StoredText
    handbook_number: StoredText


@dataclass(frozen=True)
class TaxView:
    property_taxpayer: bool
    light_vehicle_owner: bool


@dataclass(frozen=True)
class DepartmentRecords:
    """Every linked department record of the person; None (or empty) where none exists."""

    health_cover: HealthCoverView | None = None
    nhi: NhiView | None = None
    kouki: KoukiView | None = None
    ltc: LtcView | None = None
    pension: PensionView | None = None
    child_allowance: ChildAllowanceView | None = None
    child_allowance_paid_to: str | None = None  # name of the recipient paid for this child
    child_medical: ChildMedicalView | None = None
    child_support_certificate: StoredText | None = None  # 児童扶養手当 証書番号
    single_parent_medical_certificate: StoredText | None = None  # ひとり親医療 受給者証番号
    school: SchoolView | None = None
    seal: SealView | None = None
    mynumber_card: MyNumberCardView | None = None
    disability_handbooks: tuple[DisabilityHandbookView, ...] = ()
    tax: TaxView | None = None


class NoticeKind(StrEnum):
    KOUKI_ENROLMENT = "kouki_enrolment"  # turns 75 → 後期高齢者医療
    LTC_FIRST_CATEGORY = "ltc_first_category"  # turns 65 → 介護保険第1号
    LTC_SECOND_CATEGORY = "ltc_second_category"  # turns 40 → 介護保険第2号
    SCHOOL_ENTRY = "school_entry"  # 小学校入学 next April → 学齢簿・就学通知
    PENSION_ENROLMENT = "pension_enrolment"  # turns 20 → 国民年金第1号
    MYNUMBER_CARD_EXPIRY = "mynumber_card_expiry"
    MYNUMBER_CERT_EXPIRY = "mynumber_cert_expiry"
    PERIOD_OF_STAY_EXPIRY = "period_of_stay_expiry"
    LTC_CERT_EXPIRY = "ltc_cert_expiry"
    CHILD_ALLOWANCE_END = "child_allowance_end"


@dataclass(frozen=True)
class Notice:
    """Something the records imply the household should do, with the reason in Japanese."""

    kind: NoticeKind
    resident_id: int
    name: str
    due_on: date
    reason: str


@dataclass(frozen=True)
class PastVisit:
    """A visit of the household at the window: when, for what, and how much is still open."""

    visit_number: str
    business_day: StoredDate
    event_type: str
    status: VisitStatus | Unreadable
    procedures: int
    pending: int  # procedures still with a department (routed, claimed, returned, answered)


@dataclass(frozen=True)
class ResidentRecord:
    person: Person
    address: StoredText
    katagaki: StoredText | None
    household: HouseholdView
    departments: DepartmentRecords
    masked_my_number: str | None  # "********1234"; None when none is recorded or unreadable
    notices: tuple[Notice, ...]
    reference_date: date
    protected: bool = False  # under a support measure, opened with a supervisor's authorisation
    visits: tuple[PastVisit, ...] = ()  # the household's visits, newest first
    my_number_unreadable: bool = False  # recorded, but its sealed value does not open
    audit_entry_id: int | None = field(default=None, compare=False)
    unreadable: int = 0  # how many of the items shown could not be read (each logged once)
