"""Visits follow the records' rules (issue 12): every reader of a visit, by every kind
of staff; the departments read their own procedures only; a visit naming a resident
under a support measure needs the record's authorisation; every look is logged, even at a
number that does not exist."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from counter_app.app import CounterApp
from counter_app.db.models import AuditEntry, SupportMeasure
from counter_app.db.models.base import utcnow
from counter_app.errors import CounterAppError, ErrorCode
from counter_app.messages import message_for
from counter_app.permissions import Actor, RoleCode, console_actor
from counter_app.services.residents import SUPPORT_OVERRIDE_MINUTES, ResidentService
from counter_app.visits import ActionKind, ProcedureStatus, VisitInfo
from counter_app.visits.access import VISIT_READ, VISIT_READ_REFUSED
from counter_app.visits.forms import FORMS_VIEWED, VisitFormsService
from counter_app.visits.inbox import InboxService
from counter_app.visits.service import VisitService
from tests import helpers
from tests.visits import NOW, load_sc01, login, sc01_at_window, services

KODOMO = {"child_allowance_claim", "child_medical_subsidy"}
EVERY_PROCEDURE = KODOMO | {
    "koseki_birth",
    "nhi_join",
    "newborn_contact_card",
    "prenatal_support_2nd",
}
# SC01's answers: the ones only other departments' procedures read (出生届 filed elsewhere,
# the birth weight, the 妊婦支援給付), and the ones that serve 子育て支援課 (児童手当's
# claimant; the newborn's insurance, printed on the 子ども医療費 form) or the event itself.
NOT_FOR_KODOMO = {"birth_notice_already_filed", "birth_weight_g", "prenatal_support_2nd_done"}
FOR_KODOMO = {"child_allowance_claimant_id", "newborn_health_insurance", "mother_id"}
PROTECTED_TEXT = ("佐藤", "美咲", "健太", "本町", "H0001", "A0101", "A0102")


@dataclass
class Office:
    app: CounterApp
    visits: VisitService
    inbox: InboxService
    forms: VisitFormsService
    ids: dict[str, int]  # resident id by atena number
    clerk: Actor
    kodomo: Actor  # back office of 子育て支援課, which the visit has procedures for
    zeimu: Actor  # back office of 税務課, which it has none for
    boss: Actor
    boss2: Actor
    floor: Actor
    visit: VisitInfo | None = None

    def record(self, by: Actor) -> VisitInfo:
        """SC01 through the guide by `by`, its forms printed and kept with the visit."""
        resident_id, case, result = sc01_at_window(self.app, by)
        number = self.visits.reserve_number(by)
        bundle = self.app.guide.forms_bundle(by, resident_id, case, result.procedures, number)
        self.visit = self.visits.create_visit(
            by,
            case,
            result.procedures,
            resident_id=resident_id,
            visit_number=number,
            forms=bundle,
            forms_printed=True,
        )
        return self.visit

    def readers(self) -> dict[str, Callable[[Actor], object]]:
        """Every way to read the visit, by its number or by one of 子育て支援課's procedures."""
        number = self.visit.visit_number
        claim = self.visit.procedure("child_allowance_claim").id
        return {
            "visit": lambda a: self.visits.visit(a, number),
            "log": lambda a: self.visits.log(a, number),
            "forms": lambda a: self.forms.for_visit(a, number),
            "procedure forms": lambda a: self.forms.for_procedure(a, claim),
            "history": lambda a: self.inbox.history(a, claim),
        }

    def entries(self, action: str) -> list[AuditEntry]:
        with self.app.db.read() as session:
            return list(
                session.scalars(
                    select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)
                )
            )


@pytest.fixture
def office(database_url) -> Iterator[Office]:
    app = helpers.open_app(database_url)
    visits, inbox = services(app)
    office = Office(
        app=app,
        visits=visits,
        inbox=inbox,
        forms=VisitFormsService(app.db, app.catalog, now=lambda: NOW, residents=app.residents),
        ids=load_sc01(app),
        clerk=login(app, "madoguchi", RoleCode.WINDOW_CLERK),
        kodomo=login(app, "kodomo1", RoleCode.BACK_OFFICE, departments=("kodomo",)),
        zeimu=login(app, "zeimu1", RoleCode.BACK_OFFICE, departments=("zeimu",)),
        boss=login(app, "kanri", RoleCode.SUPERVISOR),
        boss2=login(app, "kanri2", RoleCode.SUPERVISOR),
        floor=login(app, "floor", RoleCode.FLOOR_MANAGER),
    )
    yield office
    app.close()


