"""The guide's household from the database: each member as a PersonRecord in exactly the
shape a scenario file writes persons (shared/domain/residents-schema.md without the
`resident.` prefix), so the engine cannot tell a scenario from the register.

- A department section appears only where the department has a record; its booleans
  are the record's own. `pension.category` and `ltc.category` are ints (1, 2, 3) or
  "none"; `school.type` national is reported as private (the catalog's values);
  references to other persons (`health_insurance.insured_via` …) are atena numbers.
- The My Number is included (forms of 個人番号利用事務 need it): whoever calls this
  reads it and must log that (GuideService does, in `guide.household_opened`).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import (
    ChildAllowance,
    ChildAllowanceChild,
    ChildMedical,
    ChildSupport,
    DisabilityHandbook,
    HealthCover,
    Household,
    KoukiRecord,
    LtcRecord,
    MyNumberCard,
    NhiRecord,
    PensionRecord,
    Resident,
    SchoolEnrollment,
    SealRegistration,
    SingleParentMedical,
    TaxStatus,
)
from ..errors import CounterAppError, ErrorCode
from ..security.my_numbers import load_my_numbers
from .inputs import HouseholdInput, PersonRecord

# Register items written and read as they are (record path == column name).
PLAIN_RESIDENT_ITEMS = (
    "old_surname",
    "old_surname_kana",
    "honseki",
    "hittosha",
    "became_resident_on",
    "address_since",
    "notified_on",
    "previous_address",
    "last_change_reason",
    "last_change_on",
    "contact_phone",
    "nationality",
    "residence_status",
    "residence_card_number",
    "period_of_stay_until",
)


def household_input(
    session: Session, resident_id: int, *, with_my_numbers: bool = False
) -> HouseholdInput:
    """The resident's own household (世帯), every member with their records; My Numbers
    only when asked (the guide does not need them; forms that print them do)."""
    household, members = household_members(session, resident_id)
    return _input(session, household, members, with_my_numbers)


def household_input_at_address(
    session: Session, resident_id: int, *, with_my_numbers: bool = False
) -> HouseholdInput:
    """The resident's household, then the members of every other household at the same
    address (same address and 方書): what a marriage with 世帯合併 works on. The
    household number is the resident's own; each person carries its `household_no`."""
    household, members = household_members(session, resident_id, at_address=True)
    return _input(session, household, members, with_my_numbers)


def household_members(
    session: Session, resident_id: int, *, at_address: bool = False
) -> tuple[Household, list[Resident]]:
    """The resident's household and its members (with `at_address`, also the members of
    the other households at the same address and 方書, after the resident's own)."""
    _, household = _resident_and_household(session, resident_id)
    households = [household]
    if at_address:
        households += [
            h
            for h in session.scalars(
                select(Household)
                .where(Household.address_key == household.address_key, Household.id != household.id)
                .order_by(Household.household_no, Household.id)
            )
            if h.address == household.address
            and (h.katagaki or None) == (household.katagaki or None)
        ]
    return household, _members(session, [h.id for h in households])


def my_numbers_of(session: Session, members: list[Resident]) -> dict[str, str]:
    """atena_no → My Number of these residents: the one deliberate read, for a caller that
    logs why. A number whose sealed value does not open is left out (and logged by
    `load_my_numbers`): its box stays empty for the window to ask, the rest still print."""
    atena = {m.id: m.atena_no for m in members}
    numbers = load_my_numbers(session, atena)
    return {atena[resident_id]: number for resident_id, number in numbers.opened.items()}


def _resident_and_household(session: Session, resident_id: int) -> tuple[Resident, Household]:
    resident = session.get(Resident, resident_id)
    if resident is None:
        raise CounterAppError(ErrorCode.RESIDENT_NOT_FOUND, resident_id=resident_id)
    household = session.get(Household, resident.household_id)
    assert household is not None
    return resident, household


def _members(session: Session, household_ids: list[int]) -> list[Resident]:
    order = {hid: i for i, hid in enumerate(household_ids)}
    found = session.scalars(
        select(Resident).where(Resident.household_id.in_(household_ids)).order_by(Resident.id)
    )
    return sorted(found, key=lambda r: order[r.household_id])


def _input(
    session: Session, household: Household, members: list[Resident], with_my_numbers: bool
) -> HouseholdInput:
    return HouseholdInput(
        household_no=household.household_no,
        address=household.address,
        katagaki=household.katagaki,
        members=tuple(person_records(session, members, with_my_numbers=with_my_numbers)),
    )


