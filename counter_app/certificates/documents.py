"""What a certificate says, item by item, from the records (the renderer only lays it out).

Only what the request asked for is written: the fixed items of the kind, then each
chosen option. A 住民票 without the 個人番号 option never reads the My Number at all.
Dates are in 和暦, as on every certificate.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import Household, Resident, SealRegistration, TaxAssessment
from ..search.wareki import format_wareki
from ..security.my_numbers import load_my_number
from .model import (
    CertificateDocument,
    CertificateItem,
    CertificateKind,
    CertificateSource,
    DocumentSection,
    Scope,
)

REMOVED = "removed"  # residents.status of a struck-off resident (消除): only a 除票 remains
OPTION_ORDER = ("head", "relationship", "honseki", "juminhyo_code", "my_number", "previous_address")


def shown_residents(session: Session, subject: Resident, item: CertificateItem) -> list[Resident]:
    """The people a certificate shows: the whole household (世帯全員), or the subject and
    the chosen members (世帯一部), in the household's order."""
    if item.scope is Scope.HOUSEHOLD:
        return household_members(session, subject.household_id)
    if not item.members:
        return [subject]
    wanted = {subject.atena_no, *item.members}
    return [r for r in household_members(session, subject.household_id) if r.atena_no in wanted]


def household_members(session: Session, household_id: int) -> list[Resident]:
    return list(
        session.scalars(
            select(Resident)
            .where(Resident.household_id == household_id, Resident.status != REMOVED)
            .order_by(Resident.id)
        )
    )


def build_document(
    session: Session,
    kind: CertificateKind,
    item: CertificateItem,
    subject: Resident,
    *,
    issue_number: str,
    issued_on: date,
    municipality: str,
) -> CertificateDocument:
    household = session.get(Household, subject.household_id)
    assert household is not None
    address = _address(household)
    if kind.source in (CertificateSource.RESIDENCE, CertificateSource.RESIDENCE_ITEMS):
        people = shown_residents(session, subject, item)
        head = _head(session, subject.household_id)
        sections = tuple(
            _person_section(session, person, item, address, head, kind.source) for person in people
        )
    elif kind.source is CertificateSource.REMOVED:
        head = _head(session, subject.household_id)
        section = _person_section(session, subject, item, address, head, kind.source)
        removal = (
            ("消除事由", subject.last_change_reason or ""),
            ("消除日", _wareki(subject.last_change_on)),
        )
        sections = (DocumentSection(section.heading, section.rows + removal),)
    elif kind.source is CertificateSource.SEAL:
        sections = (_seal_section(session, subject, address),)
    else:
        sections = (_tax_section(session, kind, item, subject, address),)
    document = CertificateDocument(
        issue_number=issue_number,
        verification="",
        kind_id=kind.id,
        title=kind.title,
        attestation=kind.attestation,
        issued_on=issued_on,
        municipality=municipality,
        sections=sections,
    )
    return with_verification(document)


def canonical(document: CertificateDocument) -> str:
    """The document as one JSON text: what the digest covers and what is stored sealed."""
    data = asdict(document)
    data["issued_on"] = document.issued_on.isoformat()
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def from_canonical(text: str) -> CertificateDocument:
    data = json.loads(text)
    sections = tuple(
        DocumentSection(s["heading"], tuple(tuple(row) for row in s["rows"]))  # type: ignore[misc]
        for s in data["sections"]
    )
    return CertificateDocument(
        issue_number=data["issue_number"],
        verification=data["verification"],
        kind_id=data["kind_id"],
        title=data["title"],
        attestation=data["attestation"],
        issued_on=date.fromisoformat(data["issued_on"]),
        municipality=data["municipality"],
        sections=sections,
        notes=tuple(data["notes"]),
    )


def content_digest(document: CertificateDocument) -> str:
    """SHA-256 over the canonical content, the verification itself left out."""
    unverified = CertificateDocument(**{**document.__dict__, "verification": ""})
    return hashlib.sha256(canonical(unverified).encode("utf-8")).hexdigest()


def with_verification(document: CertificateDocument) -> CertificateDocument:
    digest = content_digest(document)
    return CertificateDocument(
        **{**document.__dict__, "verification": f"{document.issue_number}.{digest[:8]}"}
    )