def refused(call: Callable[[], object]) -> ErrorCode:
    with pytest.raises(CounterAppError) as raised:
        call()
    return raised.value.code


def protect(office: Office, atena_no: str) -> None:
    with office.app.db.write() as session:
        session.add(
            SupportMeasure(resident_id=office.ids[atena_no], kind="dv", started_on=date(2020, 1, 1))
        )


def test_each_reader_by_each_kind_of_staff(office):
    office.record(office.clerk)
    readers = office.readers()
    kenko_claim = office.visit.procedure("prenatal_support_2nd").id
    before = len(office.entries(VISIT_READ) + office.entries(FORMS_VIEWED))

    # The window and supervisors: the whole visit.
    for actor in (office.clerk, office.boss):
        whole = readers["visit"](actor)
        assert {p.procedure_id for p in whole.procedures} == EVERY_PROCEDURE
        assert set(whole.answers) >= NOT_FOR_KODOMO | FOR_KODOMO
        assert set(whole.person_answers) == {"A0101", "A0102"}
        assert len(readers["forms"](actor).forms) == 6
        assert {a.visit_procedure_id for a in readers["log"](actor)} >= {
            p.id for p in whole.procedures
        }
        assert [a.action for a in readers["history"](actor)] == [ActionKind.ROUTED]
        assert readers["procedure forms"](actor).forms[0].form_id == "child_allowance_claim"

    # 子育て支援課: its two procedures, the answers serving them, their forms and log.
    mine = readers["visit"](office.kodomo)
    assert {p.procedure_id for p in mine.procedures} == KODOMO
    assert set(mine.answers) >= FOR_KODOMO
    assert not NOT_FOR_KODOMO & set(mine.answers)
    assert mine.person_answers == {"A0101": {"is_public_servant": False}}
    forms = readers["forms"](office.kodomo)
    assert {f.form_id for f in forms.forms} == {
        "child_allowance_claim",
        "child_medical_application",
    }
    mine_ids = {p.id for p in mine.procedures}
    log = readers["log"](office.kodomo)
    assert {a.visit_procedure_id for a in log} == mine_ids | {None}
    assert ActionKind.FORMS_PRINTED in {a.action for a in log}  # the visit's own entries
    assert [a.action for a in readers["history"](office.kodomo)] == [ActionKind.ROUTED]
    assert readers["procedure forms"](office.kodomo).forms[0].form_id == "child_allowance_claim"
    # …and nothing of 健康推進課's procedure.
    assert refused(lambda: office.inbox.history(office.kodomo, kenko_claim)) is (
        ErrorCode.VISIT_OTHER_DEPARTMENT
    )
    assert refused(lambda: office.forms.for_procedure(office.kodomo, kenko_claim)) is (
        ErrorCode.VISIT_OTHER_DEPARTMENT
    )

    # 税務課 has no procedure in it; the floor manager may not view residents at all.
    expected = {
        office.zeimu: {
            "visit": ErrorCode.VISIT_NOT_ROUTED,
            "log": ErrorCode.VISIT_NOT_ROUTED,
            "forms": ErrorCode.VISIT_NOT_ROUTED,
            "procedure forms": ErrorCode.VISIT_OTHER_DEPARTMENT,
            "history": ErrorCode.VISIT_OTHER_DEPARTMENT,
        },
        office.floor: dict.fromkeys(readers, ErrorCode.PERMISSION_DENIED),
    }
    for actor, codes in expected.items():
        assert {
            name: refused(lambda r=read, a=actor: r(a)) for name, read in readers.items()
        } == codes

    # Every look is logged: 2 × 5 whole, 5 + 2 refused for 子育て支援課, 5 + 5 refused.
    allowed = office.entries(VISIT_READ) + office.entries(FORMS_VIEWED)
    assert len(allowed) - before == 15
    refusals = office.entries(VISIT_READ_REFUSED)
    assert len(refusals) == 12
    by = {(r.login, json.loads(r.detail)["part"]): json.loads(r.detail) for r in refusals}
    assert by[("zeimu1", "visit")]["reason"] == "not_routed"
    assert by[("floor", "log")]["reason"] == "permission"
    assert {r.subject_id for r in refusals if r.login == "zeimu1"} == {office.visit.visit_number}

    # The inbox list: the department's rows, with the answers serving it.
    rows = office.inbox.inbox(office.kodomo, "kodomo")
    assert {r.procedure.procedure_id for r in rows} == KODOMO
    assert all(not NOT_FOR_KODOMO & set(r.answers) and not r.withheld for r in rows)
    assert set(office.inbox.inbox(office.boss, "kodomo")[0].answers) >= NOT_FOR_KODOMO
    assert refused(lambda: office.inbox.inbox(office.zeimu, "kodomo")) is (
        ErrorCode.VISIT_OTHER_DEPARTMENT
    )
    for actor in (office.clerk, office.floor):
        assert refused(lambda a=actor: office.inbox.inbox(a, "kodomo")) is (
            ErrorCode.PERMISSION_DENIED
        )


