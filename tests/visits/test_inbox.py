"""The departments' inboxes: who sees and does what, claiming, 差戻し, decisions,
reassignment, the action log, and two claims at once."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from counter_app.app import CounterApp
from counter_app.db.models import ChangeRow
from counter_app.errors import CounterAppError, ErrorCode
from counter_app.permissions import Actor, RoleCode, console_actor
from counter_app.visits import ActionKind, ProcedureStatus, VisitInfo
from counter_app.visits.inbox import Assignee, InboxService
from counter_app.visits.service import VisitService
from tests import helpers
from tests.visits import NOW, login, sc01, services


@dataclass
class Office:
    app: CounterApp
    visits: VisitService
    inbox: InboxService
    visit: VisitInfo
    clerk: Actor
    kodomo1: Actor
    kodomo2: Actor
    kenko1: Actor
    supervisor: Actor

    def id(self, procedure_id: str) -> int:
        return self.visit.procedure(procedure_id).id

    def status(self, procedure_id: str) -> ProcedureStatus:
        return self.visits.visit(self.clerk, self.visit.visit_number).procedure(procedure_id).status


@pytest.fixture
def office(database_url) -> Iterator[Office]:
    app = helpers.open_app(database_url)
    clerk = login(app, "madoguchi", RoleCode.WINDOW_CLERK)
    visits, inbox = services(app)
    resident_id, case, result = sc01(app, clerk)
    visit = visits.create_visit(clerk, case, result.procedures, resident_id=resident_id)
    yield Office(
        app=app,
        visits=visits,
        inbox=inbox,
        visit=visit,
        clerk=clerk,
        kodomo1=login(app, "kodomo1", RoleCode.BACK_OFFICE, departments=("kodomo",)),
        kodomo2=login(app, "kodomo2", RoleCode.BACK_OFFICE, departments=("kodomo",)),
        kenko1=login(app, "kenko1", RoleCode.BACK_OFFICE, departments=("kenko",)),
        supervisor=login(app, "kanri", RoleCode.SUPERVISOR),
    )
    app.close()


def _code(call, *args) -> ErrorCode:
    with pytest.raises(CounterAppError) as raised:
        call(*args)
    return raised.value.code


def test_back_office_staff_see_only_their_departments_procedures(office):
    kodomo = office.inbox.inbox(office.kodomo1, "kodomo")
    assert [i.procedure.procedure_id for i in kodomo] == [
        "child_allowance_claim",
        "child_medical_subsidy",
    ]
    item = kodomo[0]
    assert item.visit_number == office.visit.visit_number
    assert item.resident_name == "佐藤 健太" and item.household_no == "H0001"
    assert item.event_type == "birth" and item.answers["child_allowance_claimant_id"] == "A0101"
    assert item.procedure.due_on == date(2026, 12, 15)
    assert [i.procedure.procedure_id for i in office.inbox.inbox(office.kenko1, "kenko")] == [
        "prenatal_support_2nd"
    ]
    # 健康推進課 can neither see nor claim 子育て支援課's.
    assert _code(office.inbox.inbox, office.kenko1, "kodomo") is ErrorCode.VISIT_OTHER_DEPARTMENT
    claim_id = office.id("child_allowance_claim")
    assert _code(office.inbox.claim, office.kenko1, claim_id) is ErrorCode.VISIT_OTHER_DEPARTMENT
    # A supervisor sees every department's.
    assert len(office.inbox.inbox(office.supervisor, "kodomo")) == 2
    assert len(office.inbox.inbox(office.supervisor, "kenko")) == 1


def test_the_inbox_filters_by_status_due_date_and_procedure(office):
    inbox, actor = office.inbox, office.kodomo1
    office.inbox.claim(actor, office.id("child_medical_subsidy"))
    ids = [i.procedure.procedure_id for i in inbox.inbox(actor, "kodomo", status="routed")]
    assert ids == ["child_allowance_claim"]
    claimed = inbox.inbox(actor, "kodomo", status=["claimed", "approved"])
    assert [i.procedure.holder_login for i in claimed] == ["kodomo1"]
    assert len(inbox.inbox(actor, "kodomo", due_before=date(2026, 12, 15))) == 2
    assert inbox.inbox(actor, "kodomo", due_before=date(2026, 12, 14)) == []
    only = inbox.inbox(actor, "kodomo", procedure_id="child_allowance_claim")
    assert [i.id for i in only] == [office.id("child_allowance_claim")]


def test_the_rows_a_change_names_are_read_alone_through_the_same_filters(office):
    inbox, actor = office.inbox, office.kodomo1
    allowance, medical = office.id("child_allowance_claim"), office.id("child_medical_subsidy")
    kenko_one = next(p.id for p in office.visit.procedures if p.department_id == "kenko")
    inbox.claim(actor, medical)
    read = inbox.inbox(actor, "kodomo", only={medical, kenko_one})
    assert [(i.id, i.procedure.holder_login) for i in read] == [(medical, "kodomo1")]
    assert [i.id for i in inbox.inbox(actor, "kodomo", only={allowance, medical})] == [
        allowance,
        medical,
    ]
    assert inbox.inbox(actor, "kodomo", status="routed", only={medical}) == []
    assert inbox.inbox(actor, "kodomo", only=()) == []


def test_a_clerk_can_neither_claim_nor_decide(office):
    claim_id = office.id("child_allowance_claim")
    clerk = office.clerk
    assert _code(office.inbox.inbox, clerk, "kodomo") is ErrorCode.PERMISSION_DENIED
    assert _code(office.inbox.claim, clerk, claim_id) is ErrorCode.PERMISSION_DENIED
    office.inbox.claim(office.kodomo1, claim_id)
    assert _code(office.inbox.approve, clerk, claim_id, "可") is ErrorCode.PERMISSION_DENIED
    assert _code(office.inbox.reject, clerk, claim_id, "否") is ErrorCode.PERMISSION_DENIED
    assert _code(office.inbox.return_to_window, clerk, claim_id, "?") is ErrorCode.PERMISSION_DENIED
    # A supervisor reassigns but does not decide either.
    sup = office.supervisor
    assert _code(office.inbox.approve, sup, claim_id, "可") is ErrorCode.PERMISSION_DENIED


def test_claim_first_then_only_the_holder_acts(office):
    inbox, claim_id = office.inbox, office.id("child_allowance_claim")
    assert _code(inbox.approve, office.kodomo1, claim_id, "可") is ErrorCode.VISIT_NOT_CLAIMED
    assert _code(inbox.return_to_window, office.kodomo1, claim_id, "?") is (
        ErrorCode.VISIT_NOT_CLAIMED
    )
    inbox.claim(office.kodomo1, claim_id)
    inbox.claim(office.kodomo1, claim_id)  # a double click changes nothing
    assert office.status("child_allowance_claim") is ProcedureStatus.CLAIMED
    assert _code(inbox.claim, office.kodomo2, claim_id) is ErrorCode.VISIT_ALREADY_CLAIMED
    assert _code(inbox.approve, office.kodomo2, claim_id, "可") is ErrorCode.VISIT_NOT_HOLDER
    assert _code(inbox.reject, office.kodomo2, claim_id, "否") is ErrorCode.VISIT_NOT_HOLDER
    assert _code(inbox.return_to_window, office.kodomo2, claim_id, "?") is (
        ErrorCode.VISIT_NOT_HOLDER
    )
    assert _code(inbox.release, office.kodomo2, claim_id) is ErrorCode.VISIT_NOT_HOLDER
    inbox.release(office.kodomo1, claim_id)
    assert office.status("child_allowance_claim") is ProcedureStatus.ROUTED
    inbox.claim(office.kodomo2, claim_id)
    assert _code(inbox.reject, office.kodomo2, claim_id, " ") is ErrorCode.VISIT_NOTE_REQUIRED
    inbox.reject(office.kodomo2, claim_id, "公務員のため所属庁で請求")
    after = office.visits.visit(office.clerk, office.visit.visit_number).procedure(
        "child_allowance_claim"
    )
    assert after.status is ProcedureStatus.REJECTED
    assert after.decision_note == "公務員のため所属庁で請求"
    assert _code(inbox.approve, office.kodomo2, claim_id, "可") is (ErrorCode.VISIT_PROCEDURE_STATE)
    assert _code(inbox.claim, office.kodomo1, claim_id) is ErrorCode.VISIT_PROCEDURE_STATE
    done_id = office.id("koseki_birth")  # completed at the window: in no inbox
    assert _code(inbox.claim, office.kodomo1, done_id) is ErrorCode.VISIT_OTHER_DEPARTMENT
    assert _code(inbox.claim, office.supervisor, done_id) is ErrorCode.PERMISSION_DENIED
    assert _code(inbox.claim, office.kodomo1, 999_999) is ErrorCode.VISIT_PROCEDURE_NOT_FOUND


def test_return_to_the_window_answer_then_approve(office):
    inbox, visits, claim_id = office.inbox, office.visits, office.id("child_medical_subsidy")
    inbox.claim(office.kodomo1, claim_id)
    assert _code(inbox.return_to_window, office.kodomo1, claim_id, "") is (
        ErrorCode.VISIT_QUESTION_REQUIRED
    )
    assert _code(visits.answer, office.clerk, claim_id, "はい") is (ErrorCode.VISIT_PROCEDURE_STATE)
    inbox.return_to_window(office.kodomo1, claim_id, "保険証の記号番号を確認してください")
    # The window sees the question and answers it.
    returned = visits.visit(office.clerk, office.visit.visit_number).procedure(
        "child_medical_subsidy"
    )
    assert returned.status is ProcedureStatus.RETURNED
    assert returned.question == "保険証の記号番号を確認してください"
    assert returned.holder_login == "kodomo1"
    assert _code(inbox.approve, office.kodomo1, claim_id, "可") is (ErrorCode.VISIT_PROCEDURE_STATE)
    assert _code(visits.answer, office.clerk, claim_id, " ") is ErrorCode.VISIT_ANSWER_REQUIRED
    assert _code(visits.answer, office.kodomo1, claim_id, "x") is ErrorCode.PERMISSION_DENIED
    answered = visits.answer(office.clerk, claim_id, "サ12-003456 です")
    assert answered.status is ProcedureStatus.ANSWERED and answered.answer == "サ12-003456 です"
    items = office.inbox.inbox(office.kodomo1, "kodomo", status="answered")
    assert [i.id for i in items] == [claim_id]
    inbox.approve(office.kodomo1, claim_id, "受給資格あり。医療証を郵送")
    assert office.status("child_medical_subsidy") is ProcedureStatus.APPROVED

    history = inbox.history(office.clerk, claim_id)
    assert [(a.action, a.login, a.role, a.reason) for a in history] == [
        (ActionKind.ROUTED, "madoguchi", "window_clerk", None),
        (ActionKind.CLAIMED, "kodomo1", "back_office", None),
        (ActionKind.RETURNED, "kodomo1", "back_office", "保険証の記号番号を確認してください"),
        (ActionKind.ANSWERED, "madoguchi", "window_clerk", "サ12-003456 です"),
        (ActionKind.APPROVED, "kodomo1", "back_office", "受給資格あり。医療証を郵送"),
    ]
    assert {(a.terminal, a.at) for a in history} == {(helpers.TERMINAL, NOW)}
    assert history[1].user_id is not None and history[0].user_id != history[1].user_id


def test_a_supervisor_reassigns(office):
    inbox, claim_id = office.inbox, office.id("child_allowance_claim")
    inbox.claim(office.kodomo1, claim_id)
    target = _user_id(office, "kodomo2")
    assert _code(inbox.reassign, office.kodomo1, claim_id, target) is (ErrorCode.PERMISSION_DENIED)
    kenko = _user_id(office, "kenko1")
    assert _code(inbox.reassign, office.supervisor, claim_id, kenko) is (
        ErrorCode.VISIT_ASSIGNEE_INVALID
    )
    inbox.reassign(office.supervisor, claim_id, target, "kodomo1 は休暇")
    assert _code(inbox.approve, office.kodomo1, claim_id, "可") is ErrorCode.VISIT_NOT_HOLDER
    inbox.approve(office.kodomo2, claim_id, "支給決定")
    last = inbox.history(office.clerk, claim_id)[-2:]
    assert [(a.action, a.login, a.role, a.reason) for a in last] == [
        (ActionKind.REASSIGNED, "kanri", "supervisor", "kodomo2: kodomo1 は休暇"),
        (ActionKind.APPROVED, "kodomo2", "back_office", "支給決定"),
    ]
    # An unclaimed one can be given out as well.
    other = office.id("child_medical_subsidy")
    inbox.reassign(office.supervisor, other, target)
    assert office.status("child_medical_subsidy") is ProcedureStatus.CLAIMED


def test_the_assignees_are_the_departments_active_back_office_staff(office):
    app = office.app
    helpers.add_user(
        app, "kodomo0", RoleCode.BACK_OFFICE, departments=("kodomo",), name="子育 花子"
    )
    helpers.add_user(app, "kodomo9", RoleCode.BACK_OFFICE, departments=("kodomo",))
    app.users.set_active(console_actor(helpers.TERMINAL), "kodomo9", False)
    helpers.add_user(app, "madoguchi2", RoleCode.WINDOW_CLERK, departments=("kodomo",))

    assert office.inbox.assignees(office.supervisor, "kodomo") == [
        Assignee(_user_id(office, "kodomo0"), "kodomo0", "子育 花子"),
        Assignee(_user_id(office, "kodomo1"), "kodomo1", "試験 太郎"),
        Assignee(_user_id(office, "kodomo2"), "kodomo2", "試験 太郎"),
    ]
    assert [a.login for a in office.inbox.assignees(office.supervisor, "kenko")] == ["kenko1"]
    # Only supervisors reassign, so only they ask.
    for actor in (office.kodomo1, office.clerk):
        assert _code(office.inbox.assignees, actor, "kodomo") is ErrorCode.PERMISSION_DENIED


def test_every_change_is_published_and_the_log_is_append_only(office):
    claim_id = office.id("prenatal_support_2nd")
    office.inbox.claim(office.kenko1, claim_id)
    with office.app.db.read() as session:
        rows = session.scalars(
            select(ChangeRow).where(
                ChangeRow.topic == "procedure", ChangeRow.entity_id == str(claim_id)
            )
        ).all()
    assert [(r.department_id, r.terminal) for r in rows] == [("kenko", helpers.TERMINAL)] * 2
    for statement in ("UPDATE procedure_actions SET reason = 'x'", "DELETE FROM procedure_actions"):
        with pytest.raises(DBAPIError, match="append-only"), office.app.engine.begin() as conn:
            conn.execute(text(statement))


def test_two_claims_at_once_leave_exactly_one_holder(office):
    app = office.app
    for procedure_id in ("child_allowance_claim", "child_medical_subsidy"):
        claim_id = office.id(procedure_id)
        start = threading.Barrier(2)
        won: list[str] = []
        lost: list[ErrorCode] = []

        def claim(actor: Actor, claim_id: int = claim_id, start=start, won=won, lost=lost):
            inbox = InboxService(app.db, app.catalog, now=lambda: NOW)
            start.wait()
            try:
                inbox.claim(actor, claim_id)
                won.append(actor.login)
            except CounterAppError as error:
                lost.append(error.code)

        threads = [
            threading.Thread(target=claim, args=(a,)) for a in (office.kodomo1, office.kodomo2)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert len(won) == 1 and lost == [ErrorCode.VISIT_ALREADY_CLAIMED], (won, lost)
        holder = office.visits.visit(office.clerk, office.visit.visit_number).procedure(
            procedure_id
        )
        assert holder.holder_login == won[0]
        claims = [
            a
            for a in office.inbox.history(office.clerk, claim_id)
            if a.action is ActionKind.CLAIMED
        ]
        assert [a.login for a in claims] == won


def _user_id(office: Office, login: str) -> int:
    from counter_app.db.models import StaffUser

    with office.app.db.read() as session:
        return session.scalar(select(StaffUser.id).where(StaffUser.login == login))
