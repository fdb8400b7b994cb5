"""Assemble a resident's whole record from the register and every department's tables.

Only plain dataclasses of counter_app.records leave this module; no ORM row does.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

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
    Visit,
    VisitProcedure,
)
from ..security.my_numbers import load_my_numbers
from . import (
    AllowanceChild,
    ChildAllowanceView,
    ChildMedicalView,
    DepartmentRecords,
    DisabilityHandbookView,
    ForeignResidentItems,
    HealthCoverView,
    HouseholdMember,
    HouseholdView,
    KoukiView,
    LtcView,
    MyNumberCardView,
    NhiView,
    PastVisit,
    PensionView,
    Person,
    ResidentRecord,
    SchoolView,
    SealView,
    TaxView,
)
from .ages import age_on, wareki
from .notices import NoticeSubject, notices_for


def mask_my_number(number: str) -> str:
    """`********1234`: only the last four digits."""
    return "*" * (len(number) - 4) + number[-4:]


def _by_resident(session: Session, model, ids: Iterable[int]) -> dict[int, object]:
    ids = list(ids)
    return {
        row.resident_id: row
        for row in session.scalars(select(model).where(model.resident_id.in_(ids)))
    }


def _names(session: Session, ids: set[int]) -> dict[int, Resident]:
    if not ids:
        return {}
    return {r.id: r for r in session.scalars(select(Resident).where(Resident.id.in_(ids)))}


def build_record(
    session: Session, resident: Resident, today: date, protected: bool
) -> ResidentRecord:
    household = session.get(Household, resident.household_id)
    assert household is not None
    members = list(
        session.scalars(
            select(Resident).where(Resident.household_id == household.id).order_by(Resident.id)
        )
    )
    member_ids = [m.id for m in members]
    departments = _department_records(session, member_ids, today)
    my_numbers = load_my_numbers(session, [resident.id])  # masked below: never shown whole
    my_number = my_numbers.get(resident.id)

    subjects = [
        NoticeSubject(
            resident_id=m.id,
            name=m.name_kanji,
            birth_date=m.birth_date,
            departments=departments[m.id],
            period_of_stay_until=m.period_of_stay_until,
        )
        for m in members
    ]
    allowance_children = {
        m.id: [
            NoticeSubject(c.resident_id, c.name, c.birth_date, DepartmentRecords())
            for c in departments[m.id].child_allowance.children
        ]
        for m in members
        if departments[m.id].child_allowance is not None
    }
    return ResidentRecord(
        person=_person(resident, today),
        address=household.address,
        katagaki=household.katagaki,
        household=HouseholdView(
            household_no=household.household_no,
            postal_code=household.postal_code,
            address=household.address,
            katagaki=household.katagaki,
            school_district=household.school_district,
            members=tuple(
                HouseholdMember(
                    resident_id=m.id,
                    name=m.name_kanji,
                    kana=m.name_kana,
                    relationship=m.relationship_to_head,
                    birth_date=m.birth_date,
                    birth_wareki=wareki(m.birth_date),
                    age=age_on(m.birth_date, today),
                    sex=m.sex,
                    is_self=m.id == resident.id,
                )
                for m in members
            ),
        ),
        departments=departments[resident.id],
        masked_my_number=mask_my_number(my_number) if my_number else None,
        my_number_unreadable=resident.id in my_numbers.unreadable,
        notices=notices_for(subjects, today, allowance_children),
        reference_date=today,
        protected=protected,
        visits=_past_visits(session, [m.id for m in members]),
    )


_PENDING = ("routed", "claimed", "returned", "answered")


def _past_visits(session: Session, member_ids: list[int], limit: int = 20) -> tuple[PastVisit, ...]:
    """The household's visits, newest first, with how many procedures are still open."""
    visits = session.scalars(
        select(Visit)
        .where(Visit.resident_id.in_(member_ids))
        .order_by(Visit.created_at.desc(), Visit.id.desc())
        .limit(limit)
    ).all()
    if not visits:
        return ()
    counts: dict[int, list[int]] = {v.id: [0, 0] for v in visits}
    rows = session.execute(
        select(VisitProcedure.visit_id, VisitProcedure.status).where(
            VisitProcedure.visit_id.in_(counts)
        )
    )
    for visit_id, status in rows:
        counts[visit_id][0] += 1
        counts[visit_id][1] += status in _PENDING
    return tuple(
        PastVisit(v.visit_number, v.business_day, v.event_type, v.status, *counts[v.id])
        for v in visits
    )