def test_a_visit_naming_a_protected_member_needs_the_records_authorisation(office):
    protect(office, "A0102")  # the mother: her husband's household is protected with her
    husband = office.ids["A0101"]
    office.app.residents.authorise_support_measure(office.boss, husband, "本人が来庁、確認済み")
    visit = office.record(office.boss)
    number = visit.visit_number
    readers = office.readers()

    # The supervisor who recorded it reads all of it within the authorisation.
    assert office.visits.visit(office.boss, number).protected == (husband,)
    for read in readers.values():
        assert read(office.boss) is not None

    # Nobody else does: not the clerk, nor the department, nor another supervisor.
    for actor in (office.clerk, office.kodomo, office.boss2):
        for name, read in readers.items():
            with pytest.raises(CounterAppError) as raised:
                read(actor)
            assert raised.value.code is ErrorCode.VISIT_PROTECTED, (actor.login, name)
            assert raised.value.params["residents"] == (husband,)
    # 税務課 and the floor manager are refused as before, learning nothing more.
    assert {name: refused(lambda r=read: r(office.zeimu)) for name, read in readers.items()} == {
        "visit": ErrorCode.VISIT_NOT_ROUTED,
        "log": ErrorCode.VISIT_NOT_ROUTED,
        "forms": ErrorCode.VISIT_NOT_ROUTED,
        "procedure forms": ErrorCode.VISIT_OTHER_DEPARTMENT,
        "history": ErrorCode.VISIT_OTHER_DEPARTMENT,
    }
    assert {refused(lambda r=read: r(office.floor)) for read in readers.values()} == {
        ErrorCode.PERMISSION_DENIED
    }

    # Each refusal is logged for the protected resident, as a refused record is.
    blocked = [e for e in office.entries("resident.view_blocked") if e.login == "madoguchi"]
    assert len(blocked) == len(readers)
    assert {e.subject_id for e in blocked} == {str(office.ids["A0102"])}
    assert {json.loads(e.detail)["visit"] for e in blocked} == {number}
    message = message_for(CounterAppError(ErrorCode.VISIT_PROTECTED, visit=number), "ja")
    assert number in message and "支援措置" in message

    # Nor can the window close it, answer on it or log a reprint without the authorisation.
    claim = visit.procedure("child_allowance_claim").id
    assert refused(lambda: office.visits.close(office.clerk, number)) is ErrorCode.VISIT_PROTECTED
    kept = office.forms.for_visit(office.boss, number)
    assert refused(lambda: office.forms.reprinted(office.clerk, kept)) is (
        ErrorCode.VISIT_PROTECTED
    )
    assert ActionKind.FORMS_REPRINTED not in {
        a.action for a in office.visits.log(office.boss, number)
    }
    office.inbox.claim(office.kodomo, claim)  # work goes on: claiming reads nothing
    office.inbox.return_to_window(office.kodomo, claim, "記号番号は?")
    assert refused(lambda: office.visits.answer(office.clerk, claim, "12")) is (
        ErrorCode.VISIT_PROTECTED
    )
    assert office.visits.visit(office.boss, number).procedure("child_allowance_claim").status is (
        ProcedureStatus.RETURNED
    )

    # The inbox still lists the work, but names nobody and says it is protected.
    for actor in (office.kodomo, office.boss2):
        rows = office.inbox.inbox(actor, "kodomo")
        assert {r.procedure.procedure_id for r in rows} == KODOMO
        assert all(r.withheld and r.protected == (husband,) for r in rows)
        assert not any(text in repr(rows) for text in PROTECTED_TEXT)
        assert not any(r.procedure.question for r in rows)
    assert not any(r.withheld for r in office.inbox.inbox(office.boss, "kodomo"))

    # A supervisor authorises the clerk and the department's staff member: they read it.
    for staff in ("madoguchi", "kodomo1"):
        office.app.residents.authorise_support_measure(
            office.boss, husband, "本人の申出により確認", for_login=staff
        )
    assert {p.procedure_id for p in office.visits.visit(office.clerk, number).procedures} == (
        EVERY_PROCEDURE
    )
    office.visits.answer(office.clerk, claim, "サ12-003456")
    assert len(office.forms.for_visit(office.clerk, number).forms) == 6
    rows = office.inbox.inbox(office.kodomo, "kodomo")
    assert all(not r.withheld and r.resident_name == "佐藤 健太" for r in rows)
    assert office.inbox.history(office.kodomo, claim)[-1].action is ActionKind.ANSWERED
    # …logged with the authorisation they read under.
    [grant, _kodomo_grant] = office.entries("resident.support_measure_authorised")[1:]
    [look] = [e for e in office.entries(VISIT_READ) if e.login == "madoguchi"]
    assert json.loads(look.detail)["authorisations"] == [grant.id]
    assert any(
        json.loads(e.detail)["part"] == "inbox"
        for e in office.entries(VISIT_READ)
        if e.login == "kodomo1"
    )
    # The grant is the clerk's, not the supervisor's who gave it, nor anyone else's.
    assert refused(lambda: office.visits.visit(office.boss2, number)) is ErrorCode.VISIT_PROTECTED

    # It lapses with the record's authorisation.
    later = ResidentService(
        office.app.db, now=lambda: utcnow() + timedelta(minutes=SUPPORT_OVERRIDE_MINUTES + 1)
    )
    lapsed = VisitService(office.app.db, office.app.catalog, residents=later)
    assert refused(lambda: lapsed.visit(office.clerk, number)) is ErrorCode.VISIT_PROTECTED


