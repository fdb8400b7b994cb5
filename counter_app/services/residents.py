"""The resident record: who may open it, what it holds, and the audit trail of every look.

    record = app.residents.open_record(actor, resident_id, purpose="転入届の受付")
    number = app.residents.reveal_my_number(actor, resident_id, purpose="国民健康保険の加入")

Privacy rules (issue 3):

- Every opened record writes `resident.view` (user, terminal, time, purpose or visit).
- The My Number leaves the service masked (`********1234`). `reveal_my_number` needs
  SHOW_MY_NUMBER and a purpose, logged as `resident.my_number_shown`. Window clerks hold
  that permission on purpose: the one-stop window takes in 個人番号利用事務 (国保, 年金,
  児童手当, 児童扶養手当, 介護) for the departments, so a clerk may show the number, but
  only for a stated purpose that lands in the audit log; the screen offers those 事務 as
  the purposes.
- A record under an active 支援措置 raises SUPPORT_MEASURE_BLOCKED (the attempt is logged
  as `resident.view_blocked`) unless the same user holds an unused authorisation. A
  supervisor (OVERRIDE_SUPPORT_MEASURE) authorises with a reason:
  `resident.support_measure_authorised` in the audit log. The authorisation lives there,
  in the database, not in memory: it is valid for SUPPORT_OVERRIDE_MINUTES, for that
  user and that resident only, and the first `resident.view` after it uses it up. While
  it is fresh the same user may also reveal that record's My Number.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import (
    AuditEntry,
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
    ResidentMyNumber,
    SchoolEnrollment,
    SealRegistration,
    SingleParentMedical,
    SupportMeasure,
    TaxStatus,
)
from ..db.models.base import utcnow
from ..errors import CounterAppError, ErrorCode
from ..permissions import Actor, Permission, require
from ..records import (
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
    PensionView,
    Person,
    ResidentRecord,
    SchoolView,
    SealView,
    TaxView,
)
from ..records.ages import age_on, wareki
from ..records.notices import NoticeSubject, notices_for
from . import audit

SUPPORT_OVERRIDE_MINUTES = 10

VIEW = "resident.view"
VIEW_BLOCKED = "resident.view_blocked"
MY_NUMBER_SHOWN = "resident.my_number_shown"
MY_NUMBER_BLOCKED = "resident.my_number_blocked"
SUPPORT_MEASURE_AUTHORISED = "resident.support_measure_authorised"
SUBJECT = "resident"


def mask_my_number(number: str) -> str:
    """`********1234`: only the last four digits."""
    return "*" * (len(number) - 4) + number[-4:]


class ResidentService:
    def __init__(
        self,
        db: Database,
        today: Callable[[], date] = date.today,
        now: Callable[[], datetime] = utcnow,
    ) -> None:
        self._db = db
        self._today = today
        self._now = now

    # --- opening a record -------------------------------------------------------------

    def open_record(
        self,
        actor: Actor,
        resident_id: int,
        purpose: str | None = None,
        visit: str | None = None,
        *,
        on: date | None = None,
    ) -> ResidentRecord:
        """The whole record of one resident, notices computed on `on` (default today).

        Raises RESIDENT_NOT_FOUND, PERMISSION_DENIED, or SUPPORT_MEASURE_BLOCKED (logged)."""
        require(actor, Permission.VIEW_RESIDENTS)
        today = on or self._today()
        purpose = (purpose or "").strip() or None
        blocked = False
        with self._db.write() as session:
            resident = _resident(session, resident_id)
            authorisation = None
            protected = _protected(session, resident_id, self._today())
            if protected:
                audit.lock_chain(session)
                authorisation = self._authorisation(session, actor, resident_id, unused=True)
                blocked = authorisation is None
            if blocked:
                audit.append(
                    session,
                    actor,
                    VIEW_BLOCKED,
                    subject_type=SUBJECT,
                    subject_id=resident_id,
                    purpose=purpose,
                    detail={"visit": visit, "reason": "support_measure"},
                )
            else:
                record = _build_record(session, resident, today, protected)
                detail: dict[str, object] = {"visit": visit}
                if authorisation is not None:
                    detail["authorisation"] = authorisation.id
                entry = audit.append(
                    session,
                    actor,
                    VIEW,
                    subject_type=SUBJECT,
                    subject_id=resident_id,
                    purpose=purpose,
                    detail=detail,
                )
                entry_id = entry.id
        if blocked:
            raise CounterAppError(ErrorCode.SUPPORT_MEASURE_BLOCKED, resident_id=resident_id)
        return _with_entry(record, entry_id)

    def is_protected(self, actor: Actor, resident_id: int) -> bool:
        """Whether an active support measure covers the resident (no record content)."""
        require(actor, Permission.VIEW_RESIDENTS)
        with self._db.read() as session:
            _resident(session, resident_id)
            return _protected(session, resident_id, self._today())

    # --- My Number --------------------------------------------------------------------

    def reveal_my_number(self, actor: Actor, resident_id: int, purpose: str) -> str:
        """The full My Number, for a stated purpose that goes into the audit log."""
        require(actor, Permission.SHOW_MY_NUMBER)
        purpose = (purpose or "").strip()
        if not purpose:
            raise CounterAppError(ErrorCode.PURPOSE_REQUIRED)
        blocked = False
        with self._db.write() as session:
            _resident(session, resident_id)
            if _protected(session, resident_id, self._today()):
                blocked = self._authorisation(session, actor, resident_id, unused=False) is None
            if blocked:
                audit.append(
                    session,
                    actor,
                    MY_NUMBER_BLOCKED,
                    subject_type=SUBJECT,
                    subject_id=resident_id,
                    purpose=purpose,
                    detail={"reason": "support_measure"},
                )
            else:
                row = session.get(ResidentMyNumber, resident_id)
                if row is None:
                    raise CounterAppError(ErrorCode.MY_NUMBER_NOT_RECORDED)
                number = row.my_number
                audit.append(
                    session,
                    actor,
                    MY_NUMBER_SHOWN,
                    subject_type=SUBJECT,
                    subject_id=resident_id,
                    purpose=purpose,
                )
        if blocked:
            raise CounterAppError(ErrorCode.SUPPORT_MEASURE_BLOCKED, resident_id=resident_id)
        return number

    # --- support measures -------------------------------------------------------------

    def authorise_support_measure(self, actor: Actor, resident_id: int, reason: str) -> datetime:
        """Let `actor` (a supervisor) open this protected record once within
        SUPPORT_OVERRIDE_MINUTES; returns until when (UTC). Logged with the reason."""
        require(actor, Permission.OVERRIDE_SUPPORT_MEASURE)
        reason = (reason or "").strip()
        if not reason:
            raise CounterAppError(ErrorCode.REASON_REQUIRED)
        with self._db.write() as session:
            _resident(session, resident_id)
            entry = audit.append(
                session,
                actor,
                SUPPORT_MEASURE_AUTHORISED,
                subject_type=SUBJECT,
                subject_id=resident_id,
                purpose=reason,
                detail={"minutes": SUPPORT_OVERRIDE_MINUTES},
            )
            at = entry.at
        return at + timedelta(minutes=SUPPORT_OVERRIDE_MINUTES)

    def _authorisation(
        self, session: Session, actor: Actor, resident_id: int, *, unused: bool
    ) -> AuditEntry | None:
        """The actor's latest fresh authorisation for this resident (unused, if asked)."""
        since = self._now() - timedelta(minutes=SUPPORT_OVERRIDE_MINUTES)
        mine = (
            AuditEntry.subject_type == SUBJECT,
            AuditEntry.subject_id == str(resident_id),
            AuditEntry.user_id == actor.user_id,
            AuditEntry.login == actor.login,
        )
        entry = session.scalars(
            select(AuditEntry)
            .where(*mine, AuditEntry.action == SUPPORT_MEASURE_AUTHORISED)
            .order_by(AuditEntry.id.desc())
            .limit(1)
        ).first()
        if entry is None or entry.at < since:
            return None
        if unused:
            used = session.scalar(
                select(AuditEntry.id)
                .where(*mine, AuditEntry.action == VIEW, AuditEntry.id > entry.id)
                .limit(1)
            )
            if used is not None:
                return None
        return entry


# --- loading ----------------------------------------------------------------------------


def _resident(session: Session, resident_id: int) -> Resident:
    resident = session.get(Resident, resident_id)
    if resident is None:
        raise CounterAppError(ErrorCode.RESIDENT_NOT_FOUND, resident_id=resident_id)
    return resident


def _protected(session: Session, resident_id: int, today: date) -> bool:
    measures = session.scalars(
        select(SupportMeasure).where(SupportMeasure.resident_id == resident_id)
    )
    return any(measure.active_on(today) for measure in measures)


def _with_entry(record: ResidentRecord, entry_id: int) -> ResidentRecord:
    return replace(record, audit_entry_id=entry_id)


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


def _build_record(
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
    masked = session.scalar(
        select(ResidentMyNumber.my_number).where(ResidentMyNumber.resident_id == resident.id)
    )

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
        masked_my_number=mask_my_number(masked) if masked else None,
        notices=notices_for(subjects, today, allowance_children),
        reference_date=today,
        protected=protected,
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
