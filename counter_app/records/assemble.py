"""Assemble a resident's whole record from the register and every department's tables.

Only plain dataclasses of counter_app.records leave this module; no ORM row does. Every
stored item goes through `_item`: one that could not be read becomes UNREADABLE (and was
logged once when its row loaded), text has its control characters made visible.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields, is_dataclass
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
from ..db.models.base import Base, unreadable_columns
from ..db.tolerant import UNREADABLE, Unreadable
from ..safe_text import make_visible
from ..security.my_numbers import load_my_numbers
from ..visits import OPEN_STATUSES, VisitStatus
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
from .model import StoredDate
from .notices import NoticeSubject, notices_for


def mask_my_number(number: str) -> str:
    """`********1234`: only the last four digits."""
    return "*" * (len(number) - 4) + number[-4:]


def _item(row: Base, key: str):
    """An item of a loaded row as the record shows it: UNREADABLE if it could not be read,
    text with its control characters made visible."""
    if key in unreadable_columns(row):
        return UNREADABLE
    value = getattr(row, key)
    return make_visible(value) if isinstance(value, str) else value


def _name(person: Resident) -> str:
    """氏名 as registered, control characters visible (U+FFFD where bytes were lost)."""
    return make_visible(person.name_kanji)


def _kana(person: Resident) -> str:
    return make_visible(person.name_kana)


def _unreadable_in(value: object) -> int:
    """How many UNREADABLE items a part of the record holds."""
    if value is UNREADABLE:
        return 1
    if is_dataclass(value):
        return sum(_unreadable_in(getattr(value, item.name)) for item in fields(value))
    if isinstance(value, tuple):
        return sum(_unreadable_in(item) for item in value)
    return 0


def _birth_items(birth: StoredDate, today: date) -> tuple[str, int | None]:
    """(和暦, age) of a birth date; nothing for one that could not be read."""
    if not isinstance(birth, date):
        return "", None
    return wareki(birth), age_on(birth, today)


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
            name=_name(m),
            birth_date=_item(m, "birth_date"),
            departments=departments[m.id],
            period_of_stay_until=_item(m, "period_of_stay_until"),
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
    household_view = HouseholdView(
        household_no=_item(household, "household_no"),
        postal_code=_item(household, "postal_code"),
        address=_item(household, "address"),
        katagaki=_item(household, "katagaki"),
        school_district=_item(household, "school_district"),
        members=tuple(_member(m, m.id == resident.id, today) for m in members),
    )
    person = _person(resident, today)
    visits = _past_visits(session, [m.id for m in members])
    shown = (person, household_view, departments[resident.id], visits)
    return ResidentRecord(
        person=person,
        address=household_view.address,
        katagaki=household_view.katagaki,
        household=household_view,
        departments=departments[resident.id],
        masked_my_number=mask_my_number(my_number) if my_number else None,
        my_number_unreadable=resident.id in my_numbers.unreadable,
        notices=notices_for(subjects, today, allowance_children),
        reference_date=today,
        protected=protected,
        visits=visits,
        unreadable=_unreadable_in(shown),
    )


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
        counts[visit_id][1] += status in OPEN_STATUSES
    return tuple(
        PastVisit(
            _item(v, "visit_number"),
            _item(v, "business_day"),
            _item(v, "event_type"),
            _visit_status(_item(v, "status")),
            *counts[v.id],
        )
        for v in visits
    )


def _visit_status(value: object) -> VisitStatus | Unreadable:
    try:
        return VisitStatus(value)
    except ValueError:  # UNREADABLE, or a status this version does not know
        return UNREADABLE


def _member(m: Resident, is_self: bool, today: date) -> HouseholdMember:
    birth = _item(m, "birth_date")
    birth_wareki, age = _birth_items(birth, today)
    return HouseholdMember(
        resident_id=m.id,
        name=_name(m),
        kana=_kana(m),
        relationship=_item(m, "relationship_to_head"),
        birth_date=birth,
        birth_wareki=birth_wareki,
        age=age,
        sex=_item(m, "sex"),
        is_self=is_self,
    )


def _person(r: Resident, today: date) -> Person:
    foreign = None
    items = ("nationality", "residence_status", "residence_card_number", "period_of_stay_until")
    if any(getattr(r, item) for item in items) or unreadable_columns(r) & set(items):
        foreign = ForeignResidentItems(*(_item(r, item) for item in items))
    birth = _item(r, "birth_date")
    birth_wareki, age = _birth_items(birth, today)
    return Person(
        resident_id=r.id,
        atena_no=_item(r, "atena_no"),
        juminhyo_code=_item(r, "juminhyo_code"),
        name=_name(r),
        kana=_kana(r),
        surname=_item(r, "surname_kanji"),
        given_name=_item(r, "given_name_kanji"),
        old_surname=_item(r, "old_surname"),
        old_surname_kana=_item(r, "old_surname_kana"),
        birth_date=birth,
        birth_wareki=birth_wareki,
        age=age,
        sex=_item(r, "sex"),
        relationship=_item(r, "relationship_to_head"),
        honseki=_item(r, "honseki"),
        hittosha=_item(r, "hittosha"),
        became_resident_on=_item(r, "became_resident_on"),
        address_since=_item(r, "address_since"),
        notified_on=_item(r, "notified_on"),
        previous_address=_item(r, "previous_address"),
        last_change_reason=_item(r, "last_change_reason"),
        last_change_on=_item(r, "last_change_on"),
        status=_item(r, "status"),
        voter_registered=r.voter_registered,
        contact_phone=_item(r, "contact_phone"),
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
        return _name(people[resident_id])

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
                _item(n, "symbol_number"),
                _item(n, "branch_number"),
                _item(n, "acquired_on"),
                _item(n, "lost_on"),
                name_of(n.nhi_head_id),
                n.pseudo_head,
                n.elderly_recipient_ratio,
            ),
            kouki=None
            if k is None
            else KoukiView(
                k.enrolled,
                _item(k, "insured_number"),
                _item(k, "acquired_on"),
                k.burden_ratio,
                k.disability_certified,
            ),
            ltc=None
            if lt is None
            else LtcView(
                lt.category,
                _item(lt, "insured_number"),
                lt.certified,
                _item(lt, "care_level"),
                _item(lt, "cert_valid_until"),
                lt.premium_collection,
            ),
            pension=None
            if p is None
            else PensionView(
                p.category,
                _item(p, "basic_pension_no"),
                p.mynumber_linked,
                p.receiving,
                p.basic_only,
            ),
            child_allowance=None
            if a is None
            else ChildAllowanceView(
                _item(a, "recipient_number"),
                _item(a, "started_on"),
                tuple(
                    _allowance_child(people[child], today)
                    for child in sorted(allowance_children.get(rid, []))
                    if child in people
                ),
            ),
            child_allowance_paid_to=name_of(paid_to.get(rid)),
            child_medical=None
            if cm is None
            else ChildMedicalView(
                _item(cm, "certificate_number"),
                name_of(cm.guardian_id),
                _item(cm, "insurance_kind"),
                _item(cm, "valid_until"),
            ),
            child_support_certificate=_item(child_support[rid], "certificate_number")
            if rid in child_support
            else None,
            single_parent_medical_certificate=_item(single_parent[rid], "certificate_number")
            if rid in single_parent
            else None,
            school=None
            if sc is None
            else SchoolView(sc.school_type, _item(sc, "school_name"), _item(sc, "grade")),
            seal=None
            if se is None or se.abolished_on is not None  # an abolished registration is none
            else SealView(_item(se, "registration_number"), _item(se, "registered_on")),
            mynumber_card=None
            if cd is None
            else MyNumberCardView(
                _item(cd, "valid_until"),
                cd.has_signature_cert,
                cd.has_user_cert,
                _item(cd, "certs_valid_until"),
            ),
            disability_handbooks=tuple(
                DisabilityHandbookView(
                    b.handbook_type, _item(b, "grade"), _item(b, "handbook_number")
                )
                for b in handbooks.get(rid, [])
            ),
            tax=None if tx is None else TaxView(tx.property_taxpayer, tx.light_vehicle_owner),
        )
    return result


def _allowance_child(child: Resident, today: date) -> AllowanceChild:
    birth = _item(child, "birth_date")
    return AllowanceChild(child.id, _name(child), birth, _birth_items(birth, today)[1])