def test_an_authorisation_goes_to_active_staff_who_view_residents_only(office):
    protect(office, "A0102")
    wife = office.ids["A0102"]
    residents = office.app.residents
    helpers.add_user(office.app, "gone", RoleCode.WINDOW_CLERK)
    office.app.users.set_active(console_actor(helpers.TERMINAL), "gone", False)
    for login_ in ("nobody", "floor", "gone"):
        with pytest.raises(CounterAppError) as raised:
            residents.authorise_support_measure(office.boss, wife, "確認", for_login=login_)
        assert raised.value.code is ErrorCode.SUPPORT_MEASURE_GRANTEE_INVALID
    assert office.entries("resident.support_measure_authorised") == []
    with pytest.raises(CounterAppError) as clerk_grants:
        residents.authorise_support_measure(office.clerk, wife, "確認", for_login="kodomo1")
    assert clerk_grants.value.code is ErrorCode.PERMISSION_DENIED

    # Given to the clerk, it opens her record once for the clerk, as the supervisor's own.
    residents.authorise_support_measure(office.boss, wife, "本人確認済み", for_login="madoguchi")
    assert residents.open_record(office.clerk, wife).protected
    assert refused(lambda: residents.open_record(office.clerk, wife)) is (
        ErrorCode.SUPPORT_MEASURE_BLOCKED
    )
    assert refused(lambda: residents.open_record(office.boss, wife)) is (
        ErrorCode.SUPPORT_MEASURE_BLOCKED
    )


def test_probing_numbers_that_do_not_exist_leaves_a_trace(database_url):
    app = helpers.open_app(database_url)
    try:
        visits, inbox = services(app)
        clerk = login(app, "madoguchi", RoleCode.WINDOW_CLERK)
        typed = ["V-20261201-9999", "' OR 1=1 --", "Ｖ" * 100_000]
        for number in typed:
            with pytest.raises(CounterAppError) as raised:
                visits.visit(clerk, number)
            assert raised.value.code is ErrorCode.VISIT_NOT_FOUND
            assert len(message_for(raised.value, "ja")) < 200
        for procedure_id in (999_999, 2**40):
            with pytest.raises(CounterAppError) as raised:
                inbox.history(clerk, procedure_id)
            assert raised.value.code is ErrorCode.VISIT_PROCEDURE_NOT_FOUND
        with app.db.read() as session:
            probes = session.scalars(
                select(AuditEntry)
                .where(AuditEntry.action == VISIT_READ_REFUSED)
                .order_by(AuditEntry.id)
            ).all()
        assert [(p.login, p.terminal) for p in probes] == [("madoguchi", helpers.TERMINAL)] * 5
        assert [p.subject_id for p in probes[:2]] == typed[:2]
        assert probes[2].subject_id == "Ｖ" * 39 + "…"
        assert [p.subject_id for p in probes[3:]] == ["999999", str(2**40)]
        assert {json.loads(p.detail)["reason"] for p in probes} == {"not_found"}
    finally:
        app.close()