def _by_resident(session: Session, model, ids: Iterable[int]) -> dict[int, object]:
    return {
        row.resident_id: row
        for row in session.scalars(select(model).where(model.resident_id.in_(list(ids))))
    }


def _category(value: str | None) -> object:
    """The value as the scenario files write it: "1" → 1, "none" stays, "" is no value."""
    if not value:
        return None
    return int(value) if value.isdigit() else value


def _number_or_text(value: str | None) -> object:
    if value is None or value == "":
        return None
    return int(value) if value.isdigit() else value


def _set(target: dict, key: str, value: object) -> None:
    if value is not None and value != "":
        target[key] = value


def person_records(
    session: Session, residents: list[Resident], *, with_my_numbers: bool = False
) -> list[PersonRecord]:
    """The residents as PersonRecords, department records read in one query per table.
    My Numbers are read only when asked, by a caller that logs why."""
    ids = [r.id for r in residents]
    if not ids:
        return []
    household_nos = dict(
        session.execute(
            select(Household.id, Household.household_no).where(
                Household.id.in_({r.household_id for r in residents})
            )
        ).all()
    )
    my_numbers = my_numbers_of(session, residents) if with_my_numbers else {}
    cover = _by_resident(session, HealthCover, ids)
    nhi = _by_resident(session, NhiRecord, ids)
    kouki = _by_resident(session, KoukiRecord, ids)
    ltc = _by_resident(session, LtcRecord, ids)
    pension = _by_resident(session, PensionRecord, ids)
    child_medical = _by_resident(session, ChildMedical, ids)
    child_support = _by_resident(session, ChildSupport, ids)
    single_parent = _by_resident(session, SingleParentMedical, ids)
    school = _by_resident(session, SchoolEnrollment, ids)
    seal = _by_resident(session, SealRegistration, ids)
    card = _by_resident(session, MyNumberCard, ids)
    tax = _by_resident(session, TaxStatus, ids)
    allowances = {
        a.recipient_id: a
        for a in session.scalars(select(ChildAllowance).where(ChildAllowance.recipient_id.in_(ids)))
    }
    allowance_children: dict[int, list[int]] = {}
    for link in session.scalars(
        select(ChildAllowanceChild)
        .where(ChildAllowanceChild.recipient_id.in_(list(allowances)))
        .order_by(ChildAllowanceChild.child_id)
    ):
        allowance_children.setdefault(link.recipient_id, []).append(link.child_id)
    handbooks: dict[int, DisabilityHandbook] = {}
    for book in session.scalars(
        select(DisabilityHandbook)
        .where(DisabilityHandbook.resident_id.in_(ids))
        .order_by(DisabilityHandbook.id)
    ):
        handbooks.setdefault(book.resident_id, book)

    referenced: set[int] = {r for children in allowance_children.values() for r in children}
    referenced.update(c.insured_via_id for c in cover.values() if c.insured_via_id)
    referenced.update(n.nhi_head_id for n in nhi.values() if n.nhi_head_id)
    referenced.update(m.guardian_id for m in child_medical.values() if m.guardian_id)
    atena = {r.id: r.atena_no for r in residents}
    missing = referenced - set(atena)
    if missing:
        atena.update(
            session.execute(
                select(Resident.id, Resident.atena_no).where(Resident.id.in_(missing))
            ).all()
        )

    out = []
    for r in residents:
        rid = r.id
        data: dict = {
            "atena_no": r.atena_no,
            "household_no": household_nos[r.household_id],
            "name_kanji": r.name_kanji,
            "surname_kanji": r.surname_kanji,
            "given_name_kanji": r.given_name_kanji,
            "name_kana": r.name_kana,
            "birth_date": r.birth_date,
            "sex": r.sex,
            "relationship": r.relationship_to_head,
            "status": r.status,
            "voter_registered": r.voter_registered,
        }
        for item in ("juminhyo_code", *PLAIN_RESIDENT_ITEMS):
            _set(data, item, getattr(r, item))
        _set(data, "my_number", my_numbers.get(r.atena_no))
        if (c := cover.get(rid)) is not None:
            insurance: dict = {}
            _set(insurance, "kind", c.kind)
            if c.insured_via_id is not None:
                _set(insurance, "insured_via", atena.get(c.insured_via_id))
            if insurance:
                data["health_insurance"] = insurance
            if c.public_assistance:
                data["public_assistance"] = {"receiving": True}
        if (n := nhi.get(rid)) is not None:
            section = {"enrolled": n.enrolled, "pseudo_head": n.pseudo_head}
            _set(section, "symbol_number", n.symbol_number)
            _set(section, "branch_number", n.branch_number)
            _set(section, "acquired_on", n.acquired_on)
            _set(section, "lost_on", n.lost_on)
            if n.nhi_head_id is not None:
                _set(section, "nhi_head_atena_no", atena.get(n.nhi_head_id))
            _set(section, "elderly_recipient_ratio", n.elderly_recipient_ratio)
            data["nhi"] = section
        if (k := kouki.get(rid)) is not None:
            section = {
                "enrolled": k.enrolled,
                "acquired_on": k.acquired_on,
                "burden_ratio": k.burden_ratio,
                "disability_certified": k.disability_certified,
            }
            _set(section, "insured_number", k.insured_number)
            data["kouki"] = section
        if (lt := ltc.get(rid)) is not None:
            section = {"certified": lt.certified}
            _set(section, "category", _category(lt.category))
            _set(section, "insured_number", lt.insured_number)
            _set(section, "care_level", lt.care_level)
            _set(section, "cert_valid_until", lt.cert_valid_until)
            _set(section, "premium_collection", lt.premium_collection)
            data["ltc"] = section
        if (p := pension.get(rid)) is not None:
            section = {
                "mynumber_linked": p.mynumber_linked,
                "receiving": p.receiving,
                "basic_only": p.basic_only,
                "only_type1_periods": p.only_type1_periods,
            }
            _set(section, "category", _category(p.category))
            _set(section, "basic_pension_no", p.basic_pension_no)
            _set(section, "qualifying_months", p.qualifying_months)
            data["pension"] = section
        if (a := allowances.get(rid)) is not None:
            section = {"recipient": True, "started_on": a.started_on}
            _set(section, "recipient_number", a.recipient_number)
            children = [atena[c] for c in allowance_children.get(rid, []) if c in atena]
            if children:
                section["children"] = children
            data["child_allowance"] = section
        if (m := child_medical.get(rid)) is not None:
            section = {"holder": True}
            _set(section, "certificate_number", m.certificate_number)
            if m.guardian_id is not None:
                _set(section, "guardian_atena_no", atena.get(m.guardian_id))
            _set(section, "insurance_kind", m.insurance_kind)
            _set(section, "valid_until", m.valid_until)
            data["child_medical"] = section
        if (s := child_support.get(rid)) is not None:
            data["child_support"] = {"recipient": True}
            _set(data["child_support"], "certificate_number", s.certificate_number)
        if (s := single_parent.get(rid)) is not None:
            data["single_parent_medical"] = {"holder": True}
            _set(data["single_parent_medical"], "certificate_number", s.certificate_number)
        if (e := school.get(rid)) is not None:
            section = {"type": "private" if e.school_type == "national" else e.school_type}
            _set(section, "school_name", e.school_name)
            _set(section, "grade", _number_or_text(e.grade))
            data["school"] = section
        if (s := seal.get(rid)) is not None:
            data["seal"] = {"registered": True, "registered_on": s.registered_on}
            _set(data["seal"], "registration_number", s.registration_number)
        if (d := card.get(rid)) is not None:
            data["mynumber_card"] = {
                "has_card": True,
                "valid_until": d.valid_until,
                "has_signature_cert": d.has_signature_cert,
                "has_user_cert": d.has_user_cert,
            }
            _set(data["mynumber_card"], "certs_valid_until", d.certs_valid_until)
        if (b := handbooks.get(rid)) is not None:
            section = {"has_handbook": True}
            _set(section, "handbook_type", b.handbook_type)
            _set(section, "grade", _number_or_text(b.grade))
            _set(section, "handbook_number", b.handbook_number)
            data["disability"] = section
        if (t := tax.get(rid)) is not None:
            data["tax"] = {
                "property_taxpayer": t.property_taxpayer,
                "light_vehicle_owner": t.light_vehicle_owner,
            }
        out.append(PersonRecord(data))
    return out


def read_my_numbers(household: HouseholdInput) -> list[str]:
    """The atena numbers whose My Number the household carries (for the audit entry)."""
    return [m.atena_no for m in household.members if m.data.get("my_number")]


__all__ = [
    "household_input",
    "household_input_at_address",
    "person_records",
    "read_my_numbers",
]
