"""The certificate desk's vocabulary (証明書交付・手数料・日計): kinds a city edits, the
request (交付請求), the payment, what a certificate prints, and the day's close.

Plain data only: the rules live in `rules.py`, the desk's unit of work in `service.py`,
the PDF in `printing/certificates.py`, the 領収書 bytes in `station/fee_receipts.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

# 金種表: the notes and coins a window counts at the day's close, largest first.
DENOMINATIONS: tuple[int, ...] = (10000, 5000, 2000, 1000, 500, 100, 50, 10, 5, 1)


class RequesterKind(StrEnum):
    """Who asks (住民基本台帳法 第12条・第12条の3)."""

    SELF = "self"  # 本人
    HOUSEHOLD = "household"  # 同一世帯の者
    AGENT = "agent"  # 代理人 (with a 委任状)
    THIRD_PARTY = "third_party"  # 第三者 (with a purpose: 正当な理由)


class Scope(StrEnum):
    PERSON = "person"  # the subject alone (or the chosen members: 世帯一部)
    HOUSEHOLD = "household"  # 世帯全員


class CertificateSource(StrEnum):
    """Which record a kind certifies."""

    RESIDENCE = "residence"  # 住民票の写し
    RESIDENCE_ITEMS = "residence_items"  # 住民票記載事項証明書
    REMOVED = "removed"  # 除票の写し (a resident struck off: moved out or died)
    SEAL = "seal"  # 印鑑登録証明書
    TAX_INCOME = "tax_income"  # 所得・課税証明書 (by 年度)
    TAX_PAYMENT = "tax_payment"  # 納税証明書 (by 年度)


class PaymentMethod(StrEnum):
    CASH = "cash"
    CASHLESS = "cashless"  # the payment terminal's method is recorded with it
    EXEMPT = "exempt"  # 減免 (免除): nothing to pay


@dataclass(frozen=True)
class CertificateOption:
    """An item a 住民票 shows only when asked (本籍・筆頭者, 続柄, 世帯主, 住民票コード,
    個人番号, 前住所), and who may ask for it."""

    id: str
    name: str
    name_en: str
    allowed_for: frozenset[RequesterKind]


@dataclass(frozen=True)
class CertificateKind:
    id: str
    name: str  # 住民票の写し
    name_en: str
    source: CertificateSource
    title: str  # printed at the top: 住民票の写し, 印鑑登録証明書 …
    attestation: str  # 認証文: この写しは、住民票の原本と相違ないことを証明する。
    fee_yen: int  # per copy
    scopes: tuple[Scope, ...]
    options: tuple[CertificateOption, ...]
    # Who may ask, and what each must show beyond an identity document:
    allowed_for: frozenset[RequesterKind]
    mandate_for: frozenset[RequesterKind]  # a 委任状 is required (agents)
    purpose_for: frozenset[RequesterKind]  # a stated purpose is required (third parties)
    by_fiscal_year: bool = False  # 年度 chosen (tax certificates)
    needs_seal_card: bool = False  # the 印鑑登録証 number must match the registration

    def option(self, option_id: str) -> CertificateOption:
        for option in self.options:
            if option.id == option_id:
                return option
        raise KeyError(option_id)


@dataclass(frozen=True)
class NamedChoice:
    """A 減免 reason or an identity document kind: an id and its words."""

    id: str
    name: str
    name_en: str


@dataclass(frozen=True)
class CertificateCatalog:
    """resources/catalog/certificates.yaml, checked by `counter-app catalog check`."""

    kinds: tuple[CertificateKind, ...]
    exemptions: tuple[NamedChoice, ...]  # 減免 reasons: 公用, 生活保護 …
    identity_documents: tuple[NamedChoice, ...]  # マイナンバーカード, 運転免許証 …

    def kind(self, kind_id: str) -> CertificateKind:
        for kind in self.kinds:
            if kind.id == kind_id:
                return kind
        raise KeyError(kind_id)

    def exemption(self, exemption_id: str) -> NamedChoice:
        for exemption in self.exemptions:
            if exemption.id == exemption_id:
                return exemption
        raise KeyError(exemption_id)


@dataclass(frozen=True)
class Requester:
    """Who stands at the window. The identity document's kind is recorded, never a copy
    of it; `name` is empty for the person themself (the record names them)."""

    kind: RequesterKind
    identity_document: str  # a CertificateCatalog.identity_documents id
    name: str = ""
    has_mandate: bool = False  # 委任状 shown (agents)
    purpose: str = ""  # 請求の事由 (third parties; any requester may state one)


@dataclass(frozen=True)
class CertificateItem:
    """One line of a request: a kind, for whom, with which options, how many copies."""

    kind_id: str
    copies: int = 1
    scope: Scope = Scope.PERSON
    options: frozenset[str] = frozenset()
    # 世帯一部: the household members (atena numbers) besides the subject; empty = the
    # subject alone (PERSON) or everyone (HOUSEHOLD).
    members: tuple[str, ...] = ()
    fiscal_year: int | None = None  # 年度 (tax certificates)
    seal_card_number: str | None = None  # the 印鑑登録証 shown (seal certificates)


@dataclass(frozen=True)
class CertificateRequest:
    """A 交付請求 about one resident (the subject), by atena number."""

    subject: str  # 宛名番号 of the person the certificates are about
    requester: Requester
    items: tuple[CertificateItem, ...]
    exemption_id: str | None = None  # 減免 reason: every line is then free
    ticket_id: int | None = None  # the ticket being served, when there is one
    visit_number: str | None = None  # a life-event visit the certificates join


@dataclass(frozen=True)
class PaymentInput:
    """How the fee is paid: cash with the amount received, a cashless payment already
    approved by the terminal (its reference), or nothing (減免)."""

    method: PaymentMethod
    received_yen: int | None = None  # cash
    cashless_method: str | None = None  # e.g. "credit", "qr", "ic" as the terminal says
    cashless_reference: str | None = None  # the terminal's transaction id


@dataclass(frozen=True)
class FeeLine:
    kind_id: str
    name: str
    copies: int
    unit_yen: int
    amount_yen: int  # 0 when exempt


@dataclass(frozen=True)
class Quote:
    lines: tuple[FeeLine, ...]
    total_yen: int
    exemption_id: str | None = None


@dataclass(frozen=True)
class DocumentSection:
    """A block of a certificate: a heading (a person's name, 世帯主 …) and its rows."""

    heading: str
    rows: tuple[tuple[str, str], ...]  # (label, value), exactly the items asked for


@dataclass(frozen=True)
class CertificateDocument:
    """What one copy of a certificate prints, worded by the core: nothing the request did
    not ask for is in it (a 住民票 without 個人番号 holds no My Number anywhere)."""

    issue_number: str  # 発行番号, unique, printed on every page
    verification: str  # the barcode's payload: issue number and content digest
    kind_id: str
    title: str
    attestation: str
    issued_on: date
    municipality: str
    sections: tuple[DocumentSection, ...]
    notes: tuple[str, ...] = ()  # e.g. 「以下余白」 is the renderer's; notes are the record's


@dataclass(frozen=True)
class IssuedCertificate:
    issue_number: str
    kind_id: str
    document: CertificateDocument


@dataclass(frozen=True)
class PaymentInfo:
    """One payment at the desk (a 領収書): never a resident's name."""

    id: int
    receipt_number: str
    business_day: date
    window: int | None
    terminal: str
    lines: tuple[FeeLine, ...]
    total_yen: int
    method: PaymentMethod
    received_yen: int | None
    change_yen: int | None
    cashless_method: str | None
    exemption_id: str | None
    paid_at: datetime
    clerk: str  # login of the clerk
    voided: bool = False
    void_reason: str | None = None


@dataclass(frozen=True)
class Issuance:
    payment: PaymentInfo
    certificates: tuple[IssuedCertificate, ...]
    receipt_job_id: int | None = None  # the 領収書's print job, when one was queued


@dataclass(frozen=True)
class FeeKindTotal:
    kind_id: str
    name: str
    copies: int
    amount_yen: int  # paid (exempt lines count copies, 0 yen)
    exempt_copies: int


@dataclass(frozen=True)
class CashCount:
    """A 金種表: how many of each denomination the window holds, and against what."""

    business_day: date
    window: int | None
    counts: dict[int, int]  # denomination → pieces
    counted_yen: int
    expected_yen: int  # the day's cash takings (voids removed)
    difference_yen: int  # counted − expected (過不足)
    counted_by: str
    counted_at: datetime
    signed_off_by: str | None = None
    signed_off_at: datetime | None = None


@dataclass(frozen=True)
class DayReport:
    """日計: per window and per fee kind, counts and amounts, the voids and the count."""

    business_day: date
    window: int | None  # None: every window
    kinds: tuple[FeeKindTotal, ...]
    payments: int
    voided: int
    cash_yen: int
    cashless_yen: int
    total_yen: int
    cash_counts: tuple[CashCount, ...] = field(default=())