# --- sections ---------------------------------------------------------------------------


def _person_section(
    session: Session,
    person: Resident,
    item: CertificateItem,
    address: str,
    head: Resident | None,
    source: CertificateSource,
) -> DocumentSection:
    rows: list[tuple[str, str]] = [
        ("氏名", person.name_kanji),
        ("生年月日", _wareki(person.birth_date)),
        ("性別", person.sex),
        ("住所", address),
    ]
    if source is not CertificateSource.RESIDENCE_ITEMS:
        rows += [
            ("住民となった年月日", _wareki(person.became_resident_on)),
            ("住所を定めた年月日", _wareki(person.address_since)),
        ]
    for option in OPTION_ORDER:
        if option in item.options:
            rows += _option_rows(session, option, person, head)
    return DocumentSection(person.name_kanji, tuple(rows))


def _option_rows(
    session: Session, option: str, person: Resident, head: Resident | None
) -> list[tuple[str, str]]:
    if option == "head":
        return [("世帯主", head.name_kanji if head is not None else "")]
    if option == "relationship":
        return [("続柄", person.relationship_to_head)]
    if option == "honseki":
        return [("本籍", person.honseki or ""), ("筆頭者", person.hittosha or "")]
    if option == "juminhyo_code":
        return [("住民票コード", person.juminhyo_code or "")]
    if option == "my_number":
        return [("個人番号", load_my_number(session, person.id) or "")]
    if option == "previous_address":
        return [("前住所", person.previous_address or "")]
    raise ValueError(option)


def _seal_section(session: Session, subject: Resident, address: str) -> DocumentSection:
    seal = session.get(SealRegistration, subject.id)
    assert seal is not None  # the rules refused the request otherwise
    rows = (
        ("氏名", subject.name_kanji),
        ("生年月日", _wareki(subject.birth_date)),
        ("性別", subject.sex),
        ("住所", address),
        ("登録番号", seal.registration_number),
        ("登録年月日", _wareki(seal.registered_on)),
    )
    return DocumentSection(subject.name_kanji, rows)


def _tax_section(
    session: Session,
    kind: CertificateKind,
    item: CertificateItem,
    subject: Resident,
    address: str,
) -> DocumentSection:
    tax = session.get(TaxAssessment, (subject.id, item.fiscal_year))
    assert tax is not None  # the rules refused the request otherwise
    rows: list[tuple[str, str]] = [
        ("氏名", subject.name_kanji),
        ("住所", address),
        ("年度", f"{item.fiscal_year}年度（{_era_year(item.fiscal_year)}）"),
    ]
    if kind.source is CertificateSource.TAX_INCOME:
        rows += [
            ("所得の年", f"{item.fiscal_year - 1}年（{_era_year(item.fiscal_year - 1)}）分"),
            ("総所得金額", yen(tax.income_yen)),
            ("課税標準額", yen(tax.taxable_income_yen)),
            ("市民税額", yen(tax.municipal_tax_yen)),
            ("県民税額", yen(tax.prefectural_tax_yen)),
            ("税額合計", yen(tax.assessed_yen)),
        ]
    else:
        rows += [
            ("税目", "市県民税"),
            ("税額", yen(tax.assessed_yen)),
            ("納付済額", yen(tax.paid_yen)),
            ("未納額", yen(tax.assessed_yen - tax.paid_yen)),
        ]
    return DocumentSection(subject.name_kanji, tuple(rows))


def yen(amount: int) -> str:
    return f"{amount:,}円"


def _address(household: Household) -> str:
    return (
        f"{household.address}\u3000{household.katagaki}"
        if household.katagaki
        else household.address
    )


def _head(session: Session, household_id: int) -> Resident | None:
    return next((r for r in household_members(session, household_id) if r.is_head), None)


def _wareki(day: date | None) -> str:
    return format_wareki(day) if day is not None else ""


def _era_year(year: int) -> str:
    """令和8年度 style: the era year of 1 April of the fiscal year."""
    text = format_wareki(date(year, 4, 1))
    return text[: text.index("年") + 1]