def _person(r: Resident, today: date) -> Person:
    foreign = None
    if r.nationality or r.residence_status or r.residence_card_number or r.period_of_stay_until:
        foreign = ForeignResidentItems(
            nationality=r.nationality,
            residence_status=r.residence_status,
            residence_card_number=r.residence_card_number,
            period_of_stay_until=r.period_of_stay_until,
        )
    return Person(
        resident_id=r.id,
        atena_no=r.atena_no,
        juminhyo_code=r.juminhyo_code,
        name=r.name_kanji,
        kana=r.name_kana,
        surname=r.surname_kanji,
        given_name=r.given_name_kanji,
        old_surname=r.old_surname,
        old_surname_kana=r.old_surname_kana,
        birth_date=r.birth_date,
        birth_wareki=wareki(r.birth_date),
        age=age_on(r.birth_date, today),
        sex=r.sex,
        relationship=r.relationship_to_head,
        honseki=r.honseki,
        hittosha=r.hittosha,
        became_resident_on=r.became_resident_on,
        address_since=r.address_since,
        notified_on=r.notified_on,
        previous_address=r.previous_address,
        last_change_reason=r.last_change_reason,
        last_change_on=r.last_change_on,
        status=r.status,
        voter_registered=r.voter_registered,
        contact_phone=r.contact_phone,
        foreign=foreign,
    )


def _department_records(
    session: Session, ids: list[int], today: date
) -> dict[int, DepartmentRecords]:
    """The department records of every given resident, in one query per table."""
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
        select(ChildAllowanceChild).where(ChildAllowanceChild.recipient_id.in_(list(allowances)))
    ):
        allowance_children.setdefault(link.recipient_id, []).append(link.child_id)
    paid_to = {
        link.child_id: link.recipient_id
        for link in session.scalars(
            select(ChildAllowanceChild).where(ChildAllowanceChild.child_id.in_(ids))
        )
    }
    handbooks: dict[int, list[DisabilityHandbook]] = {}
    for book in session.scalars(
        select(DisabilityHandbook)
        .where(DisabilityHandbook.resident_id.in_(ids))
        .order_by(DisabilityHandbook.id)
    ):
        handbooks.setdefault(book.resident_id, []).append(book)

    wanted: set[int] = set(paid_to.values())
    for children in allowance_children.values():
        wanted.update(children)
    wanted.update(c.insured_via_id for c in cover.values() if c.insured_via_id)
    wanted.update(n.nhi_head_id for n in nhi.values() if n.nhi_head_id)
    wanted.update(m.guardian_id for m in child_medical.values() if m.guardian_id)
    people = _names(session, wanted)

    def name_of(resident_id: int | None) -> str | None:
        if resident_id is None or resident_id not in people:
            return None
        return people[resident_id].name_kanji

    result: dict[int, DepartmentRecords] = {}
    for rid in ids:
        c, n, k, lt, p = (
            cover.get(rid),
            nhi.get(rid),
            kouki.get(rid),
            ltc.get(rid),
            pension.get(rid),
        )
        cm, a, sc, se, cd, tx = (
            child_medical.get(rid),
            allowances.get(rid),
            school.get(rid),
            seal.get(rid),
            card.get(rid),
            tax.get(rid),
        )
        result[rid] = DepartmentRecords(
            health_cover=None
            if c is None
            else HealthCoverView(c.kind, name_of(c.insured_via_id), c.public_assistance),
            nhi=None
            if n is None
            else NhiView(
                n.enrolled,
                n.symbol_number,
                n.branch_number,
                n.acquired_on,
                n.lost_on,
                name_of(n.nhi_head_id),
                n.pseudo_head,
                n.elderly_recipient_ratio,
            ),
            kouki=None
            if k is None
            else KoukiView(
                k.enrolled, k.insured_number, k.acquired_on, k.burden_ratio, k.disability_certified
            ),
            ltc=None
            if lt is None
            else LtcView(
                lt.category,
                lt.insured_number,
                lt.certified,
                lt.care_level,
                lt.cert_valid_until,
                lt.premium_collection,
            ),
            pension=None
            if p is None
            else PensionView(
                p.category, p.basic_pension_no, p.mynumber_linked, p.receiving, p.basic_only
            ),
            child_allowance=None
            if a is None
            else ChildAllowanceView(
                a.recipient_number,
                a.started_on,
                tuple(
                    AllowanceChild(
                        child,
                        people[child].name_kanji,
                        people[child].birth_date,
                        age_on(people[child].birth_date, today),
                    )
                    for child in sorted(allowance_children.get(rid, []))
                    if child in people
                ),
            ),
            child_allowance_paid_to=name_of(paid_to.get(rid)),
            child_medical=None
            if cm is None
            else ChildMedicalView(
                cm.certificate_number, name_of(cm.guardian_id), cm.insurance_kind, cm.valid_until
            ),
            child_support_certificate=child_support[rid].certificate_number
            if rid in child_support
            else None,
            single_parent_medical_certificate=single_parent[rid].certificate_number
            if rid in single_parent
            else None,
            school=None if sc is None else SchoolView(sc.school_type, sc.school_name, sc.grade),
            seal=None if se is None else SealView(se.registration_number, se.registered_on),
            mynumber_card=None
            if cd is None
            else MyNumberCardView(
                cd.valid_until, cd.has_signature_cert, cd.has_user_cert, cd.certs_valid_until
            ),
            disability_handbooks=tuple(
                DisabilityHandbookView(b.handbook_type, b.grade, b.handbook_number)
                for b in handbooks.get(rid, [])
            ),
            tax=None if tx is None else TaxView(tx.property_taxpayer, tx.light_vehicle_owner),
        )
    return result
